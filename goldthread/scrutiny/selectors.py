"""Reads for committees, their meetings and programmes, and the recommendation tracker."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet

from goldthread.core.audit import history_for
from goldthread.core.models import Change
from goldthread.council import permissions
from goldthread.council.actors import Actor
from goldthread.council.models import Council
from goldthread.domain import scrutiny as rules
from goldthread.domain.action_status import CLOSED, ActionAssessment
from goldthread.improvement import selectors as improvement
from goldthread.improvement.models import Action, Recommendation
from goldthread.timetable import selectors as timetable
from goldthread.timetable.models import DATE_LABELS

from .models import Committee, ExecutiveResponse, WorkItem


def committees(council: Council) -> QuerySet[Committee]:
    return Committee.objects.filter(council=council).prefetch_related("members__user")


def committees_for(council: Council, user: Actor) -> list[Committee]:
    """The committees ``user`` may see (a member: those they sit on; Cabinet: all; officers: all)."""
    return [c for c in committees(council) if permissions.can_see_committee(user, c)]


@dataclass(frozen=True)
class MeetingRow:
    date: date
    source: str  # "committee" for its own dates, "timetable" for the reporting timetable's
    note: str
    is_example: bool
    pk: int | None = None  # the committee's own meeting, which its page can remove


def meetings(committee: Committee) -> list[MeetingRow]:
    """The committee's own meetings and, where it takes the quarterly pack, the reporting timetable's dates for
    it (read from the timetable, not copied), earliest first."""
    rows = [MeetingRow(m.date, "committee", m.note, m.is_example, m.pk) for m in committee.meetings.all()]
    column = committee.timetable_meeting
    if column:
        for year in timetable.years(committee.council):
            for period in year.periods.all():
                day = getattr(period, column)
                if day:
                    note = f"{DATE_LABELS[column]}: quarterly performance report for {period.period.label}"
                    rows.append(MeetingRow(day, "timetable", note, year.is_example))
    return sorted(rows, key=lambda r: (r.date, r.source))


def next_meeting(committee: Committee, today: date) -> MeetingRow | None:
    return next((m for m in meetings(committee) if m.date >= today), None)


def programme(committee: Committee) -> QuerySet[WorkItem]:
    return (
        WorkItem.objects.filter(committee=committee)
        .select_related("lead_member", "review")
        .prefetch_related("priorities", "measures", "risks")
        .order_by("meeting_date", "topic")
    )


@dataclass
class TrackerRow:
    recommendation: Recommendation
    item: WorkItem
    committee: Committee
    response: ExecutiveResponse | None
    response_due: date | None
    state: str
    actions: list[tuple[Action, ActionAssessment, int | None]] = field(
        default_factory=list
    )  # (action, assessment, per cent complete) at the tracker's date

    @property
    def state_words(self) -> str:
        return rules.STATE_WORDS[self.state]

    @property
    def colour(self) -> str:
        return rules.STATE_COLOUR[self.state]

    @property
    def response_words(self) -> str:
        if self.state in (rules.AWAITING, rules.RESPONSE_OVERDUE):
            return "No response yet"
        return RESPONSE_WORDS.get(self.recommendation.response, self.recommendation.get_response_display())


RESPONSE_WORDS = {rules.ACCEPTED: "Accepted", rules.PARTLY: "Partly accepted", rules.REJECTED: "Rejected"}


def _recommendations(council: Council) -> QuerySet[Recommendation]:
    return (
        Recommendation.objects.filter(review__scrutiny_item__committee__council=council)
        .select_related("review__scrutiny_item__committee", "executive_response")
        .prefetch_related("actions__lead", "actions__directorate")
        .order_by("review__scrutiny_item__committee__order", "review__reference", "order", "reference")
    )


def _row(recommendation: Recommendation, at: date) -> TrackerRow:
    item = recommendation.review.scrutiny_item
    response = getattr(recommendation, "executive_response", None)
    # each action as it stood at ``at``: the status and per cent complete its owner had reported by then
    actions = [
        (then.action, then.assessment, then.percent_complete)
        for then in improvement.as_they_were(list(recommendation.actions.all()), at).values()
    ]
    state = rules.tracker_state(
        response=recommendation.response,
        received=recommendation.review.report_received,
        responded_on=response.responded_on if response else None,
        actions=[rules.ActionState(closed=s.status in CLOSED, overdue=s.is_overdue) for _a, s, _p in actions],
        today=at,
    )
    return TrackerRow(
        recommendation=recommendation,
        item=item,
        committee=item.committee,
        response=response,
        response_due=rules.response_due(recommendation.review.report_received),
        state=state,
        actions=actions,
    )


def tracker(committee: Committee, at: date) -> list[TrackerRow]:
    """Every recommendation of the committee's scrutiny reviews, where it stands at ``at``."""
    rows = _recommendations(committee.council).filter(review__scrutiny_item__committee=committee)
    return [_row(r, at) for r in rows]


def recommendations_for(council: Council, user: Actor, at: date) -> list[TrackerRow]:
    """Every scrutiny recommendation of the committees ``user`` may see (the API's list)."""
    visible = {c.pk for c in committees_for(council, user)}
    return [_row(r, at) for r in _recommendations(council) if r.review.scrutiny_item.committee_id in visible]


def awaiting_response(council: Council, user: Actor, at: date) -> list[TrackerRow]:
    """The scrutiny recommendations ``user`` may see that still wait for the executive's response, overdue first."""
    rows = [r for r in recommendations_for(council, user, at) if r.state in (rules.AWAITING, rules.RESPONSE_OVERDUE)]
    return sorted(rows, key=lambda r: (r.state != rules.RESPONSE_OVERDUE, r.response_due or date.max))


def tracker_summary(rows: list[TrackerRow]) -> list[tuple[str, int]]:
    """(state in words, how many) for the states that occur, in the tracker's order."""
    counts = {s: 0 for s in rules.STATE_WORDS}
    for row in rows:
        counts[row.state] += 1
    return [(rules.STATE_WORDS[s], n) for s, n in counts.items() if n]


def scrutiny_recommendation(council: Council, reference: str) -> Recommendation | None:
    return _recommendations(council).filter(reference=reference).first()


def response_history(recommendation: Recommendation) -> QuerySet[Change]:
    """The recommendation's changes (its response and reasons) with those of the response's date, newest first."""
    entry = ExecutiveResponse.objects.filter(recommendation=recommendation).first()
    changes = history_for(recommendation)
    if entry is not None:
        changes = changes | history_for(entry)
    return changes.order_by("-at", "-pk")
