"""Reads for notifications: the work that falls due (as the reminder rules' obligations, each with the words
and link a reminder needs), who must do it and their director, and a person's own notifications."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet
from django.urls import reverse

from goldthread.council.models import Council, Directorate, User
from goldthread.domain.periods import Period, periods_due
from goldthread.domain.reminders import HORIZON_DAYS, Family, Obligation
from goldthread.finance.models import BudgetLine, LineStatus
from goldthread.improvement.selectors import OPEN_STATUSES, council_actions, open_deadlines
from goldthread.performance.models import Measure, MeasureValue, Status
from goldthread.performance.selectors import active_measures
from goldthread.risk.models import Risk, RiskReview
from goldthread.timetable.selectors import DueQuarter, quarters_due_between

from .models import DELIVERY_CHOICES, Notification, ReminderSettings
from .people import director_of, editors_of, performance_team

DONE_STATUSES = {Status.SUBMITTED, Status.APPROVED}


@dataclass(frozen=True)
class Work:
    """An obligation and how to speak of it: ``what`` completes "… is due on <date>"."""

    obligation: Obligation
    what: str
    link: str


def reminder_settings(council: Council) -> ReminderSettings:
    """The council's settings, or the defaults (unsaved) if the performance team has not set them."""
    return ReminderSettings.objects.filter(council=council).first() or ReminderSettings(council=council)


def _expected_labels(measure: Measure, quarter: Period) -> list[str]:
    """The labels of the periods a directorate's return for ``quarter`` must cover for ``measure``."""
    return [p.label for p in periods_due(quarter, measure.frequency, measure.year_type)]


def _values_work(council: Council, due_quarters: list[DueQuarter]) -> list[Work]:
    measures = list(active_measures(council))
    work = []
    for dq in due_quarters:
        needed: dict[Directorate, list[tuple[int, str]]] = {}
        for m in measures:
            for label in _expected_labels(m, dq.period):
                needed.setdefault(m.directorate, []).append((m.pk, label))
        if not needed:
            continue
        labels = {label for pairs in needed.values() for _pk, label in pairs}
        done = set(
            MeasureValue.objects.filter(measure__in=measures, period__in=labels, status__in=DONE_STATUSES).values_list(
                "measure_id", "period"
            )
        )
        for directorate, pairs in needed.items():
            ob = Obligation(
                Family.VALUES,
                f"values:{directorate.code}:{dq.period.label}",
                dq.due,
                all(p in done for p in pairs),
                editors_of(directorate),
                director_of(directorate),
            )
            link = f"{reverse('performance:measures')}?directorate={directorate.code}"
            work.append(Work(ob, f"the return of {directorate.name}'s values for {dq.period.label}", link))
    return work


def _risk_work(council: Council, due_quarters: list[DueQuarter]) -> list[Work]:
    risks = list(
        Risk.objects.filter(register__council=council, status=Risk.Status.OPEN, owner__isnull=False).select_related(
            "register__directorate", "register__service__directorate"
        )
    )
    work = []
    for dq in due_quarters:
        reviewed = set(
            RiskReview.objects.filter(
                risk__in=risks,
                period=dq.period.label,
                status__in=[RiskReview.Status.SUBMITTED, RiskReview.Status.APPROVED],
            ).values_list("risk_id", flat=True)
        )
        for risk in risks:
            assert risk.owner_id is not None  # only risks with an owner were read
            ob = Obligation(
                Family.RISK_REVIEW,
                f"risk:{risk.reference}:{dq.period.label}",
                dq.due,
                risk.pk in reviewed,
                (risk.owner_id,),
                director_of(risk.register.owning_directorate),
            )
            link = reverse("risk:review_create", args=[risk.reference])
            work.append(Work(ob, f"the {dq.period.label} review of risk {risk.reference} {risk.title}", link))
    return work


def _budget_work(council: Council, due_quarters: list[DueQuarter]) -> list[Work]:
    """Directorates that keep monthly budget lines owe the quarter's last month."""
    directorates = {
        line.directorate
        for line in BudgetLine.objects.filter(directorate__council=council).select_related("directorate")
    }
    work = []
    for dq in due_quarters:
        month = dq.period.months()[-1].label
        done = set(
            BudgetLine.objects.filter(
                directorate__in=directorates,
                period=month,
                status__in=[LineStatus.SUBMITTED, LineStatus.APPROVED],
            ).values_list("directorate_id", flat=True)
        )
        for d in sorted(directorates, key=lambda d: d.name):
            ob = Obligation(
                Family.BUDGET,
                f"budget:{d.code}:{month}",
                dq.due,
                d.pk in done,
                editors_of(d),
                director_of(d),
            )
            work.append(Work(ob, f"{d.name}'s budget lines for {month}", reverse("finance:item-new", args=["budget"])))
    return work


def _action_work(council: Council, first: date, last: date) -> list[Work]:
    actions = council_actions(council).filter(
        lead__isnull=False, due_date__gte=first, due_date__lte=last, status__in=OPEN_STATUSES
    )
    return [
        Work(
            Obligation(
                Family.ACTION,
                f"action:{a.reference}",
                a.due_date,
                False,
                (a.lead_id,),
                director_of(a.directorate),
            ),
            f"action {a.reference}",
            reverse("improvement:action-progress", args=[a.reference]),
        )
        for a in actions.select_related("directorate")
        if a.due_date is not None and a.lead_id is not None  # as the query asked: narrowed for the types
    ]


def _deadline_work(council: Council, today: date, first: date, last: date) -> list[Work]:
    team = tuple(performance_team())
    return [
        Work(
            Obligation(Family.REVIEW_DEADLINE, f"deadline:{row.review.pk}:{row.rule.pk}", row.due, False, team, None),
            f"{row.rule.name} for {row.review.title}",
            reverse("improvement:review", args=[row.review.reference]),
        )
        for row in open_deadlines(council, today)
        if first <= row.due <= last
    ]


def work_due(council: Council, today: date, lead_days: int) -> list[Work]:
    """Everything with a due date from ``HORIZON_DAYS`` ago to ``lead_days`` ahead, done or not."""
    first, last = today - timedelta(days=HORIZON_DAYS), today + timedelta(days=lead_days)
    quarters = quarters_due_between(council, first, last)
    return [
        *_values_work(council, quarters),
        *_risk_work(council, quarters),
        *_budget_work(council, quarters),
        *_action_work(council, first, last),
        *_deadline_work(council, today, first, last),
    ]


def keys_made(since: date) -> set[tuple[int, str, str, date]]:
    return set(Notification.objects.filter(due__gte=since).values_list("recipient_id", "kind", "subject_key", "due"))


def delivery_choices() -> list[tuple[str, str]]:
    return DELIVERY_CHOICES


def notifications_for(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)
