"""The domain rules are plain Python: no module in goldthread/domain may import Django."""

import ast
from pathlib import Path

DOMAIN = Path(__file__).resolve().parent.parent


def _modules():
    return sorted(p for p in DOMAIN.rglob("*.py") if "tests" not in p.relative_to(DOMAIN).parts)


def _imported_names(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level >= 2:
            names.append("goldthread." + (node.module or ""))  # reaching out of goldthread/domain
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__" and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                names.append(arg.value)
    return names


def test_the_domain_has_modules_to_check():
    assert {p.name for p in _modules()} >= {"periods.py", "rag.py", "rollup.py"}


def test_no_domain_module_imports_django():
    offenders = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for name in _imported_names(tree):
            if (
                name == "django"
                or name.startswith("django.")
                or name.startswith("goldthread.")
                and (name.split(".")[1] not in {"domain"})
            ):
                offenders.append(f"{path.relative_to(DOMAIN)} imports {name}")
    assert not offenders, "Domain modules must not import Django or the Django apps: " + "; ".join(offenders)


def test_the_scan_would_catch_an_import():
    assert "django.db" in _imported_names(ast.parse("from django.db import models"))
    assert "django" in _imported_names(ast.parse("import django"))
    assert "goldthread.core" in _imported_names(ast.parse("from ..core import audit"))
    assert "django.apps" in _imported_names(ast.parse("__import__('django.apps')"))
