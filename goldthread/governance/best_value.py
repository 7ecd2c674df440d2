"""Reads for the Best Value self-assessment: the council's rating per theme, its evidence, and the flags
Goldthread proposes from live data (each rule a plain function in goldthread/domain/best_value.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse

from goldthread.domain import best_value as rules
from goldthread.domain.deadlines import DeadlineState
from goldthread.domain.numbers import money
from goldthread.finance.models import ReserveKind
from goldthread.finance.selectors import reserves
from goldthread.improvement import selectors as improvement
from goldthread.improvement.models import Action, Recommendation, Review
from goldthread.performance import selectors as performance
from goldthread.performance.models import Measure
from goldthread.risk.models import Risk
from goldthread.risk.selectors import risk_summary

from .models import EvidenceLink, FlagDecision, Policy, ThemeAssessment
from .selectors import register


@dataclass
class Flag:
    key: str
    theme: str
    title: str
    detail: str
    url: str
    decision: FlagDecision | None = None


@dataclass
class ThemeRow:
    theme: rules.Theme
    assessment: ThemeAssessment
    evidence: list[EvidenceLink]
    flags: list[Flag] = field(default_factory=list)

    @property
    def undecided(self) -> int:
        return sum(1 for f in self.flags if f.decision is None)

    @property
    def accepted(self) -> int:
        return sum(1 for f in self.flags if f.decision and f.decision.decision == FlagDecision.Decision.ACCEPTED)


def _last_peer_challenge(council) -> date | None:
    days = [
        r.onsite_end or r.onsite_start or r.feedback_session
        for r in Review.objects.filter(council=council, review_type=Review.Type.CPC)
    ]
    return max((d for d in days if d), default=None)


def _improvement_flags(council, today: date) -> list[Flag]:
    flags = [
        Flag(
            f"deadline:{row.review.reference}:{row.rule.pk}",
            "continuous-improvement",
            f"{row.review.title}: {row.rule.name} overdue",
            f"Due {row.due:%-d %B %Y} and not met.",
            reverse("improvement:review", args=[row.review.reference]),
        )
        for row in improvement.open_deadlines(council, today)
        if row.status.state is DeadlineState.OVERDUE
    ]
    flags += [
        Flag(
            f"action:{a.reference}",
            "continuous-improvement",
            f"Action {a.reference} is overdue",
            f"Due {(a.revised_due_date or a.due_date):%-d %B %Y}: {a.description[:150]}",
            reverse("improvement:action", args=[a.reference]),
        )
        for a in improvement.overdue_actions(council, today)
    ]
    last = _last_peer_challenge(council)
    if rules.peer_challenge_gap(last, today):
        flags.append(
            Flag(
                "peer-challenge",
                "continuous-improvement",
                "No corporate peer challenge within five years",
                f"The last one on record was in {last:%B %Y}." if last else "None is on record.",
                reverse("improvement:index"),
            )
        )
    return flags


def _policy_flags(council, today: date) -> list[Flag]:
    return [
        Flag(
            f"policy:{p.pk}",
            "governance",
            f"{p.title} is past its review date",
            f"Review date {p.review_date:%-d %B %Y}." if p.review_date else "Its period has ended.",
            reverse("governance:policy", args=[p.pk]),
        )
        for p in register(council, today)
        if p.review_state == "overdue"
    ]


def _measure_flags(council, user) -> list[Flag]:
    card = performance.scorecard(user=user, period=performance.latest_quarter(user, council), council=council)
    answered = set(
        Action.objects.filter(recommendation__measures__council=council).values_list(
            "recommendation__measures__reference", flat=True
        )
    )
    rows = [(r.measure.reference, str(r.rag), r.measure.reference in answered) for r in card.rows]
    titles = {r.measure.reference: r.measure.title for r in card.rows}
    return [
        Flag(
            f"red-measure:{ref}",
            "service-delivery",
            f"{ref} {titles[ref]} is red with no improvement action",
            f"Red in {card.period.label}; no action answers a recommendation linked to it.",
            reverse("performance:measure", args=[ref]),
        )
        for ref in rules.unanswered_reds(rows)
    ]


def _risk_flags(council) -> list[Flag]:
    summary = risk_summary(council)
    return [
        Flag(
            f"risk:{r.reference}",
            "governance",
            f"Risk {r.reference} is above appetite",
            f"{r.title}: score {r.score} at {summary.period}.",
            reverse("risk:risk", args=[r.reference]),
        )
        for r in summary.above_appetite
    ]


def _reserves_flags(council) -> list[Flag]:
    rows = list(
        reserves(council)
        .filter(kind=ReserveKind.GENERAL, purpose="", is_forecast=False)
        .order_by("financial_year")
        .values_list("financial_year", "amount")
    )
    if not rules.reserves_falling([amount for _year, amount in rows]):
        return []
    years = ", ".join(f"{year}: {money(amount)}" for year, amount in rows[-4:])
    return [
        Flag(
            "reserves-falling",
            "use-of-resources",
            "General fund reserve has fallen for three years",
            f"Year-end balances {years}.",
            reverse("finance:index"),
        )
    ]


def live_flags(council, user, today: date) -> list[Flag]:
    """Every flag the council's data raises today, with the decision already taken on each (if any)."""
    flags = (
        _improvement_flags(council, today)
        + _policy_flags(council, today)
        + _measure_flags(council, user)
        + _risk_flags(council)
        + _reserves_flags(council)
    )
    decisions = {d.key: d for d in FlagDecision.objects.filter(council=council).select_related("decided_by")}
    for flag in flags:
        flag.decision = decisions.get(flag.key)
    return flags


