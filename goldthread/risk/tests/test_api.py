from datetime import date

import pytest

from goldthread.council.models import Role
from goldthread.risk import services
from goldthread.risk.models import AssuranceArea


@pytest.fixture
def risk(corporate, make_risk):
    r = make_risk(corporate, title="Low reserves", current=(4, 4))
    services.review_record(risk=r, user=None, date=date(2023, 9, 30), period="2023-24 Q2", likelihood=4, impact=4)
    services.control_add(risk=r, user=None, description="Cash limits", control_type="preventive")
    return r


@pytest.mark.parametrize("role", list(Role.values))
def test_every_role_reads_the_risk_api(client_for, role, risk):
    client = client_for(role)
    for url in [
        "/api/risk/registers",
        "/api/risks",
        f"/api/risks/{risk.reference}",
        f"/api/risks/{risk.reference}/scores",
        f"/api/risks/{risk.reference}/controls",
        "/api/risk/assurance-map",
        "/api/risk/summary",
    ]:
        assert client.get(url).status_code == 200, url


def test_signed_out_is_refused(client, risk):
    assert client.get("/api/risks").status_code == 401


def test_risk_detail_has_scores_bands_and_controls(client_for, risk):
    data = client_for("auditor").get(f"/api/risks/{risk.reference}").json()
    assert data["current"] == {"likelihood": 4, "impact": 4, "score": 16, "band": "very high"}
    assert data["above_appetite"] is True and data["appetite"] == 12
    assert data["controls"][0]["description"] == "Cash limits"
    scores = client_for("auditor").get(f"/api/risks/{risk.reference}/scores").json()
    assert [(s["period"], s["score"]) for s in scores] == [("2023-24 Q2", 16)]


def test_filters_and_unknown_risk(client_for, risk):
    client = client_for("member")
    assert [r["reference"] for r in client.get("/api/risks", {"band": "very high"}).json()] == [risk.reference]
    assert client.get("/api/risks", {"band": "low"}).json() == []
    assert client.get("/api/risks/CR-999").status_code == 404
    assert client.get("/api/risk/summary", {"period": "nonsense"}).status_code == 422


def test_assurance_map_api_shows_gap(client_for, council, risk):
    area = AssuranceArea.objects.create(council=council, code="finance", name="Finance")
    services.assurance_source_add(
        council=council,
        user=None,
        area=area,
        line=3,
        provider="External audit",
        title="VFM",
        date=date(2023, 9, 1),
        opinion="limited",
    )
    rows = client_for("member").get("/api/risk/assurance-map", {"as_of": "2024-01-01"}).json()
    finance = next(r for r in rows if r["label"] == "Finance")
    assert finance["gap"] is False and finance["line_3"][0]["opinion"] == "limited"
    assert next(r for r in rows if r["kind"] == "risk")["gap"] is True
    assert client_for("member").get("/api/risk/assurance-map", {"as_of": "0001-01-01"}).status_code == 200


def test_the_summary_json_keeps_its_keys(client_for, corporate, make_risk):
    """The summary is a dataclass in Python; its JSON has the keys it always had (bands by name)."""
    r = make_risk(corporate, title="Low reserves", current=(4, 4))
    r.created_on = date(2023, 4, 1)
    r.save()
    services.review_record(risk=r, user=None, date=date(2023, 9, 30), period="2023-24 Q2", likelihood=4, impact=4)
    body = client_for("member").get("/api/risk/summary", {"period": "2023-24 Q2"}).json()
    assert list(body) == [
        "period",
        "as_at",
        "open_corporate_risks",
        "example_scores",
        "bands",
        "heat_map",
        "movements",
        "above_appetite",
        "overdue_reviews",
        "very_high",
    ]
    assert (body["period"], body["as_at"], body["open_corporate_risks"]) == ("2023-24 Q2", "2023-09-30", 1)
    assert body["bands"] == {"low": 0, "medium": 0, "high": 0, "very high": 1}
    assert {"likelihood": 4, "impact": 4, "score": 16, "count": 1, "references": [r.reference]} in body["heat_map"]
    assert body["movements"] == [
        {
            "reference": r.reference,
            "title": "Low reserves",
            "previous": None,
            "current": 16,
            "movement": "new",
            "words": "New risk",
        }
    ]
    assert body["above_appetite"] == [{"reference": r.reference, "title": "Low reserves", "score": 16, "appetite": 12}]
    assert body["very_high"] == [{"reference": r.reference, "title": "Low reserves", "score": 16}]
    assert body["overdue_reviews"] == []
