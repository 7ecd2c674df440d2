"""Read a published-metric file in any supported format, validate every row, then write all or nothing.

Formats:
  tidy           area_code, area_name, period, value (+ optional indicator, measure, unit columns)
  oflog          Oflog explorer layout: Financial year, Local authority code, Local authority name, ..., Code, Value
                 (one metric per Code)
  lginform-csv   LG Inform Plus API ``data`` CSV: "area label","area long label","area",<one column per period>
  lginform-json  LG Inform Plus API ``data`` JSON: rows with area.identifier, period.label, values[].value

A row's area is matched by code (current or former GSS code, ecode, register code), then by name.
Values under a former code land on the authority that now holds it; unknown areas are reported.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import connection, transaction

from goldthread.core.audit import record_change
from goldthread.core.models import Change
from goldthread.core.tabular import (
    ImportRejected,
    RowErrors,
    TabularError,
    csv_table,
    read_rows,
    require_columns,
    row_limit,
)
from goldthread.domain.periods import Granularity, Period, PeriodError, YearType, parse_period

from .models import AreaCode, MetricImport, MetricValue, PublishedMetric
from .register import normalise_name

FORMATS = ("tidy", "oflog", "lginform-csv", "lginform-json")
SIX_PLACES = Decimal("0.000001")
MISSING_MARKS = {"", "-", ".", "..", ":", "x", "[x]", "c", "[c]", "z", "[z]", "n/a", "na", "*"}
OFLOG_POLARITY = {"ASC1": "higher", "ASC2": "higher", "ASC3": "higher", "ASC4": "higher", "ASC5": "higher"}
OFLOG_POLARITY |= {"ASC6": "none", "ASC7": "lower"}
OFLOG_SOURCE = "Office for Local Government, Local Authority Data Explorer (adult social care)"
OGL = "Contains public sector information licensed under the Open Government Licence v3.0."


@dataclass
class MetricSpec:
    """What the command line or upload form says about the metric(s) in the file."""

    code: str = ""
    name: str = ""
    unit: str = ""
    polarity: str = ""
    year_type: str = YearType.FINANCIAL
    source: str = ""
    licence: str = ""


@dataclass(slots=True)
class ParsedValue:
    row: int
    metric_code: str
    area_id: int
    period: Period
    value: Decimal | None
    label: str = ""  # period.label, kept so a million rows do not rebuild it


@dataclass
class ImportSummary:
    metrics: list[str] = field(default_factory=list)
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    imports: list[MetricImport] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


class AreaMatcher:
    def __init__(self) -> None:
        self.codes: dict[str, int] = {}
        self.names: dict[str, int] = {}
        for kind, value, area_id in AreaCode.objects.values_list("kind", "value", "area_id"):
            (self.names if kind == AreaCode.Kind.NAME else self.codes)[value] = area_id

    def match(self, code: str, name: str) -> int | None:
        if code:
            return self.codes.get(code.strip().upper())
        return self.names.get(normalise_name(name)) if name else None


class _Reader:
    """Collects parsed values and row errors for one file."""

    def __init__(self, spec: MetricSpec):
        self.spec = spec
        self.errors = RowErrors()
        self.values: list[ParsedValue] = []
        self.metric_meta: dict[str, dict] = {}
        self.matcher = AreaMatcher()
        self._periods: dict[str, Period | str] = {}
        self._labels: dict[Period, str] = {}
        self._areas: dict[tuple[str, str], int | None] = {}
        self._numbers: dict[str, Decimal | None] = {}  # published values repeat: parse each text once

    def period(self, number: int, column: str, text: str) -> Period | None:
        found = self._periods.get(text)
        if found is None:
            try:
                found = parse_period(text, self.spec.year_type or YearType.FINANCIAL, Granularity.YEAR)
            except PeriodError as exc:
                try:  # a quarter or month label ("2023-24 Q2", "June 2023")
                    found = parse_period(text, self.spec.year_type or YearType.FINANCIAL)
                except PeriodError:
                    found = str(exc)
            self._periods[text] = found
            if not isinstance(found, str):
                self._labels[found] = found.label
        if isinstance(found, str):
            self.errors.add(number, column, found)
            return None
        return found

    def area(self, number: int, column: str, code: str, name: str) -> int | None:
        if not code and not name:
            self.errors.add(number, column, "no area code or name")
            return None
        key = (code, name)
        area_id = (
            self._areas[key] if key in self._areas else self._areas.setdefault(key, self.matcher.match(code, name))
        )
        if area_id is None:
            what = f"area code {code!r}" if code else f"area name {name!r}"
            label = f" ({name})" if code and name else ""
            self.errors.add(number, column, f"{what}{label} is not a local authority in the register")
        return area_id

    def number(self, number: int, column: str, text) -> tuple[bool, Decimal | None]:
        if isinstance(text, str) and text in self._numbers:
            return True, self._numbers[text]
        ok, value = self._parse_number(number, column, text)
        if ok and isinstance(text, str):
            self._numbers[text] = value
        return ok, value

    def _parse_number(self, number: int, column: str, text) -> tuple[bool, Decimal | None]:
        if text is None or isinstance(text, (int, float)) and not isinstance(text, bool):
            return True, None if text is None else Decimal(str(text)).quantize(SIX_PLACES)
        cleaned = str(text).strip().replace(",", "").rstrip("%")
        if cleaned.lower() in MISSING_MARKS:
            return True, None
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            self.errors.add(number, column, f"{text!r} is not a number (leave blank or '-' for no value)")
            return False, None
        if not value.is_finite() or abs(value) >= Decimal(10) ** 14:
            self.errors.add(number, column, f"{text!r} is not a usable number")
            return False, None
        # Stored to 6 places: published files carry float artefacts such as 33.800000000000004.
        return True, value.quantize(SIX_PLACES)

    def add(self, number, code, area_id, period, ok, value) -> None:
        if area_id is not None and period is not None and ok:
            self.values.append(ParsedValue(number, code, area_id, period, value, self._labels[period]))


def _table(content: bytes, filename: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """Headers and (row number, cells) of a CSV (read directly: the fast path for a million rows) or XLSX."""
    if Path(filename).suffix.lower() not in {".csv", ".txt", ""}:
        headers, rows = read_rows(content, filename, limit="national")
        return headers, ((row.number, [row.get(h) for h in headers]) for row in rows)
    headers, reader = csv_table(content, *row_limit("national"))
    headers = [h.strip() for h in headers]
    if not any(headers):
        raise TabularError("The file has no header row")
    width = len(headers)

    def lines() -> Iterator[tuple[int, list[str]]]:
        for number, cells in reader:
            if not "".join(cells).strip():  # a blank line
                continue
            if len(cells) < width:
                cells = cells + [""] * (width - len(cells))
            yield number, cells

    return headers, lines()


def _tidy(reader: _Reader, content: bytes, filename: str) -> None:
    headers, rows = _table(content, filename)
    cols = require_columns(headers, ["area_code", "area_name", "period", "value"], reader.errors)
    if reader.errors:
        return
    code = reader.spec.code
    if not code:
        reader.errors.add(None, "", "a tidy file does not name its metric: give a metric code (--code)")
        return
    i_code, i_name, i_period, i_value = (headers.index(cols[c]) for c in ("area_code", "area_name", "period", "value"))
    i_indicator = next((i for i, h in enumerate(headers) if h.strip().lower() == "indicator"), None)
    i_measure = next((i for i, h in enumerate(headers) if h.strip().lower() == "measure"), None)
    # a million rows repeat a few hundred areas, periods and values: look up what was seen
    known_areas, known_periods, known_numbers = reader._areas, reader._periods, reader._numbers
    labels, append = reader._labels, reader.values.append
    first = True
    for number, cells in rows:
        if first:
            reader.metric_meta[code] = {
                "name": (cells[i_indicator].strip() if i_indicator is not None else "") or code,
                "unit": cells[i_measure].strip() if i_measure is not None else "",
            }
            first = False
        area_key = (cells[i_code].strip(), cells[i_name].strip())
        period_text, value_text = cells[i_period].strip(), cells[i_value]
        # the fast path: an area, period and number this file has already given, all good
        area_id, period = known_areas.get(area_key), known_periods.get(period_text)
        if area_id is not None and period.__class__ is Period and value_text in known_numbers:
            append(ParsedValue(number, code, area_id, period, known_numbers[value_text], labels[period]))
            continue
        area_id = reader.area(number, "area_code", *area_key)
        period = reader.period(number, "period", period_text)
        ok, value = reader.number(number, "value", value_text)
        reader.add(number, code, area_id, period, ok, value)


OFLOG_COLUMNS = ["Financial year", "Local authority code", "Local authority name", "Code", "Value"]


def _oflog(reader: _Reader, content: bytes, filename: str) -> None:
    headers, rows = read_rows(content, filename, limit="national")
    cols = require_columns(headers, OFLOG_COLUMNS, reader.errors)
    if reader.errors:
        return
    measure_col = next((h for h in headers if h.strip().lower() == "measure"), None)
    wanted = reader.spec.code.upper()
    for row in rows:
        code = row.get(cols["Code"]).strip().upper()
        if not code:
            reader.errors.add(row.number, "Code", "no metric code")
            continue
        if wanted and code != wanted:
            continue
        if code not in reader.metric_meta:
            reader.metric_meta[code] = {"name": row.get(measure_col) if measure_col else code, "unit": ""}
        area_id = reader.area(
            row.number,
            "Local authority code",
            row.get(cols["Local authority code"]),
            row.get(cols["Local authority name"]),
        )
        period = reader.period(row.number, "Financial year", row.get(cols["Financial year"]))
        ok, value = reader.number(row.number, "Value", row.get(cols["Value"]))
        reader.add(row.number, code, area_id, period, ok, value)
    if wanted and not reader.metric_meta:
        reader.errors.add(None, "Code", f"no rows have Code {wanted!r}")


def _lginform_csv(reader: _Reader, content: bytes, filename: str) -> None:
    headers, rows = read_rows(content, filename, limit="national")
    cols = require_columns(headers, ["area label", "area"], reader.errors)
    if reader.errors:
        return
    fixed = {"area label", "area long label", "area"}
    period_cols = [h for h in headers if h and h.strip().lower() not in fixed]
    if not period_cols:
        reader.errors.add(None, "", "no period columns after the area columns")
        return
    code = _spec_code(reader)
    if not code:
        return
    periods = {h: reader.period(1, h, h.strip()) for h in period_cols}
    for row in rows:
        area_id = reader.area(row.number, "area", row.get(cols["area"]), row.get(cols["area label"]))
        for header in period_cols:
            ok, value = reader.number(row.number, header, row.get(header))
            reader.add(row.number, code, area_id, periods[header], ok, value)


def _lginform_json(reader: _Reader, content: bytes, filename: str) -> None:
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TabularError(f"{filename} is not valid JSON ({exc})") from exc
    rows = data.get("rows") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise TabularError("the JSON has no 'rows' list")
    max_rows, limit = row_limit("national")
    if len(rows) > max_rows:
        raise TabularError(f"the JSON has more than {max_rows:,} rows, the most this import accepts ({limit})")
    code = _spec_code(reader)
    if not code:
        return
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            reader.errors.add(number, "", "a row is not a JSON object")
            continue
        area = row.get("area") or {}
        period_obj = row.get("period") or {}
        values = row.get("values") or []
        area_id = reader.area(
            number, "area.identifier", str(area.get("identifier") or ""), str(area.get("label") or "")
        )
        label = str(period_obj.get("label") or "")
        period = reader.period(number, "period.label", label) if label else None
        if not label:
            reader.errors.add(number, "period.label", "no period label")
        if not values or not isinstance(values[0], dict):
            reader.errors.add(number, "values[].value", "no values")
            continue
        ok, value = reader.number(number, "values[].value", values[0].get("value"))
        reader.add(number, code, area_id, period, ok, value)


def _spec_code(reader: _Reader) -> str:
    code = reader.spec.code
    if not code:
        reader.errors.add(None, "", "an LG Inform file does not name its metric: give a metric code (--code)")
        return ""
    reader.metric_meta[code] = {"name": code, "unit": ""}
    return code


READERS = {"tidy": _tidy, "oflog": _oflog, "lginform-csv": _lginform_csv, "lginform-json": _lginform_json}


def _duplicates(reader: _Reader) -> None:
    seen: dict[tuple, int] = {}
    for pv in reader.values:
        key = (pv.metric_code, pv.area_id, pv.label)
        if key in seen:
            reader.errors.add(
                pv.row, "", f"a second value for the same area and period {pv.label} (first on row {seen[key]})"
            )
        else:
            seen[key] = pv.row


def import_metric_file(
    content: bytes, filename: str, file_format: str, spec: MetricSpec | None = None, *, user=None
) -> ImportSummary:
    """Validate every row; raise ImportRejected with every problem, or write everything in one transaction."""
    spec = spec or MetricSpec()
    if file_format not in READERS:
        raise TabularError(f"unknown format {file_format!r}: use one of {', '.join(FORMATS)}")
    reader = _Reader(spec)
    READERS[file_format](reader, content, filename)
    _duplicates(reader)
    if reader.errors:
        raise ImportRejected(reader.errors)
    if not reader.values:
        errors = RowErrors()
        errors.add(None, "", "the file has no values")
        raise ImportRejected(errors)
    sha = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        return _write(reader, spec, sha, filename, file_format, user)


def _metric(code: str, meta: dict, spec: MetricSpec, file_format: str) -> PublishedMetric:
    metric = PublishedMetric.objects.filter(code=code).first()
    if metric is None:
        polarity = spec.polarity or (OFLOG_POLARITY.get(code, "none") if file_format == "oflog" else "none")
        return PublishedMetric.objects.create(
            code=code,
            name=(spec.name or meta.get("name") or code)[:300],
            unit=(spec.unit or meta.get("unit") or "")[:40],
            polarity=polarity,
            year_type=spec.year_type or YearType.FINANCIAL,
            source=spec.source or (OFLOG_SOURCE if file_format == "oflog" else ""),
            licence=spec.licence or (OGL if file_format == "oflog" else ""),
        )
    # Options given on this import name the metric; nothing else is overwritten.
    changes = {k: getattr(spec, k) for k in ("name", "unit", "polarity", "source", "licence") if getattr(spec, k)}
    if any(getattr(metric, k) != v for k, v in changes.items()):
        for k, v in changes.items():
            setattr(metric, k, v)
        metric.save()
    return metric


def _write(reader: _Reader, spec: MetricSpec, sha: str, filename: str, file_format: str, user) -> ImportSummary:
    summary = ImportSummary(rows=len(reader.values))
    by_metric: dict[str, list[ParsedValue]] = {}
    for pv in reader.values:
        by_metric.setdefault(pv.metric_code, []).append(pv)
    for code, values in by_metric.items():
        metric = _metric(code, reader.metric_meta.get(code, {}), spec, file_format)
        summary.metrics.append(code)
        # A metric's first import inserts straight into the table; a later one is staged and merged
        # set-based, so the database (not a Python dict of every stored value) finds what changed.
        staged = MetricValue.objects.filter(metric=metric).exists()
        if staged:
            _stage(values)
            created, updated = _staged_changes(metric.pk)
        else:
            created, updated = len(values), 0
        summary.created += created
        summary.updated += updated
        summary.unchanged += len(values) - created - updated
        if not created and not updated:
            if staged:
                _drop_stage()
            continue
        record = MetricImport.objects.create(
            metric=metric, filename=filename[:300], sha256=sha, file_format=file_format, rows=len(values),
            created=created, updated=updated,
            imported_by=user if getattr(user, "is_authenticated", False) else None,
        )  # fmt: skip
        summary.imports.append(record)
        record_change(
            obj=record, user=user, action=Change.Action.IMPORT,
            after={"metric": code, "file": filename, "sha256": sha, "created": created, "updated": updated},
            reason=f"{file_format} import of {filename}",
        )  # fmt: skip
        if staged:
            _merge_stage(metric.pk, record.pk)
            _drop_stage()
        else:
            _insert(metric.pk, record.pk, values)
    return summary


VALUE_COLUMNS = ["metric_id", "area_id", "period", "period_start", "period_end", "value", "source_import_id"]
STAGE = "goldthread_metric_import_stage"
STAGE_COLUMNS = ["area_id", "period", "period_start", "period_end", "value"]


def _insert(metric_id: int, import_id: int, values: list[ParsedValue]) -> None:
    """Insert new values with one parameterised statement per batch (SQLite) or one COPY stream
    (PostgreSQL): at a million rows, building model instances for bulk_create costs more than the
    database does."""
    _bulk_load(MetricValue._meta.db_table, VALUE_COLUMNS, values, (metric_id, import_id))


def _bulk_load(table: str, columns: list[str], values: list[ParsedValue], ids: tuple[int, int] | None) -> None:
    """Rows of (metric_id, area_id, period, start, end, value, import_id), or without the two ids
    when ``ids`` is None (the staging table)."""
    ops = connection.ops
    quoted = ", ".join(ops.quote_name(c) for c in columns)
    if connection.vendor == "postgresql":
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {ops.quote_name(table)} ({quoted}) FROM STDIN") as copy,
        ):
            metric_id, import_id = ids or (None, None)
            for chunk in _copy_lines(metric_id, import_id, values):
                copy.write(chunk)
        return
    sql = f"INSERT INTO {ops.quote_name(table)} ({quoted}) VALUES ({', '.join(['%s'] * len(columns))})"
    dates: dict[str, tuple] = {}
    texts: dict[Decimal, str] = {}  # a million values repeat a few thousand numbers: adapt each once
    rows = []
    head, tail = ((ids[0],), (ids[1],)) if ids else ((), ())
    for pv in values:
        label = pv.label
        middle = dates.get(label)
        if middle is None:
            middle = dates[label] = (label, pv.period.start.isoformat(), pv.period.end.isoformat())
        value: str | None = None
        if pv.value is not None:
            text = texts.get(pv.value)
            value = texts[pv.value] = str(pv.value) if text is None else text
        rows.append((*head, pv.area_id, *middle, value, *tail))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 10000):
            cursor.executemany(sql, rows[start : start + 10000])


def _stage(values: list[ParsedValue]) -> None:
    """A temporary table of this file's values: no indexes, no constraints, private to this connection."""
    value_type = MetricValue._meta.get_field("value").db_type(connection)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {STAGE} (area_id bigint NOT NULL, period varchar(20) NOT NULL, "
            f"period_start date NOT NULL, period_end date NOT NULL, value {value_type} NULL)"
        )
    _bulk_load(STAGE, STAGE_COLUMNS, values, None)


