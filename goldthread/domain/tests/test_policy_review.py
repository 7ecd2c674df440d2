from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.policy_review import DUE_SOON, DUE_SOON_DAYS, IN_DATE, OVERDUE, review_state

days = st.integers(min_value=-2000, max_value=2000)
TODAY = date(2025, 6, 1)


def _on(offset):
    return None if offset is None else TODAY + timedelta(days=offset)


@given(st.one_of(st.none(), days), st.one_of(st.none(), days))
def test_state_follows_the_earliest_date(review, end):
    state = review_state(review_date=_on(review), period_end=_on(end), today=TODAY)
    offsets = [o for o in (review, end) if o is not None]
    if not offsets or min(offsets) > DUE_SOON_DAYS:
        assert state == IN_DATE
    elif min(offsets) < 0:
        assert state == OVERDUE
    else:
        assert state == DUE_SOON


def test_boundaries():
    assert review_state(review_date=TODAY, period_end=None, today=TODAY) == DUE_SOON
    assert review_state(review_date=TODAY - timedelta(days=1), period_end=None, today=TODAY) == OVERDUE
    assert review_state(review_date=None, period_end=_on(DUE_SOON_DAYS), today=TODAY) == DUE_SOON
    assert review_state(review_date=None, period_end=_on(DUE_SOON_DAYS + 1), today=TODAY) == IN_DATE
