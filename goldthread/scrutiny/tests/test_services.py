from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from goldthread.core.audit import history_for
from goldthread.core.versioning import AlreadyExists, StaleVersion
from goldthread.improvement import services as improvement
from goldthread.improvement.models import Action, Review
from goldthread.scrutiny import selectors, services
from goldthread.scrutiny.models import ExecutiveResponse, WorkItem
from goldthread.timetable.models import ReportingYear, TimetablePeriod

TODAY = date(2024, 6, 1)


def _accept(recommendation, user, **extra):
    return services.response_record(
        recommendation=recommendation,
        user=user,
        version=recommendation.version,
        response="accepted",
        reasons="",
        responded_on=date(2024, 4, 25),
        action_description="Add the quarterly report to the work programme",
        action_due=date(2024, 7, 31),
        **extra,
    )


def test_a_scrutiny_review_is_an_improvement_review(review_item, recommendation):
    review = review_item.review
    assert review.review_type == Review.Type.SCRUTINY
    assert review.reviewing_body == review_item.committee.name
    assert recommendation.review == review and recommendation.reference == "OSC24-R01"
    assert history_for(review_item).count() == 2  # created, then linked to its review


def test_accepting_makes_one_improvement_action_tracked_on_the_tracker(recommendation, users, committee):
    _accept(recommendation, users["officer"])
    recommendation.refresh_from_db()
    assert recommendation.response == "accepted"
    action = Action.objects.get(recommendation=recommendation)
    assert action.reference == "OSC24-R01-A01" and action.due_date == date(2024, 7, 31)
    assert ExecutiveResponse.objects.get(recommendation=recommendation).responded_on == date(2024, 4, 25)
    assert history_for(recommendation).filter(action="update").exists()
    assert history_for(action).count() == 1
    [row] = selectors.tracker(committee, TODAY)
    assert row.state == "in_progress" and [a for a, _s, _p in row.actions] == [action]

    improvement.action_update(action=action, user=users["performance"], status="complete", version=action.version)
    [row] = selectors.tracker(committee, timezone.localdate())
    assert row.state == "complete"
    assert row.actions[0][2] == 100
    [row] = selectors.tracker(committee, TODAY)  # as at a date before it was completed
    assert row.state == "in_progress" and row.actions[0][2] == 0


def test_an_action_past_its_due_date_shows_on_the_tracker(recommendation, users, committee):
    _accept(recommendation, users["officer"])
    [row] = selectors.tracker(committee, date(2024, 8, 1))
    assert row.state == "action_overdue"


def test_a_second_response_keeps_the_one_action(recommendation, users):
    _accept(recommendation, users["officer"])
    recommendation.refresh_from_db()
    services.response_record(
        recommendation=recommendation,
        user=users["performance"],
        version=recommendation.version,
        response="partly",
        reasons="Only for new recommendations",
        responded_on=date(2024, 5, 1),
    )
    assert Action.objects.filter(recommendation=recommendation).count() == 1
    assert history_for(ExecutiveResponse.objects.get()).count() == 2


def test_rejecting_needs_reasons_and_makes_no_action(recommendation, users, committee):
    with pytest.raises(services.ScrutinyError, match="reasons"):
        services.response_record(
            recommendation=recommendation,
            user=users["officer"],
            version=recommendation.version,
            response="not_accepted",
            reasons=" ",
            responded_on=date(2024, 4, 25),
        )
    services.response_record(
        recommendation=recommendation,
        user=users["officer"],
        version=recommendation.version,
        response="not_accepted",
        reasons="Training budget is committed",
        responded_on=date(2024, 4, 25),
    )
    assert not Action.objects.exists()
    [row] = selectors.tracker(committee, TODAY)
    assert row.state == "rejected" and row.response_words == "Rejected"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"action_description": ""}, "Describe the action"),
        ({"responded_on": date(2999, 1, 1)}, "future"),
        ({"responded_on": date(2024, 1, 1)}, "before the report was received"),
        ({"action_due": date(2024, 4, 1)}, "due before"),
        ({"response": "maybe"}, "Choose"),
    ],
)
def test_bad_responses_are_refused_and_change_nothing(recommendation, users, changes, message):
    data = {
        "recommendation": recommendation,
        "user": users["officer"],
        "version": recommendation.version,
        "response": "accepted",
        "reasons": "",
        "responded_on": date(2024, 4, 25),
        "action_description": "Do it",
        "action_due": date(2024, 7, 31),
        **changes,
    }
    with pytest.raises(services.ScrutinyError, match=message):
        services.response_record(**data)
    recommendation.refresh_from_db()
    assert recommendation.response == "pending"
    assert not Action.objects.exists() and not ExecutiveResponse.objects.exists()


