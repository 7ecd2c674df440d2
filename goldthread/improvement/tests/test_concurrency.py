"""Actions and recommendations: a correction made on an older version is refused, keeping what was typed."""

from datetime import date

from django.test import Client
from django.urls import reverse

from goldthread.core.versioning import StaleVersion
from goldthread.council.models import Role
from goldthread.improvement import services
from goldthread.improvement.models import Action


def test_a_stale_action_update_is_refused_and_changes_nothing(action, users):
    seen = action.version
    services.action_update(action=action, user=users["performance"], version=seen, percent_complete=40)
    stale = Action.objects.get(pk=action.pk)
    try:
        services.action_update(action=stale, user=users["editor"], version=seen, percent_complete=70)
    except StaleVersion as exc:
        assert exc.current.percent_complete == 40 and [c.user for c in exc.changes] == [users["performance"]]
    else:  # pragma: no cover
        raise AssertionError("the stale update was saved")
    assert Action.objects.get(pk=action.pk).percent_complete == 40


# --- pages: the second of two people editing the same record is refused, keeping what they typed ------


def _progress(action, text, version):
    return {"text": text, "on": "2024-01-10", "status": "on_track", "percent_complete": "30", "version": version}


def test_a_progress_update_on_an_older_action_is_refused_keeping_the_text(client_for, action, users):
    seen = action.version
    url = reverse("improvement:action-progress", args=[action.reference])
    first, second = client_for("performance"), client_for("editor")
    assert first.post(url, _progress(action, "Drafted the plan", seen)).status_code == 302
    response = second.post(url, _progress(action, "Consulted the board", seen))
    html = response.content.decode()
    assert response.status_code == 409
    assert "Somebody else changed this since you opened it" in html and "Consulted the board" in html
    assert "Drafted the plan" in html  # what changed since: the first person's update
    action.refresh_from_db()
    assert list(action.updates.values_list("text", flat=True)) == ["Drafted the plan"]
    # saving again, now on the current version, is a decision taken with the change in view
    assert second.post(url, _progress(action, "Consulted the board", action.version)).status_code == 302
    assert action.updates.count() == 2


def test_a_progress_update_on_an_action_edited_since_is_refused(client_for, action, users):
    seen = action.version
    services.action_update(action=action, user=users["performance"], version=seen, percent_complete=60)
    url = reverse("improvement:action-progress", args=[action.reference])
    response = client_for("editor").post(url, _progress(action, "Half done", seen))
    assert response.status_code == 409 and "60" in response.content.decode()
    action.refresh_from_db()
    assert (action.percent_complete, action.updates.count()) == (60, 0)


def test_a_milestone_added_on_an_older_action_is_refused_keeping_the_title(client_for, action):
    seen = action.version
    url = reverse("improvement:action-milestone", args=[action.reference])
    client_for("performance").post(url, {"milestone-title": "Draft plan", "milestone-version": seen})
    response = client_for("editor").post(url, {"milestone-title": "Board sign-off", "milestone-version": seen})
    html = response.content.decode()
    assert response.status_code == 409 and "Board sign-off" in html and "Draft plan" in html
    assert list(action.milestones.values_list("title", flat=True)) == ["Draft plan"]


def test_a_milestone_marked_done_twice_keeps_the_first_date(client_for, action, users):
    milestone = services.milestone_add(action=action, user=users["performance"], title="Draft")
    seen = milestone.version
    url = reverse("improvement:milestone-done", args=[action.reference, milestone.pk])
    assert client_for("performance").post(url, {"done_on": "2024-02-03", "version": seen}).status_code == 302
    response = client_for("editor").post(url, {"done_on": "2024-02-05", "version": seen})
    assert response.status_code == 409 and "Somebody else changed this" in response.content.decode()
    milestone.refresh_from_db()
    assert milestone.done_on == date(2024, 2, 3)


def test_a_review_edited_by_two_people_refuses_the_second_keeping_what_they_typed(client_for, review, make_user):
    seen = review.version
    url = reverse("improvement:review-edit", args=[review.reference])
    data = {"review_type": "cpc", "onsite_start": "2023-11-21", "onsite_end": "2023-11-24", "version": seen}
    assert client_for("performance").post(url, {**data, "title": "CPC 2023 (first)"}).status_code == 302
    second = Client()
    second.force_login(make_user(Role.PERFORMANCE, username="second"))
    response = second.post(url, {**data, "title": "CPC 2023 (second)"})
    html = response.content.decode()
    assert response.status_code == 409 and "CPC 2023 (second)" in html and "CPC 2023 (first)" in html
    review.refresh_from_db()
    assert review.title == "CPC 2023 (first)"
