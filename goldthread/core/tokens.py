"""Personal API tokens: made, checked and revoked here. Only hashes are stored."""

import hashlib
import secrets

from django.utils import timezone

from .models import ApiToken

TOKEN_PREFIX = "gt_"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(*, user, name: str = "") -> str:
    """Make a new token for ``user`` and return it. It cannot be shown again."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name, prefix=token[:10], key_hash=_hash(token))
    return token


def user_for_token(token: str):
    """The active user a token belongs to, or None."""
    if not token or not token.startswith(TOKEN_PREFIX):
        return None
    record = ApiToken.objects.select_related("user").filter(key_hash=_hash(token), revoked_at=None).first()
    if record is None or not record.user.is_active:
        return None
    from goldthread.council.demo import demo_signins_allowed

    if record.user.is_demo and not demo_signins_allowed():
        return None
    ApiToken.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
    return record.user


def revoke_token(*, token_id: int, user) -> bool:
    return bool(ApiToken.objects.filter(pk=token_id, user=user, revoked_at=None).update(revoked_at=timezone.now()))
