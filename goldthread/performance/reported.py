"""Reading reported periods: whether a value is locked, the figure Cabinet saw, its revisions.
The writes (``lock_period``, ``record_revision``) are in ``services``; ``locks`` names both."""

from __future__ import annotations

from django.db.models import Q

from goldthread.domain.periods import Period

from .models import ReportedFigure, ReportedPeriod, ValueRevision


class LockError(ValueError):
    """A period cannot be locked, or a locked value cannot be changed as asked."""


def reported_figure_for(measure, period: Period) -> ReportedFigure | None:
    """The latest reported figure of ``measure`` for exactly this period, if it was reported."""
    return (
        ReportedFigure.objects.filter(measure=measure, figure_period=period.label)
        .select_related("reported_period")
        .order_by("-reported_period__locked_at")
        .first()
    )


def is_locked(measure, period: Period) -> bool:
    """A value is locked if its own figure was reported, or its period lies inside a reported period."""
    if reported_figure_for(measure, period) is not None:
        return True
    return ReportedPeriod.objects.filter(
        Q(period_start__lte=period.start, period_end__gte=period.end), council_id=measure.council_id
    ).exists()


def revisions_by_figure(measure_ids, periods) -> dict[tuple[int, str], ValueRevision]:
    """The latest revision of each (measure, period) among these, in one query."""
    latest: dict[tuple[int, str], ValueRevision] = {}
    found = (
        ValueRevision.objects.filter(measure_value__measure_id__in=measure_ids, measure_value__period__in=periods)
        .select_related("measure_value", "reported_figure__reported_period")
        .order_by("number")
    )
    for revision in found:
        latest[(revision.measure_value.measure_id, revision.measure_value.period)] = revision
    return latest
