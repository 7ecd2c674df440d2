"""The meetings review: person-hours, overlaps and suggestions."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.meetings import Forum, Purpose, Suggestion, hours_by_person, information_only, overlaps, propose


def forum(name, members, purposes=(Purpose.DECISION,), per_year=6, hours=2, statutory=False, outcomes=None):
    return Forum(
        key=name,
        name=name,
        meetings_per_year=Decimal(per_year),
        hours=Decimal(hours),
        members=frozenset(members),
        purposes=frozenset(purposes),
        is_statutory=statutory,
        outcomes_last_year=outcomes,
    )


def test_person_hours():
    board = forum("Board", ["a", "b", "c"], per_year=4, hours=Decimal("1.5"))
    assert board.person_hours == Decimal(18)
    assert hours_by_person([board, forum("Group", ["a"], per_year=12, hours=1)]) == {
        "a": Decimal(18),
        "b": Decimal(6),
        "c": Decimal(6),
    }


def test_overlaps_most_shared_first():
    a, b, c = forum("A", "pqrs"), forum("B", "pqrt"), forum("C", "pz")
    result = overlaps([a, b, c])
    assert [(o.first, o.second, o.count) for o in result] == [("A", "B", 3), ("A", "C", 1), ("B", "C", 1)]
    assert result[0].share_of_smaller == Decimal("0.75")


def test_suggestions_each_with_a_reason():
    forums = [
        forum("Cabinet", "abc", statutory=True, purposes=[Purpose.INFORMATION]),
        forum("Briefing group", "de", purposes=[Purpose.INFORMATION]),
        forum("Quiet board", "fg", outcomes=0),
        forum("Big board", "hijk"),
        forum("Small board", "hij"),
    ]
    proposals = {p.forum: p for p in propose(forums)}
    assert "Cabinet" not in proposals
    assert proposals["Briefing group"].suggestion is Suggestion.WRITTEN_BRIEFING
    assert proposals["Quiet board"].suggestion is Suggestion.STAND_DOWN
    assert proposals["Small board"].suggestion is Suggestion.MERGE and proposals["Small board"].partner == "Big board"
    assert "Big board" not in proposals
    assert all(p.reason for p in proposals.values())
    assert [f.name for f in information_only(forums)] == ["Cabinet", "Briefing group"]


members = st.frozensets(st.sampled_from("abcdefghij"), max_size=8)
forums_st = st.lists(
    st.builds(
        forum,
        name=st.text(alphabet="XYZW", min_size=1, max_size=3),
        members=members,
        purposes=st.frozensets(st.sampled_from(list(Purpose)), max_size=3),
        statutory=st.booleans(),
        outcomes=st.none() | st.integers(min_value=0, max_value=3),
    ),
    max_size=8,
    unique_by=lambda f: f.name,
)


@given(forums_st)
def test_at_most_one_suggestion_per_forum_and_never_for_a_statutory_one(forums):
    proposals = propose(forums)
    names = [p.forum for p in proposals]
    assert len(names) == len(set(names))
    statutory = {f.name for f in forums if f.is_statutory}
    assert not statutory & set(names)
    for p in proposals:
        assert p.reason and p.hours_saved >= 0
        if p.suggestion is Suggestion.MERGE:
            assert p.partner and p.partner != p.forum


@given(forums_st)
def test_hours_by_person_add_up_to_total_person_hours(forums):
    assert sum(hours_by_person(forums).values(), Decimal(0)) == sum((f.person_hours for f in forums), Decimal(0))


def test_a_forum_already_being_replaced_is_not_a_merge_partner():
    forums = [
        forum("Decision board", "abcdefg"),
        forum("Briefing forum", "abcdef", purposes=[Purpose.INFORMATION]),
    ]
    proposals = {p.forum: p for p in propose(forums)}
    assert set(proposals) == {"Briefing forum"}


def test_a_statutory_forum_absorbs_the_other_one():
    proposals = propose([forum("Committee", "ab", statutory=True), forum("Working group", "abc")])
    assert [(p.forum, p.partner) for p in proposals] == [("Working group", "Committee")]
