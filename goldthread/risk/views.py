"""Pages for registers, the heat map, movements, exceptions, a risk and its forms."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from goldthread.core.forms import with_current_version
from goldthread.core.versioning import AlreadyExists, StaleVersion, parse_version
from goldthread.council import permissions as perms
from goldthread.council.models import Directorate, Service, User
from goldthread.council.selectors import current_council
from goldthread.domain import riskscore
from goldthread.domain.periods import PeriodError, parse_period
from goldthread.reports.documents import download_response

from . import selectors, services
from .forms import (
    ControlForm,
    LinkActionsForm,
    MoveForm,
    NewActionForm,
    ReasonForm,
    ReturnReviewForm,
    ReviewForm,
    RiskForm,
)
from .models import Category, Level, Register, Risk

FILTER_KEYS = ["status", "level", "category", "owner", "directorate", "band", "above_appetite"]


def _can_edit_register(user, register) -> bool:
    return perms.can_edit_directorate(user, register.owning_directorate)


def index(request):
    perms.require(perms.can_read, request.user)
    council = current_council()
    corporate = list(selectors.risks(council).filter(register__level=Level.CORPORATE, status=Risk.Status.OPEN))
    registers = Register.objects.filter(council=council).select_related("directorate", "service")
    return render(
        request,
        "risk/index.html",
        {
            "heat": selectors.heat_map(council, corporate),
            "corporate": corporate,
            "registers": registers,
            "overdue_count": len(selectors.overdue(council)),
            "above_count": len(selectors.above_appetite(council)),
            "can_administer": perms.can_administer(request.user),
            "awaiting": selectors.reviews_awaiting_approval(council) if perms.can_approve(request.user) else None,
            "example": any(r.is_example_score for r in corporate),
            "openable_directorates": [
                d
                for d in Directorate.objects.filter(council=council, risk_register=None)
                if perms.can_edit_directorate(request.user, d)
            ],
            "openable_services": [
                s
                for s in Service.objects.filter(directorate__council=council, risk_register=None).select_related(
                    "directorate"
                )
                if perms.can_edit_directorate(request.user, s.directorate)
            ],
        },
    )


def _filter_context(request, council, rows):
    params = {k: request.GET.get(k, "") for k in FILTER_KEYS}
    params["status"] = params["status"] or "open"
    return {
        "params": params,
        "categories": Category.objects.filter(council=council),
        "owners": User.objects.filter(owned_risks__register__council=council).distinct(),
        "directorates": Directorate.objects.filter(council=council),
        "bands": selectors.BAND_ORDER,
        "levels": Level.choices,
        "rows": rows,
        "status_choices": [("open", "Open"), ("closed", "Closed"), ("all", "Open and closed")],
    }


def register(request, pk: int):
    perms.require(perms.can_read, request.user)
    council = current_council()
    reg = get_object_or_404(Register.objects.select_related("directorate", "service"), pk=pk, council=council)
    params = {k: request.GET.get(k, "") for k in FILTER_KEYS}
    rows = selectors.filter_risks(selectors.risks(council).filter(register=reg), params)
    context = _filter_context(request, council, rows)
    context |= {
        "register": reg,
        "heat": selectors.heat_map(council, [r for r in rows if r.status == Risk.Status.OPEN]),
        "can_add": _can_edit_register(request.user, reg),
    }
    return render(request, "risk/register.html", context)


def all_risks(request):
    perms.require(perms.can_read, request.user)
    council = current_council()
    params = {k: request.GET.get(k, "") for k in FILTER_KEYS}
    rows = selectors.filter_risks(selectors.risks(council), params)
    return render(request, "risk/all_risks.html", _filter_context(request, council, rows))


def movements(request):
    perms.require(perms.can_read, request.user)
    council = current_council()
    period = selectors.latest_review_period(council)
    if request.GET.get("period"):
        try:
            period = parse_period(request.GET["period"])
        except PeriodError as exc:
            messages.error(request, f"Period: {exc}")
    level = request.GET.get("level", Level.CORPORATE)
    rows = selectors.movements(council, period, level or None) if period else []
    return render(
        request,
        "risk/movements.html",
        {"period": period, "rows": rows, "level": level, "levels": Level.choices},
    )


def exceptions(request):
    perms.require(perms.can_read, request.user)
    council = current_council()
    return render(
        request,
        "risk/exceptions.html",
        {"above": selectors.above_appetite(council), "overdue": selectors.overdue(council), "today": date.today()},
    )


# --- one risk -------------------------------------------------------------------------------


def _risk(request, reference: str) -> Risk:
    perms.require(perms.can_read, request.user)
    return get_object_or_404(selectors.risks(current_council()), reference=reference)


def risk(request, reference: str):
    item = _risk(request, reference)
    history = selectors.score_history(item)
    sees_unapproved = perms.can_see_unapproved(request.user)
    unapproved = [r for r in item.reviews.select_related("reviewer") if r.status != r.Status.APPROVED]
    scores = [
        (
            label,
            getattr(item, f"{kind}_likelihood"),
            getattr(item, f"{kind}_impact"),
            item.score_of(kind),
            item.matrix.band(getattr(item, f"{kind}_likelihood"), getattr(item, f"{kind}_impact")),
        )
        for kind, label in [("inherent", "Inherent"), ("current", "Current"), ("target", "Target")]
    ]
    show_history = perms.can_see_risk_history(request.user, item)
    return render(
        request,
        "risk/risk.html",
        {
            "risk": item,
            "scores": scores,
            "appetite_words": riskscore.appetite_words(item.current_score, item.category.appetite),
            "reviews": history,
            "unapproved_reviews": unapproved if sees_unapproved else [],
            "awaiting_count": sum(r.status == r.Status.SUBMITTED for r in unapproved),
            "can_approve": perms.can_approve(request.user),
            "chart": selectors.score_chart(item, history),
            "controls": item.controls.select_related("owner"),
            "actions": item.actions.select_related("lead"),
            "measures": selectors.measure_rags(item, request.user),
            "moves": item.movements.select_related("from_register", "to_register", "user"),
            "sources": item.assurance_sources.all(),
            "recommendations": _recommendations(item),
            "can_edit": perms.can_edit_risk(request.user, item),
            "history": selectors.full_history(item) if show_history else None,
        },
    )


def _recommendations(item: Risk) -> list:
    """Review recommendations linked to this risk (the improvement module holds the link)."""
    related = getattr(item, "recommendations", None)
    return list(related.select_related("review")) if related is not None else []


def _save_risk(request, form, *, item=None, reg=None):
    data = {k: v for k, v in form.cleaned_data.items()}
    version = data.pop("version", None) or 0
    try:
        if item is None:
            return services.risk_create(register=reg, user=request.user, matrix=services.current_matrix(), **data)
        if any(data[f] != getattr(item, f) for f in form.score_fields()):
            data["is_example_score"] = False  # a person's own score is no longer an example
        if data.get("next_review") is None:
            data.pop("next_review")
        return services.risk_update(risk=item, user=request.user, version=version, **data)
    except (services.RiskError, ValidationError) as exc:
        form.add_error(None, exc.messages[0] if isinstance(exc, ValidationError) else str(exc))
        return None


def risk_create(request, pk: int):
    council = current_council()
    reg = get_object_or_404(Register, pk=pk, council=council)
    perms.require(_can_edit_register, request.user, reg)
    matrix = services.current_matrix()
    if matrix is None:
        raise Http404("No risk matrix is set up yet.")
    form = RiskForm(request.POST or None, council=council, matrix=matrix)
    if request.method == "POST" and form.is_valid():
        item = _save_risk(request, form, reg=reg)
        if item:
            messages.success(request, f"{item.reference} was added to the {reg}.")
            return redirect(item)
    return render(request, "risk/risk_form.html", {"form": form, "register": reg, "risk": None})


def risk_edit(request, reference: str):
    item = _risk(request, reference)
    perms.require(perms.can_edit_risk, request.user, item)
    kwargs: dict[str, Any] = {"council": current_council(), "matrix": item.matrix}
    form = RiskForm(request.POST or None, instance=item, initial={"version": item.version}, **kwargs)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save_risk(request, form, item=Risk.objects.get(pk=item.pk))
        except StaleVersion as exc:
            # Keep what the person typed; the form now carries the current version.
            conflict, item = exc, exc.current
            form = RiskForm(with_current_version(request.POST, exc.current.version), instance=item, **kwargs)
            form.is_valid()
        else:
            if saved:
                messages.success(request, f"{item.reference} was saved.")
                return redirect(item)
    return render(
        request,
        "risk/risk_form.html",
        {"form": form, "register": item.register, "risk": item, "conflict": conflict},
        status=409 if conflict else 200,
    )


def review_create(request, reference: str):
    item = _risk(request, reference)
    perms.require(perms.can_edit_risk, request.user, item)
    initial = {"date": date.today(), "version": 0}
    returned = item.reviews.filter(period=request.GET.get("period", ""), status="draft").first()
    if returned is not None:  # correcting a review returned for changes
        initial.update(
            period=returned.period,
            likelihood=returned.likelihood,
            impact=returned.impact,
            note=returned.note,
            version=returned.version,
        )
    form = ReviewForm(request.POST or None, matrix=item.matrix, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["version"] = data.get("version") or 0
        try:
            services.review_record(risk=item, user=request.user, **data)
        except services.RiskError as exc:
            form.add_error(None, str(exc))
        except StaleVersion as exc:
            conflict = exc
            form = ReviewForm(with_current_version(request.POST, exc.current.version), matrix=item.matrix)
            form.is_valid()
        except AlreadyExists as exc:
            form.add_error("period", str(exc))
        else:
            messages.success(request, f"The review of {item.reference} was recorded and submitted for approval.")
            return redirect(item)
    return render(
        request,
        "risk/simple_form.html",
        {"form": form, "risk": item, "heading": "Record a review", "conflict": conflict},
        status=409 if conflict else 200,
    )


def _stale_review(request, item, review, conflict: StaleVersion, verb: str):
    return render(
        request,
        "core/version_conflict.html",
        {
            "title": f"The {review.period} review of {item.reference} was not {verb}",
            "conflict": conflict,
            "verb": verb,
            "back_url": item.get_absolute_url(),
            "back_label": item.reference,
        },
        status=409,
    )


@require_POST
def review_approve(request, reference: str, pk: int):
    item = _risk(request, reference)
    review = get_object_or_404(item.reviews, pk=pk)
    try:
        services.review_approve(
            review=review, user=request.user, version=parse_version(request.POST.get("version")) or 0
        )
    except services.RiskError as exc:
        messages.error(request, str(exc))
    except StaleVersion as exc:
        return _stale_review(request, item, review, exc, "approved")
    else:
        messages.success(request, f"The {review.period} review of {item.reference} was approved.")
    return redirect(item)


def review_return(request, reference: str, pk: int):
    item = _risk(request, reference)
    perms.require(perms.can_approve, request.user)
    review = get_object_or_404(item.reviews, pk=pk)
    seen = parse_version(request.GET.get("version")) or review.version
    form = ReturnReviewForm(request.POST or None, initial={"version": seen})
    if request.method == "POST" and form.is_valid():
        try:
            services.review_return(
                review=review,
                user=request.user,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"] or 0,
            )
        except services.RiskError as exc:
            form.add_error(None, str(exc))
        except StaleVersion as exc:
            return _stale_review(request, item, review, exc, "returned")
        else:
            messages.success(request, f"The {review.period} review of {item.reference} was returned.")
            return redirect(item)
    return render(
        request,
        "risk/simple_form.html",
        {"form": form, "risk": item, "heading": f"Return the {review.period} review of {item.reference}"},
    )


def control_add(request, reference: str):
    item = _risk(request, reference)
    perms.require(perms.can_edit_risk, request.user, item)
    form = ControlForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            services.control_add(risk=item, user=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(request, "The control was added.")
            return redirect(item)
    return render(request, "risk/simple_form.html", {"form": form, "risk": item, "heading": "Add a control"})


def actions(request, reference: str):
    item = _risk(request, reference)
    perms.require(perms.can_edit_risk, request.user, item)
    link = LinkActionsForm(request.POST if "link" in request.POST else None, initial={"actions": item.actions.all()})
    new = NewActionForm(request.POST if "create" in request.POST else None, prefix="new")
    if request.method == "POST" and "link" in request.POST and link.is_valid():
        services.risk_link_actions(risk=item, actions=link.cleaned_data["actions"], user=request.user)
        messages.success(request, "The linked actions were saved.")
        return redirect(item)
    if request.method == "POST" and "create" in request.POST and new.is_valid():
        try:
            action = services.risk_add_action(risk=item, user=request.user, **new.cleaned_data)
        except ValueError as exc:
            new.add_error(None, str(exc))
        else:
            messages.success(request, f"Action {action.reference} was created and linked.")
            return redirect(item)
    return render(request, "risk/actions_form.html", {"risk": item, "link": link, "new": new})


def _move_targets(user, item):
    council = current_council()
    reg = item.register
    parent = None
    if reg.level == Level.SERVICE:
        parent = services.register_for(council=council, level=Level.DIRECTORATE, directorate=reg.service.directorate)
    elif reg.level == Level.DIRECTORATE:
        parent = services.register_for(council=council, level=Level.CORPORATE)
    targets = [r for r in Register.objects.filter(council=council).exclude(pk=reg.pk) if _can_edit_register(user, r)]
    if parent and parent not in targets:
        targets.insert(0, parent)  # anyone who edits a risk may escalate it one level up
    return targets


def move(request, reference: str):
    item = _risk(request, reference)
    perms.require(perms.can_edit_risk, request.user, item)
    targets = _move_targets(request.user, item)
    form = MoveForm(request.POST or None, registers=targets, initial={"date": date.today()})
    if request.method == "POST" and form.is_valid():
        to = next(r for r in targets if r.pk == form.cleaned_data["to_register"])
        try:
            moved = services.risk_move(
                risk=item,
                to_register=to,
                user=request.user,
                reason=form.cleaned_data["reason"],
                on=form.cleaned_data["date"],
            )
        except services.RiskError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{item.reference} was {moved.get_direction_display().lower()} to the {to}.")
            return redirect(item)
    heading = "Escalate or de-escalate"
    return render(request, "risk/simple_form.html", {"form": form, "risk": item, "heading": heading})


def close_or_reopen(request, reference: str):
    item = _risk(request, reference)
    perms.require(perms.can_edit_risk, request.user, item)
    closing = item.status == Risk.Status.OPEN
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        change = services.risk_close if closing else services.risk_reopen
        try:
            change(risk=item, user=request.user, reason=form.cleaned_data["reason"])
        except services.RiskError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{item.reference} was {'closed' if closing else 'reopened'}.")
            return redirect(item)
    heading = "Close this risk" if closing else "Reopen this risk"
    return render(request, "risk/simple_form.html", {"form": form, "risk": item, "heading": heading})


@require_POST
def register_open(request):
    """Open a directorate's or a service's register (performance team or that directorate's editor)."""
    council = current_council()
    if request.POST.get("service", "").isdigit():
        service = get_object_or_404(Service, directorate__council=council, pk=request.POST["service"])
        perms.require(perms.can_edit_directorate, request.user, service.directorate)
        return redirect(services.register_for(council=council, level=Level.SERVICE, service=service))
    directorate = get_object_or_404(Directorate, council=council, code=request.POST.get("directorate", ""))
    perms.require(perms.can_edit_directorate, request.user, directorate)
    reg = services.register_for(council=council, level=Level.DIRECTORATE, directorate=directorate)
    return redirect(reg)


def report_download(request, fmt: str):
    perms.require(perms.can_read, request.user)
    if fmt not in {"docx", "pdf"}:
        raise Http404("Word or PDF only.")
    from .documents import audit_committee_report

    doc = audit_committee_report(current_council(), date.today())
    return download_response(doc, fmt, f"corporate-risk-register-{date.today():%Y-%m-%d}")


def control_edit(request, reference: str, pk: int):
    item = _risk(request, reference)
    perms.require(perms.can_edit_risk, request.user, item)
    control = get_object_or_404(item.controls, pk=pk)
    form = ControlForm(request.POST or None, instance=item.controls.get(pk=pk), initial={"version": control.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None) or 0
        try:
            services.control_update(control=control, user=request.user, version=version, **data)
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        except StaleVersion as exc:
            # Keep what the person typed; the form now carries the current version.
            conflict, control = exc, exc.current
            form = ControlForm(with_current_version(request.POST, exc.current.version), instance=control)
            form.is_valid()
        else:
            messages.success(request, "The control was saved.")
            return redirect(item)
    return render(
        request,
        "risk/simple_form.html",
        {"form": form, "risk": item, "heading": "Change a control", "conflict": conflict},
        status=409 if conflict else 200,
    )
