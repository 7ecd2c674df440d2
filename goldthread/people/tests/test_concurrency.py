"""Appraisals (and their objectives) and forums: of two people editing the same record, the second is
refused (409) with what changed since, keeping what they typed, and nothing is overwritten."""

from django.test import Client

from goldthread.council.models import Role
from goldthread.people import services
from goldthread.people.models import Appraisal, Forum

from .helpers import cycle, employee


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _appraisal(council, directorate, make_user):
    boss = make_user(Role.OFFICER, username="boss")
    manager = employee(council, directorate, "0001", user=boss)
    person = employee(council, directorate, "0002", manager=manager)
    appraisal = services.appraisal_start(cycle=cycle(council), employee=person, user=boss)
    return appraisal, boss


def test_an_appraisal_saved_by_two_people_refuses_the_second_keeping_what_they_typed(
    council, directorate, make_user, users
):
    appraisal, boss = _appraisal(council, directorate, make_user)
    seen = appraisal.version
    edit = f"/people/appraisals/{appraisal.pk}/edit/"
    first, second = _signed_in(boss), _signed_in(users[Role.HR])
    assert first.post(edit, {"part": "appraisal", "development_needs": "Coaching", "version": seen}).status_code == 302
    response = second.post(edit, {"part": "appraisal", "development_needs": "A leadership course", "version": seen})
    html = response.content.decode()
    assert response.status_code == 409 and "Somebody else changed this since you opened it" in html
    assert f"changed by {boss}" in html and "A leadership course" in html and "Coaching" in html
    assert Appraisal.objects.get(pk=appraisal.pk).development_needs == "Coaching"


def test_an_objective_added_to_an_appraisal_changed_since_is_refused_keeping_the_text(
    council, directorate, make_user, users
):
    appraisal, boss = _appraisal(council, directorate, make_user)
    seen = appraisal.version
    services.appraisal_update(appraisal=appraisal, data={"development_needs": "Coaching"}, user=boss, version=seen)
    edit = f"/people/appraisals/{appraisal.pk}/edit/"
    response = _signed_in(users[Role.HR]).post(
        edit, {"part": "objective", "objective-text": "Clear the backlog", "objective-version": seen}
    )
    html = response.content.decode()
    assert response.status_code == 409 and "Clear the backlog" in html and "Coaching" in html
    assert not appraisal.objectives.exists()


def test_a_forum_edited_by_two_people_refuses_the_second_keeping_what_they_typed(council, users, make_user):
    forum = services.forum_save(
        council=council,
        forum=None,
        data={
            "name": "Health and Wellbeing Board",
            "forum_type": "partnership",
            "purpose_decision": True,
            "meetings_per_year": 12,
            "usual_hours": 2,
        },
        user=users[Role.PERFORMANCE],
    )
    seen = forum.version
    url = f"/people/forums/{forum.slug}/edit/"
    data = {"forum_type": "partnership", "meetings_per_year": "6", "usual_hours": "2", "purpose_decision": "on"}
    data["state"] = "active"
    first = _signed_in(users[Role.PERFORMANCE])
    second = _signed_in(make_user(Role.PERFORMANCE, username="second"))
    assert first.post(url, {**data, "name": "Health and Wellbeing Board", "version": seen}).status_code == 302
    response = second.post(url, {**data, "name": "Wellbeing Board (typed)", "meetings_per_year": "4", "version": seen})
    html = response.content.decode()
    assert response.status_code == 409 and "Wellbeing Board (typed)" in html
    assert f"changed by {users[Role.PERFORMANCE]}" in html
    forum = Forum.objects.get(pk=forum.pk)
    assert (forum.name, forum.meetings_per_year) == ("Health and Wellbeing Board", 6)


def test_an_appraisal_cycle_edited_by_two_people_refuses_the_second(council, users, make_user):
    c = cycle(council)
    seen = c.version
    url = f"/people/appraisal-cycles/{c.slug}/edit/"
    data = {"name": c.name, "window_start": "2023-04-01", "window_end": "2024-03-31", "period": "2023-24"}
    first = _signed_in(users[Role.HR])
    second = _signed_in(make_user(Role.HR, username="second-hr"))
    assert first.post(url, {**data, "min_service_months": "3", "version": seen}).status_code == 302
    response = second.post(url, {**data, "name": "Typed by the second", "min_service_months": "9", "version": seen})
    html = response.content.decode()
    assert response.status_code == 409 and "Typed by the second" in html
    c.refresh_from_db()
    assert (c.name, c.min_service_months) != ("Typed by the second", 9) and c.min_service_months == 3
