"""No lost update, no unseen approval, four eyes: values on the pages and in the API."""

from decimal import Decimal

from django.test import Client
from django.urls import reverse

from goldthread.core.models import Change
from goldthread.core.signoff import OWN_DECISION_NOTE
from goldthread.core.tokens import create_token
from goldthread.performance import services
from goldthread.performance.models import MeasureValue, Status


def _entered_and_submitted(measure, user, value="4.1", commentary="As returned"):
    saved = services.value_record(
        measure=measure, period="2023-24 Q2", value=value, commentary=commentary, user=user, version=0
    )
    return services.value_submit(measure_value=saved, user=user, version=saved.version)


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user)}"}


# --- pages ------------------------------------------------------------------------------------------


def test_approving_a_value_that_changed_since_the_page_was_shown_is_refused(measure, users):
    editor, officer = users["editor"], users["performance"]
    value = _entered_and_submitted(measure, editor)
    page = _signed_in(officer).get(reverse("performance:measure", args=["CS-01"])).content.decode()
    assert f'name="version" value="{value.version}"' in page
    seen = value.version
    # Meanwhile the editor corrects it: 9.9, a draft again.
    services.value_record(measure=measure, period="2023-24 Q2", value="9.9", user=editor, version=seen)
    response = _signed_in(officer).post(
        reverse("performance:value_approve", args=["CS-01", value.pk]), {"version": seen}
    )
    assert response.status_code == 409
    text = response.content.decode()
    assert "was not approved" in text and "Editor Tester" in text and "9.9" in text and "4.1" in text
    value.refresh_from_db()
    assert value.status == Status.DRAFT and value.value == Decimal("9.9")
    assert not Change.objects.filter(action=Change.Action.APPROVE).exists()


def test_approving_without_a_version_is_refused(measure, users):
    value = _entered_and_submitted(measure, users["editor"])
    response = _signed_in(users["performance"]).post(reverse("performance:value_approve", args=["CS-01", value.pk]))
    assert response.status_code == 409
    assert MeasureValue.objects.get().status == Status.SUBMITTED


def test_the_second_of_two_saves_is_refused_and_keeps_what_was_typed(measure, users, make_user):
    first, second = users["performance"], make_user("performance", username="second-officer")
    value = services.value_record(measure=measure, period="2023-24 Q2", value="4.1", user=users["editor"], version=0)
    url = reverse("performance:value_enter", args=["CS-01"]) + "?period=2023-24 Q2"
    shown = _signed_in(first).get(url).content.decode()
    assert f'value="{value.version}"' in shown
    form = {"period": "2023-24 Q2", "version": value.version, "reason": ""}
    assert _signed_in(first).post(url, {**form, "value": "5.0", "commentary": "First officer"}).status_code == 302
    response = _signed_in(second).post(url, {**form, "value": "6.0", "commentary": "Second officer's words"})
    assert response.status_code == 409
    text = response.content.decode()
    assert "Second officer&#x27;s words" in text and 'value="6.0"' in text  # what they typed is kept
    assert "Somebody else changed this" in text and "First officer" in text  # and what changed is shown
    value.refresh_from_db()
    assert value.value == 5 and value.commentary == "First officer"
    # Saving again from the refused form is a decision taken with the change in view: it goes through.
    again = _signed_in(second).post(
        url, {**form, "version": value.version, "value": "6.0", "commentary": "Second officer's words"}
    )
    assert again.status_code == 302
    value.refresh_from_db()
    assert value.value == 6


def test_a_value_entered_on_a_form_for_a_period_that_already_has_one_is_refused(measure, users):
    services.value_record(measure=measure, period="2023-24 Q2", value="4.1", user=users["editor"], version=0)
    url = reverse("performance:value_enter", args=["CS-01"])
    response = _signed_in(users["performance"]).post(url, {"period": "2023-24 Q2", "value": "7", "version": 0})
    assert response.status_code == 409
    assert MeasureValue.objects.get().value == Decimal("4.1")


# --- four eyes --------------------------------------------------------------------------------------


def test_a_draft_is_submitted_before_it_is_approved(measure, users):
    value = services.value_record(measure=measure, period="2023-24 Q2", value="4.1", user=users["editor"], version=0)
    response = _signed_in(users["performance"]).post(
        reverse("performance:value_approve", args=["CS-01", value.pk]), {"version": value.version}, follow=True
    )
    assert "must be submitted before it is approved" in response.content.decode()
    assert MeasureValue.objects.get().status == Status.DRAFT


def test_nobody_approves_or_returns_their_own_entry(measure, users):
    officer = users["performance"]
    value = _entered_and_submitted(measure, officer)
    response = _signed_in(officer).post(
        reverse("performance:value_approve", args=["CS-01", value.pk]), {"version": value.version}, follow=True
    )
    assert "someone else must approve it" in response.content.decode()
    response = _signed_in(officer).post(
        reverse("performance:value_return", args=["CS-01", value.pk]),
        {"version": value.version, "reason": "Changed my mind"},
        follow=True,
    )
    assert "someone else must return it" in response.content.decode()
    assert MeasureValue.objects.get().status == Status.SUBMITTED


