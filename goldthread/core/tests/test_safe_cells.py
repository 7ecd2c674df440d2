"""One safe writer for every CSV and spreadsheet Goldthread makes; nothing else may make one."""

import ast
import csv
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from goldthread.core.safe_cells import csv_field, csv_writer, is_formula_like, new_workbook, workbook_bytes

PACKAGE = Path(__file__).resolve().parents[2]  # goldthread/
SAFE_MODULE = PACKAGE / "core" / "safe_cells.py"
UNSAFE = {("csv", "writer"), ("csv", "DictWriter"), ("openpyxl", "Workbook")}


def _product_modules():
    return sorted(p for p in PACKAGE.rglob("*.py") if "tests" not in p.relative_to(PACKAGE).parts)


def _writers_made(tree: ast.AST) -> list[str]:
    """Every way a module could make a CSV writer or an openpyxl workbook without the safe module."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "openpyxl":
            found += [f"from {node.module} import {a.name}" for a in node.names if a.name in {"Workbook", "*"}]
        if isinstance(node, ast.ImportFrom) and node.module == "csv":
            found += [f"from csv import {a.name}" for a in node.names if a.name in {"writer", "DictWriter", "*"}]
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and (node.value.id, node.attr) in UNSAFE
        ):
            found.append(f"{node.value.id}.{node.attr}")
    return found


def test_the_check_sees_every_way_of_making_a_writer():
    source = "from openpyxl import Workbook\nfrom csv import DictWriter\ncsv.writer(x)\nopenpyxl.Workbook()"
    assert len(_writers_made(ast.parse(source))) == 4


def test_no_module_but_the_safe_one_makes_a_csv_writer_or_a_workbook():
    modules = _product_modules()
    assert SAFE_MODULE in modules and len(modules) > 50
    offenders = {
        str(path.relative_to(PACKAGE)): made
        for path in modules
        if path != SAFE_MODULE and (made := _writers_made(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert offenders == {}, "make CSV and xlsx files with goldthread.core.safe_cells"


@pytest.mark.parametrize("text", ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x")'])
def test_formula_looking_text_is_quoted_in_csv(text):
    assert csv_field(text) == "'" + text


@pytest.mark.parametrize("value", ["-5", "-5.25", "-£1,200.50", "-3.5%", "+7", -5, Decimal("-2.5"), 3.0, None, "ok"])
def test_numbers_and_plain_text_stay_as_they_are(value):
    assert csv_field(value) == value


@given(st.text())
def test_no_quoted_field_can_start_a_formula_and_nothing_else_changes(text):
    field = csv_field(text)
    assert field == text or (field == "'" + text and is_formula_like(text))
    # a spreadsheet runs a field that begins with a trigger unless it is a plain number
    assert not field.startswith(("=", "@", "\t", "\r")) or not is_formula_like(field)


def test_the_csv_writer_quotes_each_field_and_keeps_numbers():
    out = io.StringIO()
    csv_writer(out).writerows([["=1+1", -5, "-5", "fine"]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["'=1+1", "-5", "-5", "fine"]]


def test_the_workbook_keeps_the_text_but_as_inert_text_cells():
    book = new_workbook()
    ws = book.active
    ws.append(["=1+1", "-5", -5, "@SUM(A1)", "\tx", "ok"])
    ws["A2"] = "=cmd|' /C calc'!A0"
    ws.cell(row=3, column=1, value="+1+1")
    data = workbook_bytes(book)
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml and b"<f " not in sheet_xml
    cells = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in cells[1]] == ["=1+1", "-5", -5, "@SUM(A1)", "\tx", "ok"]
    assert [c.data_type for c in cells[1]] == ["s", "s", "n", "s", "s", "s"]
    assert [c.quotePrefix for c in cells[1]] == [True, False, False, True, True, False]
    assert cells["A2"].data_type == "s" and cells["A3"].quotePrefix
