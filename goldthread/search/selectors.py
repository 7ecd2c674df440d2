"""Search across measures, risks, actions, recommendations, reviews, committee reports and people, for
what the person may see. PostgreSQL ranks with its full-text search (English stemming: "recycling"
finds "recycled"); SQLite, the embedded default, matches every word of the query somewhere in the
record. Either way a record's reference matches exactly ("ENV-01")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import connection
from django.db.models import Model, Q, QuerySet
from django.urls import reverse
from django.utils.http import urlencode

from goldthread.council import permissions
from goldthread.council.actors import Actor
from goldthread.council.selectors import current_council
from goldthread.improvement.models import Action, Recommendation, Review
from goldthread.improvement.selectors import council_actions
from goldthread.people.models import Employee
from goldthread.performance.models import Measure
from goldthread.reports.models import ReportNarrative
from goldthread.risk.models import Risk

MAX_QUERY = 200  # characters: a search box, not a document
PER_KIND = 20


@dataclass(frozen=True)
class Hit:
    kind: str
    reference: str
    title: str
    summary: str
    url: str


@dataclass(frozen=True)
class KindResults:
    kind: str
    label: str
    hits: list[Hit]


@dataclass(frozen=True)
class SearchResults:
    query: str
    kinds: list[KindResults]

    @property
    def total(self) -> int:
        return sum(len(k.hits) for k in self.kinds)


M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Kind(Generic[M]):
    """One kind of record: where to look, who may see it, and how a match is shown."""

    key: str
    label: str
    allowed: Callable[[object], bool]
    rows: Callable[[], QuerySet[M]]
    fields: tuple[str, ...]
    reference: str
    hit: Callable[[M], Hit]


def _short(text: str, length: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _measure(m: Measure) -> Hit:
    return Hit("measures", m.reference, m.title, _short(m.definition), m.get_absolute_url())


def _risk(r: Risk) -> Hit:
    return Hit(
        "risks", r.reference, r.title, _short(r.event or r.consequence), reverse("risk:risk", args=[r.reference])
    )


def _action(a: Action) -> Hit:
    url = reverse("improvement:action", args=[a.reference])
    return Hit("actions", a.reference, _short(a.description, 120), a.get_status_display(), url)


def _recommendation(r: Recommendation) -> Hit:
    url = reverse("improvement:recommendation", args=[r.review.reference, r.reference])
    return Hit("recommendations", r.reference, _short(r.title), r.review.title, url)


def _review(r: Review) -> Hit:
    url = reverse("improvement:review", args=[r.reference])
    return Hit("reviews", r.reference, r.title, r.get_review_type_display(), url)


def _report(n: ReportNarrative) -> Hit:
    url = (
        reverse("reports:preview", args=[n.report_type]) + "?" + urlencode({"period": n.period, "audience": n.audience})
    )
    return Hit("reports", n.period, n.subject, f"{n.get_report_type_display()}, {n.report_to}", url)


def _person(e: Employee) -> Hit:
    summary = ", ".join(part for part in (e.job_title, str(e.directorate)) if part)
    return Hit("people", e.employee_number, e.name, summary, reverse("people:employee", args=[e.employee_number]))


def _kinds() -> list[Kind[Any]]:
    council = current_council()
    can_read, can_manage_people = permissions.can_read, permissions.can_manage_people
    return [
        Kind(
            "measures",
            "Measures",
            can_read,
            lambda: Measure.objects.filter(council=council),
            ("reference", "title", "definition", "data_source"),
            "reference",
            _measure,
        ),
        Kind(
            "risks",
            "Risks",
            can_read,
            lambda: Risk.objects.filter(register__council=council),
            ("reference", "title", "cause", "event", "consequence", "owner_title"),
            "reference",
            _risk,
        ),
        Kind(
            "actions",
            "Actions",
            can_read,
            lambda: council_actions(council),
            ("reference", "description", "lead_name"),
            "reference",
            _action,
        ),
        Kind(
            "recommendations",
            "Recommendations",
            can_read,
            lambda: Recommendation.objects.filter(review__council=council).select_related("review"),
            ("reference", "title", "text", "response_text", "theme"),
            "reference",
            _recommendation,
        ),
        Kind(
            "reviews",
            "Reviews",
            can_read,
            lambda: Review.objects.filter(council=council),
            ("reference", "title", "reviewing_body"),
            "reference",
            _review,
        ),
        Kind(
            "reports",
            "Committee reports",
            can_read,
            ReportNarrative.objects.all,
            ("subject", "summary", "report_to", "period"),
            "period",
            _report,
        ),
        Kind(
            "people",
            "People",
            can_manage_people,
            lambda: Employee.objects.filter(council=council).select_related("directorate"),
            ("employee_number", "name", "job_title"),
            "employee_number",
            _person,
        ),
    ]


def words(query: str) -> list[str]:
    """The query's words, without punctuation a person would not mean ("ENV-01" stays one word)."""
    return [w for w in re.split(r"[^\w\-£%.]+", query) if w.strip("-.")]


def _matching(kind: Kind[M], query: str) -> Iterable[M]:
    rows = kind.rows()
    exact = Q(**{f"{kind.reference}__iexact": query})
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector(*kind.fields, config="english")
        terms = SearchQuery(query, search_type="websearch", config="english")
        found = rows.annotate(rank=SearchRank(vector, terms), document=vector).filter(exact | Q(document=terms))
        return found.order_by("-rank", kind.reference)[:PER_KIND]
    every_word = Q()
    for word in words(query):
        any_field = Q()
        for name in kind.fields:
            any_field |= Q(**{f"{name}__icontains": word})
        every_word &= any_field
    return rows.filter(exact | every_word).order_by(kind.reference)[:PER_KIND] if words(query) else rows.none()


def search(user: Actor, query: str) -> SearchResults:
    """Every kind of record the person may see that matches ``query``, grouped by kind."""
    query = " ".join((query or "").replace("\x00", "").split())[:MAX_QUERY]
    if not query or not permissions.can_read(user):
        return SearchResults(query, [])
    kinds = []
    for kind in _kinds():
        if not kind.allowed(user):
            continue
        hits = [kind.hit(row) for row in _matching(kind, query)]
        if hits:
            kinds.append(KindResults(kind.key, kind.label, hits))
    return SearchResults(query, kinds)
