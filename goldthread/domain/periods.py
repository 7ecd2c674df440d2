"""Reporting periods as real values: UK financial years, calendar and academic years,
their quarters and calendar months.

Plain Python, no Django. A period is identified by its canonical label:

    financial year      "2023-24"          quarter  "2023-24 Q2"   (April-March)
    calendar year       "2023"             quarter  "2023 Q2"      (January-December)
    academic year       "AY 2023-24"                               (September-August)
    month               "2023-06"                                  (a calendar month)

``parse_period`` accepts the ways people write these ("2023/24", "2023-24 Q2",
"Q2 2023/24", "2023/24 Q2", "June 2023", "Jun 2023", "2023-06", "FY2023/24") and
returns a ``Period``; ``str(period)`` is always the canonical label.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class YearType(StrEnum):
    FINANCIAL = "financial"
    CALENDAR = "calendar"
    ACADEMIC = "academic"


class Granularity(StrEnum):
    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"


# The month each kind of year starts in.
YEAR_START_MONTH = {YearType.FINANCIAL: 4, YearType.CALENDAR: 1, YearType.ACADEMIC: 9}

MONTHS_IN = {Granularity.YEAR: 12, Granularity.QUARTER: 3, Granularity.MONTH: 1}

# How often a measure is reported (its frequency) and the period each of its figures covers.
FREQUENCY_GRANULARITY = {"monthly": Granularity.MONTH, "quarterly": Granularity.QUARTER, "annual": Granularity.YEAR}

MONTH_NAMES = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTH_ABBR = {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTH_ABBR["sept"] = 9


class PeriodError(ValueError):
    """A label that is not a period we understand."""


@dataclass(frozen=True, slots=True)
class Period:
    """A reporting period.

    ``year`` is the calendar year the period's year starts in (2023 for 2023-24).
    ``number`` is the quarter (1-4) for a quarter, the calendar month (1-12) for a
    month (whose ``year`` is then its calendar year), and 0 for a whole year.
    Months are calendar months and carry ``year_type`` CALENDAR.
    """

    granularity: Granularity
    year_type: YearType
    year: int
    number: int = 0

    def __post_init__(self) -> None:
        if not 1000 <= self.year <= 9998:
            raise PeriodError(f"year {self.year} is out of range")
        if self.granularity is Granularity.YEAR and self.number != 0:
            raise PeriodError("a year has no number")
        if self.granularity is Granularity.QUARTER:
            if not 1 <= self.number <= 4:
                raise PeriodError(f"quarter {self.number} is not 1 to 4")
            if self.year_type is YearType.ACADEMIC:
                raise PeriodError("academic years are not reported in quarters")
        if self.granularity is Granularity.MONTH:
            if not 1 <= self.number <= 12:
                raise PeriodError(f"month {self.number} is not 1 to 12")
            if self.year_type is not YearType.CALENDAR:
                raise PeriodError("a month is a calendar month")

    # --- constructors -------------------------------------------------------------
    @classmethod
    def financial_year(cls, year: int) -> Period:
        return cls(Granularity.YEAR, YearType.FINANCIAL, year)

    @classmethod
    def financial_quarter(cls, year: int, quarter: int) -> Period:
        return cls(Granularity.QUARTER, YearType.FINANCIAL, year, quarter)

    @classmethod
    def calendar_year(cls, year: int) -> Period:
        return cls(Granularity.YEAR, YearType.CALENDAR, year)

    @classmethod
    def calendar_quarter(cls, year: int, quarter: int) -> Period:
        return cls(Granularity.QUARTER, YearType.CALENDAR, year, quarter)

    @classmethod
    def academic_year(cls, year: int) -> Period:
        return cls(Granularity.YEAR, YearType.ACADEMIC, year)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(Granularity.MONTH, YearType.CALENDAR, year, month)

    @classmethod
    def containing(cls, day: date, granularity: Granularity, year_type: YearType) -> Period:
        """The period of this granularity and year type that includes ``day``."""
        if granularity is Granularity.MONTH:
            return cls.month(day.year, day.month)
        start_month = YEAR_START_MONTH[year_type]
        year = day.year if day.month >= start_month else day.year - 1
        if granularity is Granularity.YEAR:
            return cls(Granularity.YEAR, year_type, year)
        months_in = (day.month - start_month) % 12
        return cls(Granularity.QUARTER, year_type, year, months_in // 3 + 1)

    # --- dates --------------------------------------------------------------------
    @property
    def start(self) -> date:
        if self.granularity is Granularity.MONTH:
            return date(self.year, self.number, 1)
        first = date(self.year, YEAR_START_MONTH[self.year_type], 1)
        if self.granularity is Granularity.YEAR:
            return first
        return _add_months(first, 3 * (self.number - 1))

    @property
    def end(self) -> date:
        """The last day of the period (inclusive)."""
        return _add_months(self.start, MONTHS_IN[self.granularity]) - timedelta(days=1)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def months(self) -> list[Period]:
        """The calendar months in this period, in order."""
        first = self.start
        count = MONTHS_IN[self.granularity]
        return [Period.month(d.year, d.month) for d in (_add_months(first, i) for i in range(count))]

    # --- navigation ---------------------------------------------------------------
    def shifted(self, steps: int) -> Period:
        """The period ``steps`` periods of the same kind later (negative: earlier)."""
        if self.granularity is Granularity.YEAR:
            return Period(self.granularity, self.year_type, self.year + steps)
        per_year = 4 if self.granularity is Granularity.QUARTER else 12
        index = self.year * per_year + (self.number - 1) + steps
        return Period(self.granularity, self.year_type, index // per_year, index % per_year + 1)

    def previous(self) -> Period:
        return self.shifted(-1)

    def next(self) -> Period:
        return self.shifted(1)

    def same_period_last_year(self) -> Period:
        return Period(self.granularity, self.year_type, self.year - 1, self.number)

    def year_containing(self, year_type: YearType | None = None) -> Period:
        """The whole year (of ``year_type``, default this period's own) this period starts in."""
        kind = year_type or (YearType.FINANCIAL if self.granularity is Granularity.MONTH else self.year_type)
        return Period.containing(self.start, Granularity.YEAR, kind)

    def quarter_containing(self, year_type: YearType = YearType.FINANCIAL) -> Period:
        return Period.containing(self.start, Granularity.QUARTER, year_type)

    def year_to_date_months(self, year_type: YearType = YearType.FINANCIAL) -> list[Period]:
        """Months from the start of the year to the end of this period."""
        year = self.year_containing(year_type)
        return [m for m in year.months() if m.start <= self.end]

    # --- ordering and labels ------------------------------------------------------
    @property
    def sort_key(self) -> tuple[date, date]:
        return (self.start, self.end)

    def __lt__(self, other: Period) -> bool:
        return self.sort_key < other.sort_key

    def __le__(self, other: Period) -> bool:
        return self.sort_key <= other.sort_key

    def __gt__(self, other: Period) -> bool:
        return self.sort_key > other.sort_key

    def __ge__(self, other: Period) -> bool:
        return self.sort_key >= other.sort_key

    @property
    def label(self) -> str:
        if self.granularity is Granularity.MONTH:
            return f"{self.year:04d}-{self.number:02d}"
        if self.year_type is YearType.CALENDAR:
            base = f"{self.year:04d}"
        else:
            base = f"{self.year:04d}-{(self.year + 1) % 100:02d}"
            if self.year_type is YearType.ACADEMIC:
                base = f"AY {base}"
        return base if self.granularity is Granularity.YEAR else f"{base} Q{self.number}"

    @property
    def long_label(self) -> str:
        """A label for people: "June 2023", "2023-24 Q2 (July to September 2023)"."""
        if self.granularity is Granularity.MONTH:
            return f"{calendar.month_name[self.number]} {self.year}"
        if self.granularity is Granularity.QUARTER:
            s, e = self.start, self.end
            return f"{self.label} ({calendar.month_name[s.month]} to {calendar.month_name[e.month]} {e.year})"
        if self.year_type is YearType.FINANCIAL:
            return f"{self.label} (April {self.year} to March {self.year + 1})"
        if self.year_type is YearType.ACADEMIC:
            return f"Academic year {self.year}-{(self.year + 1) % 100:02d}"
        return self.label

    def __str__(self) -> str:
        return self.label


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + (day.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


# --- parsing ------------------------------------------------------------------------
_SPLIT_YEAR = r"(?P<y1>\d{4})\s*[-/]\s*(?P<y2>\d{2}|\d{4})"
_PATTERNS = [
    # "2023-24 Q2", "2023/24 Q2", "2023/24 quarter 2"
    re.compile(rf"^{_SPLIT_YEAR}\s*,?\s*(?:q|quarter)\s*(?P<q>\d)$"),
    # "Q2 2023/24", "Q2 2023-24"
    re.compile(rf"^(?:q|quarter)\s*(?P<q>\d)\s*,?\s*{_SPLIT_YEAR}$"),
    # "2023-24", "2023/24", "2023/2024"
    re.compile(rf"^{_SPLIT_YEAR}$"),
]
_CALENDAR_QUARTER = [
    re.compile(r"^(?P<y>\d{4})\s*-?\s*q(?P<q>\d)$"),
    re.compile(r"^q(?P<q>\d)\s*(?P<y>\d{4})$"),
]
_PREFIX = re.compile(r"^(?P<kind>fy|ay|academic year|financial year|cy|calendar year)\s*:?\s*(?P<rest>.+)$")
_SUFFIX = re.compile(r"^(?P<rest>.+?)\s*\((?P<kind>academic|financial|calendar)\)$|^(?P<rest2>.+?)\s+(?P<kind2>ay|fy)$")


def parse_period(
    text: str, year_type: YearType | str = YearType.FINANCIAL, granularity: Granularity | str | None = None
) -> Period:
    """Parse a period label.

    ``year_type`` says what a split year such as "2023/24" means when the text does
    not say (a financial year by default; pass ACADEMIC for school data). A bare
    four-digit year is a calendar year.

    "2011-12" is both the financial year 2011-12 and the month December 2011. It is a
    month unless ``granularity`` says a year or quarter is expected (a measure knows its
    own frequency), so every canonical label parses back to its own period.
    """
    if not isinstance(text, str):
        raise PeriodError(f"{text!r} is not a period")
    cleaned = " ".join(text.strip().lower().replace("–", "-").replace("—", "-").split())
    if not cleaned:
        raise PeriodError("the period is blank")
    kind = YearType(year_type)
    cleaned, kind = _strip_year_type(cleaned, kind)

    month = _parse_month(cleaned)
    if month is not None and not (granularity and Granularity(granularity) is not Granularity.MONTH):
        return month
    try:
        found = _parse_year_or_quarter(cleaned, kind, text)
    except PeriodError:
        if month is None:
            raise
        found = None
    if found is not None:
        return found
    if month is not None:
        return month
    raise PeriodError(
        f"{text.strip()!r} is not a period: use a financial year such as 2023-24, "
        "a quarter such as 2023-24 Q2, a calendar year such as 2023 or a month such as 2023-06"
    )


def _parse_year_or_quarter(cleaned: str, kind: YearType, text: str) -> Period | None:
    for pattern in _PATTERNS:
        m = pattern.match(cleaned)
        if m:
            year = _split_year(m.group("y1"), m.group("y2"), text)
            quarter = m.groupdict().get("q")
            if kind is YearType.CALENDAR:
                kind = YearType.FINANCIAL  # a split year is never a calendar year
            if quarter is None:
                return Period(Granularity.YEAR, kind, year)
            return Period(Granularity.QUARTER, kind, year, int(quarter))
    for pattern in _CALENDAR_QUARTER:
        m = pattern.match(cleaned)
        if m:
            return Period.calendar_quarter(int(m.group("y")), int(m.group("q")))
    if re.fullmatch(r"\d{4}", cleaned):
        return Period.calendar_year(int(cleaned))
    return None


def _strip_year_type(cleaned: str, kind: YearType) -> tuple[str, YearType]:
    m = _PREFIX.match(cleaned)
    if m:
        word = m.group("kind")
        kind = {
            "fy": YearType.FINANCIAL,
            "financial year": YearType.FINANCIAL,
            "cy": YearType.CALENDAR,
            "calendar year": YearType.CALENDAR,
        }.get(word, YearType.ACADEMIC)
        return m.group("rest").strip(), kind
    m = _SUFFIX.match(cleaned)
    if m:
        word = m.group("kind") or m.group("kind2")
        rest = m.group("rest") or m.group("rest2")
        kind = {"academic": YearType.ACADEMIC, "ay": YearType.ACADEMIC, "calendar": YearType.CALENDAR}.get(
            word, YearType.FINANCIAL
        )
        return rest.strip(), kind
    return cleaned, kind


def _split_year(first: str, second: str, original: str) -> int:
    start = int(first)
    end = int(second) if len(second) == 4 else (start // 100) * 100 + int(second)
    if len(second) == 2 and end < start:
        end += 100
    if end != start + 1:
        raise PeriodError(f"{original.strip()!r}: the second year must follow the first (e.g. 2023-24)")
    return start


def _parse_month(cleaned: str) -> Period | None:
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", cleaned)
    if m and 1 <= int(m.group(2)) <= 12:
        return Period.month(int(m.group(1)), int(m.group(2)))
    m = re.fullmatch(r"([a-z]+)\.?\s+(\d{4})", cleaned)
    if m:
        number = MONTH_NAMES.get(m.group(1)) or MONTH_ABBR.get(m.group(1))
        if number:
            return Period.month(int(m.group(2)), number)
    return None


def try_parse_period(
    text: str, year_type: YearType | str = YearType.FINANCIAL, granularity: Granularity | str | None = None
) -> Period | None:
    try:
        return parse_period(text, year_type, granularity)
    except PeriodError:
        return None


def periods_between(first: Period, last: Period) -> list[Period]:
    """Every period of ``first``'s kind from ``first`` to ``last`` inclusive."""
    if (first.granularity, first.year_type) != (last.granularity, last.year_type):
        raise PeriodError("both ends must be the same kind of period")
    out = []
    current = first
    while current <= last:
        out.append(current)
        current = current.next()
    return out


def granularity_of(frequency: str) -> Granularity:
    """The period each figure of a measure reported ``frequency`` covers: "monthly" a month, "quarterly"
    a quarter, "annual" a year."""
    try:
        return FREQUENCY_GRANULARITY[frequency]
    except KeyError:
        raise PeriodError(f"unknown frequency {frequency!r}: use monthly, quarterly or annual") from None


def periods_due(quarter: Period, frequency: str, year_type: YearType | str) -> list[Period]:
    """The periods a return for ``quarter`` must give figures for, for a measure reported ``frequency``
    in years of ``year_type``: a quarterly measure's quarter, a monthly measure's three months, and an
    annual measure's year in the quarter that year ends in (a financial year at Q4, a calendar year at
    Q3, an academic year at Q2), else nothing."""
    granularity = granularity_of(frequency)
    if granularity is Granularity.MONTH:
        return quarter.months()
    if granularity is Granularity.YEAR:
        # The year under way when the quarter starts: it ends in the quarter or after it. (The year under
        # way at the quarter's end would miss an academic year, which ends a month before Q2 does.)
        year = Period.containing(quarter.start, Granularity.YEAR, YearType(year_type))
        return [year] if quarter.start <= year.end <= quarter.end else []
    return [quarter]