def assessment(council, user, today: date) -> list[ThemeRow]:
    """The seven themes in the guidance's order, each with the council's rating, evidence and live flags."""
    saved = {a.theme: a for a in ThemeAssessment.objects.filter(council=council).prefetch_related("evidence")}
    flags = live_flags(council, user, today)
    rows = []
    for theme in rules.THEMES:
        entry = saved.get(theme.code) or ThemeAssessment(council=council, theme=theme.code, version=0)
        evidence = list(entry.evidence.all()) if entry.pk else []
        rows.append(ThemeRow(theme, entry, evidence, [f for f in flags if f.theme == theme.code]))
    return rows


def find_flag(council, user, today: date, key: str) -> Flag | None:
    return next((f for f in live_flags(council, user, today) if f.key == key), None)


def resolve_evidence(council, kind: str, reference: str) -> tuple[str, str]:
    """The title and address of the record ``reference`` of ``kind``, or LookupError saying what is missing."""
    ref = reference.strip()
    K = EvidenceLink.Kind  # noqa: N806
    if kind == K.MEASURE and (m := Measure.objects.filter(council=council, reference=ref).first()):
        return m.title, reverse("performance:measure", args=[m.reference])
    if kind == K.RISK and (r := Risk.objects.filter(reference=ref).first()):
        return r.title, reverse("risk:risk", args=[r.reference])
    if kind == K.REVIEW and (v := Review.objects.filter(council=council, reference=ref).first()):
        return v.title, reverse("improvement:review", args=[v.reference])
    if kind == K.RECOMMENDATION and (
        c := Recommendation.objects.filter(review__council=council, reference=ref).select_related("review").first()
    ):
        return c.title, reverse("improvement:recommendation", args=[c.review.reference, c.reference])
    if kind == K.ACTION and (a := Action.objects.filter(reference=ref).first()):
        return a.description[:300], reverse("improvement:action", args=[a.reference])
    if kind == K.POLICY and (p := Policy.objects.filter(council=council, title__iexact=ref).first()):
        return p.title, reverse("governance:policy", args=[p.pk])
    label = dict(K.choices).get(kind, kind)
    raise LookupError(f"There is no {label.lower()} with the reference {ref!r}.")
