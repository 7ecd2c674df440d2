"""Hostile files on the value upload page: a clear error, nothing written, the server still answering."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from goldthread.core.tests import hostile_files as hf

CASES = hf.cases("measure_reference,period,value", "CS-01,2023-24 Q1,5", stem="values")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_hostile_value_upload_is_refused_clearly_and_changes_nothing(client_for, measure, case):
    client = client_for("editor")
    before = hf.table_counts()
    response = client.post(reverse("performance:upload"), {"file": SimpleUploadedFile(case.filename, case.content)})
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "The upload was not saved" in page and case.expected in page
    assert hf.table_counts() == before
    assert client.get(reverse("health")).status_code == 200


def test_too_many_rows_names_the_setting(client_for, measure, settings):
    settings.GOLDTHREAD_UPLOAD_MAX_ROWS = 3
    content = b"measure_reference,period,value\n" + b"CS-01,2023-24 Q1,5\n" * 4
    response = client_for("editor").post(
        reverse("performance:upload"), {"file": SimpleUploadedFile("values.csv", content)}
    )
    page = html.unescape(response.content.decode())
    assert "more than 3 rows" in page and "GOLDTHREAD_UPLOAD_MAX_ROWS" in page
