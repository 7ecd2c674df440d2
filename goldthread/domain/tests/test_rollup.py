"""How months roll up: sum, average, latest, ratio of sums."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.rollup import Rollup, roll_up

amounts = st.decimals(min_value=0, max_value=10**6, allow_nan=False, allow_infinity=False, places=2)
maybe = st.one_of(st.none(), amounts)


def test_examples():
    vals = [Decimal(1), None, Decimal(5)]
    assert roll_up(Rollup.SUM, vals) == Decimal(6)
    assert roll_up(Rollup.AVERAGE, vals) == Decimal(3)
    assert roll_up(Rollup.LATEST, vals) == Decimal(5)
    ratio = roll_up(Rollup.RATIO, [], [Decimal(1), Decimal(3)], [Decimal(10), Decimal(10)])
    assert ratio == Decimal(20)


@given(st.lists(st.none(), max_size=5), st.sampled_from(list(Rollup)))
def test_nothing_known_is_none(values, method):
    assert roll_up(method, values, values, values) is None


@given(st.lists(maybe, min_size=1, max_size=12))
def test_sum_is_the_sum_of_known_months(values):
    known = [v for v in values if v is not None]
    assert roll_up("sum", values) == (sum(known, Decimal(0)) if known else None)


@given(st.lists(amounts, min_size=1, max_size=12))
def test_average_lies_between_smallest_and_largest(values):
    result = roll_up("average", values)
    assert min(values) <= result.quantize(Decimal("0.01")) <= max(values)


@given(st.lists(maybe, min_size=1, max_size=12))
def test_latest_is_the_last_known_month(values):
    known = [v for v in values if v is not None]
    assert roll_up("latest", values) == (known[-1] if known else None)


@given(st.lists(st.tuples(amounts, amounts.filter(lambda d: d > 0)), min_size=1, max_size=12))
def test_ratio_of_sums_is_not_the_average_of_ratios(pairs):
    nums = [n for n, _ in pairs]
    dens = [d for _, d in pairs]
    result = roll_up("ratio", [], nums, dens)
    assert result == sum(nums, Decimal(0)) / sum(dens, Decimal(0)) * 100


def test_ratio_skips_months_missing_either_part_and_zero_denominators():
    assert roll_up("ratio", [], [Decimal(1), None], [Decimal(4), Decimal(5)]) == Decimal(25)
    assert roll_up("ratio", [], [Decimal(1)], [Decimal(0)]) is None
