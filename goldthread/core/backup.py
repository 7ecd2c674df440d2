"""Backup and restore of everything Goldthread holds, history included.

A backup is one JSON file (gzip-compressed when the name ends in .gz): the migration state it
was taken at and every row of every model except Django's caches (sessions, permissions,
content types — content types are referred to by natural key, so history still points at
the right kind of object after a restore)."""

from __future__ import annotations

import gzip
import json
import uuid
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT_VERSION = 1
EXCLUDED = {"contenttypes.contenttype", "auth.permission", "sessions.session", "admin.logentry"}
# Rows that migrations add to every new database (improvement 0003 seeds the peer challenge's
# deadline rules). A database holding only these is "freshly migrated": a restore replaces
# them with the backup's own rows, which include any edits the council made to them.
SEEDED_BY_MIGRATIONS = {"improvement.deadlinerule"}


class RestoreError(Exception):
    pass


def _models():
    """Models in dependency order, so a restore can insert them one after another."""
    from django.core.serializers import sort_dependencies

    app_list = {app: None for app in apps.get_app_configs()}
    return [
        m
        for m in sort_dependencies(app_list.items(), allow_cycles=True)
        if m._meta.label_lower not in EXCLUDED and not m._meta.proxy and m._meta.managed
    ]


def _migration_state() -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def _open(path: Path, mode: str):
    return gzip.open(path, mode + "t", encoding="utf-8") if path.suffix == ".gz" else open(path, mode, encoding="utf-8")


def backup(path: str | Path) -> dict:
    """Write a backup; return counts per model."""
    path = Path(path)
    counts: dict[str, int] = {}
    objects = []
    with transaction.atomic():  # one consistent snapshot
        for model in _models():
            rows = list(model._default_manager.order_by("pk"))
            counts[model._meta.label] = len(rows)
            objects.extend(
                serializers.serialize("python", rows, use_natural_foreign_keys=True, use_natural_primary_keys=False)
            )
    payload = {
        "goldthread_backup": FORMAT_VERSION,
        "created": timezone.now().isoformat(),
        "migrations": _migration_state(),
        "objects": objects,
    }
    with _open(path, "w") as fh:
        json.dump(payload, fh, default=_exact)
    return counts


def _exact(value):
    """JSON for values Django's own encoder would round (it drops microseconds from times)."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    raise TypeError(f"Cannot back up a value of type {type(value).__name__}")


def holds_data() -> bool:
    """True once anything beyond what migrations seed is in the database."""
    return any(m._default_manager.exists() for m in _models() if m._meta.label_lower not in SEEDED_BY_MIGRATIONS)


def empty_database() -> None:
    """Delete every record. One flush of every table (TRUNCATE on PostgreSQL) rather than the
    ORM's deletes: foreign keys are checked at commit, so no order of deletion is needed, and
    protected links (an appraisal's employee, say) cannot block it."""
    from django.core.management.color import no_style

    statements = connection.ops.sql_flush(no_style(), sorted(_tables_to_empty()))
    postgresql = connection.vendor == "postgresql"
    if postgresql:  # TRUNCATE refuses while rows written earlier in this transaction await their checks
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    connection.ops.execute_sql_flush(statements)
    if postgresql:  # a restore inserts rows before the rows they point at
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _tables_to_empty() -> set[str]:
    tables = set()
    for model in _models():
        tables.add(model._meta.db_table)
        tables.update(f.remote_field.through._meta.db_table for f in model._meta.local_many_to_many)
    # Rows outside the backup that point at those tables (the admin's log of edits) go with them.
    others = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed and not m._meta.proxy]
    grown = True
    while grown:
        grown = False
        for model in others:
            if model._meta.db_table not in tables and any(
                f.many_to_one or f.one_to_one
                for f in model._meta.concrete_fields
                if f.is_relation and f.related_model is not None and f.related_model._meta.db_table in tables
            ):
                tables.add(model._meta.db_table)
                grown = True
    return tables


def restore(path: str | Path, *, replace: bool = False) -> dict:
    """Load a backup into this database: a freshly migrated one (the rows migrations seed are
    replaced by the backup's), or any database with ``replace`` (everything in it is deleted)."""
    path = Path(path)
    try:
        with _open(path, "r") as fh:
            payload = json.load(fh)
    except (OSError, ValueError) as exc:
        raise RestoreError(f"{path} is not a readable Goldthread backup ({exc})") from exc
    if payload.get("goldthread_backup") != FORMAT_VERSION:
        raise RestoreError(f"{path} is not a Goldthread backup of format {FORMAT_VERSION}")
    if payload["migrations"] != _migration_state():
        raise RestoreError(
            "The backup was taken at a different database version: run `goldthread migrate` "
            "to the same version first (migrations differ)."
        )
    counts: dict[str, int] = {}
    with transaction.atomic():
        if holds_data() and not replace:
            raise RestoreError("This database already holds data. Use --replace to delete it and restore.")
        empty_database()
        for obj in serializers.deserialize("python", payload["objects"], handle_forward_references=True):
            obj.save()
            label = obj.object._meta.label
            counts[label] = counts.get(label, 0) + 1
        _reset_sequences()
    return counts


def _reset_sequences() -> None:
    """PostgreSQL keeps id sequences apart from the rows; move them past the restored ids."""
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), _models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
