"""Pages for the performance cycle. Thin: permissions from council/permissions.py, reads from
selectors, writes through services."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import get_template, render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.html import strip_spaces_between_tags
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from goldthread.benchmarking.selectors import benchmark_history
from goldthread.core.charts import LineChart, Series
from goldthread.core.forms import with_current_version
from goldthread.core.jobs_queue import job_request, values_upload_request
from goldthread.core.tabular import ImportRejected
from goldthread.core.versioning import AlreadyExists, StaleVersion, parse_version
from goldthread.council import permissions
from goldthread.council.selectors import current_council
from goldthread.domain.rag import Direction, Rag
from goldthread.domain.text import sentence_case

from . import cache as scorecard_cache
from . import locks, narrative, presenters, selectors, services
from .forms import MeasureForm, ReturnForm, TargetForm, UploadForm, ValueForm
from .models import MeasureValue

# Only the header: an example row left in by mistake would be imported as a real figure.
TEMPLATE_CSV = "measure_reference,period,value,numerator,denominator,commentary,source\n"


def index(request):
    permissions.require(permissions.can_read, request.user)
    user = request.user
    context = {
        "can_administer": permissions.can_administer(user),
        "can_upload": permissions.can_upload_values(user),
        "awaiting": list(selectors.values_awaiting_approval()) if permissions.can_approve(user) else None,
        "my_measures": list(selectors.measures_for_user(user)),
    }
    return render(request, "performance/index.html", context)


def scorecard(request):
    permissions.require(permissions.can_read, request.user)
    council = current_council()
    period = selectors.parse_scorecard_period(request.GET.get("period"), request.user, council)
    rag_values = {r.value for r in Rag}
    direction_values = {d.value for d in Direction}
    filters = selectors.ScorecardFilters(
        directorate=request.GET.get("directorate", ""),
        rag=request.GET.get("rag", "") if request.GET.get("rag") in rag_values else "",
        previous=request.GET.get("previous", "") if request.GET.get("previous") in direction_values else "",
        last_year=request.GET.get("last_year", "") if request.GET.get("last_year") in direction_values else "",
    )
    approved_only = not permissions.can_see_unapproved(request.user)
    key = scorecard_cache.scorecard_key(council=council, period=period, filters=filters, approved_only=approved_only)
    results = scorecard_cache.get_or_render(key, lambda: _scorecard_results(request.user, period, filters, council))
    # htmx swaps in the results alone; when it restores history it asks for the whole page again.
    if request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request"):
        response = HttpResponse(results)
        patch_vary_headers(response, ["HX-Request"])  # the same address also answers with the whole page
        return response
    context = {
        "period": period,
        "results": results,
        "filters": filters,
        "period_choices": selectors.period_choices(request.user, council),
        "directorates": selectors.directorates(council),
        "rags": list(Rag),
        "directions": list(Direction),
    }
    response = render(request, "performance/scorecard.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _scorecard_results(user, period, filters, council) -> str:
    """The scorecard tables as HTML: the same for everyone who sees the same figures."""
    card = selectors.scorecard(user=user, period=period, filters=filters, council=council)
    # A measure under several priorities shows the same row in each table: render it once.
    row_template = get_template("performance/_scorecard_row.html")
    page = presenters.scorecard_page(card, narrative.text, lambda row: row_template.render({"row": row}))
    html = render_to_string("performance/_scorecard_results.html", {"card": page, "filters": filters})
    return mark_safe(strip_spaces_between_tags(html.strip()))  # the page is large: send no indentation


def measures(request):
    permissions.require(permissions.can_read, request.user)
    council = current_council()
    items = list(selectors.active_measures(council, request.GET.get("directorate", "")))
    inactive = []
    if permissions.can_administer(request.user):
        inactive = list(council.measures.filter(is_active=False).select_related("directorate"))
    return render(
        request,
        "performance/measures.html",
        {
            "measures": items,
            "inactive": inactive,
            "directorates": selectors.directorates(council),
            "chosen": request.GET.get("directorate", ""),
            "can_administer": permissions.can_administer(request.user),
            "can_upload": permissions.can_upload_values(request.user),
        },
    )


def measure(request, reference):
    permissions.require(permissions.can_read, request.user)
    item = selectors.measure_by_reference(reference)
    series = selectors.measure_series(item, request.user)
    chart = LineChart(
        title=f"{item.title}: values against targets",
        labels=[r.period for r in series],
        series=[
            Series("Value", [r.value.value if r.value else None for r in series]),
            Series("Target", [r.target.value if r.target else None for r in series], dashed=True),
        ],
        description="Values and targets by period. The same figures are in the table below the chart.",
        unit=item.get_unit_display(),
    )
    period = selectors.latest_quarter(request.user)
    latest_row = selectors.assess_measures([item], period, user=request.user, benchmarks=True)[0]
    user = request.user
    return render(
        request,
        "performance/measure.html",
        {
            "measure": item,
            "series": list(reversed(series)),
            "chart_svg": chart.render(),
            "period": period,
            "latest": latest_row,
            "narrative": narrative.sentences(latest_row, benchmark_history(item)),
            "year_to_date": selectors.year_to_date(item, period, user),
            "commentary": [r for r in reversed(series) if r.value and r.value.commentary],
            "hidden_count": selectors.unapproved_hidden(item, user),
            "can_edit": permissions.can_edit_measure(user, item),
            "can_approve": permissions.can_approve(user),
            "reported": item.reported_figures.select_related("reported_period").order_by(
                "-reported_period__period_start"
            ),
            "revisions": _revisions_shown(item, user),
            "can_administer": permissions.can_administer(user),
            "can_see_history": permissions.can_see_measure_history(user, item),
            "recent_changes": selectors.measure_history(item)[:5]
            if permissions.can_see_measure_history(user, item)
            else [],
            "can_upload": permissions.can_upload_values(user),
        },
    )


def value_enter(request, reference):
    item = selectors.measure_by_reference(reference)
    permissions.require(permissions.can_edit_measure, request.user, item)
    initial = {"version": 0}
    existing = None
    conflict = None
    if request.GET.get("period"):
        existing = item.values.filter(period=request.GET["period"]).first()
        initial["period"] = request.GET["period"]
        if existing:
            initial.update(
                version=existing.version,
                value=services.plain(existing.value) if existing.value is not None else "",
                numerator=services.plain(existing.numerator) if existing.numerator is not None else "",
                denominator=services.plain(existing.denominator) if existing.denominator is not None else "",
                commentary=existing.commentary,
                source=existing.source,
            )
    form = ValueForm(request.POST or None, measure=item, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.value_record(
                measure=item,
                period=data["period"],
                value=data["value"],
                numerator=data["numerator"],
                denominator=data["denominator"],
                commentary=data["commentary"],
                source=data["source"],
                user=request.user,
                reason=data["reason"],
                version=data["version"] or 0,
            )
        except services.PerformanceError as exc:
            form.add_error("reason", sentence_case(str(exc)))
        except StaleVersion as exc:
            # Keep what the person typed; the form now carries the current version.
            conflict, existing = exc, exc.current
            form = ValueForm(with_current_version(request.POST, exc.current.version), measure=item)
            form.is_valid()
        except AlreadyExists as exc:
            form.add_error("period", str(exc))
        else:
            messages.success(request, f"{item.reference} {saved.period}: value saved as {saved.get_status_display()}.")
            return redirect(item)
    locked = existing is not None and locks.is_locked(item, item.parse_period(existing.period))
    return render(
        request,
        "performance/value_form.html",
        {"measure": item, "form": form, "existing": existing, "locked": locked, "conflict": conflict},
        status=409 if conflict else 200,
    )


def _revisions_shown(item, user) -> list[presenters.RevisionRow]:
    """Revisions after reporting, each figure shown only to those who may see it."""
    return [
        presenters.RevisionRow(
            revision,
            before_shown=permissions.can_see_value_before_revision(user, revision),
            after_shown=permissions.can_see_revised_value(user, revision),
        )
        for revision in selectors.value_revisions(item)
    ]


def _value_for(reference, pk) -> MeasureValue:
    item = selectors.measure_by_reference(reference)
    return get_object_or_404(MeasureValue.objects.select_related("measure__directorate"), pk=pk, measure=item)


def _seen(request) -> int:
    """The version the page showed; 0 (never current) when it sent none."""
    return parse_version(request.POST.get("version")) or 0


@require_POST
def value_submit(request, reference, pk):
    value = _value_for(reference, pk)
    permissions.require(permissions.can_edit_measure, request.user, value.measure)
    seen = _seen(request)
    conflict = _act(
        request, lambda: services.value_submit(measure_value=value, user=request.user, version=seen), value, "submitted"
    )
    return _stale(request, conflict, value, "submitted") if conflict else redirect(value.measure)


@require_POST
def value_approve(request, reference, pk):
    value = _value_for(reference, pk)
    permissions.require(permissions.can_approve, request.user)
    seen = _seen(request)
    conflict = _act(
        request, lambda: services.value_approve(measure_value=value, user=request.user, version=seen), value, "approved"
    )
    if conflict:
        return _stale(request, conflict, value, "approved")
    if request.POST.get("next") == "index":
        return redirect("performance:index")
    return redirect(value.measure)


def _stale(request, conflict: StaleVersion, value, verb: str):
    """A decision on a value that changed since the page was shown: refused, showing what changed."""
    return render(
        request,
        "core/version_conflict.html",
        {
            "title": f"{value.measure.reference} {value.period} was not {verb}",
            "conflict": conflict,
            "verb": verb,
            "back_url": value.measure.get_absolute_url(),
            "back_label": value.measure.reference,
        },
        status=409,
    )


def _act(request, action, value, done: str) -> StaleVersion | None:
    try:
        action()
    except services.PerformanceError as exc:
        messages.error(request, f"{value.measure.reference} {value.period}: {exc}")
    except StaleVersion as exc:
        return exc
    else:
        messages.success(request, f"{value.measure.reference} {value.period}: value {done}.")
    return None


def value_return(request, reference, pk):
    value = _value_for(reference, pk)
    permissions.require(permissions.can_approve, request.user)
    form = ReturnForm(
        request.POST or None, initial={"version": parse_version(request.GET.get("version")) or value.version}
    )
    if request.method == "POST" and form.is_valid():
        conflict = _act(
            request,
            lambda: services.value_return(
                measure_value=value,
                user=request.user,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"] or 0,
            ),
            value,
            "returned to draft",
        )
        if conflict:
            return _stale(request, conflict, value, "returned")
        return redirect(value.measure)
    return render(request, "performance/value_return.html", {"value": value, "measure": value.measure, "form": form})


def target_set(request, reference):
    item = selectors.measure_by_reference(reference)
    permissions.require(permissions.can_administer, request.user)
    period = request.GET.get("period", "")
    existing = item.targets.filter(period=period).first() if period else None
    initial = {"period": period, "version": existing.version if existing else 0}
    if existing is not None:
        initial.update(
            value=services.plain(existing.value),
            is_example=existing.is_example,
            until_changed=existing.until_changed,
            note=existing.note,
        )
    form = TargetForm(request.POST or None, measure=item, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            target = services.target_set(
                measure=item,
                period=data["period"],
                value=data["value"],
                is_example=data["is_example"],
                user=request.user,
                reason=data["reason"],
                note=data["note"],
                until_changed=data["until_changed"],
                version=data["version"] or 0,
            )
        except StaleVersion as exc:
            conflict = exc
            form = TargetForm(with_current_version(request.POST, exc.current.version), measure=item)
            form.is_valid()
        except AlreadyExists as exc:
            form.add_error("period", str(exc))
        else:
            messages.success(request, f"{item.reference} {target.period}: target saved.")
            return redirect(item)
    return render(
        request,
        "performance/target_form.html",
        {"measure": item, "form": form, "conflict": conflict},
        status=409 if conflict else 200,
    )


def history(request, reference):
    item = selectors.measure_by_reference(reference)
    permissions.require(permissions.can_see_measure_history, request.user, item)
    return render(request, "performance/history.html", {"measure": item, "changes": selectors.measure_history(item)})


def upload(request):
    if not permissions.can_upload_values(request.user):
        raise PermissionDenied("Only the performance team and directorate editors can upload values.")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        if upload_file.size > settings.GOLDTHREAD_BACKGROUND_UPLOAD_BYTES:
            # A large file is checked and imported by a background job; its page shows the outcome.
            ask = values_upload_request(content=upload_file.read(), filename=upload_file.name)
            return redirect(job_request(user=request.user, request=ask))
        try:
            result = services.values_import(content=upload_file.read(), filename=upload_file.name, user=request.user)
        except ImportRejected as exc:
            return render(
                request, "performance/upload_rejected.html", {"errors": exc.errors, "filename": upload_file.name}
            )
        messages.success(
            request,
            f"{upload_file.name}: {result.created} new, {result.updated} corrected and {result.unchanged} "
            "unchanged values. New and corrected values are drafts until submitted.",
        )
        return redirect("performance:index")
    editable = [
        m for m in selectors.active_measures(current_council()) if permissions.can_edit_measure(request.user, m)
    ]
    return render(
        request,
        "performance/upload.html",
        {"form": form, "measures": editable, "background_limit": settings.GOLDTHREAD_BACKGROUND_UPLOAD_BYTES},
    )


def upload_template(request):
    if not permissions.can_upload_values(request.user):
        raise PermissionDenied("Only the performance team and directorate editors can upload values.")
    response = HttpResponse(TEMPLATE_CSV, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="goldthread-values-template.csv"'
    return response


def measure_create(request):
    permissions.require(permissions.can_administer, request.user)
    council = current_council()
    form = MeasureForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        priorities = data.pop("priorities")
        data.pop("reason", None)
        try:
            created = services.measure_create(council=council, user=request.user, priorities=priorities, **data)
        except services.PerformanceError as exc:
            form.add_error("reference", sentence_case(str(exc)))
        else:
            messages.success(request, f"Measure {created.reference} created.")
            return redirect(created)
    return render(request, "performance/measure_form.html", {"form": form, "measure": None})


def measure_edit(request, reference):
    permissions.require(permissions.can_administer, request.user)
    item = selectors.measure_by_reference(reference)
    form = MeasureForm(request.POST or None, instance=item, council=item.council)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        priorities = data.pop("priorities")
        reason = data.pop("reason", "")
        # The form changed ``item`` in place while validating; reload so history sees the old values.
        original = selectors.measure_by_reference(reference)
        try:
            saved = services.measure_update(
                measure=original, user=request.user, priorities=priorities, reason=reason, **data
            )
        except services.PerformanceError as exc:
            form.add_error("reference", sentence_case(str(exc)))
        else:
            messages.success(request, f"Measure {saved.reference} saved.")
            return redirect(saved)
    return render(request, "performance/measure_form.html", {"form": form, "measure": item})
