"""Survey results: % positive, themes, change since the last wave, and suppression of small
groups so that no respondent can be identified. Plain functions.

Suppression is done in two steps. A group with fewer respondents than the minimum is hidden
(primary suppression). If what is hidden in a breakdown adds up to fewer than the minimum,
the total shown elsewhere would let anyone work it out by subtraction, so the next smallest
groups are hidden too until the hidden groups together reach the minimum, or all are hidden
(secondary suppression). Every page, API answer and export goes through ``suppress_breakdown``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

DEFAULT_MINIMUM = 10
OVERALL = "All respondents"


class AnswerType(StrEnum):
    LIKERT = "likert"  # 1 (strongly disagree) to 5 (strongly agree)
    YES_NO = "yes_no"


DEFAULT_POSITIVE = {AnswerType.LIKERT: frozenset({"4", "5"}), AnswerType.YES_NO: frozenset({"yes"})}
VALID_ANSWERS = {AnswerType.LIKERT: frozenset({"1", "2", "3", "4", "5"}), AnswerType.YES_NO: frozenset({"yes", "no"})}


def normalise_answer(raw: str, answer_type: AnswerType | str) -> str | None:
    """An answer as the rules compare it; '' for no answer; None if it is not a valid answer."""
    text = str(raw or "").strip().lower()
    if text == "":
        return ""
    if AnswerType(answer_type) is AnswerType.YES_NO:
        text = {"y": "yes", "n": "no", "true": "yes", "false": "no"}.get(text, text)
    elif text.endswith(".0"):
        text = text[:-2]
    return text if text in VALID_ANSWERS[AnswerType(answer_type)] else None


def parse_positive(text: str, answer_type: AnswerType | str) -> frozenset[str]:
    """'4,5' or 'yes' as the set of positive answers (the default for the type if blank)."""
    values = frozenset(v for v in (normalise_answer(p, answer_type) for p in str(text or "").split(",")) if v)
    return values or DEFAULT_POSITIVE[AnswerType(answer_type)]


def percent(n_positive: int, n: int) -> Decimal | None:
    if n <= 0:
        return None
    return (Decimal(n_positive) * 100 / Decimal(n)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Count:
    """The raw count for one question and one group (never shown without suppression)."""

    group: str
    n: int
    n_positive: int

    def __post_init__(self) -> None:
        if not 0 <= self.n_positive <= self.n:
            raise ValueError("n_positive must be between 0 and n")


@dataclass(frozen=True)
class Cell:
    """What may be shown for one group: counts and % only when not suppressed."""

    group: str
    suppressed: bool
    n: int | None
    n_positive: int | None
    percent: Decimal | None


def _shown(count: Count) -> Cell:
    return Cell(count.group, False, count.n, count.n_positive, percent(count.n_positive, count.n))


def _hidden(group: str) -> Cell:
    return Cell(group, True, None, None, None)


def suppress_breakdown(counts: Sequence[Count], minimum: int = DEFAULT_MINIMUM) -> list[Cell]:
    """Cells for a breakdown of one question by one kind of group, in the order given."""
    hidden = {c.group for c in counts if c.n < minimum}
    if hidden:
        hidden_n = sum(c.n for c in counts if c.group in hidden)
        for extra in sorted((c for c in counts if c.group not in hidden), key=lambda c: (c.n, c.group)):
            if hidden_n >= minimum:
                break
            hidden.add(extra.group)
            hidden_n += extra.n
    return [_hidden(c.group) if c.group in hidden else _shown(c) for c in counts]


def suppress_one(count: Count, minimum: int = DEFAULT_MINIMUM) -> Cell:
    """A single figure (an overall result) shown only if it has enough respondents."""
    return _hidden(count.group) if count.n < minimum else _shown(count)


def tally(
    responses: Iterable[Mapping[str, str]], positive: Mapping[str, frozenset[str]], group_column: str | None = None
) -> dict[str, dict[str, Count]]:
    """Raw responses (one mapping per respondent of question -> normalised answer, plus
    group columns) to counts per question per group. Blank answers are not counted."""
    totals: dict[str, dict[str, list[int]]] = {}
    for response in responses:
        group = OVERALL if group_column is None else (response.get(group_column) or "Not stated")
        for question, wanted in positive.items():
            answer = response.get(question, "")
            if not answer:
                continue
            pair = totals.setdefault(question, {}).setdefault(group, [0, 0])
            pair[0] += 1
            pair[1] += 1 if answer in wanted else 0
    return {q: {g: Count(g, n, p) for g, (n, p) in groups.items()} for q, groups in totals.items()}


def theme_cells(question_cells: Mapping[str, Sequence[Cell]]) -> list[Cell]:
    """A theme's result per group: pooled over its questions. A group is hidden if any of
    its question cells is hidden, so a theme never reveals what a question hid."""
    groups: dict[str, list[Cell]] = {}
    for cells in question_cells.values():
        for cell in cells:
            groups.setdefault(cell.group, []).append(cell)
    out = []
    for group, cells in groups.items():
        if any(c.suppressed for c in cells):
            out.append(_hidden(group))
        else:
            n = sum(c.n or 0 for c in cells)
            pos = sum(c.n_positive or 0 for c in cells)
            out.append(Cell(group, False, n, pos, percent(pos, n)))
    return out


def change_in_points(previous: Cell | None, current: Cell | None) -> Decimal | None:
    """Percentage-point change since the last wave; None if either is missing or hidden."""
    if previous is None or current is None or previous.suppressed or current.suppressed:
        return None
    if previous.percent is None or current.percent is None:
        return None
    return current.percent - previous.percent
