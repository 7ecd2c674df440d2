"""Personal API tokens: checked here; made and revoked in ``services`` (kept importable from here)."""

from goldthread.council.demo import demo_signins_allowed

from .models import ApiToken
from .services import OWNER, TOKEN_PREFIX, create_token, revoke_token, token_hash, token_used

__all__ = ["OWNER", "TOKEN_PREFIX", "create_token", "revoke_token", "user_for_token"]


def user_for_token(token: str):
    """The active user a token belongs to, or None."""
    if not token or not token.startswith(TOKEN_PREFIX):
        return None
    record = ApiToken.objects.select_related("user").filter(key_hash=token_hash(token), revoked_at=None).first()
    if record is None or not record.user.is_active:
        return None
    if record.user.is_demo and not demo_signins_allowed():
        return None
    token_used(record)
    return record.user
