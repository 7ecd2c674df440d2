"""Reported periods: lock a period once its figures have gone to Cabinet, and see what was
reported beside today's figures, with every revision since."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from goldthread.council import permissions
from goldthread.council.selectors import current_council
from goldthread.domain.periods import Granularity, PeriodError, YearType, parse_period
from goldthread.domain.rag import Rag
from goldthread.domain.text import sentence_case

from . import locks, services
from .forms import LockForm
from .models import MeasureValue, ReportedPeriod


def reported_periods(request):
    permissions.require(permissions.can_read, request.user)
    council = current_council()
    can_lock = permissions.can_approve(request.user)
    form = LockForm(request.POST or None) if can_lock else None
    if request.method == "POST":
        permissions.require(permissions.can_approve, request.user)
        if form.is_valid():
            try:
                period = parse_period(form.cleaned_data["period"], YearType.FINANCIAL, Granularity.QUARTER)
                if period.year_type is not YearType.FINANCIAL or period.granularity is Granularity.MONTH:
                    raise PeriodError("choose a financial quarter or year, such as 2023-24 Q2")
                lock = services.lock_period(
                    council=council, period=period, reported_to=form.cleaned_data["reported_to"], user=request.user
                )
            except PeriodError as exc:
                form.add_error("period", _sentence(exc))
            except locks.LockError as exc:
                form.add_error("period" if "locked" in str(exc) else "reported_to", _sentence(exc))
            else:
                messages.success(request, f"{lock.period} is locked: {lock.figures.count()} figures kept as reported.")
                return redirect(lock)
    locked = ReportedPeriod.objects.filter(council=council).select_related("locked_by")
    return render(request, "performance/reported_periods.html", {"locked": locked, "form": form, "can_lock": can_lock})


def reported_period(request, pk):
    permissions.require(permissions.can_read, request.user)
    lock = get_object_or_404(ReportedPeriod, pk=pk, council=current_council())
    figures = list(lock.figures.select_related("measure").order_by("measure__reference"))
    ids = [f.measure_id for f in figures]
    periods = {f.figure_period for f in figures}
    current = {
        (v.measure_id, v.period): v
        for v in MeasureValue.objects.filter(measure_id__in=ids, period__in=periods, status="approved")
    }
    revisions = locks.revisions_by_figure(ids, periods)
    rows = []
    for f in figures:
        now = current.get((f.measure_id, f.figure_period))
        revision = revisions.get((f.measure_id, f.figure_period))
        rows.append(
            {
                "figure": f,
                "reported": f.measure.format_value(f.value),
                "target": f.measure.format_value(f.target) if f.target is not None else "No target",
                "rag": Rag(f.rag),
                "now": f.measure.format_value(now.value) if now else "Not yet approved",
                "revision": revision,
            }
        )
    return render(
        request,
        "performance/reported_period.html",
        {"lock": lock, "rows": rows, "revised": sum(1 for r in rows if r["revision"])},
    )


def _sentence(exc) -> str:
    return sentence_case(str(exc))
