"""What the home page says needs doing, for the person signed in: one line each, linked to where the work
is done. Reads only; each domain's own selectors decide what is due or overdue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.urls import reverse

from goldthread.council import permissions
from goldthread.domain.numbers import count
from goldthread.improvement import selectors as improvement
from goldthread.risk import selectors as risk
from goldthread.risk.models import Risk

SOON = timedelta(days=28)


@dataclass(frozen=True)
class Task:
    text: str
    url: str


def work_for(user, council, today: date) -> list[Task]:
    """The person's own work first (actions, risks they own), then, for the performance team, the council's."""
    tasks: list[Task] = []
    mine = improvement.overdue_actions(council, today).filter(lead=user)
    if mine.exists():
        tasks.append(Task(f"{count(mine.count(), 'action')} you lead past {'its' if mine.count() == 1 else 'their'}"
                          " due date", reverse("improvement:my-actions")))  # fmt: skip
    owned = Risk.objects.filter(owner=user, status=Risk.Status.OPEN, next_review__lte=today + SOON)
    if owned.exists():
        tasks.append(Task(f"{count(owned.count(), 'risk')} you own due for review by {today + SOON:%-d %B}",
                          reverse("risk:risks")))  # fmt: skip
    if permissions.is_performance_team(user):
        late_reviews = len(risk.overdue(council, today))
        if late_reviews:
            its = "its" if late_reviews == 1 else "their"
            tasks.append(Task(f"{count(late_reviews, 'risk')} past {its} review date", reverse("risk:risks")))
        coming = [d for d in improvement.open_deadlines(council, today) if d.due <= today + SOON * 2]
        if coming:
            tasks.append(Task(f"{count(len(coming), 'review deadline')} overdue or in the next eight weeks",
                              reverse("improvement:deadlines")))  # fmt: skip
        late = improvement.overdue_actions(council, today).count()
        if late:
            tasks.append(Task(f"{count(late, 'action')} across the council past the due date",
                              reverse("improvement:overdue")))  # fmt: skip
    return tasks


def at_a_glance(council) -> list[Task]:
    """The council's position in a line or two: risks above appetite (corporate register)."""
    above = risk.above_appetite(council, level="corporate")
    return [Task(f"{count(len(above), 'corporate risk')} above appetite", reverse("risk:risks"))] if above else []
