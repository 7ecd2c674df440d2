"""Read uploaded CSV or XLSX files as rows, and collect row-level errors.

Every import in Goldthread works the same way: read every row, validate every row,
collect every problem (row number, column, reason), and write nothing unless there
are no problems at all. ``RowErrors`` carries the problems to the error page.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


class TabularError(ValueError):
    """The file as a whole cannot be read (wrong type, no header, empty)."""


@dataclass(frozen=True)
class Row:
    number: int  # the row number a person sees in a spreadsheet (header is row 1)
    data: dict[str, str]

    def get(self, column: str, default: str = "") -> str:
        value = self.data.get(column)
        return default if value is None else value


@dataclass(frozen=True)
class RowError:
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = f"Row {self.row}" if self.row is not None else "File"
        column = f", column '{self.column}'" if self.column else ""
        return f"{where}{column}: {self.message}"


@dataclass
class RowErrors:
    errors: list[RowError] = field(default_factory=list)

    def add(self, row: int | None, column: str, message: str) -> None:
        self.errors.append(RowError(row, column, message))

    def __bool__(self) -> bool:
        return bool(self.errors)

    def __len__(self) -> int:
        return len(self.errors)

    def __iter__(self):
        return iter(self.errors)

    def as_dicts(self) -> list[dict]:
        return [{"row": e.row, "column": e.column, "message": e.message} for e in self.errors]


class ImportRejected(Exception):
    """Raised by an import that found problems; nothing was written."""

    def __init__(self, errors: RowErrors):
        self.errors = errors
        super().__init__(f"{len(errors)} problem(s) found; nothing was imported")


def normalise_header(name: str) -> str:
    return " ".join(str(name or "").strip().lower().replace("_", " ").split())


def read_rows(content: bytes, filename: str, *, sheet: str | None = None) -> tuple[list[str], list[Row]]:
    """Headers (as written) and rows of a CSV or XLSX file. Blank rows are skipped."""
    suffix = Path(filename).suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        headers, raw = _read_xlsx(content, sheet)
    elif suffix in {".csv", ".txt", ""}:
        headers, raw = _read_csv(content)
    else:
        raise TabularError(f"{filename} is not a CSV or Excel (.xlsx) file")
    headers = [str(h).strip() if h is not None else "" for h in headers]
    if not any(headers):
        raise TabularError("The file has no header row")
    rows = []
    for number, values in raw:
        cells = ["" if v is None else _cell_text(v) for v in values]
        if not any(c.strip() for c in cells):
            continue
        rows.append(Row(number, {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(headers) if h}))
    return headers, rows


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10] if value.__class__.__name__ in {"datetime", "date"} else value.isoformat()
    return str(value)


def _read_csv(content: bytes) -> tuple[list[str], Iterator[tuple[int, list]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252")
    reader = csv.reader(io.StringIO(text))
    try:
        headers = next(reader)
    except StopIteration as exc:
        raise TabularError("The file is empty") from exc
    return headers, ((i, row) for i, row in enumerate(reader, start=2))


def _read_xlsx(content: bytes, sheet: str | None) -> tuple[list[str], list[tuple[int, list]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise TabularError(f"The file could not be read as an Excel workbook ({exc.__class__.__name__})") from exc
    ws = book[sheet] if sheet else book.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    try:
        headers = list(next(rows))
    except StopIteration as exc:
        raise TabularError("The workbook's first sheet is empty") from exc
    data = [(i, list(r)) for i, r in enumerate(rows, start=2)]
    book.close()
    return headers, data


def require_columns(headers: list[str], required: list[str], errors: RowErrors) -> dict[str, str]:
    """Map each wanted column (normalised) to the header as written; record missing ones."""
    by_norm = {normalise_header(h): h for h in headers if h}
    found = {}
    for column in required:
        header = by_norm.get(normalise_header(column))
        if header is None:
            errors.add(None, column, "this column is missing from the header row")
        else:
            found[column] = header
    return found
