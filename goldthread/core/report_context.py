"""What a report section is given and what it gives back. A domain app builds its own sections
(``<app>/appendix.py``) from a ``ReportContext`` and returns ``Appendix`` objects; the reports app
lays them out. Both sides import this module, so no domain app needs to import reports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from goldthread.core.documents import Block, Paragraph, Table
from goldthread.domain.periods import PeriodError, parse_period

if TYPE_CHECKING:  # for the annotations only: council sits beside core and imports it
    from django.contrib.auth.models import AnonymousUser

    from goldthread.council.models import Council, User


@dataclass
class Appendix:
    title: str
    blocks: list[Block]


@dataclass
class ReportContext:
    council: Council
    period: str  # canonical period label, e.g. "2023-24 Q2"
    audience: str
    user: User | AnonymousUser | None  # None: a report built by a command, not a person
    as_of: date  # the day the report is built
    approved_only: bool = True  # committee reports show only approved figures
    cache: dict = field(default_factory=dict)  # what several appendices share, worked out once

    @property
    def at(self) -> date:
        """The day the report speaks as at: the end of its period (or the build day, for a period not yet
        over). A report on a past quarter says what was known and due then, whenever it is built."""
        try:
            end = parse_period(self.period).end
        except PeriodError:
            return self.as_of
        return min(end, self.as_of)


AppendixBuilder = Callable[[ReportContext], Appendix | list[Appendix] | None]


# --- words every section writes the same way ---------------------------------------------------
def long_date(value: date | None) -> str:
    return value.strftime("%-d %B %Y") if value else "–"


def table_or_none(caption: str, table: Table) -> Block:
    """An empty table says nothing: a sentence says there is nothing."""
    return table if table.rows else Paragraph(f"{caption}: none.")