def test_a_small_team_may_approve_its_own_entry_and_history_says_so(measure, users, council):
    officer = users["performance"]
    _signed_in(officer).post(
        reverse("council-settings"),
        {
            "name": council.name,
            "short_name": council.short_name,
            "gss_code": council.gss_code,
            "open_data_licence": council.open_data_licence,
            "allow_self_approval": "on",
        },
    )
    council.refresh_from_db()
    assert council.allow_self_approval
    setting = Change.objects.get(object_repr=str(council), action=Change.Action.UPDATE)
    assert setting.changes["allow_self_approval"] == [False, True] and setting.user == officer
    value = _entered_and_submitted(measure, officer)
    services.value_approve(measure_value=value, user=officer, version=value.version)
    assert MeasureValue.objects.get().status == Status.APPROVED
    approval = Change.objects.get(action=Change.Action.APPROVE)
    assert approval.reason == OWN_DECISION_NOTE and approval.user == officer


def test_another_person_approves_and_history_has_no_note(measure, users):
    value = _entered_and_submitted(measure, users["editor"])
    services.value_approve(measure_value=value, user=users["performance"], version=value.version)
    assert Change.objects.get(action=Change.Action.APPROVE).reason == ""


# --- API ----------------------------------------------------------------------------------------------


def _decide(client, user, decision, version, reason=""):
    body = {"decision": decision, "reason": reason}
    if version is not None:
        body["version"] = version
    return client.post(
        "/api/measures/CS-01/values/2023-24 Q2/decision", body, content_type="application/json", **_auth(user)
    )


def test_the_api_refuses_an_approval_of_an_older_version_with_the_current_value(client, measure, users):
    editor = users["editor"]
    value = _entered_and_submitted(measure, editor)
    seen = client.get("/api/measures/CS-01/values", **_auth(users["performance"])).json()[0]["version"]
    assert seen == value.version
    services.value_record(measure=measure, period="2023-24 Q2", value="9.9", user=editor, version=seen)
    response = _decide(client, users["performance"], "approve", seen)
    assert response.status_code == 409
    body = response.json()
    assert body["current"]["value"] in ("9.9", "9.900000") and body["current"]["status"] == "draft"
    assert body["current"]["version"] == seen + 1
    assert body["changes"][0]["user"] == str(editor) and body["changes"][0]["changes"]["value"] == ["4.1", "9.9"]
    assert MeasureValue.objects.get().status == Status.DRAFT


def test_the_api_needs_a_version_for_a_decision_or_a_correction(client, measure, users):
    _entered_and_submitted(measure, users["editor"])
    assert _decide(client, users["performance"], "approve", None).status_code == 428
    correction = client.post(
        "/api/measures/CS-01/values",
        {"period": "2023-24 Q2", "value": "5"},
        content_type="application/json",
        **_auth(users["editor"]),
    )
    assert correction.status_code == 428 and correction.json()["current"]["value"] in ("4.1", "4.100000")
    assert MeasureValue.objects.get().status == Status.SUBMITTED


def test_the_api_refuses_a_correction_of_an_older_version(client, measure, users):
    value = services.value_record(measure=measure, period="2023-24 Q2", value="4.1", user=users["editor"], version=0)
    seen = value.version
    body = {"period": "2023-24 Q2", "value": "5", "version": seen, "commentary": "First"}
    first = client.post("/api/measures/CS-01/values", body, content_type="application/json", **_auth(users["editor"]))
    assert first.status_code == 200 and first.json()["version"] == seen + 1
    second = client.post(
        "/api/measures/CS-01/values",
        {**body, "value": "6", "commentary": "Second"},
        content_type="application/json",
        **_auth(users["performance"]),
    )
    assert second.status_code == 409 and second.json()["current"]["commentary"] == "First"
    assert MeasureValue.objects.get().value == 5


def test_creating_a_value_somebody_else_created_first_is_a_conflict_not_an_error(measure, users):
    from goldthread.core.versioning import AlreadyExists

    services.value_record(measure=measure, period="2023-24 Q2", value="4.1", user=users["editor"], version=0)
    # The loser of a race read "no value yet" before the winner's row was committed: it writes a new row.
    loser = MeasureValue(measure=measure, value=5)
    loser.set_period(measure.parse_period("2023-24 Q2"))
    try:
        from goldthread.core.versioning import creating

        with creating("already there"):
            loser.save()
    except AlreadyExists as exc:
        assert "already there" in str(exc)
    else:  # pragma: no cover - the unique constraint must refuse it
        raise AssertionError("the duplicate was saved")
    assert MeasureValue.objects.count() == 1
