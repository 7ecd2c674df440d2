"""How the API answers a version conflict: 409 with the record as it is now (and what changed since),
or 428 when a change to an existing record did not say which version it was based on.

Each app registers how its records look in the API (``represents``), so the answer carries the
current record in the same shape as a GET would."""

from __future__ import annotations

from collections.abc import Callable

from ninja import Schema

from .audit import jsonable
from .versioning import Conflict, StaleVersion

_OUTS: dict[type, Callable] = {}


class ConflictOut(Schema):
    detail: str
    current: dict | None = None
    changes: list[dict] = []


def represents(model: type) -> Callable:
    """Register ``fn(record) -> dict`` as the API shape of ``model``'s records."""

    def register(fn: Callable) -> Callable:
        _OUTS[model] = fn
        return fn

    return register


def conflict_body(exc: Conflict) -> dict:
    current = getattr(exc, "current", None)
    out = _OUTS.get(type(current)) if current is not None else None
    body: dict = {"detail": str(exc), "current": out(current) if out else None, "changes": []}
    if isinstance(exc, StaleVersion):
        body["changes"] = [
            {
                "at": c.at.isoformat(),
                "user": str(c.user) if c.user else None,
                "action": c.action,
                "changes": {k: [jsonable(v) for v in pair] for k, pair in c.changes.items()},
                "reason": c.reason,
            }
            for c in exc.changes
        ]
    return body


CONFLICT_RESPONSES = {409: ConflictOut, 428: ConflictOut}
