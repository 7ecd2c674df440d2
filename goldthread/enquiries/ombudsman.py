"""The Local Government and Social Care Ombudsman's annual statistics per council, in a tidy layout
(area_code, area_name, period, complaints_decided, upheld), imported as two published metrics through
the benchmarking importer so they are benchmarked like any other: LGSCO_DECIDED (complaints and
enquiries decided) and LGSCO_UPHELD_RATE (the percentage of detailed investigations upheld, as the
Ombudsman reports it: upheld divided by decided here, since the tidy file gives those two figures)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction

from goldthread.benchmarking.metric_import import AreaMatcher, ImportSummary, MetricSpec, import_metric_file
from goldthread.core.safe_cells import csv_writer
from goldthread.core.tabular import ImportRejected, RowErrors, read_rows, require_columns
from goldthread.council.models import User
from goldthread.domain.complaints import percent_upheld

COLUMNS = ["area_code", "area_name", "period", "complaints_decided", "upheld"]
SOURCE = "Local Government and Social Care Ombudsman, annual review statistics"
LICENCE = "Open Government Licence v3.0"
DECIDED = MetricSpec(
    code="LGSCO_DECIDED",
    name="Ombudsman: complaints decided",
    unit="number",
    polarity="none",
    source=SOURCE,
    licence=LICENCE,
)
UPHELD_RATE = MetricSpec(
    code="LGSCO_UPHELD_RATE",
    name="Ombudsman: complaints upheld (% of decided)",
    unit="%",
    polarity="lower",
    source=SOURCE,
    licence=LICENCE,
)


def _whole(text: str, row: int, column: str, errors: RowErrors) -> int | None:
    try:
        number = Decimal(text.strip().replace(",", ""))
    except InvalidOperation:
        errors.add(row, column, f"'{text}' is not a number")
        return None
    if number < 0 or number != number.to_integral_value():
        errors.add(row, column, f"'{text}' is not a whole number of complaints")
        return None
    return int(number)


def _tidy(rows: Sequence[Sequence[object]]) -> bytes:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(["area_code", "area_name", "period", "value"])
    writer.writerows(rows)
    return out.getvalue().encode()


@dataclass(frozen=True)
class OmbudsmanRow:
    """One council's figures for one year, as the file gives them."""

    row: int
    area_code: str
    area_name: str
    period: str
    decided: int
    upheld: int


def check_ombudsman_file(content: bytes, filename: str) -> list[OmbudsmanRow]:
    """Every row, read and checked (within core.tabular's upload limits); ImportRejected lists every
    problem by row and column."""
    headers, rows = read_rows(content, filename)
    errors = RowErrors()
    cols = require_columns(headers, COLUMNS, errors)
    if errors:
        raise ImportRejected(errors)
    found = []
    areas = AreaMatcher()  # every unknown council is listed with the other problems, not after them
    for row in rows:
        cells = {c: row.get(cols[c]).strip() for c in COLUMNS}
        if areas.match(cells["area_code"], cells["area_name"]) is None:
            given = cells["area_code"] or cells["area_name"]
            errors.add(
                row.number,
                "area_code",
                f"{given!r} is not a local authority in the register" if given else "no area code or name",
            )
        decided = _whole(cells["complaints_decided"], row.number, "complaints_decided", errors)
        upheld = _whole(cells["upheld"], row.number, "upheld", errors)
        if decided is None or upheld is None:
            continue
        if upheld > decided:
            errors.add(row.number, "upheld", f"{upheld} upheld is more than the {decided} decided")
            continue
        found.append(OmbudsmanRow(row.number, cells["area_code"], cells["area_name"], cells["period"], decided, upheld))
    if errors:
        raise ImportRejected(errors)
    if not found:
        errors.add(None, "", "the file has no rows of figures")
        raise ImportRejected(errors)
    return found


def import_ombudsman_rows(rows: list[OmbudsmanRow], *, user: User | None = None) -> list[ImportSummary]:
    """Import checked rows as both metrics in one transaction (all or nothing)."""
    decided_rows, rate_rows = [], []
    for r in rows:
        place = [r.area_code, r.area_name, r.period]
        decided_rows.append([*place, r.decided])
        rate = percent_upheld(r.upheld, r.decided)  # no complaints decided: no rate, not 0%
        rate_rows.append([*place, "" if rate is None else str(rate)])
    try:
        with transaction.atomic():  # a problem in the second metric undoes the first
            return [
                import_metric_file(_tidy(decided_rows), "lgsco-decided.csv", "tidy", DECIDED, user=user),
                import_metric_file(_tidy(rate_rows), "lgsco-upheld-rate.csv", "tidy", UPHELD_RATE, user=user),
            ]
    except ImportRejected as exc:
        raise ImportRejected(_as_uploaded(exc.errors, rows)) from exc


def _as_uploaded(errors: RowErrors, rows: list[OmbudsmanRow]) -> RowErrors:
    """The metric importer numbers the rows of the file made from ``rows`` (header is row 1): name the
    rows and columns of the file the person uploaded instead."""
    renamed = RowErrors()
    for e in errors:
        index = (e.row or 0) - 2
        row = rows[index].row if e.row is not None and 0 <= index < len(rows) else e.row
        renamed.add(row, "complaints_decided or upheld" if e.column == "value" else e.column, e.message)
    return renamed


def import_ombudsman_file(content: bytes, filename: str, *, user: User | None = None) -> list[ImportSummary]:
    """Check every row, then import both metrics in one transaction (all or nothing)."""
    return import_ombudsman_rows(check_ombudsman_file(content, filename), user=user)
