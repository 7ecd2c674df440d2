"""Benchmarking pages: metrics against comparator groups, groups, imports and measure links. Thin views."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from goldthread.core.audit import history_for
from goldthread.core.charts import Bar, bar_chart_svg
from goldthread.core.jobs_queue import job_request, metric_import_request
from goldthread.core.tabular import ImportRejected, TabularError
from goldthread.council import permissions
from goldthread.council.selectors import current_council
from goldthread.domain.periods import PeriodError

from . import selectors, services
from .forms import GroupForm, MeasureLinkForm, MetricUploadForm
from .metric_import import MetricSpec
from .models import Area, ComparatorGroup, MeasureBenchmark


def index(request):
    permissions.require(permissions.can_read, request.user)
    return render(
        request,
        "benchmarking/index.html",
        {
            "metrics": selectors.metrics_with_counts(),
            "builtin_groups": [selectors.group(c) for c in selectors.builtin_group_codes()],
            "user_groups": selectors.user_groups(),
            "imports": selectors.recent_imports(),
            "area_count": Area.objects.filter(is_aggregate=False).count(),
            "can_administer": permissions.can_administer(request.user),
        },
    )


def metric_detail(request, code):
    permissions.require(permissions.can_read, request.user)
    metric = get_object_or_404(selectors.PublishedMetric, code=code)
    periods = selectors.metric_periods(metric)
    period = request.GET.get("period") or (periods[-1] if periods else "")
    group_code = request.GET.get("group") or "MD"
    result, error = None, ""
    if period:
        try:
            result = selectors.benchmark_result(metric.code, period, group_code)
        except (LookupError, ValueError) as exc:  # unknown metric or group; PeriodError is a ValueError
            error = str(exc)
    council = current_council()
    area = selectors.council_area(council)
    chart = ""
    if result is not None:
        chart = bar_chart_svg(
            f"{metric.name}, {result.period.label}: {result.group.name}",
            [
                Bar(r["area_name"], r["value"], area is not None and r["area_code"] == area.gss_code)
                for r in result.rows
            ],
            description=f"One bar per area, best first; {council.short_name if area else 'no council'} highlighted; "
            "the line is the group median. The same figures are in the table below.",
            reference=("Median", result.summary.median) if result.summary.median is not None else None,
        )
    return render(
        request,
        "benchmarking/metric.html",
        {
            "metric": metric,
            "periods": list(reversed(periods)),
            "period": period,
            "group_code": group_code,
            "group_codes": [*selectors.builtin_group_codes(), *selectors.user_groups().values_list("code", flat=True)],
            "result": result,
            "error": error,
            "chart_svg": chart,
            "council_area": area,
            "imports": metric.imports.select_related("imported_by")[:10],
        },
    )


def upload(request):
    permissions.require(permissions.can_administer, request.user)
    form = MetricUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload_file = data["file"]
        spec = MetricSpec(
            code=data["code"].strip(), name=data["name"], unit=data["unit"], polarity=data["polarity"],
            year_type=data["year_type"], source=data["source"], licence=data["licence"],
        )  # fmt: skip
        # National files are large: the import runs as a background job and its page shows the outcome.
        ask = metric_import_request(
            content=upload_file.read(), filename=upload_file.name, file_format=data["file_format"], spec=spec
        )
        return redirect(job_request(user=request.user, request=ask))
    return render(request, "benchmarking/upload.html", {"form": form})


def group_detail(request, code):
    permissions.require(permissions.can_read, request.user)
    try:
        grp = selectors.group(code)
    except LookupError as exc:
        raise Http404(str(exc)) from exc
    period_label = request.GET.get("period", "").strip()[:40]
    period, period_error = None, ""
    if period_label:
        try:
            period = selectors.group_period(period_label)
        except PeriodError as exc:
            period_error = str(exc)
    members = selectors.group_members(grp, period) if code != "all" else Area.objects.none()
    return render(
        request,
        "benchmarking/group.html",
        {
            "group": grp,
            "members": members.order_by("name"),
            "period": period,
            "period_label": period_label,
            "period_error": period_error,
            "all_nations_note": selectors.ALL_NATIONS_NOTE,
            "history": history_for(grp.user_defined)
            if grp.user_defined and permissions.can_see_history(request.user)
            else None,
            "can_administer": permissions.can_administer(request.user),
        },
    )


def _members(form) -> list[Area] | None:
    """Members from the uploaded file, else from the text box; row problems become field errors."""
    upload_file = form.cleaned_data.get("members_file")
    field = "members_file" if upload_file else "members_text"
    try:
        if upload_file:
            return services.parse_member_file(upload_file.read(), upload_file.name)
        return services.parse_member_lines(form.cleaned_data.get("members_text", ""))
    except ImportRejected as exc:
        for error in exc.errors:
            where = f"Line {error.row}" if field == "members_text" and error.row else None
            form.add_error(field, f"{where}: {error.message}" if where else str(error))
    except TabularError as exc:
        form.add_error(field, str(exc))
    return None


def _save_group(request, form, group=None):
    members = _members(form)
    if members is None:
        return None
    data = form.cleaned_data
    try:
        if group is None:
            return services.group_create(
                code=data["code"],
                name=data["name"],
                description=data["description"],
                members=members,
                user=request.user,
            )
        return services.group_update(
            group=group, name=data["name"], description=data["description"], members=members, user=request.user,
            reason=data.get("reason", ""),
        )  # fmt: skip
    except ValueError as exc:
        form.add_error("code", str(exc))
        return None


def group_create(request):
    permissions.require(permissions.can_administer, request.user)
    form = GroupForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        group = _save_group(request, form)
        if group is not None:
            messages.success(request, f"Group {group.name} created with {group.members.count()} members.")
            return redirect("benchmarking:group", code=group.code)
    return render(request, "benchmarking/group_form.html", {"form": form, "group": None})


def group_edit(request, code):
    permissions.require(permissions.can_administer, request.user)
    group = get_object_or_404(ComparatorGroup, code=code)
    initial = {
        "code": group.code,
        "name": group.name,
        "description": group.description,
        "members_text": "\n".join(group.members.order_by("name").values_list("gss_code", flat=True)),
    }
    form = GroupForm(request.POST or None, request.FILES or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid() and _save_group(request, form, group) is not None:
        messages.success(request, f"Group {group.name} saved with {group.members.count()} members.")
        return redirect("benchmarking:group", code=group.code)
    return render(request, "benchmarking/group_form.html", {"form": form, "group": group})


def measure_links(request):
    permissions.require(permissions.can_read, request.user)
    measures = selectors.council_measures(current_council()).select_related("benchmark__metric").order_by("reference")
    return render(
        request,
        "benchmarking/links.html",
        {"measures": measures, "can_administer": permissions.can_administer(request.user)},
    )


def measure_link_edit(request, reference):
    permissions.require(permissions.can_administer, request.user)
    measure = get_object_or_404(selectors.council_measures(current_council()), reference=reference)
    link = MeasureBenchmark.objects.filter(measure=measure).first()
    initial = {"metric": link.metric if link else None, "group_code": link.group_code if link else "MD"}
    initial["second_group_code"] = link.second_group_code if link else "ENG"
    form = MeasureLinkForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["metric"] is None:
            services.measure_link_remove(measure=measure, user=request.user)
            messages.success(request, f"{measure.reference} is no longer linked to a published metric.")
        else:
            services.measure_link_set(
                measure=measure, metric=data["metric"], group_code=data["group_code"].strip(),
                second_group_code=(data["second_group_code"] or "").strip(), user=request.user,
            )  # fmt: skip
            messages.success(request, f"{measure.reference} linked to {data['metric'].code}.")
        return redirect("benchmarking:links")
    return render(request, "benchmarking/link_form.html", {"form": form, "measure": measure})
