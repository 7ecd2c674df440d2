"""With DEBUG off the API answers JSON whatever goes wrong: never an HTML page, never a traceback.
People get the GOV.UK error pages."""

import logging

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from goldthread.council import api as council_api
from goldthread.performance import selectors as performance_selectors

pytestmark = pytest.mark.usefixtures("_debug_off")


@pytest.fixture
def _debug_off(settings):
    settings.DEBUG = False


@pytest.fixture
def api_client(client, users):
    client.raise_request_exception = False  # answer as a server would, rather than re-raise
    client.force_login(users["performance"])
    return client


def _is_json(response) -> dict:
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response.json()


def _failing(exc):
    def fail(*args, **kwargs):
        raise exc

    return fail


def test_an_unhandled_error_is_a_json_500_without_a_traceback(api_client, council, monkeypatch, caplog):
    monkeypatch.setattr(council_api, "current_council", _failing(RuntimeError("internal detail 7f3a")))
    with caplog.at_level(logging.ERROR, logger="goldthread.api"):
        response = api_client.get("/api/priorities")
    assert response.status_code == 500
    body = _is_json(response)
    assert "problem with the service" in body["detail"]
    assert "7f3a" not in response.content.decode() and "Traceback" not in response.content.decode()
    logged = [r for r in caplog.records if r.name == "goldthread.api"]
    assert logged and "7f3a" in str(logged[0].exc_info[1])


def test_a_missing_object_is_a_json_404(api_client, council):
    response = api_client.get("/api/priorities/no-such-priority")
    assert response.status_code == 404
    assert _is_json(response) == {"detail": "Not Found"}


def test_permission_denied_is_a_json_403(api_client, council, monkeypatch):
    monkeypatch.setattr(council_api, "current_council", _failing(PermissionDenied("Only the performance team.")))
    response = api_client.get("/api/priorities")
    assert response.status_code == 403
    assert _is_json(response) == {"detail": "Only the performance team."}


def test_a_validation_error_from_the_model_layer_is_a_json_422(api_client, council, monkeypatch):
    monkeypatch.setattr(council_api, "current_council", _failing(ValidationError("The code is taken.")))
    response = api_client.get("/api/priorities")
    assert response.status_code == 422
    assert _is_json(response) == {"detail": "The code is taken."}


def test_a_malformed_request_is_a_json_answer(api_client, council):
    response = api_client.post("/api/values", data="{not json", content_type="application/json")
    assert 400 <= response.status_code < 500
    assert "detail" in _is_json(response)


def test_an_unknown_api_path_is_a_json_404(api_client):
    response = api_client.get("/api/no-such-endpoint")
    assert response.status_code == 404
    assert _is_json(response) == {"detail": "Not Found"}


def test_an_error_before_the_api_runs_is_still_json(client, council, monkeypatch):
    """A failure in token checking happens outside django-ninja's handlers: Django's handler500 answers."""
    from goldthread import api as goldthread_api

    monkeypatch.setattr(goldthread_api, "user_for_token", _failing(RuntimeError("token store down")))
    client.raise_request_exception = False
    response = client.get("/api/priorities", headers={"Authorization": "Bearer gt_anything"})
    assert response.status_code == 500
    assert "token store down" not in _is_json(response)["detail"]


def test_pages_still_get_the_html_error_pages(client, users, monkeypatch):
    client.raise_request_exception = False
    client.force_login(users["member"])
    missing = client.get("/no-such-page")
    assert missing.status_code == 404
    assert missing["Content-Type"].startswith("text/html") and "Page not found" in missing.content.decode()
    monkeypatch.setattr(performance_selectors, "home_summary", _failing(RuntimeError("boom")))
    broken = client.get("/")
    assert broken.status_code == 500
    html = broken.content.decode()
    assert "Sorry, there is a problem with the service" in html and "boom" not in html


@override_settings(GOLDTHREAD_PUBLIC_API_DOCS=False)
def test_closed_api_docs_need_a_sign_in_or_a_token(client, users):
    schema = client.get("/api/openapi.json")
    assert schema.status_code == 401
    assert "detail" in _is_json(schema)
    docs = client.get("/api/docs")
    assert docs.status_code == 302
    assert docs["Location"] == "/sign-in?next=/api/docs"
    from goldthread.core.tokens import create_token

    token = create_token(user=users["member"], name="schema")
    assert client.get("/api/openapi.json", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert client.get("/api/openapi.json", headers={"Authorization": "Bearer gt_not-a-token"}).status_code == 401
    client.force_login(users["member"])
    assert client.get("/api/docs").status_code == 200
    assert client.get("/api/openapi.json").status_code == 200


@override_settings(GOLDTHREAD_PUBLIC_API_DOCS=True)
def test_open_api_docs_need_no_sign_in(client, db):
    assert client.get("/api/openapi.json").status_code == 200
    assert client.get("/api/docs").status_code == 200


@override_settings(GOLDTHREAD_PUBLIC_API_DOCS=True)
def test_the_api_docs_page_has_a_language_a_main_landmark_and_a_heading(client, db):
    page = client.get("/api/docs").content.decode()
    assert '<html lang="en-GB">' in page and '<main id="main-content">' in page and "<h1" in page
    assert "/api/openapi.json" in page
