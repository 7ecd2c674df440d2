import pytest


@pytest.mark.django_db
def test_health_answers_without_signing_in(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_pages_need_a_signed_in_person(client):
    response = client.get("/council/priorities/")
    assert response.status_code == 302
    assert response.url.startswith("/sign-in")


def test_signed_in_person_sees_priorities(client_for, priority):
    response = client_for("member").get("/council/priorities/")
    assert response.status_code == 200
    assert "Protect the most vulnerable" in response.content.decode()


def test_a_nul_byte_in_a_query_is_a_bad_request_not_a_server_error(client, db):
    response = client.get("/api/risks", {"level": "corp\x00orate"})
    assert response.status_code == 400
    response = client.post("/api/values", data='{"measure": "a\\u0000"}', content_type="application/json")
    assert response.status_code == 400
