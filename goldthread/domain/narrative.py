"""Plain-English sentences written from the figures, the way a performance officer writes them by hand
every quarter: the value against target, the direction of travel, the rank against similar councils and
its distance from their median, runs ("below the median for the fourth year running") and staleness.

Rules, not a language model: every sentence follows from the figures it is given, and the words for
better or worse come from the same rules as the scorecard (goldthread.domain.rag), so the narrative can
never contradict the RAG status or the direction of travel shown beside it. Plain Python, no Django.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from .numbers import count, number
from .rag import Direction, Polarity, Rag, direction_of_travel, rag_status
from .text import sentence_case

ORDINAL_WORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd ..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def ordinal_words(n: int) -> str:
    """ "fourth" for 4; "11th" past ten."""
    return ORDINAL_WORDS[n - 1] if 1 <= n <= len(ORDINAL_WORDS) else ordinal(n)


@dataclass(frozen=True)
class GroupYear:
    """The council's value and its comparator group's median in one period, oldest first in a history."""

    period: str
    value: Decimal | None
    median: Decimal | None


@dataclass(frozen=True)
class MeasureFacts:
    """Everything the narrative may say about one measure in one period. ``fmt`` writes a value in the
    measure's unit ("33.0%"); differences of percentages are written in points."""

    name: str
    period: str  # the period the report is for
    value: Decimal | None
    fmt: Callable[[Decimal], str]
    unit: str = "number"
    decimal_places: int = 1
    polarity: Polarity | str = Polarity.HIGHER_BETTER
    figure_period: str = ""  # the period the value is for, when not ``period`` (an older figure)
    target: Decimal | None = None
    amber_tolerance: Decimal | None = None
    change_tolerance: Decimal | None = None
    previous: Decimal | None = None
    previous_period: str = ""
    last_year: Decimal | None = None
    last_year_period: str = ""
    rank: int | None = None
    group_size: int | None = None
    group_plural: str = ""  # "metropolitan districts"
    median: Decimal | None = None
    benchmark_period: str = ""
    history: Sequence[GroupYear] = field(default_factory=tuple)  # for runs against the median
    stale_words: str = ""  # "two years old", from the staleness rule; empty when the figure is current


def difference(facts: MeasureFacts, amount: Decimal) -> str:
    """How far apart two values are, in the measure's terms: "3.1 points" for percentages."""
    amount = abs(amount)
    if facts.unit == "percent":
        text = number(amount, facts.decimal_places)
        return f"{text} percentage point{'' if text == number(1, facts.decimal_places) else 's'}"
    return facts.fmt(amount)


def target_sentence(facts: MeasureFacts) -> str:
    if facts.value is None:
        return ""
    value = facts.fmt(facts.value)
    if facts.target is None:
        return f"{value}, with no target set."
    target = facts.fmt(facts.target)
    polarity = Polarity(facts.polarity)
    rag = rag_status(facts.value, facts.target, polarity, facts.amber_tolerance)
    gap = facts.value - facts.target
    if gap == 0:
        met = "" if polarity is Polarity.NONE else ": the target is met"
        return f"{value}, exactly on the target of {target}{met}."
    side = "above" if gap > 0 else "below"
    if polarity is Polarity.NONE:
        return f"{value}, {difference(facts, gap)} {side} the figure of {target} set for it."
    if rag is Rag.GREEN:
        return f"{value}, {difference(facts, gap)} {side} the target of {target}: the target is met."
    near = " (near target)" if rag is Rag.AMBER else ""
    return f"{value}, {difference(facts, gap)} {side} the target of {target}: the target is missed{near}."


def _change(facts: MeasureFacts, earlier: Decimal | None, period: str) -> str:
    """ "up from 30.1% in 2023-24 Q1, an improvement" (or no clause when there is nothing to compare)."""
    if earlier is None or facts.value is None or not period:
        return ""
    direction = direction_of_travel(facts.value, earlier, facts.polarity, facts.change_tolerance)
    then = f"{facts.fmt(earlier)} in {period}"
    if direction is Direction.NO_CHANGE:
        return f"no meaningful change from {then}"
    verb = "up" if facts.value > earlier else "down"
    verdict = {Direction.IMPROVING: ", an improvement", Direction.DECLINING: ", a decline"}.get(direction, "")
    return f"{verb} {difference(facts, facts.value - earlier)} from {then}{verdict}"


def direction_sentence(facts: MeasureFacts) -> str:
    clauses = [
        c
        for c in (
            _change(facts, facts.previous, facts.previous_period),
            _change(facts, facts.last_year, facts.last_year_period)
            if facts.last_year_period != facts.previous_period
            else "",
        )
        if c
    ]
    if not clauses:
        return ""
    sentence = "; ".join(clauses)
    return sentence_case(sentence) + "."


