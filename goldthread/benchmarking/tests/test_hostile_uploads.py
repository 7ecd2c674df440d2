"""Hostile files on the metric upload page, the comparator-group members file and `import_metric`."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from goldthread.benchmarking.models import ComparatorGroup, MetricValue, PublishedMetric
from goldthread.core.tests import hostile_files as hf
from goldthread.jobs.models import Job

TIDY = hf.cases("area_code,area_name,period,value", "E08000014,Sefton,2022/23,1", stem="metric")
MEMBERS = hf.cases("area_code", "E08000014", stem="members")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("case", TIDY, ids=[c.id for c in TIDY])
def test_a_hostile_metric_upload_fails_its_job_clearly_and_changes_nothing(client_for, register, case):
    """The upload page hands the file to a background job; the real worker reads it, refuses it with a
    clear message shown on the job's page, and imports nothing."""
    client = client_for("performance")
    response = client.post(
        reverse("benchmarking:upload"),
        {"file": SimpleUploadedFile(case.filename, case.content), "file_format": "tidy", "code": "X"}
        | {"year_type": "financial"},
    )
    job = Job.objects.get(input_name=case.filename)
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    page = html.unescape(client.get(job.get_absolute_url()).content.decode())
    assert case.expected in page and "Traceback" not in page
    assert not MetricValue.objects.exists() and not PublishedMetric.objects.filter(code="X").exists()
    assert client.get(reverse("health")).status_code == 200


@pytest.mark.parametrize("case", MEMBERS, ids=[c.id for c in MEMBERS])
def test_a_hostile_members_file_is_a_form_error(client_for, register, case):
    client = client_for("performance")
    before = hf.table_counts()
    response = client.post(
        reverse("benchmarking:group_create"),
        {"code": "NN", "name": "Neighbours", "members_file": SimpleUploadedFile(case.filename, case.content)},
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "govuk-error-summary" in page and case.expected in page
    assert hf.table_counts() == before and not ComparatorGroup.objects.exists()
    assert client.get(reverse("health")).status_code == 200


@pytest.mark.parametrize("case", TIDY, ids=[c.id for c in TIDY])
def test_import_metric_refuses_a_hostile_file_with_a_message(register, tmp_path, capsys, case):
    path = tmp_path / case.filename
    path.write_bytes(case.content)
    before = hf.table_counts()
    with pytest.raises(CommandError) as caught:
        call_command("import_metric", str(path), "--format", "tidy", "--code", "X")
    assert case.expected in str(caught.value) + capsys.readouterr().err
    assert hf.table_counts() == before


def test_a_national_file_may_be_longer_than_an_upload(register, settings):
    from goldthread.benchmarking.metric_import import MetricSpec, import_metric_file
    from goldthread.core.tabular import TabularError

    settings.GOLDTHREAD_UPLOAD_MAX_ROWS = 1
    content = b"area_code,area_name,period,value\nE08000014,Sefton,2021/22,1\nE08000014,Sefton,2022/23,2\n"
    assert import_metric_file(content, "x.csv", "tidy", MetricSpec(code="X")).rows == 2
    settings.GOLDTHREAD_IMPORT_MAX_ROWS = 1
    with pytest.raises(TabularError, match="more than 1 rows.*GOLDTHREAD_IMPORT_MAX_ROWS"):
        import_metric_file(content, "x.csv", "tidy", MetricSpec(code="Y"))
