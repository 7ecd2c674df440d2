"""Finance pages. Thin: permissions from council/permissions.py, reads from selectors, writes
through services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from goldthread.core.audit import history_for
from goldthread.core.charts import LineChart, Series
from goldthread.core.documents import download_response
from goldthread.core.forms import with_current_version
from goldthread.core.jobs_queue import job_request, outturn_import_request
from goldthread.core.versioning import AlreadyExists, StaleVersion, parse_version
from goldthread.council import permissions
from goldthread.council.selectors import current_council

from . import documents, resilience, selectors, services
from .formatting import millions
from .forms import (
    BudgetLineForm,
    CapitalSchemeForm,
    NewPlanForm,
    OutturnUploadForm,
    PlanForm,
    PlanYearForm,
    ReferendumLimitForm,
    ReserveForm,
    ReturnForm,
    SavingsPlanForm,
    ScenarioForm,
)
from .models import (
    BudgetLine,
    CapitalScheme,
    LineStatus,
    MtfpScenario,
    MtfpYear,
    OutturnImport,
    ReferendumLimit,
    ReserveBalance,
    SavingsPlan,
)

KINDS = {"budget": BudgetLine, "savings": SavingsPlan, "capital": CapitalScheme}
FORMATS = ("docx", "pdf", "xlsx")


def _read(request):
    permissions.require(permissions.can_read, request.user)
    return current_council()


def _year(request, council) -> str | None:
    years = selectors.financial_years(council, request.user)
    chosen = request.GET.get("year")
    return chosen if chosen in years else (years[0] if years else None)


def _can_enter(user) -> bool:
    """Enter budget lines, savings or capital: the performance team, or an editor for their directorate."""
    return permissions.can_administer(user) or permissions.can_edit_directorate(
        user, getattr(user, "directorate", None)
    )


def index(request):
    council = _read(request)
    user = request.user
    awaiting = selectors.awaiting_approval(council) if permissions.can_approve(user) else None
    mine = None
    if user.directorate_id and permissions.can_edit_directorate(user, user.directorate):
        mine = BudgetLine.objects.filter(directorate=user.directorate).exclude(status=LineStatus.APPROVED)
    return render(
        request,
        "finance/index.html",
        {
            "awaiting": awaiting,
            "mine": mine,
            "can_enter": _can_enter(user),
            "plans": selectors.plans(council),
            "can_administer": permissions.can_administer(user),
        },
    )


# --- budget monitoring -------------------------------------------------------------------------


def position(request):
    council = _read(request)
    year = _year(request, council)
    periods = selectors.periods_in_year(council, request.user, year) if year else []
    period = request.GET.get("period") if request.GET.get("period") in periods else (periods[0] if periods else None)
    return render(
        request,
        "finance/position.html",
        {
            "years": selectors.financial_years(council, request.user),
            "year": year,
            "periods": periods,
            "period": period,
            "position": selectors.monthly_position(council, request.user, period) if period else None,
            "can_see_unapproved": permissions.can_see_unapproved(request.user),
            "awaiting_count": selectors.lines_awaiting_approval(council, year),
        },
    )


def trend(request):
    council = _read(request)
    year = _year(request, council)
    months, forecasts, budgets = selectors.forecast_trend(council, request.user, year) if year else ([], {}, {})
    chart = LineChart(
        title=f"Forecast outturn through {year} by directorate (£ million)",
        labels=months,
        series=[Series(n, [float(v) / 1e6 if v is not None else None for v in vals]) for n, vals in forecasts.items()],
        description="Forecast outturn at each month, by directorate. The same figures are in the table below.",
        unit="£m",
    )
    rows = [
        {"name": n, "forecasts": [millions(v) for v in vals], "budgets": [millions(v) for v in budgets.get(n, [])]}
        for n, vals in forecasts.items()
    ]
    return render(
        request,
        "finance/trend.html",
        {
            "years": selectors.financial_years(council, request.user),
            "year": year,
            "months": months,
            "rows": rows,
            "chart_svg": chart.render() if months else "",
        },
    )


def savings(request):
    council = _read(request)
    year = _year(request, council)
    plans = list(selectors.savings(council, request.user, year)) if year else []
    return render(
        request,
        "finance/savings.html",
        {
            "years": selectors.financial_years(council, request.user),
            "year": year,
            "plans": plans,
            "summary": selectors.savings_summary(plans),
        },
    )


def capital(request):
    council = _read(request)
    return render(request, "finance/capital.html", {"schemes": selectors.capital(council, request.user)})


def _get_item(kind: str, pk: int, council):
    model = KINDS.get(kind)
    if model is None:
        raise Http404("No such kind of finance item")
    return get_object_or_404(model, pk=pk, council=council)


def item(request, kind, pk):
    council = _read(request)
    obj = _get_item(kind, pk, council)
    user = request.user
    if obj.status != LineStatus.APPROVED and not permissions.can_see_unapproved(user):
        raise Http404("No such item")
    can_edit = (
        permissions.can_edit_directorate(user, obj.directorate) if obj.directorate else permissions.can_administer(user)
    )
    return render(
        request,
        "finance/item.html",
        {
            "kind": kind,
            "obj": obj,
            "can_edit": can_edit,
            "can_submit": can_edit and obj.status in (LineStatus.DRAFT, LineStatus.RETURNED),
            "can_review": permissions.can_approve(user) and obj.status == LineStatus.SUBMITTED,
            "return_form": ReturnForm(),
            "history": history_for(obj) if permissions.can_see_history(user) else None,
        },
    )


FORM_FOR = {"budget": BudgetLineForm, "savings": SavingsPlanForm, "capital": CapitalSchemeForm}


def _initial(kind, obj):
    if obj is None:
        return {"version": 0}
    fields = {
        "budget": ["directorate", "service", "period", "budget", "forecast_outturn", "commentary"],
        "savings": ["directorate", "financial_year", "description", "planned", "delivered", "rag", "rag_reason"],
        "capital": ["directorate", "name", "first_year", "last_year", "budget", "spend_to_date", "forecast", "notes"],
    }[kind]
    return {f: getattr(obj, f) for f in fields} | {"version": obj.version}


def _save(kind, form, council, user, obj):
    d = dict(form.cleaned_data)
    reason = d.pop("reason", "")
    version = d.pop("version", None) or 0
    if kind == "budget":
        return services.budget_line_save(
            council=council, user=user, directorate=d["directorate"], service=d["service"], period_text=d["period"],
            budget=d["budget"], forecast_outturn=d["forecast_outturn"], commentary=d["commentary"], line=obj,
            reason=reason, version=version,
        )  # fmt: skip
    if kind == "savings":
        return services.savings_plan_save(council=council, user=user, plan=obj, reason=reason, version=version, **d)
    return services.capital_scheme_save(council=council, user=user, scheme=obj, reason=reason, version=version, **d)


def item_edit(request, kind, pk=None):
    council = _read(request)
    user = request.user
    if kind not in FORM_FOR:
        raise Http404("No such kind of finance item")
    obj = _get_item(kind, pk, council) if pk else None
    if obj is not None and not (
        permissions.can_edit_directorate(user, obj.directorate) if obj.directorate else permissions.can_administer(user)
    ):
        raise PermissionDenied("You cannot change this item.")
    if obj is None and not _can_enter(user):
        raise PermissionDenied("You cannot enter finance figures.")
    form_class = FORM_FOR[kind]
    kwargs = {"user": user, "council": council, "allow_blank": kind != "budget"}
    form = form_class(request.POST or None, initial=_initial(kind, obj), **kwargs)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save(kind, form, council, user, obj)
        except services.FinanceError as exc:
            form.add_error(None, str(exc))
        except StaleVersion as exc:
            # Keep what the person typed; the form now carries the current version.
            conflict, obj = exc, exc.current
            form = form_class(with_current_version(request.POST, exc.current.version), **kwargs)
            form.is_valid()
        except AlreadyExists as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Saved as a draft. Submit it when it is ready for approval.")
            return redirect("finance:item", kind=kind, pk=saved.pk)
    return render(
        request,
        "finance/item_form.html",
        {"form": form, "kind": kind, "obj": obj, "conflict": conflict},
        status=409 if conflict else 200,
    )


@require_POST
def item_review(request, kind, pk, action):
    council = _read(request)
    obj = _get_item(kind, pk, council)
    seen = parse_version(request.POST.get("version")) or 0
    try:
        if action == "submit":
            services.submit(obj=obj, user=request.user, version=seen)
            messages.success(request, "Submitted for approval.")
        elif action == "approve":
            services.approve(obj=obj, user=request.user, version=seen)
            messages.success(request, "Approved: members can now see it.")
        elif action == "return":
            form = ReturnForm(request.POST)
            if not form.is_valid():
                messages.error(request, "Say why it is being returned.")
                return redirect("finance:item", kind=kind, pk=pk)
            services.return_for_changes(obj=obj, user=request.user, reason=form.cleaned_data["reason"], version=seen)
            messages.success(request, "Returned with your reason.")
        else:
            raise Http404("No such action")
    except services.FinanceError as exc:
        messages.error(request, str(exc))
    except StaleVersion as exc:
        verbs = {"submit": "submitted", "approve": "approved", "return": "returned"}
        return render(
            request,
            "core/version_conflict.html",
            {
                "title": f"{obj} was not {verbs[action]}",
                "conflict": exc,
                "verb": verbs[action],
                "back_url": reverse("finance:item", args=[kind, pk]),
                "back_label": "the item",
            },
            status=409,
        )
    return redirect("finance:item", kind=kind, pk=pk)


def budget_report(request, fmt):
    council = _read(request)
    if fmt not in FORMATS:
        raise Http404("Unknown format")
    year = _year(request, council)
    if year is None:
        raise Http404("No budget figures yet")
    periods = selectors.periods_in_year(council, request.user, year)
    doc = documents.budget_monitoring_document(council, request.user, year, periods[0] if periods else None)
    return download_response(doc, fmt, f"budget-monitoring-{year}")


# --- MTFP -------------------------------------------------------------------------------------------


def mtfp_index(request):
    council = _read(request)
    return render(
        request,
        "finance/mtfp_index.html",
        {"plans": selectors.plans(council), "can_administer": permissions.can_administer(request.user)},
    )


def mtfp_plan(request, code):
    council = _read(request)
    plan = selectors.plan_by_code(council, code)
    results = selectors.scenario_results(plan)
    years = [y.year for y in results[0].projection.years] if results else []
    return render(
        request,
        "finance/mtfp_plan.html",
        {
            "plan": plan,
            "results": [{"r": r, "rows": documents.layout_rows(r.projection)} for r in results],
            "years": years,
            "plan_years": plan.years.order_by("year"),
            "limits": ReferendumLimit.objects.all(),
            "can_administer": permissions.can_administer(request.user),
            "comparison": [
                {"r": r, "gaps": [millions(y.cumulative_remaining_gap) for y in r.projection.years]} for r in results
            ],
        },
    )


def mtfp_report(request, code, fmt):
    council = _read(request)
    if fmt not in FORMATS:
        raise Http404("Unknown format")
    plan = selectors.plan_by_code(council, code)
    return download_response(documents.mtfp_document(council, plan), fmt, f"mtfp-{plan.code}")


def scenario_edit(request, code, scenario_code=None):
    council = _read(request)
    permissions.require(permissions.can_administer, request.user)
    plan = selectors.plan_by_code(council, code)
    scenario = get_object_or_404(MtfpScenario, plan=plan, code=scenario_code) if scenario_code else None
    years = list(plan.years.order_by("year").values_list("year", flat=True))
    form_class = ScenarioForm.for_years(years)
    initial = {"version": 0}
    if scenario:
        initial = {"name": scenario.name, "description": scenario.description, "version": scenario.version}
        for row in scenario.years.all():
            for key in services.SCENARIO_YEAR_FIELDS:
                initial[f"{row.year}__{key}"] = getattr(row, key)
    form = form_class(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.scenario_save(
                plan=plan, user=request.user, scenario=scenario, name=form.cleaned_data["name"],
                description=form.cleaned_data["description"], years=form.year_values(),
                reason=form.cleaned_data["reason"], version=form.cleaned_data["version"] or 0,
            )  # fmt: skip
        except (services.FinanceError, AlreadyExists) as exc:
            form.add_error(None, str(exc))
        except StaleVersion as exc:
            # Keep what the person typed; the form now carries the current version.
            conflict, scenario = exc, exc.current
            form = form_class(with_current_version(request.POST, exc.current.version))
            form.is_valid()
        else:
            messages.success(request, "Scenario saved.")
            return redirect("finance:mtfp-plan", code=plan.code)
    return render(
        request,
        "finance/scenario_form.html",
        {
            "form": form,
            "plan": plan,
            "scenario": scenario,
            "history": history_for(scenario) if scenario else None,
            "conflict": conflict,
        },
        status=409 if conflict else 200,
    )


def plan_year_edit(request, code, year):
    council = _read(request)
    permissions.require(permissions.can_administer, request.user)
    plan = selectors.plan_by_code(council, code)
    row = get_object_or_404(MtfpYear, plan=plan, year=year)
    fields = services.PLAN_YEAR_FIELDS
    initial = {f: getattr(row, f) for f in fields} | {"version": row.version}
    form = PlanYearForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k not in ("reason", "version")}
        try:
            services.plan_year_update(
                year=row, user=request.user, values=values, reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"] or 0,
            )  # fmt: skip
        except StaleVersion as exc:
            conflict, row = exc, exc.current
            form = PlanYearForm(with_current_version(request.POST, exc.current.version))
            form.is_valid()
        else:
            messages.success(request, f"{year} saved.")
            return redirect("finance:mtfp-plan", code=plan.code)
    return render(
        request,
        "finance/plan_year_form.html",
        {"form": form, "plan": plan, "row": row, "history": history_for(row), "conflict": conflict},
        status=409 if conflict else 200,
    )


# --- reserves and resilience ---------------------------------------------------------------------


def reserves(request):
    council = _read(request)
    years, rows = selectors.reserves_table(council)
    series = [
        Series(r["label"], [float(b.amount) / 1e6 if b else None for b in r["values"]], dashed=i % 2 == 1)
        for i, r in enumerate(rows)
    ]
    chart = LineChart(
        title="Reserves at 31 March by year (£ million)",
        labels=years,
        series=series,
        description="Each reserve's balance at the end of each year. The same figures are in the table below.",
    )
    return render(
        request,
        "finance/reserves.html",
        {
            "years": years,
            "rows": rows,
            "chart_svg": chart.render() if years else "",
            "dsg": selectors.dsg_deficits(council),
            "borrowing": selectors.borrowing(council),
            "can_administer": permissions.can_administer(request.user),
        },
    )


def reserve_edit(request, pk=None):
    council = _read(request)
    permissions.require(permissions.can_administer, request.user)
    reserve = get_object_or_404(ReserveBalance, pk=pk, council=council) if pk else None
    fields = services.RESERVE_FIELDS
    initial = {f: getattr(reserve, f) for f in fields} | {"version": reserve.version} if reserve else {"version": 0}
    form = ReserveForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k not in ("reason", "version")}
        try:
            services.reserve_save(
                council=council, user=request.user, values=values, reserve=reserve,
                reason=form.cleaned_data["reason"], version=form.cleaned_data["version"] or 0,
            )  # fmt: skip
        except services.FinanceError as exc:
            form.add_error(None, str(exc))
        except StaleVersion as exc:
            conflict, reserve = exc, exc.current
            form = ReserveForm(with_current_version(request.POST, exc.current.version))
            form.is_valid()
        else:
            messages.success(request, "Reserve saved.")
            return redirect("finance:reserves")
    return render(
        request,
        "finance/reserve_form.html",
        {
            "form": form,
            "reserve": reserve,
            "history": history_for(reserve) if reserve else None,
            "conflict": conflict,
        },
        status=409 if conflict else 200,
    )


def resilience_page(request):
    council = _read(request)
    group = request.GET.get("group") or "MD"
    data = resilience.resilience(council, group)
    return render(
        request,
        "finance/resilience.html",
        {
            "data": data,
            "definitions": resilience.definitions(),
            "group": group,
            "imports": selectors_outturn_imports(),
            "can_import": permissions.can_administer(request.user),
        },
    )


def outturn_upload(request):
    """Import a Revenue Outturn Summary workbook, as `goldthread import_revenue_outturn` does, in the background."""
    _read(request)
    permissions.require(permissions.can_administer, request.user)
    form = OutturnUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        ask = outturn_import_request(content=upload_file.read(), filename=upload_file.name)
        return redirect(job_request(user=request.user, request=ask))
    return render(request, "finance/outturn_upload.html", {"form": form, "imports": selectors_outturn_imports()})


def selectors_outturn_imports():
    return OutturnImport.objects.all()


def plan_edit(request, code=None):
    """Set up a new plan, or change an existing plan's base figures (the performance team)."""
    council = _read(request)
    permissions.require(permissions.can_administer, request.user)
    plan = selectors.plan_by_code(council, code) if code else None
    form_class = PlanForm if plan else NewPlanForm
    initial = {f: getattr(plan, f) for f in services.PLAN_FIELDS} | {"version": plan.version} if plan else {}
    form = form_class(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason", "")
        version = data.pop("version", None) or 0
        try:
            if plan:
                data["base_year"] = services.financial_year_label(data["base_year"])
                services.plan_update(plan=plan, user=request.user, values=data, reason=reason, version=version)
            else:
                plan = services.plan_create(
                    council=council, user=request.user, code=data.pop("code"), values=data,
                    first_year=data.pop("first_year"), last_year=data.pop("last_year"),
                )  # fmt: skip
        except services.FinanceError as exc:
            form.add_error(None, str(exc))
        except StaleVersion as exc:
            conflict, plan = exc, exc.current
            form = form_class(with_current_version(request.POST, exc.current.version))
            form.is_valid()
        else:
            messages.success(request, "Plan saved.")
            return redirect("finance:mtfp-plan", code=plan.code)
    return render(
        request,
        "finance/plan_form.html",
        {"form": form, "plan": plan, "history": history_for(plan) if plan else None, "conflict": conflict},
        status=409 if conflict else 200,
    )


def referendum_limit_edit(request, pk=None):
    _read(request)
    permissions.require(permissions.can_administer, request.user)
    limit = get_object_or_404(ReferendumLimit, pk=pk) if pk else None
    fields = services.LIMIT_FIELDS
    form = ReferendumLimitForm(request.POST or None, initial={f: getattr(limit, f) for f in fields} if limit else None)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "reason"}
        try:
            services.referendum_limit_save(
                user=request.user, values=values, limit=limit, reason=form.cleaned_data["reason"]
            )
        except services.FinanceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Referendum limit saved.")
            return redirect(request.GET.get("next") if _safe_next(request) else "finance:mtfp")
    return render(
        request,
        "finance/referendum_form.html",
        {"form": form, "limit": limit, "history": history_for(limit) if limit else None},
    )


def _safe_next(request) -> bool:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.GET.get("next", "")
    return bool(target) and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
