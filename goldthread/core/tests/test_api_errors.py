"""With DEBUG off the API answers JSON whatever goes wrong: never an HTML page, never a traceback.
People get the GOV.UK error pages.

Errors that no request can cause on purpose (a crash, a failure before django-ninja runs) are handed to
the real handlers directly: the API's own dispatch (``api.on_exception``) and Django's handler500."""

import json
import logging

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory, override_settings
from django.urls import get_resolver

from goldthread.api import api
from goldthread.finance.services import FinanceError
from goldthread.performance.services import PerformanceError

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
    return json.loads(response.content)


def _answer(exc, path="/api/priorities"):
    """How the API answers ``exc`` raised by an operation on ``path``."""
    response = api.on_exception(RequestFactory().get(path), exc)
    return response.status_code, json.loads(response.content)


def test_an_unhandled_error_is_a_json_500_without_a_traceback(caplog):
    with caplog.at_level(logging.ERROR, logger="goldthread.api"):
        response = api.on_exception(RequestFactory().get("/api/priorities"), RuntimeError("internal detail 7f3a"))
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


def test_permission_denied_is_a_json_403(client, council, users):
    client.force_login(users["member"])
    response = client.put("/api/finance/mtfp/any/scenarios/any", data={"name": "x"}, content_type="application/json")
    assert response.status_code == 403
    assert _is_json(response) == {"detail": "You do not have permission to do that."}
    assert _answer(PermissionDenied("Only the performance team.")) == (403, {"detail": "Only the performance team."})


def test_a_validation_error_from_the_model_layer_is_a_json_422():
    assert _answer(ValidationError("The code is taken.")) == (422, {"detail": "The code is taken."})


def test_a_service_error_is_a_json_422_in_the_services_words():
    refused = FinanceError("Only a draft or returned item can be submitted; this one is Approved.")
    assert _answer(refused) == (422, {"detail": str(refused)})
    # performance words its errors to follow a field name; alone they start a sentence
    assert _answer(PerformanceError("the denominator cannot be 0")) == (422, {"detail": "The denominator cannot be 0"})


def test_a_malformed_request_is_a_json_answer(api_client, council):
    response = api_client.post("/api/values", data="{not json", content_type="application/json")
    assert 400 <= response.status_code < 500
    assert "detail" in _is_json(response)


def test_an_unknown_api_path_is_a_json_404(api_client):
    response = api_client.get("/api/no-such-endpoint")
    assert response.status_code == 404
    assert _is_json(response) == {"detail": "Not Found"}


def _handler500(path):
    return get_resolver().resolve_error_handler(500)(RequestFactory().get(path))


def test_an_error_before_the_api_runs_is_still_json(db):
    """A failure in token checking happens outside django-ninja's handlers: Django's handler500 answers."""
    response = _handler500("/api/priorities")
    assert response.status_code == 500
    assert "problem with the service" in _is_json(response)["detail"]


def test_pages_still_get_the_html_error_pages(client, users):
    client.raise_request_exception = False
    client.force_login(users["member"])
    missing = client.get("/no-such-page")
    assert missing.status_code == 404
    assert missing["Content-Type"].startswith("text/html") and "Page not found" in missing.content.decode()
    broken = _handler500("/")
    assert broken.status_code == 500
    html = broken.content.decode()
    assert "Sorry, there is a problem with the service" in html and "Traceback" not in html


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
