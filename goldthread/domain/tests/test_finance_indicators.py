"""Resilience indicators from the Revenue Outturn Summary."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.finance_indicators import (
    council_tax_share,
    reserves_change,
    reserves_level,
    variance,
    variance_percent,
    variance_words,
)

positive = st.decimals(min_value=1, max_value=10**7, places=0)


def test_sefton_reserves_level_2017_18():
    # Sefton, RS 2017-18 (provisional): 915 = 25,220, 916 = 9,132 at 31 March 2018; 805 = 244,222.
    assert reserves_level(Decimal(25220), Decimal(9132), Decimal(244222)) == Decimal("14.065891")


def test_missing_or_nil_denominators_give_no_figure():
    assert reserves_level(None, Decimal(1), Decimal(1)) is None
    assert reserves_level(Decimal(1), Decimal(1), Decimal(0)) is None
    assert council_tax_share(Decimal(1), None) is None
    assert reserves_change(Decimal(0), Decimal(5)) is None


@given(positive, positive, positive)
def test_reserves_level_scales_with_reserves(earmarked, unallocated, nre):
    level = reserves_level(earmarked, unallocated, nre)
    assert level > 0
    assert reserves_level(earmarked * 2, unallocated * 2, nre) >= level


@given(positive, positive)
def test_reserves_change_sign_follows_direction(start, end):
    change = reserves_change(start, end)
    assert (change > 0) == (end > start) and (change < 0) == (end < start)


def test_variance_words():
    assert variance(Decimal("80.1"), Decimal("85.1")) == 5
    assert variance_percent(Decimal("80.1"), Decimal("85.1")) == Decimal("6.2")
    assert variance_words(Decimal(10), Decimal(12)) == "Overspend"
    assert variance_words(Decimal(10), Decimal(8)) == "Underspend"
    assert variance_words(Decimal(10), Decimal(10)) == "On budget"
    assert variance_words(Decimal(10), None) == "No forecast"
