import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from goldthread.benchmarking.models import ComparatorGroup, MeasureBenchmark, MetricValue
from goldthread.council.models import Role
from goldthread.jobs.models import Job
from goldthread.performance.models import Measure

READ_PAGES = [
    ("benchmarking:index", []),
    ("benchmarking:metric", ["RECYCLING"]),
    ("benchmarking:group", ["MD"]),
    ("benchmarking:group", ["REGION:North West"]),
    ("benchmarking:group", ["all"]),
    ("benchmarking:links", []),
]
ADMIN_PAGES = [("benchmarking:upload", []), ("benchmarking:group_create", []), ("benchmarking:link_edit", ["ENV-01"])]


@pytest.fixture
def measure(council, directorate, recycling):
    m = Measure.objects.create(council=council, reference="ENV-01", title="Recycling", directorate=directorate)
    from goldthread.benchmarking.selectors import metric

    MeasureBenchmark.objects.create(measure=m, metric=metric("RECYCLING"), group_code="MD")
    return m


@pytest.mark.parametrize("role", Role.values)
def test_role_by_page(client_for, role, measure):
    client = client_for(role)
    for name, args in READ_PAGES:
        assert client.get(reverse(name, args=args)).status_code == 200, name
    for name, args in ADMIN_PAGES:
        expected = 200 if role == Role.PERFORMANCE else 403
        assert client.get(reverse(name, args=args)).status_code == expected, name


def test_signed_out_is_sent_to_sign_in(client, db):
    assert client.get(reverse("benchmarking:index")).status_code == 302


def test_metric_page_highlights_the_council(client_for, measure):
    response = client_for("member").get(reverse("benchmarking:metric", args=["RECYCLING"]) + "?period=2022-23&group=MD")
    body = response.content.decode()
    assert "Our council" in body and "Sefton" in body and "<svg" in body and "Open Government Licence" in body
    assert response.context["result"].summary.n == 36


def test_measure_panel_shows_rank_and_trend(client_for, measure):
    from django.template.loader import render_to_string

    from goldthread.domain.periods import Period

    html = render_to_string(
        "benchmarking/_measure_benchmark.html", {"measure": measure, "period": Period.financial_year(2023)}
    )
    assert "of 36 metropolitan districts" in html and "Group median" in html and "<table" in html


def _upload_and_run(client, content: bytes, name: str) -> Job:
    """The upload page queues an import job; the real task worker runs it."""
    upload = io.BytesIO(content)
    upload.name = name
    response = client.post(
        reverse("benchmarking:upload"), {"file": upload, "file_format": "tidy", "code": "X", "year_type": "financial"}
    )
    job = Job.objects.get(input_name=name)
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    return job


@pytest.mark.django_db(transaction=True)
def test_upload_page_rejects_bad_rows_and_imports_good_file(client_for, register):
    client = client_for("performance")
    bad = b"area_code,area_name,period,value\nE99999999,Nowhere,2022/23,1\nE08000014,Sefton,2022/23,x\n"
    job = _upload_and_run(client, bad, "bad.csv")
    assert job.state == Job.State.FAILED and not MetricValue.objects.exists()
    assert "E99999999" in client.get(job.get_absolute_url()).content.decode()
    job = _upload_and_run(client, b"area_code,area_name,period,value\nE08000014,Sefton,2022/23,1\n", "good.csv")
    assert job.state == Job.State.DONE and MetricValue.objects.count() == 1


def test_group_create_and_edit_through_the_ui(client_for, register):
    client = client_for("performance")
    response = client.post(
        reverse("benchmarking:group_create"),
        {"code": "NN", "name": "Neighbours", "members_text": "E08000014\nWirral\nAtlantis"},
    )
    assert response.status_code == 200 and "Atlantis" in response.content.decode()
    assert not ComparatorGroup.objects.exists()
    upload = io.BytesIO(b"area_code\nE08000014\nE08000015\n")
    upload.name = "nn.csv"
    response = client.post(
        reverse("benchmarking:group_create"), {"code": "NN", "name": "Neighbours", "members_file": upload}
    )
    assert response.status_code == 302
    group = ComparatorGroup.objects.get(code="NN")
    assert group.members.count() == 2
    response = client.post(
        reverse("benchmarking:group_edit", args=["NN"]),
        {"name": "Nearest", "members_text": "E08000014", "reason": "tidy"},
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Nearest" and group.members.count() == 1
    page = client.get(reverse("benchmarking:group", args=["NN"])).content.decode()
    assert "History" in page and "tidy" in page


def test_link_a_measure(client_for, council, directorate, recycling):
    m = Measure.objects.create(council=council, reference="ENV-01", title="Recycling", directorate=directorate)
    client = client_for("performance")
    response = client.post(reverse("benchmarking:link_edit", args=["ENV-01"]), {"metric": "", "group_code": "XX"})
    assert response.status_code == 200  # unknown group
    from goldthread.benchmarking.models import PublishedMetric

    pk = PublishedMetric.objects.get(code="RECYCLING").pk
    response = client.post(
        reverse("benchmarking:link_edit", args=["ENV-01"]),
        {"metric": pk, "group_code": "MD", "second_group_code": "all"},
    )
    assert response.status_code == 302 and m.benchmark.group_code == "MD"


def test_metric_page_explains_an_unknown_group(client_for, recycling):
    response = client_for("member").get(reverse("benchmarking:metric", args=["RECYCLING"]) + "?group=REGION:Atlantis")
    assert response.status_code == 200 and "no region called" in response.content.decode()
