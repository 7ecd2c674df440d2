"""Hostile files on the value upload page: a clear error, nothing written, the server still answering."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from goldthread.core.tests import hostile_files as hf

CASES = hf.cases("measure_reference,period,value", "CS-01,2023-24 Q1,5", stem="values")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_hostile_value_upload_is_refused_clearly_and_changes_nothing(client_for, measure, case, settings):
    settings.GOLDTHREAD_BACKGROUND_UPLOAD_BYTES = 10**9  # read in the request, as smaller files are
    client = client_for("editor")
    before = hf.table_counts()
    response = client.post(reverse("performance:upload"), {"file": SimpleUploadedFile(case.filename, case.content)})
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "The upload was not saved" in page and case.expected in page
    assert hf.table_counts() == before
    assert client.get(reverse("health")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_large_hostile_upload_fails_its_background_job_and_changes_nothing(client_for, measure, settings):
    """Over the size that goes to a background job, the same refusal comes from the job."""
    from django.core.management import call_command

    from goldthread.jobs.models import Job
    from goldthread.performance.models import MeasureValue

    settings.GOLDTHREAD_BACKGROUND_UPLOAD_BYTES = 1
    bomb = next(c for c in CASES if c.id == "zip-bomb")
    client = client_for("editor")
    response = client.post(reverse("performance:upload"), {"file": SimpleUploadedFile(bomb.filename, bomb.content)})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and not MeasureValue.objects.exists()
    assert bomb.expected in html.unescape(client.get(job.get_absolute_url()).content.decode())
    assert client.get(reverse("health")).status_code == 200


def test_too_many_rows_names_the_setting(client_for, measure, settings):
    settings.GOLDTHREAD_UPLOAD_MAX_ROWS = 3
    content = b"measure_reference,period,value\n" + b"CS-01,2023-24 Q1,5\n" * 4
    response = client_for("editor").post(
        reverse("performance:upload"), {"file": SimpleUploadedFile("values.csv", content)}
    )
    page = html.unescape(response.content.decode())
    assert "more than 3 rows" in page and "GOLDTHREAD_UPLOAD_MAX_ROWS" in page
