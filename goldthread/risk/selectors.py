"""Reads for the risk pages, API and reports: filtered registers, the heat map, movements,
exceptions, score history, linked measures' RAG and the assurance map."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Q, QuerySet

from goldthread.core.audit import history_for
from goldthread.core.charts import LineChart, Series
from goldthread.core.models import Change
from goldthread.council import permissions
from goldthread.council.actors import Actor
from goldthread.council.models import Council
from goldthread.domain import riskscore
from goldthread.domain.deadlines import add_months
from goldthread.domain.periods import Granularity, Period, PeriodError, YearType, parse_period
from goldthread.domain.rag import Rag
from goldthread.performance.selectors import assess_latest

from .models import (
    FREQUENCY_MONTHS,
    AssuranceArea,
    AssuranceSource,
    Band,
    Level,
    MatrixLevel,
    Risk,
    RiskMatrix,
    RiskReview,
)

BAND_ORDER = ["low", "medium", "high", "very high"]


def risks(council: Council) -> QuerySet[Risk]:
    return (
        Risk.objects.filter(register__council=council)
        .select_related("register__directorate", "register__service__directorate", "category", "owner", "matrix")
        .prefetch_related("matrix__bands")
    )


def filter_risks(qs: QuerySet[Risk], params: Mapping[str, Any]) -> list[Risk]:
    """Apply the register filters. Band and appetite are computed, so they filter in Python."""
    status = params.get("status", "open")
    if status in {"open", "closed"}:
        qs = qs.filter(status=status)
    if params.get("level"):
        qs = qs.filter(register__level=params["level"])
    if params.get("category"):
        qs = qs.filter(category__code=params["category"])
    if params.get("owner"):
        qs = qs.filter(owner_id=params["owner"]) if str(params["owner"]).isdigit() else qs.none()
    if params.get("directorate"):
        code = params["directorate"]
        qs = qs.filter(Q(register__directorate__code=code) | Q(register__service__directorate__code=code))
    rows = list(qs)
    if params.get("band"):
        rows = [r for r in rows if r.current_band and r.current_band.name == params["band"]]
    if params.get("above_appetite"):
        rows = [r for r in rows if r.above_appetite]
    return rows


def overdue(council: Council, today: date | None = None) -> list[Risk]:
    today = today or date.today()
    return list(risks(council).filter(status=Risk.Status.OPEN, next_review__lt=today).order_by("next_review"))


def above_appetite(council: Council, level: str | None = None) -> list[Risk]:
    qs = risks(council).filter(status=Risk.Status.OPEN)
    if level:
        qs = qs.filter(register__level=level)
    return [r for r in qs if r.above_appetite]


# --- heat map --------------------------------------------------------------------------------


@dataclass
class HeatCell:
    likelihood: int
    impact: int
    score: int
    band: Band | None
    risks: list[Risk] = field(default_factory=list)


@dataclass
class HeatRow:
    level: MatrixLevel  # the likelihood
    cells: list[HeatCell]


@dataclass
class HeatMap:
    matrix: RiskMatrix
    likelihoods: list[MatrixLevel]  # highest first
    impacts: list[MatrixLevel]  # lowest first
    rows: list[HeatRow]
    other_matrix: list[Risk]  # open risks scored on another matrix version

    @property
    def total(self) -> int:
        return sum(len(c.risks) for row in self.rows for c in row.cells)


def default_matrix(council: Council) -> RiskMatrix | None:
    used = RiskMatrix.objects.filter(risks__register__council=council).distinct().order_by("-version").first()
    return used or RiskMatrix.objects.order_by("-version").first()


def heat_map(council: Council, risk_list: list[Risk] | None = None) -> HeatMap | None:
    matrix = default_matrix(council)
    if matrix is None:
        return None
    if risk_list is None:
        risk_list = list(risks(council).filter(status=Risk.Status.OPEN))
    levels = list(matrix.levels.all())
    likelihoods = sorted((lv for lv in levels if lv.axis == "likelihood"), key=lambda lv: -lv.value)
    impacts = sorted((lv for lv in levels if lv.axis == "impact"), key=lambda lv: lv.value)
    cells: dict[tuple[int, int], HeatCell] = {}
    cell: HeatCell | None
    rows = []
    for lk in likelihoods:
        row = []
        for im in impacts:
            cell = HeatCell(lk.value, im.value, lk.value * im.value, matrix.band(lk.value, im.value))
            cells[(lk.value, im.value)] = cell
            row.append(cell)
        rows.append(HeatRow(lk, row))
    other: list[Risk] = []
    for risk in risk_list:
        cell = cells.get((risk.current_likelihood, risk.current_impact)) if risk.matrix_id == matrix.pk else None
        (cell.risks if cell else other).append(risk)
    return HeatMap(matrix, likelihoods, impacts, rows, other)


def heat_map_at(council: Council, end: date) -> HeatMap | None:
    """The heat map as at ``end``: the corporate risks open then, in the cells of the scores their reviews
    approved for periods ending by then (the rule ``risk_summary`` uses)."""
    matrix = default_matrix(council)
    grid = heat_map(council, [])
    if matrix is None or grid is None:
        return None
    cells = {(c.likelihood, c.impact): c for row in grid.rows for c in row.cells}
    for r in corporate_risks_at(council, end):
        if r.likelihood is None or r.impact is None:  # not scored yet at ``end``
            continue
        on_matrix = (r.review.matrix_id if r.review else r.risk.matrix_id) == matrix.pk
        cell = cells.get((r.likelihood, r.impact)) if on_matrix else None
        (cell.risks if cell else grid.other_matrix).append(r.risk)
    return grid


def band_counts(risk_list: list[Risk]) -> dict[str, int]:
    counts = {name: 0 for name in BAND_ORDER}
    for risk in risk_list:
        band = risk.current_band
        if band:
            counts[band.name] = counts.get(band.name, 0) + 1
    return counts


# --- movement --------------------------------------------------------------------------------


def _period_end(label: str) -> date | None:
    try:
        return parse_period(label).end
    except PeriodError:
        return None


def score_at(risk: Risk, end: date) -> int | None:
    """The risk's score at the end of a period: its latest review up to then (None before it existed)."""
    reviews = [
        r
        for r in risk.reviews.all()
        if r.status == RiskReview.Status.APPROVED and (_period_end(r.period) or r.date) <= end
    ]
    if reviews:
        latest = max(reviews, key=lambda r: (_period_end(r.period) or r.date, r.date, r.pk))
        return latest.score
    if (
        risk.created_on
        and risk.created_on <= end
        and not any(r.status == RiskReview.Status.APPROVED for r in risk.reviews.all())
    ):
        return risk.current_score
    return None


