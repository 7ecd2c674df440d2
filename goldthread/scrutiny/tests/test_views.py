from datetime import date

import pytest
from django.urls import reverse

from goldthread.council.models import Role
from goldthread.improvement.models import Action
from goldthread.scrutiny.models import Committee, WorkItem


@pytest.mark.parametrize("role", Role.values)
def test_who_sees_which_committee(client_for, role, committee, other_committee, review_item):
    client = client_for(role)
    index = client.get(reverse("scrutiny:index")).content.decode()
    assert committee.name in index
    sees_other = role != Role.MEMBER  # the member sits on ``committee`` only
    assert (other_committee.name in index) == sees_other
    assert client.get(reverse("scrutiny:committee", args=[committee.slug])).status_code == 200
    assert client.get(reverse("scrutiny:tracker", args=[committee.slug])).status_code == 200
    assert client.get(reverse("scrutiny:item", args=[committee.slug, review_item.pk])).status_code == 200
    other = client.get(reverse("scrutiny:committee", args=[other_committee.slug]))
    assert other.status_code == (200 if sees_other else 403)
    assert client.get(reverse("scrutiny:tracker", args=[other_committee.slug])).status_code == (
        200 if sees_other else 403
    )
    manages = role == Role.PERFORMANCE
    assert client.get(reverse("scrutiny:committee-new")).status_code == (200 if manages else 403)
    assert client.get(reverse("scrutiny:item-new", args=[committee.slug])).status_code == (200 if manages else 403)


def test_signed_out_is_sent_to_sign_in(client, committee):
    assert client.get(reverse("scrutiny:index")).status_code == 302


def test_a_member_on_cabinet_sees_every_committee(client, make_user, cabinet, other_committee, users):
    from goldthread.scrutiny import services

    councillor = make_user(Role.MEMBER, username="leader")
    services.member_add(committee=cabinet, user=users["performance"], member=councillor)
    client.force_login(councillor)
    assert client.get(reverse("scrutiny:committee", args=[other_committee.slug])).status_code == 200


def test_an_officer_records_a_response_and_the_action_is_on_the_tracker(
    client_for, recommendation, committee, directorate
):
    client = client_for(Role.OFFICER)
    url = reverse("scrutiny:respond", args=[recommendation.reference])
    assert "Record the response" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "version": recommendation.version,
            "response": "accepted",
            "reasons": "",
            "responded_on": "2024-04-25",
            "responding_body": "Cabinet",
            "action_description": "Add the quarterly report to every agenda",
            "action_directorate": directorate.pk,
            "action_due": "2024-07-31",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get(recommendation=recommendation)
    assert action.directorate == directorate
    tracker = client.get(reverse("scrutiny:tracker", args=[committee.slug])).content.decode()
    assert action.reference in tracker and "Accepted" in tracker
    # the performance team sees the response's history beside the form
    page = client_for(Role.PERFORMANCE).get(url).content.decode()
    assert "responded_on" in page and "2024-04-25" in page


def test_a_response_without_its_action_is_a_clear_error(client_for, recommendation):
    response = client_for(Role.OFFICER).post(
        reverse("scrutiny:respond", args=[recommendation.reference]),
        {
            "version": recommendation.version,
            "response": "accepted",
            "responded_on": "2024-04-25",
            "responding_body": "Cabinet",
        },
    )
    assert response.status_code == 400
    assert "Describe the action" in response.content.decode()
    assert not Action.objects.exists()


def test_a_stale_response_form_is_told_409(client_for, recommendation):
    response = client_for(Role.OFFICER).post(
        reverse("scrutiny:respond", args=[recommendation.reference]),
        {
            "version": recommendation.version + 5,
            "response": "not_accepted",
            "reasons": "No",
            "responded_on": "2024-04-25",
            "responding_body": "Cabinet",
        },
    )
    assert response.status_code == 409
    recommendation.refresh_from_db()
    assert recommendation.response == "pending"


@pytest.mark.parametrize("role", [Role.MEMBER, Role.HR, Role.AUDITOR])
def test_those_who_may_not_respond_are_refused(client_for, role, recommendation):
    assert client_for(role).get(reverse("scrutiny:respond", args=[recommendation.reference])).status_code == 403


@pytest.mark.parametrize(
    ("fmt", "start"), [("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF"), ("html", b"<!DOCTYPE html>")]
)
def test_the_tracker_downloads(client_for, committee, recommendation, fmt, start):
    response = client_for(Role.MEMBER).get(reverse("scrutiny:tracker-download", args=[committee.slug, fmt]))
    assert response.status_code == 200
    assert response.content.startswith(start)
    assert f"scrutiny-tracker-{committee.slug}.{fmt}" in response["Content-Disposition"]


