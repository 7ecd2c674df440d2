"""Optimistic concurrency: no lost update, no unseen decision.

Every record a person edits or decides on carries an integer ``version``. A page or an API client
reads it with the record and sends it back with the change; the service then moves the row from
exactly that version to the next in one ``UPDATE ... WHERE id = ? AND version = ?`` (``claim``), so
of two racing saves only one can win, on SQLite and PostgreSQL alike. The loser gets ``StaleVersion``,
which carries the record as it is now and what changed since (from the history in ``audit``).

Creating a record that already exists (two clients creating the same value at once) raises
``AlreadyExists`` instead of letting the database's ``IntegrityError`` escape as a server error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import F

from .audit import history_for, record_change, snapshot
from .models import Change


class Versioned(models.Model):
    """A record with a version that moves on with every save, in the database itself."""

    version = models.PositiveIntegerField(default=1, editable=False, help_text="Moves on with every change")

    class Meta:
        abstract = True

    _version_claimed: bool  # set by claim(): this save follows a checked version move

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding or getattr(self, "_version_claimed", False):
            self._version_claimed = False
            super().save(*args, **kwargs)
            return None
        # A save that did not check the version still moves it on (atomically), so any form opened
        # before it is stale.
        self.version = F("version") + 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)
        self.refresh_from_db(fields=["version"])
        return None


class Conflict(Exception):
    """A change that lost a race or was based on an old version: nothing was changed."""

    status = 409


class VersionRequired(Conflict):
    """A change to an existing record that did not say which version it was based on."""

    status = 428

    def __init__(self, obj: models.Model):
        self.current: Any = obj  # the caller's own model
        super().__init__(
            f"Say which version of {obj} you are changing: send the version you read"
            f" (the current version is {getattr(obj, 'version', '?')})."
        )


class AlreadyExists(Conflict):
    """Creating a record that somebody else created first."""


class StaleVersion(Conflict):
    """The record changed since the version the person saw."""

    def __init__(self, obj: Versioned, seen: int):
        obj.refresh_from_db()
        self.current: Any = obj  # the caller's own model, as it is now
        self.seen = int(seen)
        self.changes = changes_since(obj, self.seen)
        who = ", ".join(dict.fromkeys(str(c.user) if c.user else "the system" for c in self.changes)) or "someone"
        if self.seen == 0:  # the form was for a new record, and one is there
            text = f"{obj} already exists (entered or changed by {who}). Nothing was saved: check it below"
        else:
            text = (
                f"{obj} was changed by {who} since you opened it (you saw version {self.seen}; it is now"
                f" version {obj.version}). Nothing was saved: check what changed below"
            )
        super().__init__(f"{text}.")


def changes_since(obj: models.Model, seen: int) -> list[Change]:
    """The history entries written after ``obj`` was at version ``seen``, oldest first.

    Each versioned write records one history entry, so the newest ``version - seen`` entries are
    the ones made since."""
    count = max(int(getattr(obj, "version", 1)) - int(seen), 0)
    if count == 0:
        return []
    return list(reversed(history_for(obj).order_by("-at", "-id")[:count]))


def parse_version(raw) -> int | None:
    """The version a form or client sent: a whole number, or None when it sent none."""
    if raw is None or raw == "":
        return None
    try:
        number = int(str(raw).strip())
    except ValueError:
        return None
    return number if number >= 1 else None


def expect(obj: Versioned, seen: int | None) -> None:
    """Refuse at once if ``obj`` as loaded is not the version the person saw (None: not checked).
    Services call this before their own checks, so those checks judge what the person saw."""
    if seen is not None and obj.version != seen:
        raise StaleVersion(obj, seen)


def claim(obj: Versioned, seen: int | None) -> None:
    """Move ``obj`` from version ``seen`` to the next, or raise: call inside ``transaction.atomic``
    after the checks and before writing. The conditional UPDATE makes two racing changes of the
    same version impossible: the row stays locked until the transaction ends, and the loser's
    UPDATE matches no row."""
    if seen is None:
        raise VersionRequired(obj)
    expect(obj, seen)
    manager = type(obj)._default_manager
    if not manager.filter(pk=obj.pk, version=seen).update(version=F("version") + 1):
        raise StaleVersion(obj, seen)
    obj.version = int(seen) + 1
    obj._version_claimed = True


def save_versioned(
    obj: models.Model,
    *,
    user: Any,
    version: int | None,
    fields: Sequence[str] | Callable[[Any], dict[str, Any]],
    changes: Mapping[str, Any] | None = None,
    reason: str = "",
    clean: bool = False,
    require_version: bool = False,
    then: Callable[[], None] | None = None,
) -> Change | None:
    """Change ``obj`` as the person saw it at ``version``, the one way services save an edit of a record.

    A stale ``version`` is refused at once (``expect``), before anything changes; then ``changes`` are
    set (and ``full_clean`` run when ``clean``), and in one transaction the version is claimed (when
    given, or always when ``require_version``: None is then refused), the record saved, ``then`` run
    (for many-to-many links, which need the saved row) and the change recorded in history: ``fields``
    (names, or a function giving the record's snapshot) before and after. Returns the history entry,
    None if nothing changed. The caller checks the permission and its own rules first."""
    take = fields if callable(fields) else lambda o: snapshot(o, list(fields))
    versioned = obj if isinstance(obj, Versioned) else None  # a record without a version is saved as it is
    if versioned is not None:
        expect(versioned, version)
    before = take(obj)
    for name, value in (changes or {}).items():
        setattr(obj, name, value)
    if clean:
        obj.full_clean()
    with transaction.atomic():
        if versioned is not None and (version is not None or require_version):
            claim(versioned, version)
        obj.save()
        if then is not None:
            then()
        return record_change(
            obj=obj, user=user, action=Change.Action.UPDATE, before=before, after=take(obj), reason=reason
        )


@contextmanager
def creating(message: str) -> Iterator[None]:
    """Create inside a savepoint: a duplicate made by a racing request becomes ``AlreadyExists``."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        raise AlreadyExists(message) from exc
