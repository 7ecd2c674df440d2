"""Write and read the audit trail. Every service that changes data calls ``record_change``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from .models import Change


def jsonable(value: Any) -> Any:
    """A value as it should be kept in history: plain JSON, readable later."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        # Without trailing zeros, so 50 and 50.000000 are the same value and not recorded as a change.
        text = format(value.normalize(), "f")
        return "0" if text in {"-0", "0"} else text
    if isinstance(value, float):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return str(value)


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The current values of ``fields`` on ``obj``, as history keeps them."""
    return {f: jsonable(getattr(obj, f)) for f in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    keys = list(dict.fromkeys([*before, *after]))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def record_change(
    *,
    obj: models.Model,
    user: AbstractBaseUser | AnonymousUser | None,
    action: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> Change | None:
    """Keep one change in history. Nothing is written for an update that changed nothing."""
    changes = diff(before or {}, after or {})
    if action == Change.Action.UPDATE and not changes:
        return None
    return Change.objects.create(  # type: ignore[misc]  # user: AUTH_USER_MODEL, council.User, which core cannot import
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        action=action,
        changes=changes,
        reason=reason,
        user=user if getattr(user, "is_authenticated", False) else None,
    )


def history_for(obj: models.Model) -> QuerySet[Change]:
    return Change.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), object_id=str(obj.pk)
    ).select_related("user")