def _drop_stage() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {STAGE}")


def _differs(a: str, b: str) -> str:
    return f"{a} IS DISTINCT FROM {b}" if connection.vendor == "postgresql" else f"{a} IS NOT {b}"


def _stage_join() -> str:
    table = connection.ops.quote_name(MetricValue._meta.db_table)
    return (
        f"FROM {STAGE} s LEFT JOIN {table} mv ON mv.metric_id = %s AND mv.area_id = s.area_id AND mv.period = s.period"
    )


def _staged_changes(metric_id: int) -> tuple[int, int]:
    """How many staged values are new and how many differ from the stored value: one query."""
    sql = (
        "SELECT COALESCE(SUM(CASE WHEN mv.id IS NULL THEN 1 ELSE 0 END), 0), "
        f"COALESCE(SUM(CASE WHEN mv.id IS NOT NULL AND {_differs('mv.value', 's.value')} THEN 1 ELSE 0 END), 0) "
        f"{_stage_join()}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [metric_id])
        created, updated = cursor.fetchone()
    return int(created), int(updated)


def _merge_stage(metric_id: int, import_id: int) -> None:
    """One INSERT ... SELECT of the new and changed staged values; the unique constraint's ON CONFLICT
    turns a changed value into an update (and keeps a value another session wrote meanwhile correct)."""
    ops = connection.ops
    table = ops.quote_name(MetricValue._meta.db_table)
    columns = ", ".join(ops.quote_name(c) for c in VALUE_COLUMNS)
    sql = (
        f"INSERT INTO {table} ({columns}) "
        "SELECT %s, s.area_id, s.period, s.period_start, s.period_end, s.value, %s "
        f"{_stage_join()} WHERE mv.id IS NULL OR {_differs('mv.value', 's.value')} "
        "ON CONFLICT (metric_id, area_id, period) DO UPDATE "
        "SET value = excluded.value, source_import_id = excluded.source_import_id "
        f"WHERE {_differs(f'{table}.value', 'excluded.value')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [metric_id, import_id, metric_id])


COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_lines(
    metric_id: int | None, import_id: int | None, values: list[ParsedValue], lines_per_chunk: int = 20000
) -> Iterator[str]:
    """COPY's text format, written in chunks: a Python call per row (psycopg's write_row) cost more
    than the server's work at a million rows (measured by bench/import_tidy.py). Without ids, the
    staging table's columns."""
    head, tail = ("", "\n") if metric_id is None else (f"{metric_id}\t", f"\t{import_id}\n")
    middles: dict[str, str] = {}  # "<period>\t<start>\t<end>" once per period label
    lines = []
    for pv in values:
        middle = middles.get(pv.label)
        if middle is None:
            label = pv.label.translate(COPY_ESCAPES)
            middle = middles[pv.label] = f"{label}\t{pv.period.start.isoformat()}\t{pv.period.end.isoformat()}"
        value = "\\N" if pv.value is None else str(pv.value)
        lines.append(f"{head}{pv.area_id}\t{middle}\t{value}{tail}")
        if len(lines) == lines_per_chunk:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)
