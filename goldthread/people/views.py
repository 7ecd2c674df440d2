"""Pages for staff records, appraisal cycles, appraisals and the completion dashboard."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from goldthread.core.audit import history_for
from goldthread.core.charts import Bar, bar_chart_svg
from goldthread.core.forms import with_current_version
from goldthread.core.tabular import ImportRejected, TabularError
from goldthread.core.versioning import StaleVersion
from goldthread.council import permissions as perms
from goldthread.council.selectors import current_council

from . import selectors, services
from .forms import AcknowledgeForm, AppraisalForm, CycleForm, LinkUserForm, ObjectiveForm, PeriodForm, UploadForm
from .models import Appraisal, AppraisalCycle, Employee, StaffImport, Survey


def index(request):
    perms.require(perms.can_read, request.user)
    council = current_council()
    cycles = selectors.trend(council)
    return render(
        request,
        "people/index.html",
        {
            "latest": cycles[-1] if cycles else None,
            "cycles": cycles,
            "surveys": Survey.objects.filter(council=council),
            "can_manage": perms.can_manage_people(request.user),
            "can_manage_forums": perms.can_manage_forums(request.user),
            "me": selectors.employee_of(request.user) if request.user.is_authenticated else None,
            "has_team": selectors.visible_employees(request.user, council).exists(),
            "synthetic": council.employees.filter(is_synthetic=True).exists(),
        },
    )


# ---------------------------------------------------------------- staff records


def staff_list(request):
    council = current_council()
    staff = selectors.visible_employees(request.user, council)
    if not perms.can_manage_people(request.user) and not staff.exists():
        perms.require(lambda _u: False, request.user)
    return render(
        request,
        "people/staff_list.html",
        {
            "staff": staff,
            "can_manage": perms.can_manage_people(request.user),
            "synthetic": staff.filter(is_synthetic=True).exists(),
        },
    )


def employee(request, number: str):
    person = get_object_or_404(Employee, council=current_council(), employee_number=number)
    perms.require(perms.can_see_staff_record, request.user, person)
    form = LinkUserForm(request.POST or None, prefix="link", initial={"account": person.user})
    if request.method == "POST":
        perms.require(perms.can_manage_people, request.user)
        if form.is_valid():
            try:
                services.employee_link_user(employee=person, account=form.cleaned_data["account"], user=request.user)
            except services.PeopleError as exc:
                form.add_error("account", str(exc))
            else:
                messages.success(request, "The sign-in link was saved.")
                return redirect(person)
    can_manage = perms.can_manage_people(request.user)
    return render(
        request,
        "people/employee.html",
        {
            "person": person,
            "appraisals": person.appraisals.select_related("cycle"),
            "cycles": AppraisalCycle.objects.filter(council=person.council).exclude(appraisals__employee=person),
            "reports": person.reports.all(),
            "form": form,
            "can_manage": can_manage,
            "can_start": can_manage or perms.manages(request.user, person),
            "history": history_for(person) if can_manage else None,
        },
    )


def staff_import(request):
    perms.require(perms.can_manage_people, request.user)
    council = current_council()
    form = UploadForm(request.POST or None, request.FILES or None)
    problems = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            done = services.staff_import_file(
                council=council, content=upload.read(), filename=upload.name, user=request.user
            )
        except ImportRejected as exc:
            problems = exc.errors
        except TabularError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(
                request,
                f"Imported {done.rows} rows: {done.created} new, {done.updated} updated, {done.unchanged} unchanged.",
            )
            return redirect("people:staff_import")
    return render(
        request,
        "people/staff_import.html",
        {"form": form, "problems": problems, "imports": StaffImport.objects.filter(council=council)[:10]},
    )


# ---------------------------------------------------------------- cycles and the dashboard


def cycle_list(request):
    perms.require(perms.can_see_people_aggregates, request.user)
    return render(
        request,
        "people/cycle_list.html",
        {"cycles": selectors.trend(current_council()), "can_manage": perms.can_manage_people(request.user)},
    )


def cycle_edit(request, slug: str | None = None):
    perms.require(perms.can_manage_people, request.user)
    council = current_council()
    cycle = get_object_or_404(AppraisalCycle, council=council, slug=slug) if slug else None
    # The form gets its own copy: validating a model form changes its instance, and the
    # service must see the values as they were to keep an honest history.
    form = CycleForm(
        request.POST or None,
        instance=AppraisalCycle.objects.get(pk=cycle.pk) if cycle else None,
        initial={"version": cycle.version if cycle else 0},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_save(
                council=council,
                cycle=cycle,
                data=form.cleaned_data,
                user=request.user,
                version=form.cleaned_data["version"] or 0,
            )
        except services.PeopleError as exc:
            form.add_error(None, str(exc))
        except StaleVersion as exc:
            # Keep what the person typed; the form now carries the current version.
            conflict, cycle = exc, exc.current
            form = CycleForm(with_current_version(request.POST, cycle.version), instance=cycle)
            form.is_valid()
        else:
            messages.success(request, f"{cycle.name} was saved.")
            return redirect(cycle)
    return render(
        request,
        "people/cycle_form.html",
        {"form": form, "cycle": cycle, "conflict": conflict},
        status=409 if conflict else 200,
    )


def cycle(request, slug: str):
    perms.require(perms.can_see_people_aggregates, request.user)
    item = get_object_or_404(AppraisalCycle, council=current_council(), slug=slug)
    lines = selectors.staff_lines(item)
    can_manage = perms.can_manage_people(request.user)
    trend = selectors.trend(item.council)
    return render(
        request,
        "people/cycle.html",
        {
            "cycle": item,
            "overall": selectors.completion_overall(item),
            "by_directorate": selectors.protected_rates(item, "directorate", lines, protect=not can_manage),
            "by_service": selectors.protected_rates(item, "service", lines, protect=not can_manage),
            "small_team": selectors.SMALL_TEAM,
            "by_manager": selectors.completion_by(item, "manager", lines) if can_manage else None,
            "exclusions": selectors.exclusion_counts(lines),
            "overdue": selectors.overdue_lines(item, request.user, lines=lines),
            "trend": trend,
            "trend_chart": _trend_chart(trend),
            "can_manage": can_manage,
            "can_publish": perms.can_approve(request.user),
            "publish_form": PeriodForm(prefix="publish", initial={"period": item.period}),
            "synthetic": item.council.employees.filter(is_synthetic=True).exists(),
            "history": history_for(item) if perms.can_see_history(request.user) or can_manage else None,
        },
    )


def _trend_chart(trend) -> str:
    bars = [Bar(c.name, r.percent) for c, r in trend if r.percent is not None]
    if not bars:
        return ""
    return bar_chart_svg(
        "Appraisal completion by cycle (%)", bars, description="The same figures are in the table below."
    )


@require_POST
def cycle_publish(request, slug: str):
    perms.require(perms.can_approve, request.user)
    item = get_object_or_404(AppraisalCycle, council=current_council(), slug=slug)
    form = PeriodForm(request.POST, prefix="publish")
    if not form.is_valid():
        messages.error(request, "Give the scorecard period, e.g. 2024-25.")
        return redirect(item)
    try:
        value = services.appraisal_completion_publish(cycle=item, period=form.cleaned_data["period"], user=request.user)
    except services.PeopleError as exc:
        messages.error(request, str(exc))
    else:
        # The service refuses a cycle with no one due, so the rate and its counts are all set.
        messages.success(
            request,
            f"{value.measure.reference} for {value.period} is now {value.value.normalize()}% "  # type: ignore[union-attr]
            f"({value.numerator.normalize()} of {value.denominator.normalize()}), "  # type: ignore[union-attr]
            "computed from the records.",
        )
    return redirect(item)


# ---------------------------------------------------------------- appraisals


def appraisal_list(request, slug: str):
    item = get_object_or_404(AppraisalCycle, council=current_council(), slug=slug)
    visible = {e.pk for e in selectors.visible_employees(request.user, item.council)}
    if not visible:
        perms.require(lambda _u: False, request.user)
    lines = [line for line in selectors.staff_lines(item) if line.employee.pk in visible]
    return render(request, "people/appraisal_list.html", {"cycle": item, "lines": lines})


@require_POST
def appraisal_start(request, slug: str, number: str):
    council = current_council()
    item = get_object_or_404(AppraisalCycle, council=council, slug=slug)
    person = get_object_or_404(Employee, council=council, employee_number=number)
    appraisal = services.appraisal_start(cycle=item, employee=person, user=request.user)
    return redirect(appraisal)


def appraisal(request, pk: int):
    item = get_object_or_404(Appraisal.objects.select_related("cycle", "employee"), pk=pk)
    if item.cycle.council_id != current_council().pk:
        raise Http404
    perms.require(perms.can_see_appraisal, request.user, item)
    user = request.user
    can_edit = perms.can_edit_appraisal(user, item)
    return render(
        request,
        "people/appraisal.html",
        {
            "appraisal": item,
            "objectives": item.objectives.select_related("priority", "outcome"),
            "can_edit": can_edit,
            "can_acknowledge": perms.can_acknowledge_appraisal(user, item) and item.employee_acknowledged_on is None,
            "history": history_for(item) if perms.can_manage_people(user) else None,
        },
    )


def appraisal_edit(request, pk: int):
    item = get_object_or_404(
        Appraisal.objects.select_related("cycle", "employee"), pk=pk, cycle__council=current_council()
    )
    perms.require(perms.can_edit_appraisal, request.user, item)
    initial = {f: getattr(item, f) for f in AppraisalForm.base_fields}
    form = AppraisalForm(request.POST or None, initial=initial)
    council = item.cycle.council
    objective_form = ObjectiveForm(
        request.POST or None, prefix="objective", council=council, initial={"version": item.version}
    )
    conflict = None
    if request.method == "POST" and request.POST.get("part") == "objective":
        form = AppraisalForm(initial=initial)
        if objective_form.is_valid():
            data = dict(objective_form.cleaned_data)
            version = data.pop("version", None) or 0
            try:
                services.objective_add(appraisal=item, user=request.user, version=version, **data)
            except services.PeopleError as exc:
                objective_form.add_error("outcome", str(exc))
            except StaleVersion as exc:
                # Keep what the person typed; the form now carries the appraisal's current version.
                conflict, item = exc, exc.current
                posted = request.POST.copy()
                posted["objective-version"] = str(item.version)
                objective_form = ObjectiveForm(posted, prefix="objective", council=council)
                objective_form.is_valid()
                form = AppraisalForm(initial={f: getattr(item, f) for f in AppraisalForm.base_fields})
            else:
                messages.success(request, "The objective was added.")
                return redirect("people:appraisal_edit", pk=item.pk)
    elif request.method == "POST":
        objective_form = ObjectiveForm(prefix="objective", council=council, initial={"version": item.version})
        if form.is_valid():
            try:
                services.appraisal_update(
                    appraisal=item, data=form.cleaned_data, user=request.user, version=form.cleaned_data["version"] or 0
                )
            except services.PeopleError as exc:
                form.add_error("wellbeing_conversation_on", str(exc))
            except StaleVersion as exc:
                conflict, item = exc, exc.current
                form = AppraisalForm(with_current_version(request.POST, item.version))
                form.is_valid()
                objective_form = ObjectiveForm(prefix="objective", council=council, initial={"version": item.version})
            else:
                messages.success(request, "The appraisal was saved.")
                return redirect(item)
    return render(
        request,
        "people/appraisal_form.html",
        {
            "appraisal": item,
            "form": form,
            "objective_form": objective_form,
            "objectives": item.objectives.all(),
            "conflict": conflict,
        },
        status=409 if conflict else 200,
    )


def appraisal_acknowledge(request, pk: int):
    item = get_object_or_404(
        Appraisal.objects.select_related("cycle", "employee"), pk=pk, cycle__council=current_council()
    )
    perms.require(perms.can_acknowledge_appraisal, request.user, item)
    form = AcknowledgeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.appraisal_acknowledge(appraisal=item, on=form.cleaned_data["acknowledged_on"], user=request.user)
        except services.PeopleError as exc:
            form.add_error("acknowledged_on", str(exc))
        else:
            messages.success(request, "Thank you: your appraisal is acknowledged.")
            return redirect(item)
    return render(request, "people/appraisal_acknowledge.html", {"appraisal": item, "form": form})
