"""Member enquiry writes through the API: the pages' services and permissions, and version conflicts."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import Client

from goldthread.core.audit import history_for
from goldthread.council.models import Role, User
from goldthread.enquiries.models import Enquiry


def send(client: Client, method: str, url: str, body: dict) -> tuple[int, dict]:
    response = client.generic(method, url, json.dumps(body), content_type="application/json")
    return response.status_code, response.json()


@pytest.fixture
def raised(client_for, users) -> dict:
    status, body = send(
        client_for(Role.MEMBER),
        "POST",
        "/api/member-enquiries",
        {"ward": "Ford", "subject": "Streetlight out", "text": "The light on Gorsey Lane has been out a week."},
    )
    assert status == 201, body
    return body


def test_a_member_raises_an_enquiry_and_it_is_due_in_working_days(raised, users):
    enquiry = Enquiry.objects.get(reference=raised["reference"])
    assert enquiry.member == users[Role.MEMBER] and raised["status"] == "open" and raised["version"] == 1
    assert raised["due_on"] == enquiry.due_on.isoformat() and enquiry.due_on > enquiry.raised_on
    assert history_for(enquiry).count() == 1


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.MEMBER])
def test_only_members_raise_enquiries(role, client_for):
    status, _ = send(client_for(role), "POST", "/api/member-enquiries", {"ward": "Ford", "subject": "S", "text": "T"})
    assert status == 403
    assert not Enquiry.objects.exists()


def test_an_empty_subject_is_refused_with_the_reason(client_for):
    status, body = send(
        client_for(Role.MEMBER), "POST", "/api/member-enquiries", {"ward": "Ford", "subject": " ", "text": "T"}
    )
    assert status == 422 and "subject" in body["detail"]
    assert not Enquiry.objects.exists()


def test_route_respond_and_close_through_the_api(raised, client, users, directorate):
    ref = raised["reference"]
    officer = users[Role.OFFICER]
    client.force_login(users[Role.PERFORMANCE])
    route = {"directorate": directorate.code, "officer": officer.username, "version": raised["version"]}
    status, routed = send(client, "PATCH", f"/api/member-enquiries/{ref}", route)
    assert status == 200, routed
    assert routed["directorate"] == directorate.name and routed["version"] == 2

    client.force_login(officer)
    status, seen = send(client, "GET", f"/api/member-enquiries/{ref}", {})
    assert status == 200 and seen["version"] == 2
    answer = {"response": "Reported to the lighting contractor.", "responded_on": date.today().isoformat()}
    status, answered = send(client, "POST", f"/api/member-enquiries/{ref}/response", {**answer, "version": 2})
    assert status == 200, answered
    assert answered["status"] == "responded" and answered["answered_on_time"] is True

    client.force_login(users[Role.MEMBER])
    status, closed = send(client, "POST", f"/api/member-enquiries/{ref}/close", {"version": answered["version"]})
    assert status == 200 and closed["status"] == "closed"
    actions = [c.user for c in history_for(Enquiry.objects.get(reference=ref)).order_by("at", "id")]
    assert actions == [users[Role.MEMBER], users[Role.PERFORMANCE], officer, users[Role.MEMBER]]


def test_a_stale_version_is_refused_with_the_enquiry_as_it_is_now(raised, client_for, directorate):
    ref = raised["reference"]
    performance = client_for(Role.PERFORMANCE)
    url = f"/api/member-enquiries/{ref}"
    assert send(performance, "PATCH", url, {"directorate": directorate.code, "version": 1})[0] == 200
    status, body = send(performance, "PATCH", url, {"directorate": directorate.code, "version": 1})
    assert status == 409
    assert body["current"]["reference"] == ref and body["current"]["version"] == 2 and body["changes"]
    status, body = send(performance, "PATCH", url, {"directorate": directorate.code})
    assert status == 428 and "version" in body["detail"]
    assert Enquiry.objects.get(reference=ref).version == 2


def test_bad_directorate_or_officer_is_refused_and_nothing_changes(raised, client_for, users, directorate):
    performance = client_for(Role.PERFORMANCE)
    url = f"/api/member-enquiries/{raised['reference']}"
    status, body = send(performance, "PATCH", url, {"directorate": "nowhere", "version": 1})
    assert status == 422 and "nowhere" in body["detail"]
    route = {"directorate": directorate.code, "officer": users[Role.MEMBER].username, "version": 1}
    status, body = send(performance, "PATCH", url, route)
    assert status == 422
    assert Enquiry.objects.get().version == 1 and Enquiry.objects.get().directorate is None


def test_others_cannot_see_or_change_an_enquiry_not_theirs(raised, client_for, make_user, directorate):
    ref = raised["reference"]
    client = client_for(Role.OFFICER)  # not routed to them: it does not exist for them
    assert send(client, "GET", f"/api/member-enquiries/{ref}", {})[0] == 404
    assert send(client, "POST", f"/api/member-enquiries/{ref}/response", {"response": "x", "version": 1})[0] == 404
    client.force_login(make_user(Role.MEMBER, "another-member"))
    assert send(client, "POST", f"/api/member-enquiries/{ref}/close", {"version": 1})[0] == 404
    client.force_login(User.objects.get(username=f"{Role.AUDITOR}-user"))  # sees all, changes nothing
    assert send(client, "GET", f"/api/member-enquiries/{ref}", {})[0] == 200
    assert (
        send(client, "PATCH", f"/api/member-enquiries/{ref}", {"directorate": directorate.code, "version": 1})[0] == 403
    )
    assert Enquiry.objects.get(reference=ref).version == 1


def test_closing_an_unanswered_enquiry_is_refused(raised, client_for):
    status, body = send(
        client_for(Role.MEMBER), "POST", f"/api/member-enquiries/{raised['reference']}/close", {"version": 1}
    )
    assert status == 422 and "not been answered" in body["detail"]


def test_too_long_or_nul_text_is_refused_not_a_server_error(client_for):
    client = client_for(Role.MEMBER)
    status, body = send(client, "POST", "/api/member-enquiries", {"ward": "W" * 101, "subject": "S", "text": "T"})
    assert status == 422 and "100 at most" in body["detail"]
    status, body = send(client, "POST", "/api/member-enquiries", {"ward": "Ford", "subject": "S", "text": "a\x00b"})
    assert status in {400, 422}  # refused before the service (400) or by it (422)
    assert not Enquiry.objects.exists()
