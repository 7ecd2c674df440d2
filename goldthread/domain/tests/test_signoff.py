from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.signoff import is_own_entry, may_approve, may_decide

people = st.one_of(st.none(), st.integers(min_value=1, max_value=5))
statuses = st.sampled_from(["draft", "submitted", "approved", "returned"])


@given(people, people, st.booleans())
def test_another_person_may_always_decide(entered, decider, allow_own):
    if entered != decider or entered is None or decider is None:
        assert may_decide(entered_by=entered, decided_by=decider, allow_own=allow_own)


@given(st.integers(min_value=1), st.booleans())
def test_own_entry_needs_the_council_setting(person, allow_own):
    assert is_own_entry(person, person)
    assert may_decide(entered_by=person, decided_by=person, allow_own=allow_own) == allow_own


@given(statuses, people, people, st.booleans())
def test_only_submitted_entries_are_approved(status, entered, decider, allow_own):
    allowed = may_approve(status=status, entered_by=entered, decided_by=decider, allow_own=allow_own)
    if status != "submitted":
        assert not allowed
    else:
        assert allowed == may_decide(entered_by=entered, decided_by=decider, allow_own=allow_own)
