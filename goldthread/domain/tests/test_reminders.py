from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.reminders import (
    DEFAULT_DELIVERY,
    HORIZON_DAYS,
    Delivery,
    Family,
    Kind,
    Obligation,
    Reminder,
    delivery_for,
    digest_due,
    reminders_for,
    stage,
)

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
people = st.integers(min_value=1, max_value=20)
obligations = st.builds(
    Obligation,
    family=st.sampled_from(Family),
    subject=st.sampled_from(["values:a:2023-24 Q2", "action:A1", "risk:R1:2023-24 Q2", "budget:b:2023-09"]),
    due=days,
    done=st.booleans(),
    recipients=st.lists(people, max_size=4).map(tuple),
    director=st.none() | people,
)


def test_the_editor_is_reminded_of_values_due_in_five_days():
    ob = Obligation(Family.VALUES, "values:childrens:2023-24 Q2", date(2023, 10, 20), False, (7,), director=9)
    assert reminders_for([ob], date(2023, 10, 15)) == [
        Reminder(7, Kind.VALUES_DUE, "values:childrens:2023-24 Q2", date(2023, 10, 20))
    ]


def test_the_director_is_copied_once_the_escalation_days_have_passed():
    ob = Obligation(Family.ACTION, "action:A1", date(2023, 10, 1), False, (7,), director=9)
    before = reminders_for([ob], date(2023, 10, 10), escalate_after_days=10)
    after = reminders_for([ob], date(2023, 10, 11), escalate_after_days=10)
    assert [r.recipient for r in before] == [7]
    assert [(r.recipient, r.copied_as_director) for r in after] == [(7, False), (9, True)]
    assert {r.kind for r in after} == {Kind.ACTION_OVERDUE}


def test_nothing_is_made_for_work_not_yet_near_or_long_overdue():
    due = date(2024, 1, 19)
    assert stage(Family.BUDGET, due, due - timedelta(days=8), lead_days=7) is None
    assert stage(Family.BUDGET, due, due - timedelta(days=7), lead_days=7) is Kind.BUDGET_DUE
    assert stage(Family.BUDGET, due, due, lead_days=7) is Kind.BUDGET_DUE
    assert stage(Family.BUDGET, due, due + timedelta(days=1)) is Kind.BUDGET_OVERDUE
    assert stage(Family.BUDGET, due, due + timedelta(days=HORIZON_DAYS + 1)) is None


@given(st.lists(obligations, max_size=8), days, st.integers(0, 30), st.integers(0, 60))
def test_done_work_is_never_chased_and_every_key_is_made_once(obs, today, lead, escalate):
    made = reminders_for(obs, today, lead_days=lead, escalate_after_days=escalate)
    keys = [r.key for r in made]
    assert len(keys) == len(set(keys))
    done_subjects = {o.subject for o in obs if o.done} - {o.subject for o in obs if not o.done}
    assert not any(r.subject in done_subjects for r in made)


@given(st.lists(obligations, max_size=8), days, st.integers(0, 30), st.integers(0, 60))
def test_a_second_run_with_what_the_first_made_makes_nothing(obs, today, lead, escalate):
    first = reminders_for(obs, today, lead_days=lead, escalate_after_days=escalate)
    again = reminders_for(obs, today, lead_days=lead, escalate_after_days=escalate, already_made=[r.key for r in first])
    assert again == []


@given(obligations, days, st.integers(0, 30), st.integers(0, 60))
def test_who_gets_what(ob, today, lead, escalate):
    made = reminders_for([ob], today, lead_days=lead, escalate_after_days=escalate)
    overdue_by = (today - ob.due).days
    if ob.done or stage(ob.family, ob.due, today, lead_days=lead) is None:
        assert made == []
        return
    direct = [r for r in made if not r.copied_as_director]
    copies = [r for r in made if r.copied_as_director]
    assert sorted(r.recipient for r in direct) == sorted(set(ob.recipients))
    # Only overdue work is escalated, only after the council's number of days, only to a director not already told.
    if copies:
        assert overdue_by >= max(escalate, 1)
        assert [c.recipient for c in copies] == [ob.director]
        assert ob.director not in ob.recipients
    elif ob.director is not None and ob.director not in ob.recipients:
        assert overdue_by < max(escalate, 1)
    # Reminders before the due date say "due"; after it, "overdue".
    assert all(r.kind.value.endswith("overdue") == (overdue_by > 0) for r in made)


@given(st.dictionaries(st.sampled_from([k.value for k in Kind]), st.text(max_size=10)), st.sampled_from(Kind))
def test_delivery_is_the_persons_choice_or_the_digest(prefs, kind):
    chosen = prefs.get(kind.value)
    expected = Delivery(chosen) if chosen in {d.value for d in Delivery} else DEFAULT_DELIVERY
    assert delivery_for(prefs, kind) is expected


@given(st.none() | days, days)
def test_one_digest_a_day_at_most(last, today):
    assert digest_due(last, today) == (last is None or last < today)
    assert not digest_due(today, today)