def test_a_stale_response_is_refused(recommendation, users):
    seen = recommendation.version
    _accept(recommendation, users["officer"])
    with pytest.raises(StaleVersion):
        services.response_record(
            recommendation=recommendation,
            user=users["performance"],
            version=seen,
            response="not_accepted",
            reasons="No",
            responded_on=date(2024, 4, 26),
        )
    recommendation.refresh_from_db()
    assert recommendation.response == "accepted"


@pytest.mark.parametrize("role", ["member", "auditor", "hr"])
def test_only_respondents_record_responses(recommendation, users, role):
    with pytest.raises(PermissionDenied):
        _accept(recommendation, users[role])
    assert not Action.objects.exists()


def test_a_member_of_cabinet_records_responses(recommendation, users, cabinet, make_user):
    councillor = make_user("member", username="cabinet-member")
    services.member_add(committee=cabinet, user=users["performance"], member=councillor)
    _accept(recommendation, councillor)
    assert Action.objects.filter(recommendation=recommendation).exists()


def test_only_the_performance_team_manages_committees(committee, users):
    for role in ("member", "officer", "editor", "auditor"):
        with pytest.raises(PermissionDenied):
            services.work_item_create(committee=committee, user=users[role], topic="x", item_type="call_in")
    assert not WorkItem.objects.exists()


def test_a_work_item_update_is_versioned_and_kept_in_history(committee, users, priority):
    item = services.work_item_create(
        committee=committee, user=users["performance"], topic="Budget", item_type=WorkItem.Type.PRE_DECISION
    )
    seen = item.version
    services.work_item_update(
        item=item, user=users["performance"], version=seen, status=WorkItem.Status.REPORTED, priorities=[priority]
    )
    change = history_for(item).filter(action="update").get()
    assert change.changes["status"] == ["planned", "reported"]
    assert change.changes["priorities"] == [[], [priority.title]]
    with pytest.raises(StaleVersion):
        services.work_item_update(item=item, user=users["performance"], version=seen, topic="Renamed")
    item.refresh_from_db()
    assert item.topic == "Budget"


def test_a_member_sits_once(committee, users):
    with pytest.raises(AlreadyExists):
        services.member_add(committee=committee, user=users["performance"], member=users["member"])
    assert committee.members.count() == 1


def test_an_independent_person_needs_a_name(committee, users):
    seat = services.member_add(committee=committee, user=users["performance"], name="Ms Example", role="independent")
    assert seat.display_name == "Ms Example"
    with pytest.raises(Exception, match="name"):
        services.member_add(committee=committee, user=users["performance"], role="independent")


def test_meetings_are_the_committee_s_own_and_the_timetable_s(committee, council, users):
    services.meeting_add(committee=committee, user=users["performance"], on=date(2023, 10, 3), note="Budget")
    year = ReportingYear.objects.create(council=council, year="2023-24", is_example=True)
    TimetablePeriod.objects.create(
        reporting_year=year, quarter=2, values_due=date(2023, 10, 20), scrutiny=date(2023, 12, 5)
    )
    rows = selectors.meetings(committee)
    assert [(m.date, m.source) for m in rows] == [(date(2023, 10, 3), "committee"), (date(2023, 12, 5), "timetable")]
    assert rows[1].is_example
    # the timetable's date moves, the committee's page follows (read, not copied)
    TimetablePeriod.objects.filter(reporting_year=year).update(scrutiny=date(2023, 12, 12))
    assert selectors.meetings(committee)[1].date == date(2023, 12, 12)
    with pytest.raises(AlreadyExists):
        services.meeting_add(committee=committee, user=users["performance"], on=date(2023, 10, 3))
