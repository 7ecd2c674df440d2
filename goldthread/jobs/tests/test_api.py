"""The jobs API: ask for a pack (202 and Location), follow the job, download its file."""

import io

import pytest
from openpyxl import load_workbook

from goldthread.core.tokens import create_token
from goldthread.council.models import Role
from goldthread.jobs.models import Job
from goldthread.jobs.outcomes import JobRequest
from goldthread.jobs.services import job_request

pytestmark = pytest.mark.django_db(transaction=True)
PERIOD = "2023-24 Q2"


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user)}"}


def _sheets(content: bytes) -> dict[str, list[tuple]]:
    book = load_workbook(io.BytesIO(content), read_only=True)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def test_a_pack_asked_for_by_the_api_is_accepted_followed_and_downloaded(client, users, council, run_worker):
    auth = _auth(users["member"])
    response = client.post(
        "/api/reports/audit-risk/jobs",
        {"period": "2023/24 Q2", "audience": "audit", "format": "xlsx"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 202
    body = response.json()
    job = Job.objects.get()
    assert response["Location"] == body["url"] == f"http://testserver/api/jobs/{job.pk}"
    assert body["state"] == "queued" and body["progress"] == 0 and body["result_url"] is None
    assert job.params["period"] == PERIOD and job.params["report"] == "audit_risk"
    assert client.get(f"/api/jobs/{job.pk}/result", **auth).status_code == 409

    run_worker()

    state = client.get(response["Location"], **auth).json()
    assert state["state"] == "done" and state["progress"] == 1 and state["error"] == ""
    assert state["result_url"] == f"http://testserver/api/jobs/{job.pk}/result"
    assert state["page_url"] == f"http://testserver/jobs/{job.pk}/"
    download = client.get(state["result_url"], **auth)
    same = client.get("/api/reports/audit-risk", {"period": PERIOD, "audience": "audit", "format": "xlsx"}, **auth)
    assert download.status_code == 200 and download["Content-Type"] == same["Content-Type"]
    assert _sheets(download.content) == _sheets(same.content)
    assert [j["id"] for j in client.get("/api/jobs", **auth).json()] == [str(job.pk)]


def test_a_pdf_pack_by_the_api_is_a_pdf(client, users, council, run_worker):
    auth = _auth(users["performance"])
    response = client.post(
        "/api/reports/quarterly/jobs", {"period": PERIOD, "format": "pdf"}, content_type="application/json", **auth
    )
    run_worker()
    download = client.get(response.json()["url"] + "/result", **auth)
    assert download["Content-Type"] == "application/pdf" and download.content.startswith(b"%PDF")
    assert download["Content-Disposition"] == f'attachment; filename="quarterly-{PERIOD.replace(" ", "-")}-cabinet.pdf"'


def test_bad_requests_get_clear_answers_and_queue_nothing(client, users, council, make_user):
    auth = _auth(users["member"])

    def ask(kind, **data):
        return client.post(f"/api/reports/{kind}/jobs", data, content_type="application/json", **auth)

    assert ask("budget", period=PERIOD).status_code == 404
    assert "Period" in ask("quarterly", period="someday").json()["detail"]
    assert ask("quarterly", period=PERIOD, format="odt").json()["detail"] == "The format must be docx, pdf or xlsx"
    assert ask("quarterly", period=PERIOD, audience="press").status_code == 400
    assert (
        client.post("/api/reports/quarterly/jobs", {"period": PERIOD}, content_type="application/json").status_code
        == 401
    )
    assert not Job.objects.exists()
    # Someone else's job, and a job that does not exist, are both 404.
    job_url = ask("quarterly", period=PERIOD).json()["url"]
    other = _auth(make_user(Role.MEMBER, username="other-member"))
    assert client.get(job_url, **other).status_code == 404
    assert client.get(job_url + "/result", **other).status_code == 404
    assert client.get("/api/jobs/not-a-uuid", **auth).status_code == 404
    assert client.get(job_url, **_auth(users["performance"])).status_code == 200


def test_a_failed_job_can_be_retried_by_the_api(client, users, council, run_worker):
    auth = _auth(users["performance"])
    job = job_request(user=users["performance"], request=JobRequest(kind=Job.Kind.PACK, title="Broken pack"))
    assert client.post(f"/api/jobs/{job.pk}/retry", **auth).status_code == 409  # not failed yet
    run_worker()
    response = client.post(f"/api/jobs/{job.pk}/retry", **auth)
    assert response.status_code == 202 and response.json()["attempts"] == 2 and response.json()["state"] == "queued"
