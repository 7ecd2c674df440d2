"""What the risk app shows on a priority's page: the risks linked to it that were open at the end of the
page's period, each scored by the reviews approved by then (as the quarterly pack scores them), with its
band in words and whether the score is above the council's appetite for its category."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from goldthread.council import permissions
from goldthread.council.links import AsAt, LinkedSection
from goldthread.domain import riskscore
from goldthread.domain.numbers import count
from goldthread.domain.periods import Granularity, Period, YearType

if TYPE_CHECKING:  # for annotations only: at run time the functions below import them when called
    from .models import Risk
    from .selectors import RiskAt


@dataclass
class RiskEntry:
    at: RiskAt  # the risk as it stood at the end of the period

    @property
    def risk(self) -> Risk:
        return self.at.risk

    @property
    def band_words(self) -> str:
        band = self.at.band
        return str(band) if band else "No band"

    @property
    def appetite_words(self) -> str:
        if self.at.score is None:
            return "Not scored by then"
        return riskscore.appetite_words(self.at.score, self.risk.category.appetite)


@dataclass
class RisksData:
    as_at: date
    entries: list[RiskEntry] = field(default_factory=list)

    @property
    def above(self) -> list[RiskEntry]:
        return [e for e in self.entries if e.at.above_appetite]

    @property
    def example_scores(self) -> bool:
        return any(e.at.is_example_score for e in self.entries)


def latest_period(council, user) -> Period | None:
    """The quarter of the newest approved risk review, so the priority page opens where risks were scored."""
    from .selectors import latest_review_period

    latest = latest_review_period(council)
    return Period.containing(latest.end, Granularity.QUARTER, YearType.FINANCIAL) if latest else None


def risks_data(priority, as_at: AsAt) -> RisksData:
    from .models import Risk
    from .selectors import open_at, risk_at

    day = as_at.at
    risks = (
        Risk.objects.filter(priorities=priority)
        .select_related("register__directorate", "register__service", "category", "matrix")
        .prefetch_related("matrix__bands", "reviews__matrix__bands")
    )
    entries = [RiskEntry(risk_at(r, day)) for r in risks if open_at(r, day)]
    entries.sort(key=lambda e: (-(e.at.score or 0), e.risk.reference))
    return RisksData(day, entries)


def summary(data: RisksData) -> str:
    if not data.entries:
        return ""
    above = len(data.above)
    text = f"{count(len(data.entries), 'open risk')} linked to this priority as at {data.as_at:%-d %B %Y}"
    if above:
        verb = "is" if above == 1 else "are"
        text += f"; {above} {verb} above the council's appetite for {'its' if above == 1 else 'their'} category."
    else:
        text += "; none is above the council's appetite for its category."
    return text


def priority_risks(priority, user, as_at: AsAt) -> LinkedSection | None:
    if not permissions.can_read(user):
        return None
    data = risks_data(priority, as_at)
    return LinkedSection(
        heading="Risks",
        summary=summary(data),
        template="risk/_priority_risks.html",
        data=data,
        empty_text=f"No open risks were linked to this priority on {as_at.at:%-d %B %Y}.",
        order=20,
    )
