"""Read and check an HR extract. Every row is validated before anything is written; the
service in ``services.py`` writes the checked rows inside one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.text import slugify

from goldthread.core.tabular import RowErrors, normalise_header
from goldthread.council.models import Directorate
from goldthread.domain.appraisals import management_cycles

COLUMNS = {
    "employee number": ["employee number", "employee no", "employee id"],
    "name": ["name", "full name", "employee name"],
    "job title": ["job title", "post", "post title"],
    "directorate": ["directorate"],
    "service": ["service", "team"],
    "manager employee number": [
        "manager employee number",
        "manager's employee number",
        "managers employee number",
        "manager number",
        "line manager employee number",
    ],
    "start date": ["start date"],
    "leaving date": ["leaving date", "leave date", "end date"],
    "absence": ["absence", "absence flag", "long-term absence", "long term absence"],
}
REQUIRED = ["employee number", "name", "directorate", "manager employee number", "start date"]
TRUE = {"y", "yes", "true", "1", "ltab", "long-term", "long term"}
FALSE = {"", "n", "no", "false", "0"}


@dataclass
class StaffRow:
    row: int
    employee_number: str
    name: str
    job_title: str
    directorate: Directorate
    service_name: str
    manager_number: str
    start_date: dt.date
    leaving_date: dt.date | None
    long_term_absence: bool


def map_columns(headers: list[str], errors: RowErrors) -> dict[str, str]:
    by_norm = {normalise_header(h).replace("’", "'"): h for h in headers if h}
    found = {}
    for wanted, aliases in COLUMNS.items():
        header = next((by_norm[a] for a in aliases if a in by_norm), None)
        if header is not None:
            found[wanted] = header
        elif wanted in REQUIRED:
            seen = ", ".join(h for h in headers if h) or "none"
            errors.add(None, wanted, f"this column is missing from the header row (the columns found: {seen})")
    return found


def parse_date(text: str) -> dt.date:
    text = text.strip()[:10]
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"'{text}' is not a date (use YYYY-MM-DD or DD/MM/YYYY)")


def check_rows(rows, columns: dict[str, str], directorates: dict, known_numbers: dict[str, str | None], errors):
    """Checked rows, with every problem added to ``errors``. ``known_numbers`` maps employee
    numbers already on record to their manager's number, for the chain check."""
    checked: list[StaffRow] = []
    first_row: dict[str, int] = {}
    for row in rows:
        item = _check_row(row, columns, directorates, errors)
        if item is None:
            continue
        if item.employee_number in first_row:
            errors.add(
                row.number,
                "employee number",
                f"{item.employee_number} appears twice (first on row {first_row[item.employee_number]})",
            )
            continue
        first_row[item.employee_number] = row.number
        checked.append(item)
    _check_managers(checked, known_numbers, errors)
    return checked


def _cell(row, columns, name) -> str:
    return row.get(columns[name]).strip() if name in columns else ""


def _date_cell(row, columns, column: str, errors: RowErrors, *, required: bool) -> dt.date | None:
    """The cell as a date; None when it is blank or not a date (then, or when a required one is blank,
    the error says so)."""
    text = _cell(row, columns, column)
    if not text:
        if required:
            errors.add(row.number, column, "is blank")
        return None
    try:
        return parse_date(text)
    except ValueError as exc:
        errors.add(row.number, column, str(exc))
        return None


def _check_row(row, columns, directorates, errors) -> StaffRow | None:
    before = len(errors)
    number = _cell(row, columns, "employee number")
    name = _cell(row, columns, "name")
    if not number:
        errors.add(row.number, "employee number", "is blank")
    if not name:
        errors.add(row.number, "name", "is blank")
    dir_text = _cell(row, columns, "directorate")
    directorate = directorates.get(dir_text.lower()) or directorates.get(slugify(dir_text))
    if directorate is None:
        errors.add(row.number, "directorate", f"'{dir_text}' is not a directorate of this council")
    start = _date_cell(row, columns, "start date", errors, required=True)
    leaving = _date_cell(row, columns, "leaving date", errors, required=False)
    if start and leaving and leaving < start:
        errors.add(row.number, "leaving date", "is before the start date")
    absence = _cell(row, columns, "absence").lower()
    if absence not in TRUE | FALSE:
        errors.add(row.number, "absence", f"'{absence}' is not yes or no")
    if len(errors) > before or start is None:  # no start date only when an error says why
        return None
    return StaffRow(
        row=row.number,
        employee_number=number,
        name=name,
        job_title=_cell(row, columns, "job title"),
        directorate=directorate,
        service_name=_cell(row, columns, "service"),
        manager_number=_cell(row, columns, "manager employee number"),
        start_date=start,
        leaving_date=leaving,
        long_term_absence=absence in TRUE,
    )


def _check_managers(checked: list[StaffRow], known_numbers: dict[str, str | None], errors: RowErrors) -> None:
    in_file = {r.employee_number for r in checked}
    chain = dict(known_numbers)
    for item in checked:
        if item.manager_number and item.manager_number not in in_file and item.manager_number not in known_numbers:
            errors.add(
                item.row,
                "manager employee number",
                f"{item.manager_number} is not in this file or in the staff records",
            )
        chain[item.employee_number] = item.manager_number or None
    rows_by_number = {r.employee_number: r.row for r in checked}
    for loop in management_cycles(chain):
        described = " manages ".join([*loop, loop[0]][::-1]) if len(loop) > 1 else f"{loop[0]} manages themselves"
        for number in loop:
            if number in rows_by_number:
                errors.add(
                    rows_by_number[number], "manager employee number", f"a loop in the management chain: {described}"
                )
