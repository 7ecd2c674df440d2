"""`goldthread backup` and `goldthread restore` round-trip everything, history included."""

import importlib
import json

import pytest
from django.apps import apps as django_apps
from django.core.management import CommandError, call_command

from goldthread.core.audit import history_for, record_change
from goldthread.core.backup import SEEDED_BY_MIGRATIONS, empty_database, holds_data
from goldthread.core.models import Change
from goldthread.council.models import Council, Priority, User
from goldthread.improvement.models import DeadlineRule
from goldthread.performance.models import Measure


def _state():
    return {
        "councils": list(Council.objects.values_list("name", "gss_code")),
        "priorities": list(Priority.objects.values_list("code", "title")),
        "users": list(User.objects.values_list("username", "role", "password")),
        "measures": [(m.reference, sorted(p.code for p in m.priorities.all())) for m in Measure.objects.all()],
        "history": list(
            Change.objects.order_by("pk").values_list(
                "object_repr", "action", "changes", "reason", "user__username", "at"
            )
        ),
    }


@pytest.fixture
def filled(council, directorate, priority, users):
    measure = Measure.objects.create(council=council, reference="CYP-01", title="NEET", directorate=directorate)
    measure.priorities.add(priority)
    record_change(
        obj=measure,
        user=users["performance"],
        action=Change.Action.UPDATE,
        before={"title": "Old"},
        after={"title": "NEET"},
        reason="Renamed",
    )
    return measure


@pytest.mark.parametrize("name", ["backup.json", "backup.json.gz"])
def test_backup_then_restore_gives_back_everything(filled, tmp_path, name):
    before = _state()
    path = tmp_path / name
    call_command("backup", str(path))
    empty_database()
    assert Council.objects.count() == User.objects.count() == Change.objects.count() == 0
    call_command("restore", str(path))
    assert _state() == before
    assert history_for(Measure.objects.get(reference="CYP-01")).get().reason == "Renamed"


def test_restore_refuses_a_database_that_holds_data(filled, tmp_path):
    path = tmp_path / "b.json"
    call_command("backup", str(path))
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(path))
    call_command("restore", str(path), replace=True)
    assert Measure.objects.count() == 1


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"hello": 1}))
    with pytest.raises(CommandError, match="not a Goldthread backup"):
        call_command("restore", str(path))


def _migrate_afresh():
    """What `goldthread migrate` leaves in a new database: nothing but the rows migrations seed."""
    seed = importlib.import_module("goldthread.improvement.migrations.0003_cpc_deadline_rules")
    empty_database()
    seed.add_rules(django_apps, None)


def test_restore_goes_into_a_freshly_migrated_database(filled, tmp_path):
    rule = DeadlineRule.objects.get(review_type="cpc", name="Progress review")
    rule.months = 9  # the council's own edit of a seeded rule travels with the backup
    rule.save()
    before = _state()
    rules = list(DeadlineRule.objects.order_by("pk").values())
    path = tmp_path / "b.json.gz"
    call_command("backup", str(path))
    _migrate_afresh()
    assert DeadlineRule.objects.get(review_type="cpc", name="Progress review").months == 10
    assert not holds_data()
    call_command("restore", str(path))
    assert _state() == before
    assert list(DeadlineRule.objects.order_by("pk").values()) == rules


def test_migrations_seed_only_the_models_a_restore_replaces(db):
    """The test database is made by the migrations: whatever they seed must be in
    SEEDED_BY_MIGRATIONS, or a restore would refuse every freshly migrated database."""
    seeded = {m._meta.label_lower for m in django_apps.get_models() if m._default_manager.exists()}
    assert "improvement.deadlinerule" in seeded
    assert seeded - {"contenttypes.contenttype", "auth.permission"} == SEEDED_BY_MIGRATIONS
