from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.best_value import THEMES, peer_challenge_gap, reserves_falling, unanswered_reds


def test_seven_themes():
    assert len(THEMES) == 7 and len({t.code for t in THEMES}) == 7


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)), st.integers(0, 4000))
def test_peer_challenge_gap(today, days_ago):
    last = today - timedelta(days=days_ago)
    gap = peer_challenge_gap(last, today)
    if days_ago <= 5 * 365:
        assert not gap
    if days_ago > 5 * 366:
        assert gap
    assert peer_challenge_gap(None, today)


amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)


@given(st.lists(amounts, max_size=10))
def test_reserves_falling(balances):
    falling = reserves_falling(balances)
    if len(balances) < 4:
        assert not falling
    else:
        a, b, c, d = balances[-4:]
        assert falling == (a > b > c > d)


def test_reserves_examples():
    assert reserves_falling([Decimal(x) for x in (50, 40, 30, 20)])
    assert not reserves_falling([Decimal(x) for x in (50, 40, 45, 20)])


@given(st.lists(st.tuples(st.sampled_from("ABCDE"), st.sampled_from(["red", "amber", "green"]), st.booleans())))
def test_unanswered_reds(rows):
    refs = unanswered_reds(rows)
    for ref in refs:
        assert (ref, "red", False) in rows
    for ref, rag, has_action in rows:
        if rag == "red" and not has_action:
            assert ref in refs
