"""Hostile files on the staff import page and command and the survey results page."""

import datetime as dt
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from goldthread.core.tests import hostile_files as hf
from goldthread.people.models import Employee, Survey, SurveyQuestion, SurveyWave

from .helpers import HEADER

STAFF = hf.cases(HEADER.strip(), "E1,Person One,Director,childrens,,,2010-01-04,,no", stem="hr")
SURVEY = hf.cases("respondent,Q1,directorate", "1,5,Place", stem="responses")


@pytest.fixture
def wave(council):
    survey = Survey.objects.create(
        council=council, slug="staff", name="Staff survey", kind="staff", group_columns="directorate"
    )
    SurveyQuestion.objects.create(
        survey=survey, code="Q1", text="I feel valued", theme="Wellbeing", answer_type="likert", positive_answers="4,5"
    )
    return SurveyWave.objects.create(survey=survey, label="2023", fieldwork_start=dt.date(2023, 5, 1))


def _page(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("case", STAFF, ids=[c.id for c in STAFF])
def test_a_hostile_staff_file_is_refused_clearly_and_changes_nothing(client_for, council, directorate, case):
    client = client_for("hr")
    before = hf.table_counts()
    response = client.post("/people/staff/import/", {"file": SimpleUploadedFile(case.filename, case.content)})
    page = _page(response)
    assert response.status_code == 200
    assert "govuk-error-summary" in page and case.expected in page
    assert hf.table_counts() == before and not Employee.objects.exists()
    assert client.get("/health").status_code == 200


@pytest.mark.parametrize("case", STAFF, ids=[c.id for c in STAFF])
def test_import_staff_refuses_a_hostile_file_with_a_message(council, directorate, tmp_path, capsys, case):
    path = tmp_path / case.filename
    path.write_bytes(case.content)
    before = hf.table_counts()
    with pytest.raises(CommandError) as caught:
        call_command("import_staff", str(path))
    assert case.expected in str(caught.value) + capsys.readouterr().err
    assert hf.table_counts() == before


@pytest.mark.parametrize("case", SURVEY, ids=[c.id for c in SURVEY])
def test_a_hostile_survey_file_is_refused_clearly_and_changes_nothing(client_for, wave, case):
    client = client_for("hr")
    before = hf.table_counts()
    response = client.post(
        f"/people/surveys/staff/waves/{wave.pk}/import/",
        {"upload-file": SimpleUploadedFile(case.filename, case.content), "upload-layout": "raw"},
    )
    page = _page(response)
    assert response.status_code == 200
    assert "govuk-error-summary" in page and case.expected in page
    assert hf.table_counts() == before and not wave.results.exists()
    assert client.get("/health").status_code == 200
