from datetime import date

import pytest

from goldthread.council.models import Role
from goldthread.scrutiny import services


@pytest.fixture
def accepted(recommendation, users):
    return services.response_record(
        recommendation=recommendation,
        user=users["officer"],
        version=recommendation.version,
        response="accepted",
        reasons="",
        responded_on=date(2024, 4, 25),
        action_description="Report quarterly",
        action_due=date(2024, 7, 31),
    )


def test_committees_follow_the_page_permissions(client_for, committee, other_committee, review_item):
    slugs = [c["slug"] for c in client_for(Role.MEMBER).get("/api/committees").json()]
    assert slugs == [committee.slug]
    everything = client_for(Role.OFFICER).get("/api/committees").json()
    assert {c["slug"] for c in everything} == {committee.slug, other_committee.slug}
    mine = next(c for c in everything if c["slug"] == committee.slug)
    assert mine["members"][0]["username"] == "member-user"
    assert mine["work_programme"][0]["review"] == "osc-reporting-2024"
    assert mine["work_programme"][0]["priorities"] == ["protect-vulnerable"]


def test_recommendations_with_their_response_and_actions(client_for, accepted, other_committee):
    [row] = client_for(Role.MEMBER).get("/api/scrutiny/recommendations").json()
    assert row["reference"] == "OSC24-R01" and row["response"] == "accepted"
    assert row["responded_on"] == "2024-04-25" and row["response_due"] == "2024-05-07"
    assert row["actions"][0]["reference"] == "OSC24-R01-A01"
    assert row["state"] in ("in_progress", "action_overdue")


def test_a_member_gets_no_recommendations_of_committees_they_do_not_sit_on(client_for, accepted, users, committee):
    committee.members.all().delete()
    assert client_for(Role.MEMBER).get("/api/scrutiny/recommendations").json() == []
    assert client_for(Role.AUDITOR).get("/api/scrutiny/recommendations").json() != []


def test_without_sign_in_the_api_refuses(client, committee):
    assert client.get("/api/committees").status_code == 401
    assert client.get("/api/scrutiny/recommendations").status_code == 401
