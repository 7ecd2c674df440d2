"""Every write to the database is in a service: no model write anywhere else in ``goldthread/``.

A service checks the permission, opens the transaction and records history, so a write made
anywhere else skips at least one of them. This test reads the source with ``ast`` (nothing is
imported or run) and lists every model write outside the places allowed to write.

Allowed to write (the rule):

- services: a module named ``services.py``, or any module in a ``services/`` package;
- importers: a module named ``*_import.py``. They are services by role: each import runs in one
  transaction and keeps an import record (and history) of who loaded which file;
- migrations (``migrations/``), tests (``tests/``, ``test_*.py``, ``conftest.py``);
- example loaders: ``example.py``, ``example_*.py`` and the ``load_example`` command;
- the write machinery itself, each named in ``MACHINERY`` with the reason.

A write is a call of ``.save()``, ``.delete()``, ``.create()``, ``.bulk_create()``,
``.bulk_update()``, ``.get_or_create()``, ``.update_or_create()``, ``.create_user()`` or
``.create_superuser()``, or ``.update()`` on a queryset. What is not a model write, and so not
counted: ``save``/``delete`` given a positional argument (a workbook's ``book.save(out)``, a
cache's ``delete(key)``; a model's save and delete take none), ``super().save()`` inside a model's
own ``save``, and ``.update()`` on anything not known to be a queryset (``dict.update``,
``set.update``). A queryset is an expression through ``.objects``, ``._default_manager`` or a
queryset method (``filter``, ``exclude``, ``all``, ``select_for_update``, ...), or a name
assigned from one in the same function."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "goldthread"

WRITES = {
    "save",
    "delete",
    "create",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
    "create_user",
    "create_superuser",
}
NO_POSITIONAL = {"save", "delete"}
MANAGERS = {"objects", "_default_manager", "_base_manager"}
QUERYSET_METHODS = {
    "all",
    "filter",
    "exclude",
    "select_for_update",
    "select_related",
    "prefetch_related",
    "order_by",
    "annotate",
    "distinct",
    "using",
    "none",
}

MACHINERY = {
    "core/audit.py": "writes history itself (record_change), called by every service",
    "core/versioning.py": "the version claim and Versioned.save, called by services",
    "core/backup.py": "restore replaces the whole database from a backup, run on the server",
}


def allowed(rel: Path) -> bool:
    """True for a module (path relative to the package root) that may write."""
    parts, name = rel.parts, rel.name
    return (
        name == "services.py"
        or "services" in parts[:-1]
        or name.endswith("_import.py")
        or "migrations" in parts
        or "tests" in parts
        or name.startswith("test_")
        or name == "conftest.py"
        or name == "example.py"
        or name.startswith("example_")
        or name == "load_example.py"
        or rel.as_posix() in MACHINERY
    )


def _is_queryset(node: ast.expr, querysets: set[str]) -> bool:
    """Whether ``node`` is (as far as the source shows) a manager or queryset."""
    while True:
        if isinstance(node, ast.Name):
            return node.id in querysets
        if isinstance(node, ast.Attribute):
            if node.attr in MANAGERS or node.attr.endswith("_set"):
                return True
            node = node.value
        elif isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute) and node.func.attr in QUERYSET_METHODS:
                return True
            node = node.func
        elif isinstance(node, ast.Subscript):  # qs[:10]
            node = node.value
        else:
            return False


def _is_super_call(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"


class _Finder(ast.NodeVisitor):
    def __init__(self) -> None:
        self.found: list[tuple[int, str]] = []
        self.querysets: list[set[str]] = [set()]

    def _scope(self, node: ast.AST) -> None:
        self.querysets.append(set())
        self.generic_visit(node)
        self.querysets.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _scope

    def visit_Assign(self, node: ast.Assign) -> None:
        if _is_queryset(node.value, self.querysets[-1]):
            self.querysets[-1].update(t.id for t in node.targets if isinstance(t, ast.Name))
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute) and not _is_super_call(func.value):
            name = func.attr
            write = name in WRITES and not (name in NO_POSITIONAL and node.args)
            if write or (name == "update" and _is_queryset(func.value, self.querysets[-1])):
                self.found.append((node.lineno, ast.unparse(node)[:100]))
        self.generic_visit(node)


def writes_outside_services(root: Path) -> list[str]:
    """Every model write in the modules under ``root`` that are not allowed to write."""
    found = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if allowed(rel):
            continue
        finder = _Finder()
        finder.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        found += [f"{rel.as_posix()}:{line}: {text}" for line, text in finder.found]
    return found


def test_no_model_write_outside_services():
    found = writes_outside_services(ROOT)
    assert not found, "Model writes outside services (move each into the app's services.py):\n" + "\n".join(found)


def test_every_machinery_module_exists():
    """An exemption for a module that is gone would quietly cover a new one of the same name."""
    assert all((ROOT / rel).exists() for rel in MACHINERY)


PLANTED = """
from django.db import models

from .models import Thing


def view(request, form, book, out, cache, context):
    thing = Thing.objects.get(pk=1)
    thing.save()                                   # write
    thing.delete()                                 # write
    Thing.objects.create(name="x")                 # write
    Thing.objects.filter(pk=1).update(name="y")    # write
    Thing.objects.bulk_create([])                  # write
    Thing.objects.get_or_create(name="z")          # write
    thing.tag_set.update_or_create(name="t")       # write
    form.save(commit=True)                         # write (a model form)
    rows = Thing.objects.exclude(pk=2)
    rows.update(name="w")                          # write (a queryset held in a name)
    book.save(out)                                 # not: a workbook saved to a stream
    cache.delete("key")                            # not: a cache key
    context.update(name="v")                       # not: a dict
    seen = set()
    seen.update([1])                               # not: a set


class Thing(models.Model):
    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)              # not: the model's own save
"""


def _plant(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def test_the_test_finds_each_kind_of_write_and_nothing_else(tmp_path):
    _plant(tmp_path, "shop/views.py", PLANTED)
    found = writes_outside_services(tmp_path)
    planted = [
        n
        for n, line in enumerate(PLANTED.splitlines(), start=1)
        if line.rstrip().endswith("# write") or "# write (" in line
    ]
    assert [int(f.split(":")[1]) for f in found] == planted
    assert all(f.startswith("shop/views.py:") for f in found)


def test_the_test_lets_services_importers_examples_migrations_and_tests_write(tmp_path):
    for rel in [
        "shop/services.py",
        "shop/services/orders.py",
        "shop/price_import.py",
        "shop/example.py",
        "shop/example_more.py",
        "shop/management/commands/load_example.py",
        "shop/migrations/0002_data.py",
        "shop/tests/test_views.py",
        "core/audit.py",
    ]:
        _plant(tmp_path, rel, PLANTED)
    assert writes_outside_services(tmp_path) == []
    _plant(tmp_path, "shop/selectors.py", "def f(thing):\n    thing.save()\n")
    _plant(tmp_path, "shop/management/commands/import_prices.py", "def f(Thing):\n    Thing.objects.create()\n")
    assert writes_outside_services(tmp_path) == [
        "shop/management/commands/import_prices.py:2: Thing.objects.create()",
        "shop/selectors.py:2: thing.save()",
    ]
