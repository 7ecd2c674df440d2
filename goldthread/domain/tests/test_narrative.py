"""The narrative never contradicts the figures: checked with examples from the example council and
with generated figures."""

import re
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.narrative import (
    GroupYear,
    MeasureFacts,
    benchmark_sentence,
    direction_sentence,
    exceptions_paragraph,
    measure_narrative,
    pack_summary,
    priority_paragraph,
    run_against_median,
    target_sentence,
)
from goldthread.domain.numbers import format_value
from goldthread.domain.rag import Polarity, Rag, direction_of_travel, rag_status

values = st.decimals(min_value=0, max_value=100, places=1, allow_nan=False, allow_infinity=False)
polarities = st.sampled_from([Polarity.HIGHER_BETTER, Polarity.LOWER_BETTER, Polarity.NONE])


def pct(value: Decimal) -> str:
    return format_value(value, "percent", 1)


def facts(**kw) -> MeasureFacts:
    kw.setdefault("name", "Household waste recycled")
    kw.setdefault("period", "2022-23")
    kw.setdefault("fmt", pct)
    kw.setdefault("unit", "percent")
    return MeasureFacts(**kw)


def test_the_recycling_example_reads_as_an_officer_would_write_it():
    f = facts(
        value=Decimal("33.0"),
        rank=22,
        group_size=36,
        group_plural="metropolitan districts",
        median=Decimal("36.1"),
        history=[
            GroupYear("2019-20", Decimal("35.0"), Decimal("38.0")),
            GroupYear("2020-21", Decimal("34.0"), Decimal("37.0")),
            GroupYear("2021-22", Decimal("33.5"), Decimal("36.5")),
            GroupYear("2022-23", Decimal("33.0"), Decimal("36.1")),
        ],
    )
    text = " ".join(measure_narrative(f))
    assert "33.0% is 22nd of 36 metropolitan districts, 3.1 percentage points below their median of 36.1%" in text
    assert "below the median for the fourth year running" in text
    assert "33.0%, with no target set." in text


def test_direction_against_last_period_and_last_year():
    f = facts(
        value=Decimal("4.1"),
        polarity=Polarity.LOWER_BETTER,
        previous=Decimal("5.0"),
        previous_period="2023-24 Q1",
        last_year=Decimal("3.9"),
        last_year_period="2022-23 Q2",
    )
    assert direction_sentence(f) == (
        "Down 0.9 percentage points from 5.0% in 2023-24 Q1, an improvement; "
        "up 0.2 percentage points from 3.9% in 2022-23 Q2, a decline."
    )


def test_a_stale_figure_says_how_old_it_is():
    f = facts(value=Decimal("7.6"), period="2023-24", figure_period="2021-22", stale_words="two years old")
    assert measure_narrative(f)[-1] == "The latest figure is for 2021-22, two years old by 2023-24: a newer one is due."


@given(values, values, polarities, st.one_of(st.none(), st.decimals(min_value=0, max_value=5, places=1)))
def test_target_sentence_agrees_with_the_rag(value, target, polarity, tolerance):
    f = facts(value=value, target=target, polarity=polarity, amber_tolerance=tolerance)
    text = target_sentence(f)
    rag = rag_status(value, target, polarity, tolerance)
    assert ("the target is met" in text) == (rag is Rag.GREEN)
    assert ("the target is missed" in text) == (rag in (Rag.RED, Rag.AMBER))
    assert ("near target" in text) == (rag is Rag.AMBER)
    if value > target:
        assert " above " in text
    elif value < target:
        assert " below " in text


@given(values, values, polarities)
def test_direction_words_agree_with_the_direction_of_travel(value, previous, polarity):
    f = facts(value=value, previous=previous, previous_period="2023-24 Q1", polarity=polarity)
    text = direction_sentence(f)
    direction = direction_of_travel(value, previous, polarity)
    assert text.startswith("Up") == (value > previous)
    assert text.startswith("Down") == (value < previous)
    assert ("an improvement" in text) == (direction.value == "improving")
    assert ("a decline" in text) == (direction.value == "declining")


@given(values, values, st.integers(min_value=1, max_value=400), st.integers(min_value=0, max_value=400))
def test_benchmark_sentence_agrees_with_the_median(value, median, size, extra):
    rank = min(size, max(1, size - extra))
    text = benchmark_sentence(facts(value=value, median=median, rank=rank, group_size=size, group_plural="councils"))
    assert (" below their median" in text) == (value < median)
    assert (" above their median" in text) == (value > median)
    assert f" of {size} councils" in text


@given(st.lists(st.tuples(values, values), max_size=8))
def test_runs_count_only_consecutive_periods_on_one_side(pairs):
    history = [GroupYear(str(i), v, m) for i, (v, m) in enumerate(pairs)]
    side, run = run_against_median(history)
    tail = history[len(history) - run :] if run else []
    assert all((y.value > y.median) == (side == "above") and y.value != y.median for y in tail)
    if run < len(history):
        before = history[len(history) - run - 1]
        assert before.value == before.median or (before.value > before.median) != (side == "above") or run == 0


counts = st.dictionaries(st.sampled_from(list(Rag)), st.integers(min_value=0, max_value=3))
NEVER = re.compile(r"\b1 (measures|exceptions|priorities|actions)\b")


@given(counts, st.integers(min_value=0, max_value=3), st.integers(min_value=0, max_value=3), st.integers(0, 3))
def test_never_one_with_a_plural(rag_counts, improving, declining, exceptions):
    texts = [
        priority_paragraph("Protect the most vulnerable", "2023-24 Q2", rag_counts, improving, declining),
        pack_summary("2023-24 Q2", rag_counts, improving, declining, exceptions),
        exceptions_paragraph("2023-24 Q2", ["CYP-01 Children in need"] * exceptions),
    ]
    for text in texts:
        assert not NEVER.search(text), text
        assert "1 measure are" not in text and "1 measure improved and" not in text.replace("1 measure improved", "")
