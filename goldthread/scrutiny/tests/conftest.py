from datetime import date

import pytest

from goldthread.scrutiny import services
from goldthread.scrutiny.models import Committee, WorkItem


@pytest.fixture
def committee(council, users):
    committee = services.committee_create(
        council=council,
        user=users["performance"],
        slug="corporate",
        name="Overview and Scrutiny Committee (Corporate Services)",
        kind=Committee.Kind.OVERVIEW_SCRUTINY,
        timetable_meeting=Committee.TimetableMeeting.SCRUTINY,
    )
    services.member_add(committee=committee, user=users["performance"], member=users["member"])
    return committee


@pytest.fixture
def other_committee(council, users):
    return services.committee_create(
        council=council, user=users["performance"], slug="childrens", name="Overview and Scrutiny Committee (Children)"
    )


@pytest.fixture
def cabinet(council, users):
    return services.committee_create(
        council=council, user=users["performance"], slug="cabinet", name="Cabinet", kind=Committee.Kind.CABINET
    )


@pytest.fixture
def review_item(committee, users, priority):
    item = services.work_item_create(
        committee=committee,
        user=users["performance"],
        topic="Performance reporting to Scrutiny",
        item_type=WorkItem.Type.POLICY_DEVELOPMENT,
        lead_member=users["member"],
        meeting_date=date(2024, 2, 20),
        priorities=[priority],
    )
    services.review_start(
        item=item,
        user=users["performance"],
        reference="osc-reporting-2024",
        title="Performance reporting to Scrutiny",
        report_received=date(2024, 3, 7),
        prefix="OSC24",
    )
    item.refresh_from_db()
    return item


@pytest.fixture
def recommendation(review_item, users):
    return services.recommendation_add(
        item=review_item, user=users["performance"], number="1", title="Take the quarterly report to scrutiny"
    )
