"""Read MHCLG Revenue Outturn Summary (RS) "data by LA" workbooks as government publishes them,
and turn them into published metrics for every authority.

Layout (2015-16 to 2017-18): a sheet named "RS LA Data <year>"; its title in A1 names the year
("Revenue Outturn (RO) 2015-16: ..."); a row of section headings ("Reserves at 1 April 2015",
"Reserves at 31 March 2016": one heading per merged group, so it carries to the right); a row
of RS line numbers (805, 890, 911, 914, 915, 916 ...); a header row starting "E-code", "ONS
Code", "Local authority", then one row per authority. "…" marks a figure not available (e.g. an
authority whose figures were imputed). Values are in £ thousand.

Anything else is reported, naming the file, sheet and cell, rather than guessed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from goldthread.core.tabular import TabularError, open_workbook, sheet_rows
from goldthread.domain import finance_indicators as fi

NOT_AVAILABLE = {"…", "...", "..", "-", "x", "n/a", ""}
LINES = (805, 890, 915, 916)
SOURCE = (
    "MHCLG, Local authority revenue expenditure and financing: Revenue Outturn Summary (RS) data by local authority"
)
LICENCE = "Crown copyright. Contains public sector information licensed under the Open Government Licence v3.0."

# code: (name, unit, polarity, definition)
METRICS = {
    "RO-NRE": (
        "Net revenue expenditure",
        "£ thousand",
        "none",
        "Net revenue expenditure (RS line 805), £ thousand, from the Revenue Outturn Summary.",
    ),
    "RO-CTR": (
        "Council tax requirement",
        "£ thousand",
        "none",
        "Council tax requirement (RS line 890), £ thousand.",
    ),
    "RO-RES-EARMARKED": (
        "Other earmarked reserves at 31 March",
        "£ thousand",
        "higher",
        "Other earmarked financial reserves level at 31 March (RS line 915), £ thousand. Excludes schools and "
        "public health reserves, which are ring-fenced.",
    ),
    "RO-RES-UNALLOCATED": (
        "Unallocated reserves at 31 March",
        "£ thousand",
        "higher",
        "Unallocated financial reserves level at 31 March (RS line 916), £ thousand: the general fund balance.",
    ),
    "RES-LEVEL": (
        "Level of reserves as a percentage of net revenue expenditure",
        "%",
        "higher",
        "(Other earmarked reserves (line 915) + unallocated reserves (line 916) at 31 March) ÷ net revenue "
        "expenditure (line 805) × 100.",
    ),
    "RES-CHANGE": (
        "Change in reserves during the year",
        "%",
        "higher",
        "(Lines 915 + 916 at 31 March − lines 915 + 916 at 1 April) ÷ (lines 915 + 916 at 1 April) × 100, from "
        "the same year's workbook. Negative: reserves were drawn down.",
    ),
    "CT-SHARE": (
        "Council tax requirement as a percentage of net revenue expenditure",
        "%",
        "none",
        "Council tax requirement (line 890) ÷ net revenue expenditure (line 805) × 100: how much of the "
        "council's spending its own council tax pays for.",
    ),
}


class OutturnError(ValueError):
    """A workbook we cannot read, with where and why."""


@dataclass
class Authority:
    ecode: str
    ons_code: str
    name: str
    la_class: str
    lines: dict[str, Decimal | None]  # "805", "890", "911_start" ... "916_end" (reserves at 1 April / 31 March)

    def indicators(self) -> dict[str, Decimal | None]:
        g = self.lines.get
        return {
            "RO-NRE": g("805"),
            "RO-CTR": g("890"),
            "RO-RES-EARMARKED": g("915_end"),
            "RO-RES-UNALLOCATED": g("916_end"),
            "RES-LEVEL": fi.reserves_level(g("915_end"), g("916_end"), g("805")),
            "RES-CHANGE": fi.reserves_change(
                fi.usable_reserves(g("915_start"), g("916_start")), fi.usable_reserves(g("915_end"), g("916_end"))
            ),
            "CT-SHARE": fi.council_tax_share(g("890"), g("805")),
        }


@dataclass
class Workbook:
    filename: str
    sha256: str
    year: str
    provisional: bool
    authorities: list[Authority] = field(default_factory=list)


# An RS workbook has about 450 authority rows and 250 columns; anything far larger is not one.
MAX_OUTTURN_ROWS = 5000


def read_workbook(path: Path | str) -> Workbook:
    path = Path(path)
    name = path.name
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise OutturnError(f"{name}: no such file") from exc
    except OSError as exc:
        raise OutturnError(f"{name}: cannot be read ({exc})") from exc
    try:
        book = open_workbook(data)  # refuses a non-zip, damaged or over-expanding file before opening it
    except TabularError as exc:
        raise OutturnError(f"{name}: not an Excel workbook Goldthread can read. {exc}") from exc
    try:
        sheet = next((ws for ws in book.worksheets if ws.title.startswith("RS LA Data")), None)
        if sheet is None:
            raise OutturnError(f"{name}: no sheet named 'RS LA Data <year>' (sheets: {', '.join(book.sheetnames)})")
        try:
            rows = list(sheet_rows(sheet, MAX_OUTTURN_ROWS, "more than any RS workbook has"))
        except TabularError as exc:
            raise OutturnError(f"{name}, sheet '{sheet.title}': {exc}") from exc
    finally:
        book.close()
    return _parse(name, hashlib.sha256(data).hexdigest(), sheet.title, rows)


def _parse(name: str, sha: str, sheet: str, rows: list[tuple]) -> Workbook:
    where = f"{name}, sheet '{sheet}'"
    title = str(rows[0][0] or "") if rows and rows[0] else ""
    m = re.search(r"(\d{4})-(\d{2})\b", title)
    if not m:
        raise OutturnError(f"{where}, cell A1: cannot find the year in the title {title!r}")
    year = f"{m.group(1)}-{m.group(2)}"
    header = next((i for i, r in enumerate(rows) if r and str(r[0] or "").strip().lower() == "e-code"), None)
    if header is None or header < 2:
        raise OutturnError(f"{where}: no header row starting 'E-code' in column A")
    cols = [str(c or "").strip().lower() for c in rows[header]]
    if cols[1:3] != ["ons code", "local authority"]:
        raise OutturnError(
            f"{where}, row {header + 1}: expected columns 'E-code', 'ONS Code', 'Local authority'; "
            f"found {rows[header][:3]}"
        )
    class_col = cols.index("class") if "class" in cols else None
    columns = _line_columns(where, rows[header - 1], rows[header - 2], rows[header], year)
    provisional = "prov" in name.lower() or any(
        "provisional" in str(c).lower() for r in rows[:header] for c in r if c is not None
    )
    book = Workbook(name, sha, year, provisional)
    problems = []
    for i in range(header + 1, len(rows)):
        row = rows[i]
        ecode = str(row[0] or "").strip() if row else ""
        if not re.fullmatch(r"E\d{4}", ecode):
            continue  # blank rows, notes and sources below the table
        lines = {}
        for key, col in columns.items():
            try:
                lines[key] = _number(row[col] if col < len(row) else None)
            except ValueError:
                problems.append(f"cell {_cell(col, i)} ({row[2]}, line {key}): {row[col]!r} is not a number")
        book.authorities.append(
            Authority(
                ecode=ecode,
                ons_code=str(row[1] or "").strip().upper(),
                name=str(row[2] or "").strip(),
                la_class=str(row[class_col] or "").strip() if class_col is not None else "",
                lines=lines,
            )
        )
    if problems:
        raise OutturnError(f"{where}: " + "; ".join(problems[:20]) + (" and more" if len(problems) > 20 else ""))
    if not book.authorities:
        raise OutturnError(f"{where}: no authority rows (ecodes like E4304) below the header")
    return book


def _line_columns(where: str, line_row: tuple, section_row: tuple, header_row: tuple, year: str) -> dict[str, int]:
    """Where each RS line sits. Reserves lines appear twice: under 'Reserves at 1 April' and
    'Reserves at 31 March' (section headings carry right across their merged group)."""
    found: dict[str, int] = {}
    section = ""
    for col, number in enumerate(line_row):
        if col < len(section_row) and section_row[col]:
            section = str(section_row[col]).lower()
        label = str(header_row[col] or "").lower() if col < len(header_row) else ""
        if number in (805, 890):
            found.setdefault(str(number), col)
        elif number in (911, 914, 915, 916):
            if "1 april" in section or "1 april" in label:
                key = f"{number}_start"
            elif "31 march" in section or "31 march" in label:
                key = f"{number}_end"
            else:
                raise OutturnError(
                    f"{where}, column {_col(col)}: line {number} is not under 'Reserves at 1 April' or 'at 31 March'"
                )
            if key in found:
                raise OutturnError(f"{where}, column {_col(col)}: line {number} appears twice under the same date")
            found[key] = col
    needed = ["805", "890"] + [f"{n}_{w}" for n in (911, 914, 915, 916) for w in ("start", "end")]
    missing = [k for k in needed if k not in found]
    if missing:
        words = ", ".join(k.replace("_start", " at 1 April").replace("_end", " at 31 March") for k in missing)
        raise OutturnError(f"{where}: cannot find RS line(s) {words} in the row of line numbers")
    return found


def _number(value) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, int | float):
        return Decimal(str(value)).quantize(Decimal("0.000001"))
    text = str(value).strip()
    if text.lower() in NOT_AVAILABLE:
        return None
    try:
        return Decimal(text.replace(",", "")).quantize(Decimal("0.000001"))
    except InvalidOperation as exc:
        raise ValueError(text) from exc


def _col(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _cell(col: int, row_index: int) -> str:
    return f"{_col(col)}{row_index + 1}"
