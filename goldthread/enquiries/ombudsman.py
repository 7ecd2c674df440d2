"""The Local Government and Social Care Ombudsman's annual statistics per council, in a tidy layout
(area_code, area_name, period, complaints_decided, upheld), imported as two published metrics through
the benchmarking importer so they are benchmarked like any other: LGSCO_DECIDED (complaints and
enquiries decided) and LGSCO_UPHELD_RATE (the percentage of detailed investigations upheld, as the
Ombudsman reports it: upheld divided by decided here, since the tidy file gives those two figures)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from django.db import transaction

from goldthread.benchmarking.metric_import import ImportSummary, MetricSpec, import_metric_file
from goldthread.core.safe_cells import csv_writer
from goldthread.core.tabular import ImportRejected, RowErrors, read_rows, require_columns

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


def import_ombudsman_file(content: bytes, filename: str, *, user=None) -> list[ImportSummary]:
    """Check every row, then import both metrics in one transaction (all or nothing)."""
    headers, rows = read_rows(content, filename)
    errors = RowErrors()
    cols = require_columns(headers, COLUMNS, errors)
    if errors:
        raise ImportRejected(errors)
    decided_rows, rate_rows = [], []
    for row in rows:
        cells = {c: row.get(cols[c]).strip() for c in COLUMNS}
        decided = _whole(cells["complaints_decided"], row.number, "complaints_decided", errors)
        upheld = _whole(cells["upheld"], row.number, "upheld", errors)
        if decided is None or upheld is None:
            continue
        if upheld > decided:
            errors.add(row.number, "upheld", f"{upheld} upheld is more than the {decided} decided")
            continue
        place = [cells["area_code"], cells["area_name"], cells["period"]]
        decided_rows.append([*place, decided])
        rate = "" if decided == 0 else f"{Decimal(100 * upheld) / decided:.1f}"
        rate_rows.append([*place, rate])
    if errors:
        raise ImportRejected(errors)
    with transaction.atomic():  # a problem in the second metric undoes the first
        return [
            import_metric_file(_tidy(decided_rows), "lgsco-decided.csv", "tidy", DECIDED, user=user),
            import_metric_file(_tidy(rate_rows), "lgsco-upheld-rate.csv", "tidy", UPHELD_RATE, user=user),
        ]
