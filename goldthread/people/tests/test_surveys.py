"""Surveys: raw and aggregated imports, suppression on pages, API and CSV, findings and publishing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from goldthread.core.tabular import ImportRejected
from goldthread.council.models import Role
from goldthread.improvement.models import Action
from goldthread.people import selectors, services
from goldthread.people.models import Survey, SurveyQuestion, SurveyWave
from goldthread.performance.models import Measure, MeasureValue


@pytest.fixture
def survey(council):
    s = Survey.objects.create(
        council=council, slug="staff", name="Staff survey", kind="staff", group_columns="directorate"
    )
    SurveyQuestion.objects.create(
        survey=s,
        code="Q1",
        text="I feel valued",
        theme="Wellbeing",
        answer_type="likert",
        positive_answers="4,5",
        order=1,
    )
    SurveyQuestion.objects.create(
        survey=s,
        code="Q2",
        text="I had an appraisal",
        theme="Appraisal",
        answer_type="yes_no",
        positive_answers="yes",
        order=2,
    )
    return s


@pytest.fixture
def wave(survey):
    return SurveyWave.objects.create(survey=survey, label="2023", fieldwork_start=dt.date(2023, 5, 1))


def raw_file(groups: dict[str, int]) -> bytes:
    """Respondents per directorate; in each, the first 60% agree and say yes."""
    lines = ["respondent,Q1,Q2,directorate"]
    i = 0
    for group, n in groups.items():
        for k in range(n):
            i += 1
            agree = k < n * 0.6
            lines.append(f"{i},{5 if agree else 2},{'yes' if agree else 'no'},{group}")
    return ("\n".join(lines) + "\n").encode()


GROUPS = {"Place": 30, "Adults": 20, "Corporate": 4, "Childrens": 12}


@pytest.fixture
def loaded(wave, users):
    services.survey_results_import(
        wave=wave, content=raw_file(GROUPS), filename="raw.csv", layout="raw", user=users[Role.HR]
    )
    return wave


def test_raw_responses_are_tallied_per_question_and_group(loaded):
    q1 = loaded.survey.questions.get(code="Q1")
    assert loaded.respondents == 66
    overall = selectors.overall_cell(loaded, q1)
    assert (overall.n, overall.n_positive) == (66, 18 + 12 + 3 + 8)
    cells = {c.group: c for c in selectors.breakdown(loaded, q1, "directorate")}
    assert cells["Corporate"].suppressed and cells["Corporate"].n is None
    assert cells["Childrens"].suppressed  # hidden too, so Corporate cannot be worked out from the total
    assert not cells["Place"].suppressed and cells["Place"].percent == Decimal("60.0")


def test_suppression_holds_on_the_page_the_api_and_the_csv(client_for, loaded):
    client = client_for(Role.MEMBER)
    page = client.get(loaded.get_absolute_url()).content.decode()
    assert "Suppressed" in page and "Corporate" in page
    csv_text = client.get(f"/people/surveys/staff/waves/{loaded.pk}/results.csv").content.decode()
    for line in csv_text.splitlines():
        if ",Corporate," in line or ",Childrens," in line:
            assert line.endswith(",,,,yes"), line
    api = client.get(f"/api/people/surveys/staff/waves/{loaded.pk}/results").json()
    for question in api:
        for cell in question["results"]:
            if cell["group"] in {"Corporate", "Childrens"}:
                assert cell["suppressed"] and cell["n"] is None and cell["percent_positive"] is None


def test_the_minimum_is_configurable_per_survey(loaded):
    loaded.survey.minimum_group_size = 3
    loaded.survey.save()
    q1 = loaded.survey.questions.get(code="Q1")
    assert not any(c.suppressed for c in selectors.breakdown(loaded, q1, "directorate"))


def test_bad_answers_are_reported_by_row_and_nothing_is_loaded(wave, users):
    content = b"Q1,Q2,directorate\n5,yes,Place\n7,maybe,Place\n"
    with pytest.raises(ImportRejected) as caught:
        services.survey_results_import(wave=wave, content=content, filename="r.csv", layout="raw", user=users[Role.HR])
    assert {(e.row, e.column) for e in caught.value.errors} == {(3, "Q1"), (3, "Q2")}
    assert wave.results.count() == 0


def test_aggregated_results_and_change_since_the_last_wave(survey, wave, users):
    aggregated = (
        b"question,dimension,group,n,n positive\nQ1,,,50,30\n"
        b"Q1,directorate,Place,40,20\nQ1,directorate,Adults,10,10\nQ2,,,50,25\n"
    )
    services.survey_results_import(
        wave=wave, content=aggregated, filename="a.csv", layout="aggregated", user=users[Role.HR]
    )
    later = SurveyWave.objects.create(survey=survey, label="2025", fieldwork_start=dt.date(2025, 5, 1))
    services.survey_results_import(
        wave=later,
        content=b"question,group,n,n positive\nQ1,,60,45\nQ2,,60,30\n",
        filename="b.csv",
        layout="aggregated",
        user=users[Role.HR],
    )
    lines = {line.question.code: line for line in selectors.question_lines(later)}
    assert lines["Q1"].change == Decimal("15.0")  # 60% -> 75%
    themes = {t: change for t, _cell, _prev, change in selectors.theme_lines(later)}
    assert themes["Wellbeing"] == Decimal("15.0")


def test_aggregated_problems_are_reported(wave, users):
    bad = b"question,group,n,n positive\nQ9,,50,30\nQ1,,10,12\nQ1,,x,1\n"
    with pytest.raises(ImportRejected) as caught:
        services.survey_results_import(
            wave=wave, content=bad, filename="a.csv", layout="aggregated", user=users[Role.HR]
        )
    messages = [str(e) for e in caught.value.errors]
    assert any("Q9" in m for m in messages) and any("more than n" in m for m in messages)
    assert any("whole number" in m for m in messages)


def test_reimporting_the_same_file_changes_nothing_and_a_different_one_is_refused(loaded, users):
    assert (
        services.survey_results_import(
            wave=loaded, content=raw_file(GROUPS), filename="raw.csv", layout="raw", user=users[Role.HR]
        )
        == 0
    )
    with pytest.raises(services.PeopleError):
        services.survey_results_import(
            wave=loaded, content=raw_file({"Place": 50}), filename="raw2.csv", layout="raw", user=users[Role.HR]
        )


def test_a_finding_creates_an_improvement_action(client_for, loaded, directorate):
    client = client_for(Role.HR)
    response = client.post(
        f"/people/surveys/staff/waves/{loaded.pk}/finding/",
        {
            "finding-question": loaded.survey.questions.get(code="Q1").pk,
            "finding-text": "Staff in small teams feel less valued",
            "finding-action_description": "Run team listening sessions",
            "finding-directorate": directorate.pk,
            "finding-due_date": "2024-12-31",
        },
    )
    assert response.status_code == 302
    finding = loaded.survey.findings.get()
    assert finding.action.description == "Run team listening sessions" and finding.action.directorate == directorate
    assert Action.objects.filter(reference__startswith="SURVEY-").count() == 1


def test_publishing_a_result_to_the_scorecard_and_refusing_a_suppressed_one(loaded, directorate, users, survey):
    measure = Measure.objects.create(
        council=survey.council,
        reference="ORG-02",
        title="Staff feel valued",
        unit="percent",
        frequency="annual",
        directorate=directorate,
    )
    q1 = survey.questions.get(code="Q1")
    value = services.survey_result_publish(
        wave=loaded, question=q1, measure=measure, period="2023-24", user=users[Role.PERFORMANCE]
    )
    assert value.numerator == 41 and value.denominator == 66
    assert MeasureValue.objects.get(measure=measure).value == Decimal("62.1")
    small = SurveyWave.objects.create(survey=survey, label="pilot")
    services.survey_results_import(
        wave=small, content=raw_file({"Place": 5}), filename="p.csv", layout="raw", user=users[Role.HR]
    )
    with pytest.raises(services.PeopleError):
        services.survey_result_publish(
            wave=small, question=q1, measure=measure, period="2024-25", user=users[Role.PERFORMANCE]
        )


def test_import_page(client_for, wave):
    client = client_for(Role.HR)
    upload = SimpleUploadedFile("raw.csv", raw_file(GROUPS), content_type="text/csv")
    response = client.post(
        f"/people/surveys/staff/waves/{wave.pk}/import/", {"upload-file": upload, "upload-layout": "raw"}
    )
    assert response.status_code == 302 and wave.results.exists()
    assert client_for(Role.MEMBER).get(f"/people/surveys/staff/waves/{wave.pk}/import/").status_code == 403
