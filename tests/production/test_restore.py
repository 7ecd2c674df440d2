"""Moving a council to a new server: `goldthread backup` of the example council, `goldthread migrate`
of a new database, `goldthread restore` into it, and a second backup that must hold exactly the same."""

import gzip
import json

from .conftest import goldthread, production_env, scratch_database


def _objects(path):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        payload = json.load(fh)
    return payload["migrations"], payload["objects"]


def test_a_backup_restores_into_a_freshly_migrated_database(example_site, tmp_path):
    first = tmp_path / "council.json.gz"
    goldthread(example_site["env"], "backup", str(first))
    with scratch_database(tmp_path, "restore") as database_url:
        env = production_env(tmp_path, database_url)
        goldthread(env, "migrate", "--noinput", "-v0")
        # A freshly migrated database already holds the deadline rules its migrations seed.
        assert "Restored" in goldthread(env, "restore", str(first))
        second = tmp_path / "restored.json.gz"
        goldthread(env, "backup", str(second))
        # Restoring again over data is refused without --replace, and works with it.
        refused = goldthread(env, "restore", str(first), fails=True)
        assert "already holds data" in refused
        goldthread(env, "restore", str(first), "--replace")
        third = tmp_path / "replaced.json.gz"
        goldthread(env, "backup", str(third))
    migrations, objects = _objects(first)
    assert len(objects) > 1000  # the whole example council, history included
    assert _objects(second) == (migrations, objects)
    assert _objects(third) == (migrations, objects)
