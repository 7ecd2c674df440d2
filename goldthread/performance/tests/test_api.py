"""The JSON API: token or session, same permissions and services as the pages."""

import pytest

from goldthread.core.tokens import create_token
from goldthread.performance.models import MeasureValue, Status

from .conftest import add_target, add_value


def _auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user)}"}


@pytest.mark.parametrize(
    "path",
    [
        "/api/measures",
        "/api/measures/CS-01",
        "/api/measures/CS-01/values",
        "/api/measures/CS-01/targets",
        "/api/scorecard",
    ],
)
def test_reads_need_authentication(client, measure, path):
    assert client.get(path).status_code == 401


def test_a_token_reads_measures_values_and_targets(client, measure, users):
    add_value(measure, "2023-24 Q1", 80)
    add_target(measure, "2023-24 Q1", 75, is_example=True)
    headers = _auth(users["auditor"])
    listing = client.get("/api/measures", **headers).json()
    assert [m["reference"] for m in listing] == ["CS-01"]
    assert listing[0]["priorities"] == ["protect-vulnerable"]
    assert client.get("/api/measures/CS-01", **headers).json()["frequency"] == "quarterly"
    values = client.get("/api/measures/CS-01/values", **headers).json()
    assert values[0]["period"] == "2023-24 Q1" and float(values[0]["value"]) == 80
    targets = client.get("/api/measures/CS-01/targets", **headers).json()
    assert targets[0]["is_example"] is True
    assert client.get("/api/measures/NOPE", **headers).status_code == 404


def test_members_get_approved_values_only(client, measure, users):
    add_value(measure, "2023-24 Q1", 80)
    add_value(measure, "2023-24 Q2", 85, status=Status.DRAFT)
    member = client.get("/api/measures/CS-01/values", **_auth(users["member"])).json()
    editor = client.get("/api/measures/CS-01/values", **_auth(users["editor"])).json()
    assert [v["period"] for v in member] == ["2023-24 Q1"]
    assert [v["period"] for v in editor] == ["2023-24 Q1", "2023-24 Q2"]


def test_scorecard_endpoint(client, measure, users):
    add_value(measure, "2023-24 Q2", 85)
    add_target(measure, "2023-24 Q2", 90)
    data = client.get("/api/scorecard", {"period": "Q2 2023/24"}, **_auth(users["member"])).json()
    assert data["period"] == "2023-24 Q2"
    row = data["groups"][0]["measures"][0]
    assert row["rag"] == "red" and row["rag_words"] == "Off target"
    assert client.get("/api/scorecard", {"period": "whenever"}, **_auth(users["member"])).status_code == 400


def test_editor_posts_a_value_for_their_directorate(client, measure, users):
    response = client.post(
        "/api/measures/CS-01/values",
        {"period": "2023-24 Q2", "value": "85", "commentary": "From the API"},
        content_type="application/json",
        **_auth(users["editor"]),
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "draft"
    assert MeasureValue.objects.get().commentary == "From the API"


@pytest.mark.parametrize("role", ["member", "auditor", "hr", "officer"])
def test_read_only_roles_cannot_post(client, measure, users, role):
    response = client.post(
        "/api/measures/CS-01/values",
        {"period": "2023-24 Q2", "value": "85"},
        content_type="application/json",
        **_auth(users[role]),
    )
    assert response.status_code == 403
    assert not MeasureValue.objects.exists()


def test_editor_cannot_post_for_another_directorate(client, other_measure, users):
    response = client.post(
        "/api/measures/PL-01/values",
        {"period": "2023-24 Q2", "value": "85"},
        content_type="application/json",
        **_auth(users["editor"]),
    )
    assert response.status_code == 403


def test_bad_values_get_a_clear_message(client, measure, users):
    response = client.post(
        "/api/measures/CS-01/values",
        {"period": "2023-24", "value": "85"},
        content_type="application/json",
        **_auth(users["performance"]),
    )
    assert response.status_code == 422
    assert "quarterly" in response.json()["detail"]
    missing = client.post(
        "/api/measures/CS-01/values",
        {"period": "2023-24 Q1"},
        content_type="application/json",
        **_auth(users["performance"]),
    )
    assert missing.status_code in (400, 422)


def test_priorities_endpoints_still_work(client, measure, users):
    data = client.get("/api/priorities/protect-vulnerable", **_auth(users["member"])).json()
    assert data["measures"] == ["CS-01"]


def test_numbers_can_be_sent_as_json_numbers(client, measure, users):
    response = client.post(
        "/api/measures/CS-01/values",
        {"period": "2023-24 Q3", "value": 82.5, "numerator": 33, "denominator": 40},
        content_type="application/json",
        **_auth(users["performance"]),
    )
    assert response.status_code == 201, response.content
    saved = MeasureValue.objects.get()
    assert (float(saved.value), float(saved.numerator), float(saved.denominator)) == (82.5, 33, 40)