def latest_review_period(council: Council) -> Period | None:
    labels = (
        RiskReview.objects.filter(risk__register__council=council, status=RiskReview.Status.APPROVED)
        .values_list("period", flat=True)
        .distinct()
    )
    periods = []
    for label in labels:
        try:
            periods.append(parse_period(label))
        except PeriodError:
            continue
    return max(periods) if periods else None


@dataclass
class MovementRow:
    risk: Risk
    previous: int | None
    current: int | None
    movement: riskscore.Movement


def movements(council: Council, period: Period, level: str | None = Level.CORPORATE) -> list[MovementRow]:
    """Each risk's score at the end of ``period`` against the end of the quarter before."""
    qs = risks(council).prefetch_related("reviews")
    if level:
        qs = qs.filter(register__level=level)
    before_end = period.previous().end
    rows = []
    for risk in qs:
        closed_before = risk.closed_on and risk.closed_on <= before_end
        if closed_before:
            continue
        previous = score_at(risk, before_end)
        closed_now = risk.closed_on and risk.closed_on <= period.end
        current = None if closed_now else score_at(risk, period.end)
        if previous is None and current is None:
            continue
        rows.append(MovementRow(risk, previous, current, riskscore.movement(previous, current)))
    return rows


# --- a risk's page ----------------------------------------------------------------------------


def full_history(risk: Risk) -> list[Change]:
    """Every change to the risk, its controls and its reviews, newest first."""
    changes = list(history_for(risk))
    for related in [*risk.controls.all(), *risk.reviews.all()]:
        changes.extend(history_for(related))
    return sorted(changes, key=lambda c: (c.at, c.pk), reverse=True)


def score_history(risk: Risk, *, approved_only: bool = True) -> list[RiskReview]:
    """The risk's reviews in period order: approved ones only, unless asked (for those who check them)."""
    reviews = risk.reviews.select_related("reviewer", "matrix")
    if approved_only:
        reviews = reviews.filter(status=RiskReview.Status.APPROVED)
    return sorted(reviews, key=lambda r: (_period_end(r.period) or r.date, r.pk))


def reviews_awaiting_approval(council: Council) -> QuerySet[RiskReview]:
    return (
        RiskReview.objects.filter(risk__register__council=council, status=RiskReview.Status.SUBMITTED)
        .select_related("risk", "reviewer")
        .order_by("date")
    )


def score_chart(risk: Risk, history: list[RiskReview]) -> str:
    if not history:
        return ""
    chart = LineChart(
        title=f"{risk.reference} current score at each review",
        labels=[r.period for r in history],
        series=[
            Series("Current score", [r.score for r in history]),
            Series("Target score", [risk.target_score for _ in history], dashed=True),
        ],
        description=f"Score (likelihood × impact) at each review of {risk.reference}; the dashed line is the target.",
    )
    return chart.render()


