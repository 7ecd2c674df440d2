"""The example council's people data: synthetic, deterministic, about 70%, no survey results."""

import pytest

from goldthread.council import example as council_example
from goldthread.people import example, selectors
from goldthread.people.models import Appraisal, Employee, Forum, SurveyResult
from goldthread.people.report_sections import people_summary


@pytest.fixture
def sefton(db):
    council = council_example.load(log=lambda *_: None)
    example.load(council=council, log=lambda *_: None)
    return council


def test_synthetic_staff_and_a_rate_of_about_seventy_percent(sefton):
    staff = Employee.objects.filter(council=sefton)
    assert 200 <= staff.count() <= 500
    assert all(e.is_synthetic and e.name.startswith("Employee ") for e in staff)
    assert staff.values("directorate").distinct().count() == 5
    cycle = sefton.appraisal_cycles.get()
    assert cycle.name.startswith("My Sefton, My Way")
    rate = selectors.completion_overall(cycle)
    assert 68 <= rate.percent <= 72


def test_loading_twice_changes_nothing(sefton):
    before = list(Appraisal.objects.order_by("pk").values_list("employee_id", "status", "manager_agreed_on"))
    counts = (Employee.objects.count(), Forum.objects.count())
    example.load(council=sefton, log=lambda *_: None)
    assert list(Appraisal.objects.order_by("pk").values_list("employee_id", "status", "manager_agreed_on")) == before
    assert (Employee.objects.count(), Forum.objects.count()) == counts


def test_forums_from_the_seeds_and_no_invented_survey_results(sefton):
    names = set(Forum.objects.values_list("name", flat=True))
    assert {"Cabinet", "Audit and Governance Committee", "Corporate Parenting Board"} <= names
    assert sum(1 for n in names if n.startswith("Overview and Scrutiny")) == 4
    assert Forum.objects.get(name="Audit and Governance Committee").meetings_per_year == 4
    assert SurveyResult.objects.count() == 0


def test_the_report_section(sefton):
    summary = people_summary(sefton, "2023-24 Q4")
    assert summary.appraisals.cycle.startswith("My Sefton, My Way")
    assert summary.appraisals.synthetic is True
    assert {s.survey for s in summary.surveys} == {"All-staff survey", "Resident survey"}
    assert summary.meetings_stood_down == ()


@pytest.mark.parametrize("role", ["hr", "member", "officer"])
def test_every_people_page_renders_with_the_example(client, sefton, role):
    from goldthread.council.models import User

    User.objects.filter(username=role).update(is_demo=False)  # demo sign-ins are refused outside DEBUG
    client.force_login(User.objects.get(username=role))
    cycle = sefton.appraisal_cycles.get()
    survey = sefton.surveys.get(slug="all-staff-survey")
    wave = survey.waves.get()
    pages = [
        "/people/",
        cycle.get_absolute_url(),
        "/people/appraisal-cycles/",
        "/people/surveys/",
        survey.get_absolute_url(),
        wave.get_absolute_url(),
        "/people/forums/",
        "/people/forums/review/",
        Forum.objects.get(name="Cabinet").get_absolute_url(),
    ]
    if role != "member":
        pages += ["/people/staff/", f"/people/appraisal-cycles/{cycle.slug}/appraisals/"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "synthetic" in client.get(cycle.get_absolute_url()).content.decode()


def test_the_report_section_is_typed_and_frozen_and_the_api_keeps_its_keys(sefton, client):
    import dataclasses

    from goldthread.council.models import Role, User

    summary = people_summary(sefton, "2023-24 Q4")
    with pytest.raises(dataclasses.FrozenInstanceError):
        summary.appraisals.numerator = 0
    assert 0 < summary.appraisals.numerator <= summary.appraisals.denominator
    assert all(s.minimum_group_size > 0 for s in summary.surveys)

    client.force_login(User.objects.create_user(username="people-summary-reader", role=Role.HR))
    body = client.get("/api/people/summary").json()
    assert set(body) == {"period", "appraisals", "surveys", "meetings_stood_down"}
    assert {"cycle", "numerator", "denominator", "percent", "by_directorate", "synthetic"} <= set(body["appraisals"])
    assert all({"survey", "wave", "minimum_group_size", "themes"} <= set(s) for s in body["surveys"])
