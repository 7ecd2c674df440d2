"""A job's runner on the real queue when the job has lost its uploaded file."""

import pytest

from goldthread.jobs.models import Job
from goldthread.jobs.outcomes import JobRequest
from goldthread.jobs.services import job_request

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("kind", [Job.Kind.VALUES_UPLOAD, Job.Kind.METRIC_IMPORT, Job.Kind.OUTTURN_IMPORT])
def test_an_import_job_without_its_file_fails_with_a_plain_message_not_a_server_error(users, run_worker, kind):
    params = {"file_format": "csv", "spec": {"code": ""}} if kind == Job.Kind.METRIC_IMPORT else {}
    job = job_request(
        user=users["performance"], request=JobRequest(kind=kind, title="No file", params=params, input_name="gone.csv")
    )
    run_worker()
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert job.error == "This job's uploaded file is not kept, so nothing was imported. Upload the file again."
