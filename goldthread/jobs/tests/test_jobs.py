"""Background jobs through the real queue: requested from the pages, run by `db_worker`, followed
on the job's page (htmx fragment), downloaded, failed with a clear message and retried."""

import io

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from docx import Document as WordDocument

from goldthread.benchmarking.models import Area, AreaCode, MetricValue
from goldthread.core.models import Change
from goldthread.council.models import Role
from goldthread.finance.models import OutturnImport
from goldthread.jobs.models import Job
from goldthread.jobs.outcomes import JobRequest
from goldthread.jobs.services import job_request
from goldthread.performance.models import Measure, MeasureValue

pytestmark = pytest.mark.django_db(transaction=True)
PERIOD = "2023-24 Q2"
TIDY = b"area_code,area_name,period,value\nE08000014,Sefton,2022/23,41.5\n"


def _word_text(content: bytes) -> list[str]:
    return [p.text for p in WordDocument(io.BytesIO(content)).paragraphs]


def _upload(name: str, content: bytes) -> io.BytesIO:
    handle = io.BytesIO(content)
    handle.name = name
    return handle


def _sefton() -> Area:
    area = Area.objects.create(
        gss_code="E08000014", registry_code="SFT", name="Sefton", official_name="Sefton Council", la_type="MD"
    )
    AreaCode.objects.create(area=area, kind=AreaCode.Kind.GSS, value="E08000014")
    return area


def test_a_pack_requested_on_the_reports_page_is_made_by_the_worker_like_the_download(client_for, council, run_worker):
    client = client_for("member")
    response = client.post(
        reverse("reports:request", args=["quarterly"]), {"period": PERIOD, "audience": "cabinet", "format": "docx"}
    )
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.state == Job.State.QUEUED and job.params["period"] == PERIOD
    assert DBTaskResult.objects.get(id=job.task_id).status == "READY"

    run_worker()

    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.progress == 1.0 and job.finished_at is not None
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"
    download = client.get(reverse("jobs:result", args=[job.pk]))
    same = client.get(
        reverse("reports:download", args=["quarterly", "docx"]), {"period": PERIOD, "audience": "cabinet"}
    )
    assert download["Content-Type"] == same["Content-Type"]
    assert download["Content-Disposition"] == same["Content-Disposition"]
    assert _word_text(download.content) == _word_text(same.content)
    # Who asked, and the outcome, are in the job's history.
    history = Change.objects.filter(object_id=str(job.pk)).order_by("at")
    assert [c.action for c in history] == ["create", "update"]
    assert history[0].user.role == Role.MEMBER and history[1].changes["state"] == ["queued", "done"]


