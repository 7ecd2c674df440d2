"""The register of forums, meetings and their outcomes, the review and its exports."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from goldthread.core.audit import history_for
from goldthread.council.models import Role
from goldthread.improvement.models import Action
from goldthread.people import selectors, services
from goldthread.people.models import Forum


def _forum(council, user, name, purposes=("decision",), members=(), statutory=False, per_year=6):
    forum = services.forum_save(
        council=council,
        forum=None,
        data={
            "name": name,
            "forum_type": "partnership",
            "meetings_per_year": Decimal(per_year),
            "usual_hours": Decimal(2),
            "purpose_decision": "decision" in purposes,
            "purpose_assurance": "assurance" in purposes,
            "purpose_information": "information" in purposes,
            "is_statutory": statutory,
            "state": Forum.State.ACTIVE,
        },
        user=user,
    )
    for person in members:
        services.forum_member_add(forum=forum, person=person, organisation="Partner", user=user)
    return forum


@pytest.fixture
def register(council, users):
    perf = users[Role.PERFORMANCE]
    return {
        "cabinet": _forum(council, perf, "Cabinet", members="ABCD", statutory=True),
        "info": _forum(council, perf, "Briefing forum", purposes=("information",), members="EF"),
        "big": _forum(council, perf, "Health board", members="GHIJ"),
        "small": _forum(council, perf, "Care group", members="GHI"),
    }


def test_review_suggests_with_reasons_and_counts_person_hours(council, register):
    data = selectors.review(council)
    proposals = {p.forum: p for p in data["proposals"]}
    assert proposals["Briefing forum"].suggestion.value == "Replace with a written briefing"
    assert proposals["Care group"].partner == "Health board"
    assert "Cabinet" not in proposals
    assert data["total_hours"] == Decimal(6 * 2 * (4 + 2 + 4 + 3))
    assert data["overlaps"][0].count == 3


def test_a_forum_whose_meetings_produced_nothing_is_suggested_for_standing_down(council, register, users):
    perf = users[Role.PERFORMANCE]
    lonely = _forum(council, perf, "Steering group", members="XY")
    services.meeting_record(forum=lonely, held_on=dt.date.today() - dt.timedelta(days=30), notes="", user=perf)
    assert {p.forum: p.suggestion.value for p in selectors.review(council)["proposals"]}[
        "Steering group"
    ] == "Stand down"
    meeting = lonely.meetings.get()
    services.meeting_outcome_add(
        meeting=meeting,
        kind="action",
        text="Write the plan",
        create_action=True,
        directorate=None,
        due_date=None,
        user=perf,
    )
    assert "Steering group" not in {p.forum for p in selectors.review(council)["proposals"]}
    assert Action.objects.get(reference__startswith="MEETING-").description == "Write the plan"


def test_standing_down_is_kept_in_history_and_in_the_summary(client_for, council, register):
    client = client_for(Role.PERFORMANCE)
    forum = register["info"]
    data = {
        "name": forum.name,
        "forum_type": "partnership",
        "meetings_per_year": "6",
        "usual_hours": "2",
        "purpose_information": "on",
        "state": "briefing",
        "version": forum.version,
    }
    assert client.post(f"/people/forums/{forum.slug}/edit/", data).status_code == 302
    forum.refresh_from_db()
    assert forum.state == "briefing" and forum.state_changed_on == dt.date.today()
    assert history_for(forum).order_by("-at").first().changes["state"] == ["active", "briefing"]
    assert [f.name for f in selectors.stood_down(council)] == ["Briefing forum"]


def test_only_the_performance_team_changes_the_register(council, register, users):
    with pytest.raises(PermissionDenied):
        services.forum_member_add(forum=register["big"], person="Z", organisation="X", user=users[Role.MEMBER])


def test_exports_csv_and_xlsx(client_for, council, register):
    client = client_for(Role.MEMBER)
    text = client.get("/people/forums/review.csv").content.decode()
    assert "Suggestions" in text and "Care group" in text
    book = load_workbook(io.BytesIO(client.get("/people/forums/review.xlsx").content))
    assert book.sheetnames == ["Forums", "People", "Overlaps", "Suggestions"]
    assert client.get("/people/forums/review.pdf").status_code == 404


def test_forum_page_records_members_and_meetings(client_for, council, register):
    client = client_for(Role.PERFORMANCE)
    url = register["big"].get_absolute_url()
    assert client.post(url, {"part": "member", "member-person": "K", "member-organisation": "NHS"}).status_code == 302
    assert client.post(url, {"part": "meeting", "meeting-held_on": "2024-05-01"}).status_code == 302
    assert register["big"].members.count() == 5 and register["big"].meetings.count() == 1
    assert (
        client_for(Role.MEMBER)
        .post(url, {"part": "member", "member-person": "Q", "member-organisation": "X"})
        .status_code
        == 403
    )
