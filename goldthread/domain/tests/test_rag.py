"""RAG against target and direction of travel, respecting polarity and tolerance."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.rag import Direction, Polarity, Rag, assess, direction_of_travel, rag_status

numbers = st.decimals(min_value=-(10**6), max_value=10**6, allow_nan=False, allow_infinity=False, places=3)
tolerances = st.decimals(min_value=0, max_value=1000, allow_nan=False, allow_infinity=False, places=3)
signed = st.sampled_from([Polarity.HIGHER_BETTER, Polarity.LOWER_BETTER])


def test_every_rag_and_direction_has_words():
    assert all(r.words for r in Rag)
    assert Rag.GREEN.words == "On target" and Rag.RED.words == "Off target"
    assert all(d.words and d.arrow for d in Direction)


@pytest.mark.parametrize(
    "value,target,polarity,tolerance,expected",
    [
        ("85", "72", "higher", None, Rag.GREEN),
        ("72", "72", "higher", None, Rag.GREEN),
        ("70", "72", "higher", "5", Rag.AMBER),
        ("60", "72", "higher", "5", Rag.RED),
        ("17", "6", "lower", None, Rag.RED),
        ("7", "6", "lower", "1", Rag.AMBER),
        ("3", "5", "lower", None, Rag.GREEN),
        ("71", "72", "higher", None, Rag.RED),
    ],
)
def test_rag_examples(value, target, polarity, tolerance, expected):
    tol = Decimal(tolerance) if tolerance else None
    assert rag_status(Decimal(value), Decimal(target), polarity, tol) is expected


@given(numbers, numbers, st.sampled_from(list(Polarity)))
def test_grey_without_a_value_a_target_or_a_better_direction(value, target, polarity):
    assert rag_status(None, target, polarity) is Rag.GREY
    assert rag_status(value, None, polarity) is Rag.GREY
    assert rag_status(value, target, Polarity.NONE) is Rag.GREY


@given(numbers, numbers, tolerances)
def test_polarity_mirrors_rag(value, target, tolerance):
    higher = rag_status(value, target, Polarity.HIGHER_BETTER, tolerance)
    lower = rag_status(-value, -target, Polarity.LOWER_BETTER, tolerance)
    assert higher is lower


@given(numbers, numbers, tolerances, signed)
def test_amber_only_within_tolerance(value, target, tolerance, polarity):
    rag = rag_status(value, target, polarity, tolerance)
    shortfall = target - value if polarity is Polarity.HIGHER_BETTER else value - target
    if shortfall <= 0:
        assert rag is Rag.GREEN
    elif shortfall <= tolerance:
        assert rag is Rag.AMBER
    else:
        assert rag is Rag.RED


@given(numbers, numbers, signed)
def test_no_tolerance_means_no_amber(value, target, polarity):
    assert rag_status(value, target, polarity) is not Rag.AMBER


@given(numbers, numbers, tolerances, signed)
def test_direction_is_symmetric(a, b, tolerance, polarity):
    forward = direction_of_travel(a, b, polarity, tolerance)
    backward = direction_of_travel(b, a, polarity, tolerance)
    opposite = {
        Direction.IMPROVING: Direction.DECLINING,
        Direction.DECLINING: Direction.IMPROVING,
        Direction.NO_CHANGE: Direction.NO_CHANGE,
    }
    assert backward is opposite[forward]


@given(numbers, numbers, tolerances)
def test_direction_respects_polarity(a, b, tolerance):
    higher = direction_of_travel(a, b, Polarity.HIGHER_BETTER, tolerance)
    lower = direction_of_travel(a, b, Polarity.LOWER_BETTER, tolerance)
    flip = {Direction.IMPROVING: Direction.DECLINING, Direction.DECLINING: Direction.IMPROVING}
    assert lower is flip.get(higher, higher)


@given(numbers, tolerances, tolerances, st.sampled_from(list(Polarity)))
def test_a_change_within_tolerance_is_no_meaningful_change(earlier, tolerance, fraction, polarity):
    change = min(fraction, tolerance)
    assert direction_of_travel(earlier + change, earlier, polarity, tolerance) is Direction.NO_CHANGE
    assert direction_of_travel(earlier - change, earlier, polarity, tolerance) is Direction.NO_CHANGE


@given(numbers, st.sampled_from(list(Polarity)))
def test_direction_unknown_without_both_values(value, polarity):
    assert direction_of_travel(value, None, polarity) is Direction.UNKNOWN
    assert direction_of_travel(None, value, polarity) is Direction.UNKNOWN


def test_no_better_direction_says_increasing_or_decreasing():
    assert direction_of_travel(Decimal(5), Decimal(3), Polarity.NONE) is Direction.INCREASING
    assert direction_of_travel(Decimal(3), Decimal(5), Polarity.NONE) is Direction.DECREASING
    assert direction_of_travel(Decimal(3), Decimal(5), "lower") is Direction.IMPROVING


def test_assess_combines_rag_and_both_directions():
    result = assess(
        value=Decimal(33),
        target=Decimal(37),
        previous=Decimal(34),
        last_year=Decimal(33),
        polarity="higher",
        amber_tolerance=Decimal(2),
        change_tolerance=Decimal("0.5"),
    )
    assert result.rag is Rag.RED
    assert result.since_previous is Direction.DECLINING
    assert result.since_last_year is Direction.NO_CHANGE
