from datetime import date

import pytest
from django.urls import reverse

from goldthread.council.models import Role
from goldthread.enquiries import services
from goldthread.enquiries.models import Enquiry


@pytest.fixture
def enquiry(council, users):
    return services.enquiry_raise(
        council=council,
        member=users[Role.MEMBER],
        ward="Ford",
        subject="Street lights",
        text="Out on Gorsey Lane",
        raised_on=date(2025, 2, 3),
    )


def test_member_raises_and_sees_their_enquiry(client_for, council):
    client = client_for(Role.MEMBER)
    page = client.get(reverse("enquiries:raise"))
    assert page.status_code == 200
    answer = client.post(
        reverse("enquiries:raise"), {"ward": "Netherton", "subject": "Potholes", "text": "On Park Lane"}
    )
    enquiry = Enquiry.objects.get()
    assert answer.status_code == 302 and answer.url == reverse("enquiries:enquiry", args=[enquiry.reference])
    assert b"Potholes" in client.get(reverse("enquiries:index")).content


def test_empty_enquiry_is_refused_with_field_errors(client_for):
    answer = client_for(Role.MEMBER).post(reverse("enquiries:raise"), {"ward": "", "subject": "", "text": ""})
    assert answer.status_code == 200 and b"There is a problem" in answer.content
    assert not Enquiry.objects.exists()


def test_another_member_gets_404(enquiry, make_user, client):
    other = make_user(Role.MEMBER, "cllr-other")
    client.force_login(other)
    assert client.get(reverse("enquiries:enquiry", args=[enquiry.reference])).status_code == 404
    assert enquiry.reference.encode() not in client.get(reverse("enquiries:index")).content


@pytest.mark.parametrize(
    ("role", "sees"),
    [(Role.PERFORMANCE, True), (Role.AUDITOR, True), (Role.EDITOR, True), (Role.OFFICER, True), (Role.HR, False)],
)
def test_who_sees_a_routed_enquiry(enquiry, users, client, directorate, role, sees):
    services.enquiry_route(
        enquiry=enquiry, user=users[Role.PERFORMANCE], directorate=directorate, officer=users[Role.OFFICER], version=1
    )
    client.force_login(users[role])
    status = client.get(reverse("enquiries:enquiry", args=[enquiry.reference])).status_code
    assert status == (200 if sees else 404)


def test_editor_of_another_directorate_gets_404(enquiry, users, client, directorate, other_directorate, make_user):
    services.enquiry_route(enquiry=enquiry, user=users[Role.PERFORMANCE], directorate=directorate, version=1)
    client.force_login(make_user(Role.EDITOR, "editor-other", directorate_obj=other_directorate))
    assert client.get(reverse("enquiries:enquiry", args=[enquiry.reference])).status_code == 404


def test_route_respond_and_stale_form(enquiry, users, client, directorate):
    client.force_login(users[Role.PERFORMANCE])
    url = reverse("enquiries:route", args=[enquiry.reference])
    ok = client.post(
        url, {"route-version": "1", "route-directorate": directorate.pk, "route-officer": users[Role.OFFICER].pk}
    )
    assert ok.status_code == 302
    stale = client.post(url, {"route-version": "1", "route-directorate": directorate.pk})
    assert stale.status_code == 409 and b"Somebody else changed this" in stale.content
    client.force_login(users[Role.OFFICER])
    answered = client.post(
        reverse("enquiries:respond", args=[enquiry.reference]),
        {"respond-version": "2", "respond-response": "Repaired on Monday", "respond-responded_on": "2025-02-10"},
    )
    assert answered.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == "responded" and enquiry.responded_by == users[Role.OFFICER]


def test_bad_response_date_is_a_clear_error(enquiry, users, client):
    client.force_login(users[Role.PERFORMANCE])
    answer = client.post(
        reverse("enquiries:respond", args=[enquiry.reference]),
        {"respond-version": "1", "respond-response": "x", "respond-responded_on": "2024-01-01"},
    )
    assert answer.status_code == 200 and b"cannot be before the enquiry was raised" in answer.content
    enquiry.refresh_from_db()
    assert enquiry.status == "open"


def test_member_cannot_route(enquiry, client_for, directorate):
    answer = client_for(Role.MEMBER).post(
        reverse("enquiries:route", args=[enquiry.reference]),
        {"route-version": "1", "route-directorate": directorate.pk},
    )
    assert answer.status_code == 403


def test_complaints_page(client_for):
    assert client_for(Role.MEMBER).get(reverse("enquiries:complaints")).status_code == 200


def test_performance_team_enters_complaints_with_history(client_for, council):
    from goldthread.core.audit import history_for
    from goldthread.enquiries.models import ComplaintCount

    client = client_for(Role.PERFORMANCE)
    url = reverse("enquiries:complaints")
    data = {"period": "2024-25 Q1", "stage": "1", "outcome": "upheld", "count": "12"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, {**data, "count": "14"}).status_code == 302
    saved = ComplaintCount.objects.get()
    assert saved.count == 14 and history_for(saved).count() == 2
    bad = client.post(url, {**data, "period": "sometime"})
    assert bad.status_code == 200 and b"There is a problem" in bad.content
    assert client_for(Role.MEMBER).post(url, data).status_code == 403
