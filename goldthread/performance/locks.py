"""Locking a reported period, and revising a value after it was reported.

When the performance team records that a period's figures went to Cabinet, the figures
members saw are copied as they were (``ReportedFigure``). From then on, entering or correcting
a value in that period needs a reason and is kept as a numbered revision, shown next to the
reported figure: what Cabinet saw is never silently replaced."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from goldthread.core.audit import record_change
from goldthread.core.models import Change
from goldthread.council import permissions
from goldthread.domain.periods import Period

from .models import MeasureValue, ReportedFigure, ReportedPeriod, ValueRevision
from .selectors import scorecard


class LockError(ValueError):
    """A period cannot be locked, or a locked value cannot be changed as asked."""


def lock_period(*, council, period: Period, reported_to: str, user) -> ReportedPeriod:
    """Record that ``period`` was reported, keeping a copy of every approved figure as shown."""
    permissions.require(permissions.can_approve, user)
    reported_to = (reported_to or "").strip()
    if not reported_to:
        raise LockError("say where the figures were reported, for example 'Cabinet, 7 December 2023'")
    if ReportedPeriod.objects.filter(council=council, period=period.label).exists():
        raise LockError(f"{period.label} is already locked")
    card = scorecard(user=user, period=period, council=council, approved_only=True)
    shown = {(row.measure.pk, row.figure.period_label) for row in card.rows if row.figure is not None}
    approved = MeasureValue.objects.filter(
        measure__council=council, status="approved", period__in={p for _, p in shown}
    ).values_list("measure_id", "period", "commentary")
    commentary = {(mid, p): text for mid, p, text in approved if (mid, p) in shown}
    with transaction.atomic():
        lock = ReportedPeriod(council=council, reported_to=reported_to, locked_by=user)
        lock.set_period(period)
        lock.save()
        ReportedFigure.objects.bulk_create(
            ReportedFigure(
                reported_period=lock,
                measure=row.measure,
                figure_period=row.figure.period_label,
                value=row.figure.value,
                target=row.target.value if row.target else None,
                rag=row.rag.value,
                commentary=commentary.get((row.measure.pk, row.figure.period_label), ""),
            )
            for row in card.rows
            if row.figure is not None
        )
        record_change(
            obj=lock,
            user=user,
            action=Change.Action.CREATE,
            after={"period": period.label, "reported_to": reported_to, "figures": lock.figures.count()},
            reason="Period locked as reported",
        )
    return lock


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


def record_revision(*, measure_value: MeasureValue, previous_value, user, reason: str) -> ValueRevision:
    """Number and keep a correction made after the value's period was reported."""
    period = measure_value.measure.parse_period(measure_value.period)
    number = measure_value.revisions.count() + 1
    return ValueRevision.objects.create(
        measure_value=measure_value,
        reported_figure=reported_figure_for(measure_value.measure, period),
        number=number,
        previous_value=previous_value,
        new_value=measure_value.value,
        reason=reason,
        made_by=user if getattr(user, "is_authenticated", False) else None,
    )


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
