"""Hostile files for the upload and import tests and bench/hostile_uploads.py: each one small to make
and to hold, each one something a careless reader would choke on."""

from __future__ import annotations

import functools
import io
import random
import zipfile
from dataclasses import dataclass

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_END = "</sheetData></worksheet>"
# One row of three inline-text cells with no row number: openpyxl counts rows without one.
ROW = '<row><c t="inlineStr"><is><t>M1</t></is></c><c t="inlineStr"><is><t>2023-24 Q1</t></is></c><c><v>1</v></c></row>'
HEADER = (
    '<row><c t="inlineStr"><is><t>measure_reference</t></is></c><c t="inlineStr"><is><t>period</t></is></c>'
    '<c t="inlineStr"><is><t>value</t></is></c></row>'
)


def xlsx_with_rows(rows: int, header: str = HEADER, row: str = ROW, sheet_name: str = "Sheet1") -> bytes:
    """A real .xlsx whose one sheet has ``rows`` identical rows after the header, written straight
    into the zip a megabyte at a time, so making it never holds the expanded sheet in memory."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK.replace('name="Sheet1"', f'name="{sheet_name}"'))
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write((SHEET_START + header).encode())
            per_chunk = max(1, (1 << 20) // len(row))
            chunk = (row * per_chunk).encode()
            left = rows
            while left >= per_chunk:
                sheet.write(chunk)
                left -= per_chunk
            sheet.write((row * left + SHEET_END).encode())
    return out.getvalue()


@functools.cache
def xlsx_bomb(rows: int = 3_000_000) -> bytes:
    """About a megabyte that expands to hundreds: the 3-million-row file of issue 13."""
    return xlsx_with_rows(rows)


def docx_bomb(expanded_mb: int = 200) -> bytes:
    """A .docx-named zip whose document part expands to ``expanded_mb`` megabytes of one paragraph."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b"<w:p><w:r><w:t>Recommendation</w:t></w:r></w:p>" * 20000
            for _ in range(expanded_mb * (1 << 20) // len(chunk)):
                part.write(chunk)
    return out.getvalue()


NOT_A_ZIP = b"measure_reference,period,value\nM1,2023-24 Q1,1\n"  # a CSV renamed .xlsx
BROKEN_ZIP = xlsx_with_rows(10)[:-40]  # a real workbook cut short: the zip directory is gone


def random_binary(size: int = 4096, seed: int = 13) -> bytes:
    return random.Random(seed).randbytes(size)


def invalid_bytes_csv(header: str) -> bytes:
    """A CSV whose third line has byte 0x81, which neither UTF-8 nor Windows-1252 can read."""
    return f"{header}\n".encode() + b"a,b,c\n" + b"x\x81y,b,c\n"


def long_field_csv(header: str, size: int = 200_000) -> bytes:
    return f'{header}\nx,"{"y" * size}",z\n'.encode()


def nul_cell_csv(header: str, row: str) -> bytes:
    """``row`` with a NUL inside its first cell."""
    return f"{header}\n{row[:1]}\x00{row[1:]}\n".encode()


@dataclass(frozen=True)
class Case:
    id: str
    filename: str
    content: bytes
    expected: str  # part of the message the person is shown

    def __repr__(self) -> str:  # keep pytest's ids and failure output short
        return f"Case({self.id})"


def cases(header: str, good_row: str, *, stem: str = "upload", xlsx: bool = True, csv: bool = True) -> list[Case]:
    """The hostile files of issue 13 for an upload whose CSV has ``header`` and rows like ``good_row``."""
    found = []
    if xlsx:
        found += [
            Case("zip-bomb", f"{stem}.xlsx", xlsx_bomb(), "would expand to 320 MB"),
            Case("not-a-zip", f"{stem}.xlsx", NOT_A_ZIP, "is not a zip archive"),
        ]
    if csv:
        found += [
            Case("byte-0x81", f"{stem}.csv", invalid_bytes_csv(header), "Line 3: byte 0x81"),
            Case("random-binary", f"{stem}.csv", random_binary(), "is not text in UTF-8 or Windows-1252"),
            Case("200kb-field", f"{stem}.csv", long_field_csv(header), "a field is longer than 131,072 characters"),
            Case("nul-in-a-cell", f"{stem}.csv", nul_cell_csv(header, good_row), "NUL character (byte 0x00)"),
        ]
    return found


def table_counts() -> dict[str, int]:
    """Rows in every table: equal before and after a refused upload means nothing changed."""
    from django.apps import apps

    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}
