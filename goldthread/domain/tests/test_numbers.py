from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.numbers import count, format_value, money, money_millions, percent


def test_half_up_everywhere():
    assert percent(Decimal("2.45")) == "2.5%"  # round-half-even would give 2.4%
    assert money(Decimal("1_250_000")) == "£1.3m"
    assert money_millions(Decimal("80_050_000")) == "£80.1m"
    assert format_value(Decimal("0.125"), "number", 2) == "0.13"


def test_money_as_reports_write_it():
    assert money(7_600_000) == "£7.6m" and money(850_000) == "£850k" and money(120) == "£120"
    assert money(-5_000_000) == "-£5.0m" and money(None) == "–"
    assert money(999_960) == "£1.0m"  # rounds up into millions rather than "£1,000k"
    assert money_millions(-5_000_000) == "-£5.0m" and money_millions(None) == "Not known"


def test_counts_agree_in_number():
    assert count(1, "measure") == "1 measure" and count(2, "measure") == "2 measures"
    assert count(0, "action") == "0 actions" and count(1, "priority", "priorities") == "1 priority"


@given(st.integers(min_value=0, max_value=10**6))
def test_never_one_with_a_plural(n):
    text = count(n, "measure")
    assert (text.endswith("measures")) == (n != 1)


@given(st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, allow_infinity=False, places=2))
def test_money_keeps_the_sign_and_the_pound(amount):
    text = money(amount)
    assert "£" in text and text.startswith("-") == (amount < 0 and text != "£0")
