"""Whether a figure is older than its measure's frequency expects, and by how much, in words.

A figure's age is counted in whole months from the end of the period it is for to the end of the period
being reported. A monthly measure expects a figure no more than 1 month old, a quarterly one 3 months,
an annual one 12 (the year just ended): so in 2023-24 Q2 (to 30 September 2023) an annual 2022-23 figure
(to 31 March 2023) is 6 months old and current, while a 2021-22 figure is 18 months old and stale.
Plain Python, no Django."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from .periods import FREQUENCY_GRANULARITY, MONTHS_IN


def months_between(earlier: date, later: date) -> int:
    """Whole months from ``earlier`` to ``later`` (0 when ``later`` is not after it), counting month ends
    as equal: 31 March to 30 September is 6 months."""
    if later <= earlier:
        return 0
    months = (later.year - earlier.year) * 12 + (later.month - earlier.month)
    if later.day < earlier.day and not _is_month_end(later):
        months -= 1
    return max(months, 0)


def _is_month_end(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


@dataclass(frozen=True)
class Staleness:
    age_months: int
    expected_months: int

    @property
    def is_stale(self) -> bool:
        return self.age_months > self.expected_months

    @property
    def age_words(self) -> str:
        """ "18 months old", "2 years old", "1 month old"."""
        if self.age_months >= 24:
            years = self.age_months // 12
            return f"{years} years old"
        return f"{self.age_months} month{'' if self.age_months == 1 else 's'} old"

    @property
    def words(self) -> str:
        """For a stale figure: "Out of date: 18 months old (a figure every 12 months expected)"; else ""."""
        if not self.is_stale:
            return ""
        every = {1: "every month", 3: "every quarter", 12: "every year"}.get(
            self.expected_months, f"every {self.expected_months} months"
        )
        return f"Out of date: {self.age_words} (a new figure is expected {every})"


def staleness(figure_end: date, report_end: date, frequency: str) -> Staleness:
    """How old a figure for a period ending ``figure_end`` is by ``report_end``, for a measure reported
    ``frequency`` ("monthly", "quarterly" or "annual")."""
    return Staleness(months_between(figure_end, report_end), _expected_months(frequency))


def _expected_months(frequency: str) -> int:
    """A figure is expected each period of its frequency; a year when the frequency is not known."""
    granularity = FREQUENCY_GRANULARITY.get(frequency)
    return MONTHS_IN[granularity] if granularity else 12
