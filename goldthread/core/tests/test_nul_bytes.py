"""A NUL character anywhere a request carries text answers 400, never a server error (PostgreSQL
refuses NUL in text, so without the check these reach a query and fail)."""

import pytest

from goldthread.core.tokens import create_token
from goldthread.council.models import Priority


@pytest.fixture
def api(client, users, priority):
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {create_token(user=users['performance'])}"
    return client


@pytest.mark.parametrize(
    "path",
    ["/api/priorities/protect%00-vulnerable", "/api/areas/E0800%000014", "/api/reviews/x%00/deadlines", "/api/%00"],
)
def test_a_nul_in_an_api_path_is_a_json_bad_request(api, path):
    response = api.get(path)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json") and "NUL" in response.json()["detail"]


def test_a_nul_in_a_page_path_or_query_is_a_bad_request_page(client_for, priority):
    client = client_for("member")
    for response in (
        client.get("/priorities/protect%00-vulnerable/"),
        client.get("/performance/measures/CS%0001/"),
        client.get("/performance/scorecard/", {"period": "2023-24\x00Q1"}),
        client.post("/performance/upload/", {"note": "a\x00b"}),
    ):
        assert response.status_code == 400
        page = response.content.decode()
        assert "govuk-heading-xl" in page and "NUL character" in page


def test_a_nul_in_a_json_body_is_refused_escaped_or_raw(api):
    for body in (b'{"code": "a\\u0000"}', b'{"code": "a\x00"}'):
        response = api.post("/api/values", data=body, content_type="application/json")
        assert response.status_code == 400 and "NUL" in response.json()["detail"]


def test_the_check_leaves_ordinary_requests_alone(api, priority):
    assert api.get("/api/priorities/protect-vulnerable").status_code == 200
    assert Priority.objects.count() == 1
