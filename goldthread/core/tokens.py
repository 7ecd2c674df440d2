"""Personal API tokens: made, checked and revoked here. Only hashes are stored."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from goldthread.council.demo import demo_signins_allowed

from .audit import record_change
from .models import ApiToken, Change

TOKEN_PREFIX = "gt_"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _token_history(record: ApiToken) -> dict:
    return {"owner": record.user.username, "name": record.name, "prefix": record.prefix}


OWNER = object()  # create_token's default maker: the token's owner


def create_token(*, user, name: str = "", by=OWNER, reason: str = "") -> str:
    """Make a new token for ``user`` and return it. It cannot be shown again. History keeps who made it
    (``by``: the owner unless given; None for a command run on the server) and its prefix."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        record = ApiToken.objects.create(user=user, name=name, prefix=token[:10], key_hash=_hash(token))
        record_change(
            obj=record,
            user=user if by is OWNER else by,
            action=Change.Action.CREATE,
            after=_token_history(record),
            reason=reason or "API token made",
        )
    return token


def user_for_token(token: str):
    """The active user a token belongs to, or None."""
    if not token or not token.startswith(TOKEN_PREFIX):
        return None
    record = ApiToken.objects.select_related("user").filter(key_hash=_hash(token), revoked_at=None).first()
    if record is None or not record.user.is_active:
        return None

    if record.user.is_demo and not demo_signins_allowed():
        return None
    ApiToken.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
    return record.user


def revoke_token(*, token_id: int, user) -> bool:
    """Revoke one of ``user``'s own tokens, with history. False if it was not theirs or was already revoked."""
    with transaction.atomic():
        record = ApiToken.objects.select_for_update().filter(pk=token_id, user=user, revoked_at=None).first()
        if record is None:
            return False
        record.revoked_at = timezone.now()
        record.save(update_fields=["revoked_at"])
        record_change(
            obj=record,
            user=user,
            action=Change.Action.UPDATE,
            before={**_token_history(record), "revoked_at": None},
            after={**_token_history(record), "revoked_at": record.revoked_at.isoformat()},
            reason="API token revoked",
        )
    return True
