"""Personal API tokens: shown once, stored as a hash, revocable."""

import hashlib

import pytest

from goldthread.core.models import ApiToken
from goldthread.core.tokens import create_token


def test_a_token_is_stored_only_as_its_hash(users):
    token = create_token(user=users["member"], name="export")
    stored = ApiToken.objects.get()
    assert token not in (stored.key_hash, stored.prefix)
    assert stored.key_hash == hashlib.sha256(token.encode()).hexdigest()


def test_api_accepts_a_token_and_refuses_a_revoked_one(client, users, priority):
    token = create_token(user=users["member"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert client.get("/api/priorities", **auth).status_code == 200
    ApiToken.objects.update(revoked_at="2026-01-01T00:00:00Z")
    assert client.get("/api/priorities", **auth).status_code == 401


def test_api_refuses_without_credentials(client, db):
    assert client.get("/api/priorities").status_code == 401


def test_person_makes_sees_once_and_revokes_a_token_in_the_browser(client_for):
    client = client_for("auditor")
    response = client.post("/account/tokens", {"name": "audit script"})
    page = response.content.decode()
    token = ApiToken.objects.get()
    assert "Your new token" in page and token.prefix in page
    assert "Your new token" not in client.get("/account/tokens").content.decode()
    client.post(f"/account/tokens/{token.pk}/revoke")
    token.refresh_from_db()
    assert token.revoked_at is not None


@pytest.mark.django_db
def test_one_person_cannot_revoke_another_persons_token(client_for, users):
    token = create_token(user=users["member"])
    client_for("auditor").post(f"/account/tokens/{ApiToken.objects.get().pk}/revoke")
    assert ApiToken.objects.get().revoked_at is None
    assert token


@pytest.mark.django_db
def test_nobody_makes_a_token_for_someone_else(users):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        create_token(user=users["member"], by=users["performance"])
    assert not ApiToken.objects.exists()