def benchmark_sentence(facts: MeasureFacts) -> str:
    if facts.value is None or facts.rank is None or not facts.group_size:
        return ""
    when = f" in {facts.benchmark_period}" if facts.benchmark_period and facts.benchmark_period != facts.period else ""
    text = f"{facts.fmt(facts.value)}{when} is {ordinal(facts.rank)} of {facts.group_size} {facts.group_plural}"
    if facts.median is not None:
        gap = facts.value - facts.median
        if gap == 0:
            text += f", exactly at their median of {facts.fmt(facts.median)}"
        else:
            side = "above" if gap > 0 else "below"
            text += f", {difference(facts, gap)} {side} their median of {facts.fmt(facts.median)}"
    return text + " (1st is best)." if Polarity(facts.polarity) is not Polarity.NONE else text + "."


def run_against_median(history: Sequence[GroupYear]) -> tuple[str, int]:
    """("below" or "above", how many periods running, newest back) for the latest run; ("", 0) if none."""
    side, run = "", 0
    for year in reversed(history):
        if year.value is None or year.median is None or year.value == year.median:
            break
        this = "above" if year.value > year.median else "below"
        if side and this != side:
            break
        side, run = this, run + 1
    return side, run


def run_sentence(facts: MeasureFacts) -> str:
    side, run = run_against_median(facts.history)
    if run < 2:
        return ""
    return f"It has been {side} the median for the {ordinal_words(run)} year running."


def staleness_sentence(facts: MeasureFacts) -> str:
    if not facts.stale_words:
        return ""
    when = facts.figure_period or "an earlier period"
    return f"The latest figure is for {when}, {facts.stale_words} by {facts.period}: a newer one is due."


def measure_narrative(facts: MeasureFacts) -> list[str]:
    """The sentences for one measure in one period, in reading order; none when there is no figure."""
    if facts.value is None:
        return [f"No figure is available for {facts.period}."]
    sentences = [
        target_sentence(facts),
        direction_sentence(facts),
        benchmark_sentence(facts),
        run_sentence(facts),
        staleness_sentence(facts),
    ]
    return [s for s in sentences if s]


# --- paragraphs ----------------------------------------------------------------------------------
def rag_summary(counts: dict[Rag, int]) -> str:
    """ "3 measures on target, 1 near target, 2 off target and 1 with no target or no data"."""
    parts = []
    for rag, words in (
        (Rag.GREEN, "on target"),
        (Rag.AMBER, "near target"),
        (Rag.RED, "off target"),
        (Rag.GREY, "with no target or no data"),
    ):
        n = counts.get(rag, 0)
        if n:
            parts.append((n, words))
    if not parts:
        return "no measures"
    texts = [f"{count(n, 'measure') if i == 0 else n} {words}" for i, (n, words) in enumerate(parts)]
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " and " + texts[-1]


def priority_paragraph(title: str, period: str, counts: dict[Rag, int], improving: int, declining: int) -> str:
    total = sum(counts.values())
    if not total:
        return f"{title}: no measures are reported for {period}."
    text = f"{title}: {count(total, 'measure')} for {period}; {rag_summary(counts)}."
    moves = []
    if improving:
        moves.append(f"{count(improving, 'measure')} improving")
    if declining:
        moves.append(f"{count(declining, 'measure')} getting worse")
    if moves:
        text += " Since the period before, " + " and ".join(moves) + "."
    return text


def exceptions_paragraph(period: str, names: Sequence[str]) -> str:
    """``names``: each exception as it should be listed, e.g. "CYP-01 Children in need (off target)"."""
    if not names:
        return f"No measure is off target or getting worse in {period}."
    listed = names[0] if len(names) == 1 else "; ".join(names[:-1]) + "; and " + names[-1]
    verb = "is" if len(names) == 1 else "are"
    return f"{count(len(names), 'measure')} {verb} off target or getting worse in {period}: {listed}."


def pack_summary(period: str, counts: dict[Rag, int], improving: int, declining: int, exceptions: int) -> str:
    total = sum(counts.values())
    if not total:
        return f"No measures are reported for {period}."
    text = f"For {period}, {count(total, 'measure')} are reported: {rag_summary(counts)}."
    if total == 1:
        text = f"For {period}, 1 measure is reported: {rag_summary(counts)}."
    text += f" {count(improving, 'measure')} improved and {declining} got worse since the period before."
    if exceptions:
        text += f" {count(exceptions, 'exception')} (off target or getting worse) {'is' if exceptions == 1 else 'are'}"
        text += " set out in the exceptions appendix."
    return text