@dataclass
class MeasureRag:
    measure: object
    value_text: str
    period: str
    rag: Rag


def measure_rags(risk: Risk, user: Actor) -> list[MeasureRag]:
    """Each linked measure's latest figure with the scorecard's own RAG for it (one rule everywhere)."""
    measures = list(risk.measures.all())
    assessed = {
        row.measure.pk: row for row in assess_latest(measures, approved_only=not permissions.can_see_unapproved(user))
    }
    rows = []
    for measure in measures:
        row = assessed.get(measure.pk)
        if row is None:
            rows.append(MeasureRag(measure, "No figure yet", "", Rag.GREY))
        else:
            rows.append(MeasureRag(measure, row.value_text, row.figure.period_label if row.figure else "", row.rag))
    return rows


# --- assurance map -----------------------------------------------------------------------------


@dataclass
class AssuranceRow:
    label: str
    url: str
    kind: str  # "area" or "risk"
    lines: dict[int, list[AssuranceSource]]
    latest_independent: date | None

    @property
    def has_gap(self) -> bool:
        return self.latest_independent is None or self.latest_independent < self._cutoff

    _cutoff: date = date.min


def assurance_map(council: Council, as_of: date | None = None) -> list[AssuranceRow]:
    """Key areas then open corporate risks, each with its sources by line and whether it has a gap
    (no independent, third-line assurance dated within the 12 months before ``as_of``)."""
    as_of = as_of or date.today()
    cutoff = as_of - timedelta(days=365) if as_of > date.min + timedelta(days=365) else date.min
    sources = AssuranceSource.objects.filter(council=council, date__lte=as_of).select_related("review")
    by_area: dict[int | None, list[AssuranceSource]] = {}
    by_risk: dict[int | None, list[AssuranceSource]] = {}
    for source in sources:
        target = by_area if source.area_id else by_risk
        target.setdefault(source.area_id or source.risk_id, []).append(source)
    rows = []
    for area in AssuranceArea.objects.filter(council=council):
        rows.append(_row(area.name, "", "area", by_area.get(area.pk, []), cutoff))
    corporate = risks(council).filter(register__level=Level.CORPORATE, status=Risk.Status.OPEN)
    for risk in corporate:
        rows.append(_row(str(risk), risk.get_absolute_url(), "risk", by_risk.get(risk.pk, []), cutoff))
    return rows


def _row(label: str, url: str, kind: str, sources: list[AssuranceSource], cutoff: date) -> AssuranceRow:
    lines: dict[int, list[AssuranceSource]] = {1: [], 2: [], 3: []}
    for source in sorted(sources, key=lambda s: s.date, reverse=True):
        lines[source.line].append(source)
    latest = max((s.date for s in lines[3]), default=None)
    row = AssuranceRow(label, url, kind, lines, latest)
    row._cutoff = cutoff
    return row


# --- quarterly pack ------------------------------------------------------------------------------


@dataclass
class RiskAt:
    """A risk as it stood at the end of a period: its score from the latest review approved for a period
    ending by then (a risk never yet reviewed keeps the scores it was entered with)."""

    risk: Risk
    review: RiskReview | None
    likelihood: int | None
    impact: int | None
    next_review: date | None

    @property
    def score(self) -> int | None:
        return None if self.likelihood is None or self.impact is None else riskscore.score(self.likelihood, self.impact)

    @property
    def band(self) -> Band | None:
        if self.likelihood is None:
            return None
        matrix = self.review.matrix if self.review else self.risk.matrix
        return matrix.band(self.likelihood, self.impact)

    @property
    def above_appetite(self) -> bool:
        return self.score is not None and riskscore.above_appetite(self.score, self.risk.category.appetite)

    @property
    def is_example_score(self) -> bool:
        return self.review.is_example if self.review else self.risk.is_example_score


def open_at(risk: Risk, end: date) -> bool:
    """Raised by ``end`` (or with no date recorded) and not closed by then."""
    if risk.created_on and risk.created_on > end:
        return False
    if risk.closed_on:
        return risk.closed_on > end
    return risk.status == Risk.Status.OPEN


def risk_at(risk: Risk, end: date) -> RiskAt:
    approved = [r for r in risk.reviews.all() if r.status == RiskReview.Status.APPROVED]
    by_then = [r for r in approved if (_period_end(r.period) or r.date) <= end]
    if by_then:
        latest = max(by_then, key=lambda r: (_period_end(r.period) or r.date, r.date, r.pk))
        months = FREQUENCY_MONTHS.get(risk.review_frequency, 3)
        return RiskAt(risk, latest, latest.likelihood, latest.impact, add_months(latest.date, months))
    if not approved:  # never reviewed: the scores it was entered with
        return RiskAt(risk, None, risk.current_likelihood, risk.current_impact, risk.next_review)
    return RiskAt(risk, None, None, None, None)  # first reviewed later: no score yet at ``end``


