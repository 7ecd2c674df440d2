from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.complaints import NOT_UPHELD, OUTCOMES, PARTLY, UPHELD, percent_upheld, upheld_share

counts = st.integers(min_value=0, max_value=10**9)
outcome_counts = st.dictionaries(st.sampled_from(OUTCOMES), st.integers(min_value=0, max_value=10**6))


def test_the_seeds_ombudsman_figures():
    # 45 upheld of 165 referrals over five years (seed 000, section 4.3)
    assert percent_upheld(45, 165) == Decimal("27.3")


def test_partly_upheld_counts_as_upheld():
    share = upheld_share({UPHELD: 3, PARTLY: 2, NOT_UPHELD: 5})
    assert (share.upheld, share.decided, share.percent) == (5, 10, Decimal("50.0"))
    assert upheld_share({PARTLY: 1}).percent == Decimal("100.0")
    assert upheld_share({NOT_UPHELD: 4}).percent == Decimal("0.0")


def test_nothing_decided_is_no_figure_not_zero():
    assert percent_upheld(0, 0) is None
    assert upheld_share({}).percent is None
    assert upheld_share({UPHELD: 0, PARTLY: 0, NOT_UPHELD: 0}) == upheld_share({})


def test_rounds_half_up_as_people_do():
    assert percent_upheld(1, 16) == Decimal("6.3")  # 6.25: half-even would give 6.2
    assert percent_upheld(1, 3) == Decimal("33.3")
    assert percent_upheld(2, 3) == Decimal("66.7")


def test_impossible_counts_are_refused_in_words():
    with pytest.raises(ValueError, match="more than the 3 decided"):
        percent_upheld(4, 3)
    with pytest.raises(ValueError, match="negative"):
        percent_upheld(-1, 3)
    with pytest.raises(ValueError, match="partly complaints cannot be negative"):
        upheld_share({PARTLY: -1, UPHELD: 2})
    with pytest.raises(ValueError, match="Unknown outcome 'withdrawn'"):
        upheld_share({"withdrawn": 1})


@given(counts, counts)
def test_never_over_100_nor_under_0(a, b):
    upheld, decided = min(a, b), max(a, b)
    percent = percent_upheld(upheld, decided)
    if decided == 0:
        assert percent is None
    else:
        assert Decimal(0) <= percent <= Decimal(100)
        assert percent.as_tuple().exponent == -1  # always one decimal


@given(counts, counts)
def test_is_the_exact_share_rounded_half_up(a, b):
    upheld, decided = min(a, b), max(a, b, 1)
    exact = Fraction(100 * upheld, decided)
    percent = Fraction(percent_upheld(upheld, decided))
    # within half a tenth, and an exact half rounds up
    assert -Fraction(1, 20) < percent - exact <= Fraction(1, 20)


@given(outcome_counts)
def test_the_share_is_upheld_and_partly_over_all_outcomes(by_outcome):
    share = upheld_share(by_outcome)
    assert share.upheld == by_outcome.get(UPHELD, 0) + by_outcome.get(PARTLY, 0)
    assert share.decided == sum(by_outcome.values())
    assert share.upheld <= share.decided
    assert share.percent == percent_upheld(share.upheld, share.decided)
    if share.decided == 0:
        assert share.percent is None
    else:
        assert Decimal(0) <= share.percent <= Decimal(100)


@given(outcome_counts, st.integers(min_value=1, max_value=1000))
def test_more_not_upheld_never_raises_the_share(by_outcome, more):
    before = upheld_share(by_outcome)
    after = upheld_share({**by_outcome, NOT_UPHELD: by_outcome.get(NOT_UPHELD, 0) + more})
    assert after.percent is not None
    assert before.percent is None or after.percent <= before.percent
