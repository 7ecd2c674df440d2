"""What links to a priority. Each domain app registers a provider in its AppConfig.ready(),
so the priority page shows everything on the golden thread without knowing every app.

A provider is called ``provider(priority, user, as_at)`` and returns a section (or None when the person may
not see it). ``as_at`` is the period the page speaks for: a provider shows the state at the end of it, as
the quarterly pack does (``ReportContext.at``), never simply today's. A section is a list of links by
default; a provider with more to show (counts, a chart, a table) names its own template and hands it
``data``, so council never imports the app."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from goldthread.domain.periods import Granularity, Period, PeriodError, YearType, parse_period


@dataclass
class LinkedItem:
    label: str
    url: str
    detail: str = ""  # e.g. "Off target", "Score 16 (high)", "Due 31 March 2024"


@dataclass
class LinkedSection:
    heading: str
    items: list[LinkedItem] = field(default_factory=list)
    empty_text: str = "None linked yet."
    order: int = 50
    summary: str = ""  # a sentence or two before the items, in words
    template: str = ""  # the app's own template for the section's body (else the list of items)
    data: object = None  # what that template shows

    @property
    def anchor(self) -> str:
        return "section-" + "-".join(self.heading.lower().split())


@dataclass(frozen=True)
class AsAt:
    """The period a priority page shows, and the day it speaks as at: the end of the period, or today for
    a period not yet over (so a past quarter reads the same whenever it is opened)."""

    period: Period
    today: date

    @property
    def at(self) -> date:
        return min(self.period.end, self.today)

    @property
    def label(self) -> str:
        return self.period.label


Provider = Callable[..., LinkedSection | None]  # (priority, user, as_at) -> section
LatestPeriod = Callable[..., Period | None]  # (council, user) -> latest financial quarter with figures they see
_PROVIDERS: list[Provider] = []
_LATEST: list[LatestPeriod] = []


def register(provider: Provider) -> Provider:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def register_latest_period(source: LatestPeriod) -> LatestPeriod:
    """An app that holds figures by period says which is its latest, so the page opens on a period with data."""
    if source not in _LATEST:
        _LATEST.append(source)
    return source


def sections_for(priority, user, as_at: AsAt) -> list[LinkedSection]:
    sections = [s for s in (p(priority, user, as_at) for p in _PROVIDERS) if s is not None]
    return sorted(sections, key=lambda s: (s.order, s.heading))


# --- which period ------------------------------------------------------------------------------------
class PeriodChoiceError(ValueError):
    """The period asked for cannot be shown; the message says why, in words."""


def default_period(council, user, today: date) -> Period:
    """The latest financial quarter with figures the person may see; this quarter when there are none."""
    found = [p for p in (source(council, user) for source in _LATEST) if p is not None]
    return max(found) if found else Period.containing(today, Granularity.QUARTER, YearType.FINANCIAL)


def chosen_period(text: str | None, council, user, today: date) -> Period:
    """The period in ``?period=`` (a financial year or quarter, e.g. "2023-24 Q2"), or the default."""
    text = (text or "").strip()
    if not text:
        return default_period(council, user, today)
    try:
        period = parse_period(text, YearType.FINANCIAL, Granularity.QUARTER)
    except PeriodError as exc:
        raise PeriodChoiceError(str(exc)) from exc
    if period.granularity is Granularity.MONTH or period.year_type is not YearType.FINANCIAL:
        raise PeriodChoiceError(
            f"{period.long_label} is not a financial year or quarter: choose one such as 2023-24 or 2023-24 Q2"
        )
    if not 1900 <= period.year <= 2200:
        raise PeriodChoiceError("Choose a financial year between 1900-01 and 2200-01")
    return period


def period_choices(latest: Period, *, years: int = 6) -> list[Period]:
    """Financial quarters and years to choose from, newest first, ending at the quarter ``latest`` ends in."""
    top = Period.containing(latest.end, Granularity.QUARTER, YearType.FINANCIAL)
    choices: list[Period] = []
    for k in range(years):
        year = Period.financial_year(top.year - k)
        choices.extend(q for q in (Period.financial_quarter(year.year, n) for n in (4, 3, 2, 1)) if q.end <= top.end)
        choices.append(year)
    return choices
