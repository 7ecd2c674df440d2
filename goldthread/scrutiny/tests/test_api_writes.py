"""The executive's response to a scrutiny recommendation through the API: the response page's service and
permissions, versions (409/428) and the service's own words for bad input (422)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from goldthread.core.audit import history_for
from goldthread.council.models import Role
from goldthread.improvement.models import Recommendation
from goldthread.scrutiny import services
from goldthread.scrutiny.models import ExecutiveResponse

URL = "/api/scrutiny/recommendations/{}/response"


def send(client: Client, ref: str, body: dict) -> tuple[int, dict]:
    response = client.post(URL.format(ref), json.dumps(body), content_type="application/json")
    return response.status_code, response.json()


def accepted(recommendation: Recommendation, **extra) -> dict:
    return {
        "response": "accepted",
        "responded_on": "2024-04-25",
        "action_description": "Report quarterly to the committee",
        "action_due": "2024-07-31",
        "version": recommendation.version,
        **extra,
    }


def unchanged(recommendation: Recommendation) -> bool:
    seen = recommendation.version
    recommendation.refresh_from_db()
    return (
        recommendation.version == seen
        and recommendation.response == "pending"
        and not recommendation.actions.exists()
        and not ExecutiveResponse.objects.exists()
    )


def test_an_officer_records_an_accepted_response_and_its_action(client_for, recommendation, users, directorate):
    body = accepted(recommendation, action_lead=users[Role.OFFICER].username, action_directorate=directorate.code)
    status, row = send(client_for(Role.OFFICER), recommendation.reference, body)
    assert status == 200, row
    assert (row["reference"], row["response"], row["responded_on"]) == ("OSC24-R01", "accepted", "2024-04-25")
    assert row["responding_body"] == "Cabinet" and row["version"] == recommendation.version + 1
    [action] = row["actions"]
    assert action["reference"] == "OSC24-R01-A01" and action["due_date"] == "2024-07-31"
    made = recommendation.actions.get()
    assert made.lead == users[Role.OFFICER] and made.directorate == directorate
    # the same as the list shows it
    listed = client_for(Role.OFFICER).get("/api/scrutiny/recommendations").json()
    assert listed == [row]
    # history: who and when, on the recommendation and on the response's date
    change = history_for(recommendation).order_by("-at", "-pk").first()
    assert change.user == users[Role.OFFICER] and change.changes["response"] == ["pending", "accepted"]
    entry = ExecutiveResponse.objects.get(recommendation=recommendation)
    assert entry.recorded_by == users[Role.OFFICER] and history_for(entry).get().user == users[Role.OFFICER]


def test_a_rejection_with_reasons_then_corrected(client_for, recommendation):
    client = client_for(Role.EDITOR)
    body = {"response": "not_accepted", "reasons": "Not affordable this year", "responded_on": "2024-04-25"}
    status, row = send(client, recommendation.reference, {**body, "version": recommendation.version})
    assert status == 200, row
    assert (row["response"], row["reasons"], row["state"], row["actions"]) == (
        "not_accepted",
        "Not affordable this year",
        "rejected",
        [],
    )
    status, row = send(
        client, recommendation.reference, accepted(recommendation, responded_on="2024-05-02", version=row["version"])
    )
    assert status == 200, row
    assert row["response"] == "accepted" and row["responded_on"] == "2024-05-02" and len(row["actions"]) == 1
    assert ExecutiveResponse.objects.get().responded_on == date(2024, 5, 2)


@pytest.mark.parametrize("role", [Role.PERFORMANCE, Role.EDITOR, Role.OFFICER])
def test_those_who_respond_on_the_page_respond_here(role, client_for, recommendation):
    status, row = send(client_for(role), recommendation.reference, accepted(recommendation))
    assert status == 200, row
    assert Recommendation.objects.get(pk=recommendation.pk).response == "accepted"


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.HR])
def test_auditors_and_hr_are_refused_and_nothing_changes(role, client_for, recommendation):
    status, body = send(client_for(role), recommendation.reference, accepted(recommendation))
    assert status == 403, body
    assert unchanged(recommendation)


def test_a_member_responds_only_as_a_member_of_cabinet(client_for, recommendation, users, committee, cabinet):
    member = client_for(Role.MEMBER)
    # sits on the committee (so sees the recommendation) but not on Cabinet: may not respond
    assert send(member, recommendation.reference, accepted(recommendation))[0] == 403
    assert unchanged(recommendation)
    # a committee they do not sit on does not exist for them, as in their GET
    committee.members.all().delete()
    status, body = send(member, recommendation.reference, accepted(recommendation))
    assert status == 404 and body["detail"] == "No such scrutiny recommendation"
    assert unchanged(recommendation)
    # a member of Cabinet, which answers scrutiny, sees every committee and responds
    services.member_add(committee=cabinet, user=users[Role.PERFORMANCE], member=users[Role.MEMBER])
    status, row = send(member, recommendation.reference, accepted(recommendation))
    assert status == 200 and row["response"] == "accepted"


def test_an_unknown_recommendation_is_404(client_for, recommendation):
    assert send(client_for(Role.PERFORMANCE), "OSC24-R99", accepted(recommendation))[0] == 404


def test_without_a_version_428_and_with_an_old_one_409_with_the_recommendation_as_it_is(client_for, recommendation):
    client = client_for(Role.OFFICER)
    body = accepted(recommendation)
    del body["version"]
    status, answer = send(client, recommendation.reference, body)
    assert status == 428, answer
    assert answer["current"]["reference"] == "OSC24-R01" and answer["current"]["version"] == recommendation.version
    assert unchanged(recommendation)
    seen = recommendation.version
    assert send(client, recommendation.reference, accepted(recommendation))[0] == 200
    status, answer = send(client_for(Role.EDITOR), recommendation.reference, accepted(recommendation, version=seen))
    assert status == 409, answer
    assert answer["current"]["response"] == "accepted" and answer["current"]["version"] == seen + 1
    assert answer["changes"] and answer["changes"][0]["user"]
    assert "changed by" in answer["detail"]
    assert Recommendation.objects.get(pk=recommendation.pk).actions.count() == 1


TOMORROW = (timezone.localdate() + timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"response": "partly", "reasons": " "}, "Give the reasons"),
        ({"response": "not_accepted"}, "Give the reasons"),
        ({"responded_on": TOMORROW}, "cannot be in the future"),
        ({"responded_on": "2024-03-01"}, "before the report was received (7 March 2024)"),
        ({"action_description": ""}, "Describe the action"),
        ({"action_due": "2024-04-01"}, "cannot be due before the response"),
        ({"action_lead": "nobody-here"}, "'nobody-here' is not the username"),
        ({"action_directorate": "nowhere"}, "directorate 'nowhere' is not one of this council's"),
    ],
)
def test_bad_input_is_refused_in_the_services_words_and_changes_nothing(change, words, client_for, recommendation):
    status, body = send(client_for(Role.OFFICER), recommendation.reference, accepted(recommendation, **change))
    assert status == 422, body
    assert words in body["detail"]
    assert unchanged(recommendation)


@pytest.mark.parametrize("response", ["rejected", "maybe", ""])
def test_a_response_that_is_not_one_of_the_three_is_refused(response, client_for, recommendation):
    status, body = send(client_for(Role.OFFICER), recommendation.reference, accepted(recommendation, response=response))
    assert status == 422
    assert "not_accepted" in json.dumps(body["detail"])  # the answer names the values it takes
    assert unchanged(recommendation)


def test_without_sign_in_the_api_refuses(client, recommendation):
    assert send(client, recommendation.reference, accepted(recommendation))[0] == 401
    assert unchanged(recommendation)