def test_an_unknown_download_is_404(client_for, committee):
    assert (
        client_for(Role.MEMBER).get(reverse("scrutiny:tracker-download", args=[committee.slug, "csv"])).status_code
        == 404
    )


def test_the_performance_team_builds_a_programme_through_the_pages(client_for, council, priority, users):
    client = client_for(Role.PERFORMANCE)
    response = client.post(
        reverse("scrutiny:committee-new"),
        {
            "name": "Audit and Governance Committee",
            "slug": "audit",
            "kind": "audit_governance",
            "version": "0",
            "order": "0",
        },
    )
    assert response.status_code == 302
    committee = Committee.objects.get(slug="audit")
    client.post(reverse("scrutiny:member-add", args=["audit"]), {"name": "Independent Person", "role": "independent"})
    client.post(reverse("scrutiny:member-add", args=["audit"]), {"member": users["member"].pk, "role": "chair"})
    assert committee.members.count() == 2
    client.post(reverse("scrutiny:meeting-add", args=["audit"]), {"date": "2024-03-13", "note": "Quarterly"})
    assert committee.meetings.get().date == date(2024, 3, 13)
    response = client.post(
        reverse("scrutiny:item-new", args=["audit"]),
        {
            "topic": "Internal audit plan",
            "item_type": "performance",
            "status": "planned",
            "lead_member": users["member"].pk,
            "priorities": [priority.pk],
            "version": "0",
        },
    )
    item = WorkItem.objects.get(topic="Internal audit plan")
    assert response.status_code == 302 and list(item.priorities.all()) == [priority]
    client.post(
        reverse("scrutiny:review-start", args=["audit", item.pk]),
        {"reference": "audit-review-2024", "title": "Internal audit review", "prefix": "AUD24"},
    )
    client.post(
        reverse("scrutiny:recommendation-add", args=["audit", item.pk]), {"number": "1", "title": "Hire auditors"}
    )
    item.refresh_from_db()
    assert item.review.recommendations.get().reference == "AUD24-R01"
    page = client.get(reverse("scrutiny:item", args=["audit", item.pk])).content.decode()
    assert "AUD24-R01" in page and "Hire auditors" in page


def test_a_bad_end_date_is_a_clear_error(client_for, committee):
    response = client_for(Role.PERFORMANCE).post(
        reverse("scrutiny:item-new", args=[committee.slug]),
        {
            "topic": "X",
            "item_type": "call_in",
            "status": "planned",
            "start_date": "2024-03-01",
            "end_date": "2024-01-01",
            "version": "0",
        },
    )
    assert response.status_code == 200
    assert "cannot be due before the work starts" in response.content.decode()
    assert not WorkItem.objects.exists()


def test_a_committee_with_the_same_name_is_a_clear_error(client_for, committee):
    response = client_for(Role.PERFORMANCE).post(
        reverse("scrutiny:committee-new"),
        {"name": committee.name, "slug": "another", "kind": "overview_scrutiny", "version": "0", "order": "0"},
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert Committee.objects.count() == 1


def test_the_tracker_as_at_an_earlier_date(client_for, committee, recommendation, users):
    from goldthread.scrutiny import services

    services.response_record(
        recommendation=recommendation,
        user=users["officer"],
        version=recommendation.version,
        response="not_accepted",
        reasons="Not now",
        responded_on=date(2024, 4, 25),
    )
    client = client_for(Role.MEMBER)
    url = reverse("scrutiny:tracker", args=[committee.slug])
    assert "Rejected" in client.get(url).content.decode()
    before = client.get(url, {"at": "2024-04-01"}).content.decode()
    assert "As at 1 April 2024" in before and "Awaiting the executive" in before and "Rejected" not in before
    assert "tracker.docx?at=2024-04-01" in before
    bad = client.get(url, {"at": "yesterday"})
    assert bad.status_code == 400 and "is not a date" in bad.content.decode()
    assert client.get(url, {"at": "2999-01-01"}).status_code == 400
    download = client.get(reverse("scrutiny:tracker-download", args=[committee.slug, "html"]), {"at": "2024-04-01"})
    assert b"As at 1 April 2024" in download.content


def test_respondents_see_what_awaits_a_response(client_for, recommendation):
    page = client_for(Role.OFFICER).get(reverse("scrutiny:index")).content.decode()
    assert "Awaiting the executive" in page and recommendation.reference in page
    assert "Record the response" in page
    assert "Awaiting the executive" not in client_for(Role.MEMBER).get(reverse("scrutiny:index")).content.decode()
