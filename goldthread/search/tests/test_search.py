"""Search finds what a person may see, grouped by kind, from the page, the header box and the API."""

from datetime import date

import pytest
from django.urls import reverse

from goldthread.core.tokens import create_token
from goldthread.improvement import services as improvement
from goldthread.improvement.models import Review
from goldthread.people.models import Employee
from goldthread.performance.models import Measure
from goldthread.risk import services as risk
from goldthread.risk.models import Category, Level
from goldthread.search import selectors


@pytest.fixture
def records(council, directorate, users):
    Measure.objects.create(
        council=council,
        reference="ENV-01",
        title="Household waste sent for reuse, recycling or composting",
        definition="Percentage of household waste sent for reuse, recycling or composting (NI 192).",
        directorate=directorate,
        unit="percent",
    )
    Measure.objects.create(council=council, reference="CYP-01", title="Children in need", directorate=directorate)
    register = risk.register_for(council=council, level=Level.CORPORATE)
    risk.risk_create(
        register=register,
        user=None,
        title="Recycling contract costs rise",
        category=Category.objects.create(council=council, code="financial", name="Financial", appetite=12),
        matrix=risk.matrix_create_default(user=None),
        inherent_likelihood=4,
        inherent_impact=4,
        current_likelihood=3,
        current_impact=3,
        target_likelihood=2,
        target_impact=2,
    )
    review = improvement.review_create(
        council=council,
        user=users["performance"],
        reference="cpc-2023",
        title="Corporate Peer Challenge 2023",
        review_type=Review.Type.CPC,
        recommendation_prefix="CPC23",
        onsite_end=date(2023, 11, 24),
    )
    recommendation = improvement.recommendation_create(
        review=review, user=users["performance"], number="8", title="Use benchmarking in performance reports"
    )
    improvement.action_create(
        description="Add benchmarking to the quarterly report",
        user=users["performance"],
        recommendation=recommendation,
        directorate=directorate,
    )
    Employee.objects.create(
        council=council,
        employee_number="E100",
        name="Ada Lovelace",
        job_title="Waste officer",
        directorate=directorate,
        start_date=date(2020, 1, 1),
    )


def test_recycling_finds_env_01_and_the_risk(records, users):
    results = selectors.search(users["member"], "recycling")
    found = {k.kind: [h.reference for h in k.hits] for k in results.kinds}
    assert found["measures"] == ["ENV-01"]
    assert len(found["risks"]) == 1
    assert "people" not in found  # a member does not see staff records


def test_a_reference_finds_its_record_and_every_word_must_match(records, users):
    assert [h.reference for h in selectors.search(users["auditor"], "env-01").kinds[0].hits] == ["ENV-01"]
    kinds = selectors.search(users["auditor"], "benchmarking quarterly").kinds
    assert [k.kind for k in kinds] == ["actions"]
    assert selectors.search(users["auditor"], "benchmarking zebra").total == 0


def test_people_are_found_only_by_those_who_may_see_staff_records(records, users):
    hr = {k.kind for k in selectors.search(users["hr"], "lovelace").kinds}
    assert hr == {"people"}
    assert selectors.search(users["officer"], "lovelace").total == 0


def test_the_page_and_the_header_box(client_for, records):
    client = client_for("editor")
    page = client.get(reverse("search:search"), {"q": "recycling"}).content.decode()
    assert "ENV-01 Household waste sent for reuse, recycling or composting" in page and "Measures" in page
    assert 'role="search"' in client.get("/").content.decode()
    empty = client.get(reverse("search:search"), {"q": "<script>zebra"}).content.decode()
    assert "No results for “&lt;script&gt;zebra”" in empty


def test_the_api_answers_the_same_with_the_same_permissions(client, records, users):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=users['member'])}"}
    body = client.get("/api/search", {"q": "recycling"}, **headers).json()
    assert body["query"] == "recycling" and body["total"] == 2
    assert [k["kind"] for k in body["kinds"]] == ["measures", "risks"]
    assert body["kinds"][0]["hits"][0]["url"] == "/performance/measures/ENV-01/"
    assert client.get("/api/search", {"q": "x" * 201}, **headers).status_code == 422
    assert client.get("/api/search", {"q": "recycling"}).status_code == 401