def test_the_reports_page_preview_button_still_opens_the_preview(client_for, council):
    response = client_for("member").post(
        reverse("reports:request", args=["quarterly"]), {"period": PERIOD, "audience": "scrutiny", "show": "preview"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/reports/quarterly/preview?period=2023-24+Q2&audience=scrutiny"
    assert not Job.objects.exists()


def test_the_progress_fragment_polls_until_the_job_is_done_then_offers_the_file(client_for, council, run_worker):
    client = client_for("performance")
    client.post(
        reverse("reports:request", args=["audit_risk"]), {"period": PERIOD, "audience": "audit", "format": "xlsx"}
    )
    job = Job.objects.get()
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'aria-live="polite"' in page and "jobs/jobs.css" in page
    fragment = client.get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert f'hx-get="/jobs/{job.pk}/status"' in fragment and 'hx-trigger="every 1s"' in fragment
    assert '<progress class="gt-job-progress" id="job-progress" max="100" value="0">' in fragment
    assert "Waiting for a worker" in fragment

    run_worker()

    fragment = client.get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert "hx-trigger" not in fragment and "<progress" not in fragment
    assert "Your file is ready" in fragment and f'href="/jobs/{job.pk}/result"' in fragment
    assert job.title in client.get(reverse("jobs:index")).content.decode()


def test_a_failing_import_shows_every_problem_and_succeeds_when_retried(client_for, users, run_worker):
    client = client_for("performance")
    response = client.post(
        reverse("benchmarking:upload"),
        {"file": _upload("recycling.csv", TIDY), "file_format": "tidy", "code": "RECYCLING", "year_type": "financial"},
    )
    job = Job.objects.get(kind=Job.Kind.METRIC_IMPORT)
    assert response["Location"] == job.get_absolute_url() and job.input_name == "recycling.csv"

    run_worker()  # no areas are set up yet, so Sefton's code is unknown

    job.refresh_from_db()
    assert job.state == Job.State.FAILED and not MetricValue.objects.exists()
    assert job.error == "There is 1 problem in the file; nothing was imported. Fix them and try again."
    assert job.problems[0]["row"] == 2 and "E08000014" in job.problems[0]["message"]
    page = client.get(job.get_absolute_url()).content.decode()
    assert "The job failed" in page and "E08000014" in page and "Traceback" not in page
    assert f'action="/jobs/{job.pk}/retry"' in page

    _sefton()
    response = client.post(reverse("jobs:retry", args=[job.pk]))
    job.refresh_from_db()
    assert response.status_code == 302 and job.state == Job.State.QUEUED and job.attempts == 2 and not job.error
    assert DBTaskResult.objects.get(id=job.task_id).status == "READY"

    run_worker()

    job.refresh_from_db()
    assert job.state == Job.State.DONE, (job.error, job.problems)
    assert MetricValue.objects.get().value == 41.5
    assert job.summary == ["RECYCLING: 1 values added, 0 changed, 0 unchanged."]
    assert job.result_link == reverse("benchmarking:metric", args=["RECYCLING"])
    assert job.input_bytes is None  # the upload is not kept once imported
    retried = Change.objects.get(object_id=str(job.pk), reason="Tried again")
    assert retried.user == users["performance"] and retried.changes["attempts"] == [1, 2]
    # A job that did not fail cannot be retried.
    client.post(reverse("jobs:retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.attempts == 2 and job.state == Job.State.DONE


def test_a_revenue_outturn_upload_that_is_not_a_workbook_fails_with_a_plain_message(client_for, run_worker):
    client = client_for("performance")
    response = client.post(reverse("finance:outturn-upload"), {"file": _upload("RS_2023-24.xlsx", b"not a workbook")})
    job = Job.objects.get(kind=Job.Kind.OUTTURN_IMPORT)
    assert response["Location"] == job.get_absolute_url()

    run_worker()

    job.refresh_from_db()
    assert job.state == Job.State.FAILED and not OutturnImport.objects.exists()
    assert job.error.startswith("Nothing was imported. RS_2023-24.xlsx: not an Excel workbook")
    assert client.get(reverse("finance:outturn-upload")).status_code == 200
    assert client_for("editor").get(reverse("finance:outturn-upload")).status_code == 403


def test_the_outturn_page_refuses_a_file_that_is_not_xlsx(client_for):
    response = client_for("performance").post(reverse("finance:outturn-upload"), {"file": _upload("rs.csv", b"a,b")})
    assert response.status_code == 200 and "must be an Excel workbook" in response.content.decode()
    assert not Job.objects.exists()


def test_a_values_upload_over_the_limit_runs_as_a_job_and_a_small_one_at_once(
    client_for, council, directorate, settings, run_worker
):
    Measure.objects.create(council=council, reference="CYP-01", title="NEET", directorate=directorate)
    client = client_for("editor")
    content = b"measure_reference,period,value\nCYP-01,2023-24 Q2,2.8\n"
    settings.GOLDTHREAD_BACKGROUND_UPLOAD_BYTES = len(content) - 1
    response = client.post(reverse("performance:upload"), {"file": _upload("values.csv", content)})
    job = Job.objects.get(kind=Job.Kind.VALUES_UPLOAD)
    assert response["Location"] == job.get_absolute_url() and not MeasureValue.objects.exists()

    run_worker()

    job.refresh_from_db()
    assert job.state == Job.State.DONE and MeasureValue.objects.get().period == "2023-24 Q2"
    assert job.summary[0].startswith("values.csv: 1 new, 0 corrected and 0 unchanged values.")

    settings.GOLDTHREAD_BACKGROUND_UPLOAD_BYTES = len(content)
    response = client.post(reverse("performance:upload"), {"file": _upload("again.csv", content)})
    assert response["Location"] == reverse("performance:index") and Job.objects.count() == 1


def test_someone_elses_job_is_not_found_and_the_performance_team_sees_every_job(
    client, client_for, council, make_user, run_worker
):
    client_for("member").post(
        reverse("reports:request", args=["quarterly"]), {"period": PERIOD, "audience": "cabinet", "format": "xlsx"}
    )
    job = Job.objects.get()
    run_worker()
    client.force_login(make_user(Role.MEMBER, username="another-member"))
    for name in ("detail", "status", "result"):
        assert client.get(reverse(f"jobs:{name}", args=[job.pk])).status_code == 404, name
    assert client.post(reverse("jobs:retry", args=[job.pk])).status_code == 404
    assert job.title not in client.get(reverse("jobs:index")).content.decode()
    assert client.get("/jobs/not-a-job/").status_code == 404
    team = client_for("performance")
    assert team.get(reverse("jobs:detail", args=[job.pk])).status_code == 200
    assert team.get(reverse("jobs:result", args=[job.pk])).status_code == 200
    assert job.title in team.get(reverse("jobs:index")).content.decode()


def test_a_job_that_breaks_unexpectedly_says_so_plainly_without_a_traceback(users, council, run_worker):
    # A pack with no parameters cannot be built: the worker records a plain message for the person.
    job = job_request(user=users["member"], request=JobRequest(kind=Job.Kind.PACK, title="Broken pack"))
    run_worker()
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and "Traceback" not in job.error and "KeyError" not in job.error
    assert job.error.startswith("Something went wrong on the server") and str(job.pk) in job.error
    assert DBTaskResult.objects.get(id=job.task_id).status == "FAILED"
