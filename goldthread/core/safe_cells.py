"""The one place Goldthread writes spreadsheets and CSV files, so that no text a person typed can run
as a formula when the file is opened (CSV or formula injection).

OWASP's advice for CSV: a field that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is written with a single quote in front, so a spreadsheet shows it as text. Numbers stay
numbers: a number value is never touched, and text that is just a number ("-5", "-£1,200.50",
"-3.5%") is left as it is, since no spreadsheet runs it.

In an .xlsx file every cell carries its type, so formula-looking text is written as a text cell with
Excel's "quote prefix" flag (the same thing a typed leading apostrophe does) and keeps its exact
characters: openpyxl would otherwise store any text beginning with ``=`` as a live formula.

A structural test (goldthread/core/tests/test_safe_cells.py) fails if a CSV writer or an openpyxl
Workbook is made anywhere else.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Text a spreadsheet reads as a plain number (no operator after the sign), so it is safe as it is.
PLAIN_NUMBER = re.compile(r"[-+]?[£$€]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?%?")


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(TRIGGERS) and not PLAIN_NUMBER.fullmatch(value)


def csv_field(value: Any) -> Any:
    """A value as it may go into a CSV file: formula-looking text gets a leading single quote."""
    return "'" + value if is_formula_like(value) else value


class SafeCsvWriter:
    """``csv.writer`` whose every field passes through ``csv_field``."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow([csv_field(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(stream, **options) -> SafeCsvWriter:
    return SafeCsvWriter(stream, **options)


def new_workbook():
    """An empty openpyxl workbook (with its default first sheet); save it with ``workbook_bytes``."""
    from openpyxl import Workbook

    return Workbook()


def make_cell_inert(cell) -> None:
    """Make one openpyxl cell's formula-looking text a plain text cell, keeping its characters."""
    value = cell.value
    if isinstance(value, str) and (cell.data_type == "f" or value.startswith(TRIGGERS)):
        if PLAIN_NUMBER.fullmatch(value):
            return
        cell.data_type = "s"
        cell.quotePrefix = True


def workbook_bytes(book) -> bytes:
    """The .xlsx file of ``book``, after every cell of every sheet is made inert: however a cell was
    filled (``append``, ``cell(value=...)``, ``ws["A1"] = ...``), no text goes out as a formula."""
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                make_cell_inert(cell)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
