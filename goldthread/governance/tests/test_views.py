import pytest
from django.urls import reverse

from goldthread.core.audit import history_for
from goldthread.council.models import Role
from goldthread.governance.models import Policy


@pytest.mark.parametrize("role", Role.values)
def test_every_reader_sees_the_register_and_only_the_team_adds(client_for, role, policy):
    client = client_for(role)
    html = client.get(reverse("governance:register")).content.decode()
    assert "ICT strategy 2021-2023" in html and "Overdue for review" in html
    assert client.get(reverse("governance:policy", args=[policy.pk])).status_code == 200
    assert client.get(reverse("governance:policy-new")).status_code == (200 if role == Role.PERFORMANCE else 403)
    can_edit = role in (Role.PERFORMANCE, Role.OFFICER)  # the officer owns this policy
    assert client.get(reverse("governance:policy-edit", args=[policy.pk])).status_code == (200 if can_edit else 403)


def test_signed_out_is_sent_to_sign_in(client, policy):
    assert client.get(reverse("governance:register")).status_code == 302


def test_performance_team_adds_a_policy(client_for, council, priority):
    response = client_for("performance").post(
        reverse("governance:policy-new"),
        {
            "title": "Whistleblowing Policy",
            "kind": "policy",
            "status": "current",
            "review_date": "2027-03-01",
            "priorities": [priority.pk],
            "document_url": "https://www.example.org/whistleblowing",
            "version": "0",
        },
    )
    policy = Policy.objects.get(title="Whistleblowing Policy")
    assert response.status_code == 302
    assert list(policy.priorities.all()) == [priority]
    assert history_for(policy).count() == 1


def test_a_duplicate_title_is_a_clear_error(client_for, policy):
    response = client_for("performance").post(
        reverse("governance:policy-new"),
        {"title": policy.title, "kind": "policy", "status": "current", "version": "0"},
    )
    assert response.status_code == 200
    assert "already" in response.content.decode()
    assert Policy.objects.count() == 1


def test_the_owner_changes_only_the_review_fields(client_for, policy):
    client = client_for("officer")
    form_html = client.get(reverse("governance:policy-edit", args=[policy.pk])).content.decode()
    assert 'name="review_date"' in form_html and 'name="title"' not in form_html
    response = client.post(
        reverse("governance:policy-edit", args=[policy.pk]),
        {"review_date": "2026-06-30", "status": "current", "title": "Renamed", "version": "1"},
    )
    assert response.status_code == 302
    policy.refresh_from_db()
    assert str(policy.review_date) == "2026-06-30" and policy.title == "ICT strategy 2021-2023"


def test_a_stale_form_is_refused(client_for, policy):
    client = client_for("performance")
    url = reverse("governance:policy-edit", args=[policy.pk])
    data = {"title": policy.title, "kind": "strategy", "status": "current", "version": "1"}
    assert client.post(url, {**data, "notes": "first"}).status_code == 302
    response = client.post(url, {**data, "notes": "second"})
    assert response.status_code == 409
    policy.refresh_from_db()
    assert policy.notes == "first"


def test_bad_dates_are_a_field_error(client_for, policy):
    response = client_for("performance").post(
        reverse("governance:policy-edit", args=[policy.pk]),
        {
            "title": policy.title,
            "kind": "strategy",
            "status": "current",
            "period_start": "2024-01-01",
            "period_end": "2023-01-01",
            "version": "1",
        },
    )
    assert response.status_code == 200 and "must end on or after" in response.content.decode()


def test_owner_home_page_panel(client_for, policy):
    html = client_for("officer").get(reverse("home")).content.decode()
    assert "Policies due for review" in html and "ICT strategy 2021-2023" in html
    assert "Policies due for review" not in client_for("member").get(reverse("home")).content.decode()


@pytest.mark.parametrize("role", Role.values)
def test_api_policies(client_for, role, policy):
    body = client_for(role).get("/api/policies").json()
    assert body[0]["title"] == "ICT strategy 2021-2023"
    assert body[0]["review_date"] == "2023-12-31" and body[0]["overdue"] is True
    assert body[0]["priorities"] == ["protect-vulnerable"]


def test_api_refuses_signed_out(client, policy):
    assert client.get("/api/policies").status_code in (401, 403)
