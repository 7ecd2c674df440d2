"""Role x page: every page of the people app, as every role."""

import datetime as dt

import pytest

from goldthread.council.models import Role
from goldthread.people.models import Appraisal, Forum, Meeting, Survey, SurveyWave

from .helpers import cycle, employee

ALL = set(Role.values)
MANAGE = {Role.PERFORMANCE, Role.HR}


@pytest.fixture
def world(council, directorate):
    c = cycle(council)
    person = employee(council, directorate, "0001")
    appraisal = Appraisal.objects.create(cycle=c, employee=person)
    survey = Survey.objects.create(
        council=council, slug="staff", name="Staff survey", kind="staff", group_columns="directorate"
    )
    wave = SurveyWave.objects.create(survey=survey, label="2023")
    forum = Forum.objects.create(
        council=council, slug="board", name="Board", forum_type="partnership", meetings_per_year=4, usual_hours=2
    )
    meeting = Meeting.objects.create(forum=forum, held_on=dt.date(2024, 1, 1))
    return {"cycle": c, "person": person, "appraisal": appraisal, "wave": wave, "meeting": meeting}


PAGES = [
    ("/people/", ALL),
    ("/people/staff/", MANAGE),
    ("/people/staff/import/", MANAGE),
    ("/people/staff/0001/", MANAGE),
    ("/people/appraisal-cycles/", ALL),
    ("/people/appraisal-cycles/new/", MANAGE),
    ("/people/appraisal-cycles/msmw-2023/", ALL),
    ("/people/appraisal-cycles/msmw-2023/edit/", MANAGE),
    ("/people/appraisal-cycles/msmw-2023/appraisals/", MANAGE),
    ("/people/appraisals/{appraisal}/", MANAGE),
    ("/people/appraisals/{appraisal}/edit/", MANAGE),
    ("/people/surveys/", ALL),
    ("/people/surveys/new/", MANAGE),
    ("/people/surveys/staff/", ALL),
    ("/people/surveys/staff/waves/{wave}/", ALL),
    ("/people/surveys/staff/waves/{wave}/import/", MANAGE),
    ("/people/surveys/staff/waves/{wave}/finding/", MANAGE),
    ("/people/surveys/staff/waves/{wave}/results.csv", ALL),
    ("/people/forums/", ALL),
    ("/people/forums/new/", {Role.PERFORMANCE}),
    ("/people/forums/review/", ALL),
    ("/people/forums/review.csv", ALL),
    ("/people/forums/review.xlsx", ALL),
    ("/people/forums/board/", ALL),
    ("/people/forums/board/edit/", {Role.PERFORMANCE}),
    ("/people/forums/board/meetings/{meeting}/outcome/", {Role.PERFORMANCE}),
]


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("path,allowed", PAGES, ids=[p for p, _ in PAGES])
def test_role_by_page(client_for, world, role, path, allowed):
    url = path.format(appraisal=world["appraisal"].pk, wave=world["wave"].pk, meeting=world["meeting"].pk)
    status = client_for(role).get(url).status_code
    assert status == (200 if role in allowed else 403), f"{role} {url} -> {status}"


def test_acknowledge_page_is_only_for_the_employee(client, world, make_user):
    me = make_user(Role.OFFICER, username="me")
    world["person"].user = me
    world["person"].save()
    url = f"/people/appraisals/{world['appraisal'].pk}/acknowledge/"
    client.force_login(me)
    assert client.get(url).status_code == 200
    client.force_login(make_user(Role.HR, username="hr-x"))
    assert client.get(url).status_code == 403


def test_pages_need_sign_in(client, world):
    assert client.get("/people/").status_code == 302


POSTS = [
    "/people/appraisal-cycles/msmw-2023/publish/",
    "/people/appraisal-cycles/msmw-2023/start/0001/",
    "/people/surveys/staff/waves/{wave}/publish/",
    "/people/surveys/staff/waves/{wave}/clear/",
]


@pytest.mark.parametrize("path", POSTS)
@pytest.mark.parametrize("role", [Role.MEMBER, Role.AUDITOR, Role.EDITOR, Role.OFFICER])
def test_writes_are_refused_for_read_only_roles(client_for, world, role, path):
    assert client_for(role).post(path.format(wave=world["wave"].pk)).status_code == 403
