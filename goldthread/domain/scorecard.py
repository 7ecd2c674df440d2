"""Scorecard arithmetic: which rows a filter keeps, counts by RAG, and rows grouped under priorities.

Plain Python, no Django. Rows are anything; the caller says how to read a row's RAG, directions and
priorities, so the same rules serve the scorecard page, the home page and the packs.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

from .rag import Rag

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison

Row = TypeVar("Row")
Key = TypeVar("Key", bound=Hashable)


@dataclass(frozen=True)
class Filters:
    """What a person chose; an empty string keeps everything for that part."""

    rag: str = ""
    previous: str = ""
    last_year: str = ""

    def keeps(self, rag: str, previous: str, last_year: str) -> bool:
        return (
            (not self.rag or rag == self.rag)
            and (not self.previous or previous == self.previous)
            and (not self.last_year or last_year == self.last_year)
        )


def rag_counts(rags: Iterable[str]) -> dict[Rag, int]:
    """How many of each RAG, every RAG present (zero when none), in RAG order (green, amber, red, grey)."""
    counts = dict.fromkeys(Rag, 0)
    for rag in rags:
        counts[Rag(rag)] += 1
    return counts


@dataclass
class Group(Generic[Key, Row]):
    """Rows under one priority; ``key`` is None for the rows linked to no priority."""

    key: Key | None
    rows: list[Row] = field(default_factory=list)


def group_rows(
    rows: Sequence[Row],
    keys_of: Callable[[Row], Sequence[Key]],
    order: Callable[[Key], SupportsRichComparison],
) -> list[Group[Key, Row]]:
    """A group per key any row has, sorted by ``order``; a row under each of its keys, in the rows' own
    order; rows with no key in a last group (key None), only when there are any."""
    keys_by_row = [list(dict.fromkeys(keys_of(row))) for row in rows]
    groups: dict[Key, Group[Key, Row]] = {
        key: Group(key) for key in sorted({k for keys in keys_by_row for k in keys}, key=order)
    }
    unlinked: Group[Key, Row] = Group(None)
    for row, keys in zip(rows, keys_by_row, strict=True):
        for key in keys:
            groups[key].rows.append(row)
        if not keys:
            unlinked.rows.append(row)
    return [*groups.values(), *([unlinked] if unlinked.rows else [])]
