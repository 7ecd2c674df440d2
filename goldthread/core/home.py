"""What the home page says needs doing, for the person signed in: one line each, linked to where the work
is done. Reads only; each domain's own selectors decide what is due or overdue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.urls import reverse
from django.utils.http import urlencode

from goldthread.council import permissions
from goldthread.council.links import default_period
from goldthread.domain.numbers import count
from goldthread.domain.periods import Period
from goldthread.improvement import selectors as improvement
from goldthread.risk import selectors as risk
from goldthread.risk.models import Level, Risk

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


@dataclass(frozen=True)
class Glance:
    """The council's position at a glance: each priority's measures by RAG for the latest quarter with
    figures or risk reviews (a small chart, with the counts in words), the finance headline, and the risks
    above appetite."""

    period: Period
    priorities: list  # performance.priority_section.PriorityRag
    finance: Task | None
    savings: Task | None
    risks: Task


def at_a_glance(council, user, today: date) -> Glance:
    from goldthread.finance.priority_section import latest_headline
    from goldthread.performance.priority_section import rag_by_priority

    period = default_period(council, user, today)  # the quarter each priority's page opens on
    money = latest_headline(council)
    finance = savings = None
    if money is not None:
        example = " (example figures)" if money.is_example else ""
        finance = Task(money.text + example, money.url)
        savings = Task(money.savings, reverse("finance:savings")) if money.savings else None
    above = len(risk.above_appetite(council, level=Level.CORPORATE))
    url = reverse("risk:risks") + "?" + urlencode({"level": Level.CORPORATE, "above_appetite": "1"})
    words = f"{count(above, 'corporate risk')} above appetite" if above else "No corporate risk is above appetite"
    return Glance(period, rag_by_priority(council, user, period), finance, savings, Task(words, url))
