"""Writes of the core app: personal API tokens, each made and revoked with history. Only hashes are stored."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from goldthread.council import permissions
from goldthread.council.actors import Actor
from goldthread.council.models import User

from .audit import record_change
from .models import ApiToken, Change

TOKEN_PREFIX = "gt_"


class _Owner:
    """create_token's default maker: the token's owner."""


OWNER = _Owner()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _token_history(record: ApiToken) -> dict[str, str]:
    return {"owner": record.user.username, "name": record.name, "prefix": record.prefix}


def create_token(*, user: User, name: str = "", by: Actor | _Owner = OWNER, reason: str = "") -> str:
    """Make a new token for ``user`` and return it. It cannot be shown again. History keeps who made it
    (``by``: the owner unless given; None for a command run on the server) and its prefix. A person
    makes tokens only for themselves."""
    maker = user if isinstance(by, _Owner) else by
    if maker is not None:
        permissions.require(permissions.can_manage_token, maker, user)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        record = ApiToken.objects.create(user=user, name=name, prefix=token[:10], key_hash=token_hash(token))
        record_change(
            obj=record,
            user=maker,
            action=Change.Action.CREATE,
            after=_token_history(record),
            reason=reason or "API token made",
        )
    return token


def revoke_token(*, token_id: int, user: User) -> bool:
    """Revoke one of ``user``'s own tokens, with history. False if it was not theirs or was already revoked."""
    with transaction.atomic():
        record = ApiToken.objects.select_for_update().filter(pk=token_id, user=user, revoked_at=None).first()
        if record is None:
            return False
        permissions.require(permissions.can_manage_token, user, record.user)
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


def token_used(record: ApiToken) -> None:
    """Stamp when a token was last used (shown to its owner). Not history: every API call would be one."""
    ApiToken.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
