from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.bounds import value_bounds

numbers = st.decimals(min_value=-(10**6), max_value=10**6, allow_nan=False, allow_infinity=False, places=3)


def test_a_percentage_lies_between_0_and_100():
    bounds = value_bounds("percent")
    assert bounds.error(Decimal("2950")) == "2950 is above 100, the most a percentage can be"
    assert bounds.error(Decimal("-0.5")) == "-0.5 is below 0, the least a percentage can be"
    assert bounds.error(Decimal("0")) is None and bounds.error(Decimal("100")) is None


def test_a_measure_may_set_its_own_limits():
    # a percentage change that can exceed 100 says so with its own maximum
    assert value_bounds("percent", maximum=Decimal(500)).error(Decimal(250)) is None
    assert value_bounds("percent", maximum=Decimal(500)).error(Decimal(-1)) is not None
    days = value_bounds("days", minimum=Decimal(0))
    assert days.error(Decimal(-3)) == "-3 is below 0, the least a value of this measure can be"
    assert value_bounds("number").error(Decimal(-(10**9))) is None


@given(numbers, st.one_of(st.none(), numbers), st.one_of(st.none(), numbers))
def test_an_error_exactly_when_outside_the_bounds(value, low, high):
    bounds = value_bounds("number", low, high)
    outside = (low is not None and value < low) or (high is not None and value > high)
    assert (bounds.error(value) is not None) == outside
