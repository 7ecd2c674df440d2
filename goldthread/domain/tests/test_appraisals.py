"""Who counts in the appraisal completion rate, and the rate itself."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.appraisals import (
    AppraisalStatus,
    CountingRules,
    Exclusion,
    Rate,
    StaffMember,
    appraisal_status,
    completion_rate,
    exclusion_reason,
    is_overdue,
    management_cycles,
    rates_by,
    whole_months_between,
)

END = dt.date(2024, 3, 31)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31))
rules_st = st.builds(
    CountingRules,
    min_service_months=st.integers(min_value=0, max_value=24),
    exclude_long_term_absence=st.booleans(),
    exclude_leavers_before_window_end=st.booleans(),
)
people_st = st.builds(StaffMember, start_date=dates, leaving_date=st.none() | dates, long_term_absence=st.booleans())


def test_a_starter_of_under_six_months_is_left_out():
    rules = CountingRules(min_service_months=6)
    assert exclusion_reason(StaffMember(dt.date(2023, 10, 1)), rules, END) is Exclusion.NEW_STARTER
    assert exclusion_reason(StaffMember(dt.date(2023, 9, 30)), rules, END) is None


def test_long_term_absence_and_leavers_follow_the_rules():
    absent = StaffMember(dt.date(2010, 1, 1), long_term_absence=True)
    leaver = StaffMember(dt.date(2010, 1, 1), leaving_date=dt.date(2024, 1, 5))
    assert exclusion_reason(absent, CountingRules(), END) is Exclusion.LONG_TERM_ABSENCE
    assert exclusion_reason(absent, CountingRules(exclude_long_term_absence=False), END) is None
    assert exclusion_reason(leaver, CountingRules(), END) is Exclusion.LEFT
    assert exclusion_reason(leaver, CountingRules(exclude_leavers_before_window_end=False), END) is None
    assert exclusion_reason(StaffMember(dt.date(2010, 1, 1), dt.date(2024, 6, 1)), CountingRules(), END) is None


def test_someone_who_starts_after_the_window_never_counts():
    rules = CountingRules(
        min_service_months=0, exclude_long_term_absence=False, exclude_leavers_before_window_end=False
    )
    assert exclusion_reason(StaffMember(dt.date(2024, 4, 1)), rules, END) is Exclusion.NOT_STARTED_YET


@pytest.mark.parametrize(
    "start,end,months",
    [
        (dt.date(2023, 9, 30), dt.date(2024, 3, 31), 6),
        (dt.date(2023, 10, 1), dt.date(2024, 3, 31), 5),
        (dt.date(2024, 1, 31), dt.date(2024, 2, 29), 0),
        (dt.date(2024, 3, 1), dt.date(2023, 3, 1), 0),
    ],
)
def test_whole_months(start, end, months):
    assert whole_months_between(start, end) == months


@given(st.lists(st.tuples(people_st, st.booleans()), max_size=60), rules_st, dates)
def test_rate_counts_only_people_who_count(pairs, rules, end):
    rate = completion_rate(pairs, rules, end)
    counted = [(p, done) for p, done in pairs if exclusion_reason(p, rules, end) is None]
    assert rate.denominator == len(counted)
    assert rate.numerator == sum(1 for _, done in counted if done)
    assert 0 <= rate.numerator <= rate.denominator
    if rate.denominator:
        assert 0 <= rate.percent <= 100
    else:
        assert rate.percent is None


@given(st.lists(st.tuples(st.sampled_from("ABC"), st.booleans(), st.booleans()), max_size=60))
def test_group_rates_add_up_to_the_whole(items):
    groups = rates_by(items)
    whole = rates_by(("all", counted, done) for _, counted, done in items).get("all", Rate(0, 0))
    total = sum(groups.values(), Rate(0, 0))
    assert total == whole


@given(people_st, st.integers(min_value=0, max_value=24), st.integers(min_value=0, max_value=24), dates)
def test_a_stricter_service_rule_never_counts_more_people(person, a, b, end):
    lenient, strict = CountingRules(min_service_months=min(a, b)), CountingRules(min_service_months=max(a, b))
    if exclusion_reason(person, strict, end) is None:
        assert exclusion_reason(person, lenient, end) is None


def test_rate_refuses_impossible_counts():
    with pytest.raises(ValueError):
        Rate(5, 4)


def test_status_is_complete_only_when_agreed_and_acknowledged():
    day = dt.date(2024, 1, 1)
    assert (
        appraisal_status(objective_count=0, manager_agreed_on=None, employee_acknowledged_on=None)
        is AppraisalStatus.NOT_STARTED
    )
    assert (
        appraisal_status(objective_count=2, manager_agreed_on=None, employee_acknowledged_on=None)
        is AppraisalStatus.OBJECTIVES_SET
    )
    assert (
        appraisal_status(objective_count=2, manager_agreed_on=day, employee_acknowledged_on=None)
        is AppraisalStatus.AGREED
    )
    assert (
        appraisal_status(objective_count=0, manager_agreed_on=day, employee_acknowledged_on=day)
        is AppraisalStatus.COMPLETE
    )


def test_overdue_only_after_the_window_closes():
    assert not is_overdue(completed=False, counted=True, window_end=END, today=END)
    assert is_overdue(completed=False, counted=True, window_end=END, today=END + dt.timedelta(days=1))
    assert not is_overdue(completed=True, counted=True, window_end=END, today=dt.date(2025, 1, 1))
    assert not is_overdue(completed=False, counted=False, window_end=END, today=dt.date(2025, 1, 1))


def test_management_cycles_are_found_once_each():
    chain = {"1": None, "2": "1", "3": "4", "4": "5", "5": "3", "6": "6", "7": "3"}
    assert management_cycles(chain) == [["3", "4", "5"], ["6"]]


@given(
    st.dictionaries(
        st.sampled_from([str(i) for i in range(8)]), st.none() | st.sampled_from([str(i) for i in range(10)])
    )
)
def test_every_reported_cycle_is_a_real_loop(chain):
    for loop in management_cycles(chain):
        for i, person in enumerate(loop):
            assert chain[person] == loop[(i + 1) % len(loop)]
    # A chain with no loop reaches the top from everyone.
    if not management_cycles(chain):
        for start in chain:
            seen, node = set(), start
            while node is not None and node in chain:
                assert node not in seen
                seen.add(node)
                node = chain[node]