def corporate_risks_at(council: Council, end: date) -> list[RiskAt]:
    qs = risks(council).filter(register__level=Level.CORPORATE).prefetch_related("reviews__matrix__bands")
    return [risk_at(r, end) for r in qs if open_at(r, end)]


@dataclass(frozen=True)
class BandCount:
    name: str  # the band's name, e.g. "very high"
    count: int


@dataclass(frozen=True)
class HeatCellCount:
    likelihood: int
    impact: int
    score: int
    count: int
    references: tuple[str, ...]


@dataclass(frozen=True)
class RiskMovement:
    reference: str
    title: str
    previous: int | None
    current: int | None
    movement: str  # riskscore.Movement's value: "up", "down", "same", "new", "closed"
    words: str


@dataclass(frozen=True)
class AboveAppetite:
    reference: str
    title: str
    score: int | None
    appetite: int | None


@dataclass(frozen=True)
class OverdueReview:
    reference: str
    title: str
    next_review: date


@dataclass(frozen=True)
class VeryHighRisk:
    reference: str
    title: str
    score: int | None


@dataclass(frozen=True)
class RiskSummary:
    """The corporate register in figures as at ``as_at``: plain values, no model objects."""

    period: str
    as_at: date
    open_corporate_risks: int
    example_scores: bool
    bands: tuple[BandCount, ...]  # the usual bands in order (low to very high), then any others found
    heat_map: tuple[HeatCellCount, ...]
    movements: tuple[RiskMovement, ...]
    above_appetite: tuple[AboveAppetite, ...]
    overdue_reviews: tuple[OverdueReview, ...]
    very_high: tuple[VeryHighRisk, ...]

    def band_count(self, name: str) -> int:
        for b in self.bands:
            if b.name == name:
                return b.count
        raise KeyError(name)  # the usual bands are always counted, so an unknown name is a mistake

    def as_dict(self) -> dict[str, Any]:
        """The API's JSON (the keys it has always had): bands as a mapping of name to count."""
        out = asdict(self)
        out["bands"] = {b.name: b.count for b in self.bands}
        return out


def _heat_cells(council: Council, at: list[RiskAt]) -> list[HeatCellCount]:
    matrix = default_matrix(council)
    if matrix is None:
        return []
    levels = list(matrix.levels.all())
    likelihoods = sorted((lv.value for lv in levels if lv.axis == "likelihood"), reverse=True)
    impacts = sorted(lv.value for lv in levels if lv.axis == "impact")
    cells = []
    for lk in likelihoods:
        for im in impacts:
            here = tuple(
                r.risk.reference
                for r in at
                if (r.likelihood, r.impact) == (lk, im)
                and (r.review.matrix_id if r.review else r.risk.matrix_id) == matrix.pk
            )
            cells.append(HeatCellCount(lk, im, lk * im, len(here), here))
    return cells


def risk_summary(council: Council, period: str | Period | None = None) -> RiskSummary:
    """The corporate register in figures for the quarterly pack, as at the end of ``period``: the risks open
    then, scored by the reviews approved for periods ending by then; heat map counts, movements, exceptions."""
    if isinstance(period, str):
        period = parse_period(period)
    period = (
        period
        or latest_review_period(council)
        or Period.containing(date.today(), Granularity.QUARTER, YearType.FINANCIAL)
    )
    at = corporate_risks_at(council, period.end)
    scored = [r for r in at if r.score is not None]
    counts = {name: 0 for name in BAND_ORDER}
    for r in scored:
        if r.band:
            counts[r.band.name] = counts.get(r.band.name, 0) + 1
    moves = movements(council, period)
    return RiskSummary(
        period=period.label,
        as_at=period.end,
        open_corporate_risks=len(at),
        example_scores=any(r.is_example_score for r in at),
        bands=tuple(BandCount(name, n) for name, n in counts.items()),
        heat_map=tuple(_heat_cells(council, scored)),
        movements=tuple(
            RiskMovement(m.risk.reference, m.risk.title, m.previous, m.current, m.movement.value, m.movement.words)
            for m in moves
        ),
        above_appetite=tuple(
            AboveAppetite(r.risk.reference, r.risk.title, r.score, r.risk.category.appetite)
            for r in at
            if r.above_appetite
        ),
        overdue_reviews=tuple(
            OverdueReview(r.risk.reference, r.risk.title, r.next_review)
            for r in sorted(at, key=lambda r: r.next_review or date.max)
            if r.next_review and r.next_review <= period.end
        ),
        very_high=tuple(
            VeryHighRisk(r.risk.reference, r.risk.title, r.score)
            for r in scored
            if r.band and r.band.name == "very high"
        ),
    )
