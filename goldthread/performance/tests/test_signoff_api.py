"""Sign-off and reported periods through the API: the same rules as the pages."""

import pytest

from goldthread.core.tokens import create_token
from goldthread.domain.periods import parse_period
from goldthread.performance import locks, services
from goldthread.performance.models import MeasureValue, Status

from .conftest import add_value


def _auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user)}"}


def _decide(client, user, decision, reason=""):
    """A decision on the version the client has just read."""
    version = MeasureValue.objects.get(period="2023-24 Q2").version
    return client.post(
        "/api/measures/CS-01/values/2023-24 Q2/decision",
        {"decision": decision, "reason": reason, "version": version},
        content_type="application/json",
        **_auth(user),
    )


def test_a_value_goes_draft_submitted_approved_through_the_api(client, measure, users):
    add_value(measure, "2023-24 Q2", 75, status=Status.DRAFT)
    assert _decide(client, users["editor"], "approve").status_code == 403
    assert _decide(client, users["editor"], "submit").json()["status"] == "submitted"
    assert _decide(client, users["performance"], "return").status_code == 422  # no reason
    assert _decide(client, users["performance"], "return", "Check the denominator").json()["status"] == "draft"
    assert _decide(client, users["editor"], "submit").json()["status"] == "submitted"
    assert _decide(client, users["performance"], "approve").json()["status"] == "approved"


@pytest.mark.parametrize("role", ["member", "auditor", "officer"])
def test_readers_cannot_move_a_value(client, measure, users, role):
    add_value(measure, "2023-24 Q2", 75, status=Status.SUBMITTED)
    assert _decide(client, users[role], "approve").status_code == 403
    assert measure.values.get().status == Status.SUBMITTED


def test_reported_period_lists_figures_as_reported_with_revisions(client, measure, users, council):
    add_value(measure, "2023-24 Q2", 75)
    locks.lock_period(
        council=council, period=parse_period("2023-24 Q2"), reported_to="Cabinet", user=users["performance"]
    )
    services.value_record(measure=measure, period="2023-24 Q2", value="76", user=users["editor"], reason="Late data")
    headers = _auth(users["member"])
    assert client.get("/api/reported-periods", **headers).json()[0]["period"] == "2023-24 Q2"
    [figure] = client.get("/api/reported-periods/2023-24 Q2", **headers).json()["figures"]
    assert float(figure["value"]) == 75
    assert [(r["number"], r["reason"]) for r in figure["revisions"]] == [(1, "Late data")]
    assert client.get("/api/reported-periods/2023-24 Q3", **headers).status_code == 404


def test_the_quarterly_report_downloads_through_the_api(client, measure, users):
    add_value(measure, "2023-24 Q2", 75)
    response = client.get(
        "/api/reports/quarterly", {"period": "2023-24 Q2", "format": "xlsx"}, **_auth(users["member"])
    )
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert 'filename="quarterly-2023-24 Q2-cabinet.xlsx"' in response["Content-Disposition"]
    assert client.get("/api/reports/quarterly", {"period": "2023-24 Q2"}).status_code == 401
    bad = client.get("/api/reports/quarterly", {"period": "Q9"}, **_auth(users["member"]))
    assert bad.status_code == 400
