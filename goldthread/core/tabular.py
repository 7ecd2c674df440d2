"""Read uploaded CSV or XLSX files as rows, and collect row-level errors.

Every import in Goldthread works the same way: read every row, validate every row,
collect every problem (row number, column, reason), and write nothing unless there
are no problems at all. ``RowErrors`` carries the problems to the error page.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

MB = 1024 * 1024


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


# The most rows each kind of file may have (settings; see docs in settings/base.py).
ROW_LIMITS = {"upload": "GOLDTHREAD_UPLOAD_MAX_ROWS", "national": "GOLDTHREAD_IMPORT_MAX_ROWS"}
MAX_NUL_ERRORS = 50  # stop listing NUL characters after this many: the file is clearly not text


def row_limit(kind: str = "upload") -> tuple[int, str]:
    """The most data rows a file of this kind may have, and where that limit comes from."""
    name = ROW_LIMITS[kind]
    return int(getattr(settings, name)), f"setting {name}"


def read_rows(
    content: bytes, filename: str, *, sheet: str | None = None, limit: str = "upload"
) -> tuple[list[str], list[Row]]:
    """Headers (as written) and rows of a CSV or XLSX file. Blank rows are skipped.

    Refuses (TabularError) a file over the row, column or decompressed-size limits before reading
    past them, and (ImportRejected) cells holding a NUL character, which no database text may hold."""
    suffix = Path(filename).suffix.lower()
    max_rows, setting = row_limit(limit)
    raw: Iterable[tuple[int, Sequence[Any]]]
    if suffix in {".xlsx", ".xlsm"}:
        headers, raw = _read_xlsx(content, sheet, max_rows, setting)
    elif suffix in {".csv", ".txt", ""}:
        headers, raw = csv_table(content, max_rows, setting)
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


def _nul_errors(text, max_rows: int, setting: str) -> RowErrors:
    """Every cell (up to MAX_NUL_ERRORS) holding a NUL character, by row and column."""
    errors = RowErrors()
    headers, rows = _csv_records(text, max_rows, setting)
    for number, cells in [(1, headers), *rows]:
        for i, cell in enumerate(cells):
            if "\x00" in cell and len(errors) < MAX_NUL_ERRORS:
                column = headers[i].replace("\x00", "").strip() if i < len(headers) else ""
                errors.add(
                    number, column or f"column {i + 1}", "contains a NUL character (byte 0x00), not allowed in text"
                )
    return errors


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10] if value.__class__.__name__ in {"datetime", "date"} else value.isoformat()
    return str(value)


# --- CSV ----------------------------------------------------------------------------------------


CHUNK = 1 << 20  # check and decode text a megabyte at a time: a large CSV is never held as one string


def text_encoding(content: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252 as Excel writes a plain 'CSV'.
    A byte neither can read is reported with the line it is on."""
    view = memoryview(content)
    for encoding in ("utf-8", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            for start in range(0, len(content), CHUNK):
                decoder.decode(view[start : start + CHUNK])
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return "utf-8-sig" if encoding == "utf-8" else encoding
    try:  # only to find where: the file is refused either way
        content.decode("utf-8")
    except UnicodeDecodeError as exc:
        at = exc.start
    line = content.count(b"\n", 0, at) + 1
    raise TabularError(
        f"Line {line}: byte 0x{content[at]:02X} (position {at + 1} in the file) is not text in UTF-8 "
        "or Windows-1252. Save the file as UTF-8 (in Excel: 'CSV UTF-8') and try again."
    )


def decode_text(content: bytes) -> str:
    return content.decode(text_encoding(content))


def _text_stream(content: bytes, encoding: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(content), encoding=encoding, newline="")


def csv_table(content: bytes, max_rows: int, setting: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """Header and (row number, cells) of a CSV file, read lazily; raises TabularError for a record
    the csv module cannot read (a field over its 128 KB limit, a stray quote) or a file over the limits,
    and ImportRejected listing the cells that hold a NUL character (no database text may hold one)."""
    encoding = text_encoding(content)
    if b"\x00" in content:  # one fast scan of the bytes (NUL is byte 0 in both encodings); only then look where
        errors = _nul_errors(_text_stream(content, encoding), max_rows, setting)
        if errors:
            raise ImportRejected(errors)
    return _csv_records(_text_stream(content, encoding), max_rows, setting)


def _csv_records(text, max_rows: int, setting: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    reader = csv.reader(text)
    max_columns = int(settings.GOLDTHREAD_UPLOAD_MAX_COLUMNS)
    try:
        headers = next(reader)
    except StopIteration as exc:
        raise TabularError("The file is empty") from exc
    except csv.Error as exc:
        raise _csv_error(1, reader.line_num, exc) from None
    _check_width(1, len(headers), max_columns)

    def rows():
        number = 1
        try:
            for number, cells in enumerate(reader, start=2):  # noqa: B007 (number is read after an error)
                if number > max_rows + 1:
                    raise _too_many_rows(max_rows, setting)
                if len(cells) > max_columns:
                    _check_width(number, len(cells), max_columns)
                yield number, cells
        except csv.Error as exc:
            raise _csv_error(number + 1, reader.line_num, exc) from None

    return headers, rows()


def _csv_error(number: int, line: int, exc: csv.Error) -> TabularError:
    reason = str(exc)
    if "field larger than field limit" in reason:
        reason = f"a field is longer than {csv.field_size_limit():,} characters, the most one cell may hold"
    return TabularError(f"Row {number} (line {line} of the file): the CSV cannot be read: {reason}")


def _too_many_rows(max_rows: int, setting: str) -> TabularError:
    return TabularError(
        f"The file has more than {max_rows:,} rows, the most this import accepts ({setting}). "
        "Split it into smaller files."
    )


def _check_width(number: int, width: int, max_columns: int) -> None:
    if width > max_columns:
        raise TabularError(
            f"Row {number} has values in more than {max_columns:,} columns, the most a file may have "
            "(setting GOLDTHREAD_UPLOAD_MAX_COLUMNS)."
        )


# --- XLSX ---------------------------------------------------------------------------------------


def check_archive(content: bytes, what: str = "an Excel (.xlsx) workbook") -> None:
    """Refuse a file that is not a zip archive, or whose members would expand past the limits, before
    anything is decompressed: the sizes come from the archive's directory, and Python's zipfile stops
    (with a CRC error) at a member's declared size, so they cannot be lied about."""
    max_bytes = int(settings.GOLDTHREAD_UPLOAD_MAX_EXPANDED_BYTES)
    max_ratio = int(settings.GOLDTHREAD_UPLOAD_MAX_COMPRESSION_RATIO)
    if not content.startswith(b"PK\x03\x04"):
        raise TabularError(f"The file is not {what}: it is not a zip archive, as every such file is.")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise TabularError(f"The file is not {what}: the zip archive is damaged ({exc}).") from None
    expanded = sum(m.file_size for m in members)
    if expanded > max_bytes:
        raise TabularError(
            f"The file would expand to {expanded / MB:,.0f} MB when opened; the most allowed is "
            f"{max_bytes / MB:,.0f} MB (setting GOLDTHREAD_UPLOAD_MAX_EXPANDED_BYTES). "
            "Split it into smaller files, or save large tables as CSV."
        )
    for m in members:
        if m.file_size > MB and m.file_size > max_ratio * max(m.compress_size, 1):
            raise TabularError(
                f"The file's part {m.filename!r} is compressed {m.file_size // max(m.compress_size, 1):,} times; "
                f"the most allowed is {max_ratio:,} (setting GOLDTHREAD_UPLOAD_MAX_COMPRESSION_RATIO). "
                "A spreadsheet compressed that much is usually built to overload a server."
            )


def open_workbook(content: bytes):
    """An openpyxl workbook in read-only (streaming) mode, after the archive checks."""
    from openpyxl import load_workbook

    check_archive(content)
    try:
        return load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise TabularError("The file could not be read as an Excel workbook: save it again as .xlsx or as CSV") from exc


def sheet_rows(ws, max_rows: int, setting: str) -> Iterator[tuple]:
    """A read-only sheet's rows (values), streamed, refusing more than ``max_rows`` rows after the first
    and more than GOLDTHREAD_UPLOAD_MAX_COLUMNS columns. A sheet's declared size is not trusted: openpyxl
    pads every row to it, so the padding is capped."""
    max_columns = int(settings.GOLDTHREAD_UPLOAD_MAX_COLUMNS)
    declared = ws.max_column if isinstance(ws.max_column, int) else None
    width = min(declared, max_columns + 1) if declared else None
    try:
        for number, values in enumerate(ws.iter_rows(max_row=max_rows + 2, max_col=width, values_only=True), 1):
            if number > max_rows + 1:
                if any(v is not None for v in values):
                    raise _too_many_rows(max_rows, setting)
                continue
            if len(values) > max_columns:
                if any(v is not None for v in values[max_columns:]):
                    _check_width(number, len(values), max_columns)
                values = values[:max_columns]
            yield values
    except (TabularError, ImportRejected):
        raise
    except Exception as exc:  # a damaged sheet fails part-way through, in many ways
        raise TabularError("The workbook is damaged and could not be read: save it again as .xlsx or as CSV") from exc


def _read_xlsx(content: bytes, sheet: str | None, max_rows: int, setting: str) -> tuple[list[str], list[tuple]]:
    book = open_workbook(content)
    try:
        if sheet and sheet not in book.sheetnames:
            raise TabularError(f"The workbook has no sheet named {sheet!r}")
        ws = book[sheet] if sheet else book.worksheets[0]
        rows = sheet_rows(ws, max_rows, setting)
        try:
            headers = list(next(rows))
        except StopIteration as exc:
            raise TabularError("The workbook's first sheet is empty") from exc
        data = [(i, list(r)) for i, r in enumerate(rows, start=2)]
    finally:
        book.close()
    return headers, data


def require_columns(headers: list[str], required: list[str], errors: RowErrors) -> dict[str, str]:
    """Map each wanted column (normalised) to the header as written; record missing ones."""
    by_norm = {normalise_header(h): h for h in headers if h}
    found = {}
    for column in required:
        header = by_norm.get(normalise_header(column))
        if header is None:
            seen = ", ".join(h for h in headers if h) or "none"
            errors.add(None, column, f"this column is missing from the header row (the columns found: {seen})")
        else:
            found[column] = header
    return found
