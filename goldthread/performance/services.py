"""Writes for the performance domain. One named function per state change; each writes history.

Nothing a person entered is lost: a correction keeps the old figures in history (before and
after), correcting an approved figure needs a reason, and an import either writes every row
or nothing at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from goldthread.core import events
from goldthread.core.audit import jsonable, record_change, snapshot
from goldthread.core.models import Change
from goldthread.core.signoff import decision_note
from goldthread.core.tabular import ImportRejected, Row, RowErrors, TabularError, read_rows, require_columns
from goldthread.core.versioning import StaleVersion, claim, creating, expect
from goldthread.council import permissions
from goldthread.council.models import Council, Priority, User
from goldthread.council.selectors import current_council
from goldthread.domain.periods import Granularity, Period, PeriodError, YearType

from . import reported, selectors
from .models import (
    Frequency,
    Measure,
    MeasureValue,
    ReportedFigure,
    ReportedPeriod,
    Status,
    Target,
    Unit,
    ValueRevision,
)


class PerformanceError(ValueError):
    """A change that cannot be made, with a message for the person who tried."""


# --- shared rules ---------------------------------------------------------------------------
QUANTUM = Decimal("0.000001")
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200  # far enough either way for comparisons and trends to stay valid
LARGEST = Decimal("99999999999999")  # what a DecimalField(max_digits=20, decimal_places=6) holds
FREQUENCY_EXAMPLE = {
    Frequency.MONTHLY: "a month such as 2023-06",
    Frequency.QUARTERLY: "a quarter such as 2023-24 Q2",
    Frequency.ANNUAL: "a year such as 2023-24",
}
YES_NO = {"1": Decimal(1), "yes": Decimal(1), "y": Decimal(1), "0": Decimal(0), "no": Decimal(0), "n": Decimal(0)}
VALUE_FIELDS = ["period", "value", "numerator", "denominator", "commentary", "source", "status"]
TARGET_FIELDS = ["period", "value", "is_example", "until_changed", "note"]
MEASURE_FIELDS = [
    "reference",
    "title",
    "definition",
    "unit",
    "rate_per",
    "polarity",
    "frequency",
    "year_type",
    "owner",
    "directorate",
    "service",
    "data_source",
    "numerator_label",
    "denominator_label",
    "rollup",
    "decimal_places",
    "amber_tolerance",
    "change_tolerance",
    "minimum",
    "maximum",
    "is_active",
    "notes",
]


#: A figure as a person typed it or a file held it: text ("1,234", "45%"), a number, or nothing.
RawFigure = Decimal | int | float | str | None


def plain(value: object) -> Any:
    """A value as history keeps it (decimals without trailing zeros: goldthread.core.audit.jsonable)."""
    return jsonable(value)


def parse_number(text: RawFigure, *, column: str = "value") -> Decimal | None:
    """A number as people type it ("1,234", "45%", "£12.50"); None when blank."""
    if text is None:
        return None
    if isinstance(text, Decimal | int | float):
        number = Decimal(str(text))
    else:
        cleaned = str(text).strip().replace(",", "").replace("£", "").removesuffix("%").strip()
        if not cleaned:
            return None
        try:
            number = Decimal(cleaned)
        except InvalidOperation as exc:
            raise PerformanceError(f"the {column} '{text}' is not a number") from exc
    if not number.is_finite():
        raise PerformanceError(f"the {column} '{text}' is not a number")
    if abs(number) > LARGEST:
        raise PerformanceError(f"the {column} '{text}' is too large")
    return number.quantize(QUANTUM)


def clean_value(measure: Measure, raw: RawFigure) -> Decimal:
    """The value for ``measure``: a number, or for a yes/no measure 1 or 0."""
    if measure.unit == Unit.YES_NO:
        if isinstance(raw, Decimal | int | float) and Decimal(str(raw)) in (0, 1):
            return Decimal(str(raw)).quantize(QUANTUM)
        key = str(raw if raw is not None else "").strip().lower()
        if key not in YES_NO:
            raise PerformanceError(f"'{raw}' is not an answer to a yes/no measure: use yes, no, 1 or 0")
        return YES_NO[key].quantize(QUANTUM)
    number = parse_number(raw)
    if number is None:
        raise PerformanceError("enter a value")
    impossible = measure.bounds.error(number)
    if impossible:
        raise PerformanceError(f"{impossible} for {measure.reference}")
    return number


def period_for(measure: Measure, text_or_period: Period | str) -> Period:
    """The period a value is for, checked against the measure's frequency and kind of year."""
    granularity = measure.granularity
    if isinstance(text_or_period, Period):
        period = text_or_period
    else:
        try:
            period = measure.parse_period(str(text_or_period), granularity=granularity)
        except PeriodError as exc:
            raise PerformanceError(str(exc)) from exc
    if not EARLIEST_YEAR <= period.year <= LATEST_YEAR:
        raise PerformanceError(
            f"'{period.label}' is outside the years Goldthread keeps ({EARLIEST_YEAR} to {LATEST_YEAR})"
        )
    wrong_kind = period.granularity is not granularity or (
        granularity is not Granularity.MONTH and period.year_type != YearType(measure.year_type)
    )
    if wrong_kind:
        kind = measure.get_year_type_display().split(" (")[0].lower()
        example = FREQUENCY_EXAMPLE[Frequency(measure.frequency)]
        raise PerformanceError(
            f"{measure.reference} is reported {measure.get_frequency_display().lower()} ({kind}): "
            f"'{period.label}' is not one of its periods; give {example}"
        )
    return period


# --- measures ----------------------------------------------------------------------------------
def _measure_snapshot(measure: Measure) -> dict[str, Any]:
    data = snapshot(measure, MEASURE_FIELDS)
    if measure.pk:
        data["priorities"] = sorted(p.code for p in measure.priorities.all())
    return data


def measure_create(
    *, council: Council, user: User | None, priorities: Iterable[Priority] = (), **fields: Any
) -> Measure:
    """A new measure (performance team only)."""
    permissions.require(permissions.can_administer, user)
    if Measure.objects.filter(council=council, reference=fields.get("reference")).exists():
        raise PerformanceError(f"a measure with reference {fields.get('reference')} already exists")
    with transaction.atomic():
        measure = Measure.objects.create(council=council, **fields)
        measure.priorities.set(priorities)
        record_change(obj=measure, user=user, action=Change.Action.CREATE, after=_measure_snapshot(measure))
    return measure


def measure_update(
    *,
    measure: Measure,
    user: User | None,
    priorities: Iterable[Priority] | None = None,
    reason: str = "",
    **fields: Any,
) -> Measure:
    """Change a measure's definition (performance team only). History keeps what it was."""
    permissions.require(permissions.can_administer, user)
    reference = fields.get("reference", measure.reference)
    if Measure.objects.filter(council=measure.council, reference=reference).exclude(pk=measure.pk).exists():
        raise PerformanceError(f"a measure with reference {reference} already exists")
    with transaction.atomic():
        before = _measure_snapshot(measure)
        for name, value in fields.items():
            setattr(measure, name, value)
        measure.save()
        if priorities is not None:
            measure.priorities.set(priorities)
        record_change(
            obj=measure,
            user=user,
            action=Change.Action.UPDATE,
            before=before,
            after=_measure_snapshot(measure),
            reason=reason,
        )
    return measure


# --- values ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ValueInput:
    value: Decimal
    numerator: Decimal | None
    denominator: Decimal | None
    commentary: str
    source: str


def _check_value(
    measure: Measure,
    value: RawFigure,
    numerator: RawFigure,
    denominator: RawFigure,
    commentary: str | None,
    source: str | None,
) -> ValueInput:
    number = clean_value(measure, value)
    num = parse_number(numerator, column="numerator")
    den = parse_number(denominator, column="denominator")
    if den is not None and den == 0:
        raise PerformanceError("the denominator cannot be 0")
    return ValueInput(number, num, den, (commentary or "").strip(), (source or "").strip())


def _changed_fields(existing: MeasureValue, data: ValueInput) -> bool:
    before = snapshot(existing, ["value", "numerator", "denominator", "commentary", "source"])
    after = {k: plain(getattr(data, k)) for k in before}
    return before != after


def _write_value(
    *,
    measure: Measure,
    period: Period,
    data: ValueInput,
    user: User | None,
    reason: str,
    action: str,
    version: int | None = None,
) -> MeasureValue:
    """Create or correct one value. The caller has checked permission and validity.

    ``version`` is the version the person saw (0 when they saw none): an older one is refused."""
    existing = MeasureValue.objects.filter(measure=measure, period=period.label).first()
    if existing is not None and version is not None and existing.version != version:
        raise StaleVersion(existing, version)
    if existing is not None and not _changed_fields(existing, data):
        return existing
    if existing is not None and version is not None:
        claim(existing, version)
    locked = reported.is_locked(measure, period)
    if locked and not reason.strip():
        raise PerformanceError(
            f"{period.label} has been reported and is locked: give a reason for revising the"
            f" {measure.reference} value (it is kept as a visible revision)"
        )
    if existing is not None and existing.status == Status.APPROVED and not reason.strip():
        raise PerformanceError(
            f"the {period.label} value of {measure.reference} is approved: give a reason for correcting it"
        )
    previous_value = existing.value if existing is not None else None
    obj = existing or MeasureValue(measure=measure)
    before = snapshot(obj, VALUE_FIELDS) if existing else {}
    obj.set_period(period)
    for name in ("value", "numerator", "denominator", "commentary", "source"):
        setattr(obj, name, getattr(data, name))
    # A corrected figure goes back to draft: it has to be submitted and approved again.
    obj.status = Status.DRAFT
    obj.updated_by = user if getattr(user, "is_authenticated", False) else None
    if existing is None:
        with creating(f"{measure.reference} already has a value for {period.label}: someone entered it just now"):
            obj.save()
    else:
        obj.save()
    if existing is None:
        record_change(obj=obj, user=user, action=action, after=snapshot(obj, VALUE_FIELDS), reason=reason)
    else:
        record_change(
            obj=obj,
            user=user,
            action=Change.Action.UPDATE,
            before=before,
            after=snapshot(obj, VALUE_FIELDS),
            reason=reason,
        )
    if locked:
        record_revision(measure_value=obj, previous_value=previous_value, user=user, reason=reason.strip())
    return obj


def value_record(
    *,
    measure: Measure,
    period: Period | str,
    value: RawFigure,
    numerator: RawFigure = None,
    denominator: RawFigure = None,
    commentary: str = "",
    source: str = "",
    user: User | None,
    reason: str = "",
    version: int | None = None,
) -> MeasureValue:
    """Enter a value for a period, or correct the one already there (it goes back to draft).

    Correcting an approved value needs a reason. Entering the same figures again changes nothing.
    ``version`` is the version of the value the person corrected (0 for a new one): if the value
    changed since, nothing is saved (``StaleVersion``)."""
    permissions.require(permissions.can_edit_measure, user, measure)
    checked_period = period_for(measure, period)
    data = _check_value(measure, value, numerator, denominator, commentary, source)
    with transaction.atomic():
        return _write_value(
            measure=measure,
            period=checked_period,
            data=data,
            user=user,
            reason=reason or "",
            action=Change.Action.CREATE,
            version=version,
        )


def _move(
    *, measure_value: MeasureValue, user: User | None, status: str, action: str, reason: str = ""
) -> MeasureValue:
    before = snapshot(measure_value, ["status"])
    measure_value.status = status
    measure_value.updated_by = user
    measure_value.save(update_fields=["status", "updated_by", "updated_at"])
    record_change(obj=measure_value, user=user, action=action, before=before, after={"status": status}, reason=reason)
    return measure_value


def value_submit(*, measure_value: MeasureValue, user: User | None, version: int | None = None) -> MeasureValue:
    """A draft value is ready for the performance team to check."""
    permissions.require(permissions.can_edit_measure, user, measure_value.measure)
    with transaction.atomic():
        expect(measure_value, version)
        if measure_value.status != Status.DRAFT:
            raise PerformanceError(
                f"only a draft value can be submitted; this one is {measure_value.get_status_display()}"
            )
        if version is not None:
            claim(measure_value, version)
        events.publish(events.SUBMITTED, obj=measure_value, user=user)
        return _move(measure_value=measure_value, user=user, status=Status.SUBMITTED, action=Change.Action.SUBMIT)


def value_approve(*, measure_value: MeasureValue, user: User | None, version: int | None = None) -> MeasureValue:
    """The performance team approves a submitted value, as it was when they saw it: members can
    now see it. Whoever entered the figures does not approve them (unless the council allows it)."""
    permissions.require(permissions.can_approve, user)
    with transaction.atomic():
        expect(measure_value, version)
        if measure_value.status == Status.APPROVED:
            raise PerformanceError("this value is already approved")
        if measure_value.status != Status.SUBMITTED:
            raise PerformanceError("this value is a draft: it must be submitted before it is approved")
        note = decision_note(measure_value, user, error=PerformanceError, verb="approve")
        if version is not None:
            claim(measure_value, version)
        return _move(
            measure_value=measure_value, user=user, status=Status.APPROVED, action=Change.Action.APPROVE, reason=note
        )


def value_return(
    *, measure_value: MeasureValue, user: User | None, reason: str, version: int | None = None
) -> MeasureValue:
    """Send a submitted or approved value back to its directorate as a draft, saying why."""
    permissions.require(permissions.can_approve, user)
    if not (reason or "").strip():
        raise PerformanceError("say why the value is being returned")
    with transaction.atomic():
        expect(measure_value, version)
        if measure_value.status == Status.DRAFT:
            raise PerformanceError("this value is already a draft")
        note = decision_note(measure_value, user, error=PerformanceError, verb="return")
        if version is not None:
            claim(measure_value, version)
        events.publish(events.RETURNED, obj=measure_value, user=user, reason=reason)
        return _move(
            measure_value=measure_value,
            user=user,
            status=Status.DRAFT,
            action=Change.Action.RETURN,
            reason=" ".join(filter(None, [reason.strip(), f"({note})" if note else ""])),
        )


# --- targets -----------------------------------------------------------------------------------
def target_set(
    *,
    measure: Measure,
    period: Period | str,
    value: RawFigure,
    is_example: bool,
    user: User | None,
    reason: str = "",
    note: str = "",
    until_changed: bool = False,
    version: int | None = None,
) -> Target:
    """Set or change the target for a period (performance team). The old target stays in history.
    A target set ``until_changed`` also applies to later periods that have no target of their own.

    ``version`` is the version of the target the person changed: if it changed since, nothing is saved."""
    permissions.require(permissions.can_administer, user)
    checked = period_for(measure, period)
    number = clean_value(measure, value)
    with transaction.atomic():
        existing = Target.objects.filter(measure=measure, period=checked.label).first()
        if existing is not None and version is not None and existing.version != version:
            raise StaleVersion(existing, version)
        target = existing or Target(measure=measure)
        before = snapshot(target, TARGET_FIELDS) if existing else {}
        target.set_period(checked)
        target.value, target.is_example, target.note = number, bool(is_example), note or target.note
        target.until_changed = bool(until_changed)
        after = snapshot(target, TARGET_FIELDS)
        if existing is not None and before == after:
            return existing
        if existing is not None and version is not None:
            claim(target, version)
            target.set_period(checked)
            target.value, target.is_example, target.note = number, bool(is_example), note or target.note
        target.updated_by = user
        if existing is None:
            with creating(f"{measure.reference} already has a target for {checked.label}: someone set it just now"):
                target.save()
        else:
            target.save()
        action = Change.Action.UPDATE if existing else Change.Action.CREATE
        record_change(obj=target, user=user, action=action, before=before, after=after, reason=reason)
    return target


# --- imports -----------------------------------------------------------------------------------
IMPORT_COLUMNS = ["measure_reference", "period", "value"]
OPTIONAL_COLUMNS = ["numerator", "denominator", "commentary", "source"]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass(frozen=True)
class _GoodRow:
    measure: Measure
    period: Period
    data: ValueInput


def _check_row(
    row: Row,
    columns: dict[str, str],
    measures: dict[str, Measure],
    user: User | None,
    seen: dict[tuple[int, str], int],
    errors: RowErrors,
) -> _GoodRow | None:
    reference = row.get(columns["measure_reference"])
    measure = measures.get(reference.strip().lower())
    if measure is None:
        errors.add(row.number, "measure_reference", f"no measure has the reference '{reference}'")
        return None
    if not permissions.can_edit_measure(user, measure):
        errors.add(
            row.number,
            "measure_reference",
            f"{measure.reference} belongs to {measure.directorate}: you may only upload values for your directorate",
        )
        return None
    try:
        period = period_for(measure, row.get(columns["period"]))
    except PerformanceError as exc:
        errors.add(row.number, "period", str(exc))
        return None
    key = (measure.pk, period.label)
    if key in seen:
        errors.add(row.number, "period", f"{measure.reference} {period.label} is also in row {seen[key]}")
        return None
    seen[key] = row.number
    return _check_row_figures(row, columns, measure, period, errors)


def _check_row_figures(
    row: Row, columns: dict[str, str], measure: Measure, period: Period, errors: RowErrors
) -> _GoodRow | None:
    problems = len(errors)
    figures: dict[str, Decimal | None] = {}
    for column in ("value", "numerator", "denominator"):
        try:
            raw = row.get(columns.get(column, column))
            figures[column] = clean_value(measure, raw) if column == "value" else parse_number(raw, column=column)
        except PerformanceError as exc:
            errors.add(row.number, column, str(exc))
    if figures.get("denominator") == 0:
        errors.add(row.number, "denominator", "the denominator cannot be 0")
    if len(errors) > problems:
        return None
    value = figures["value"]
    assert value is not None  # clean_value gives a number or an error
    data = ValueInput(
        value,
        figures["numerator"],
        figures["denominator"],
        row.get(columns.get("commentary", "commentary")),
        row.get(columns.get("source", "source")),
    )
    existing = measure.existing_values.get(period.label)
    if existing is not None and existing.status == Status.APPROVED and _changed_fields(existing, data):
        errors.add(
            row.number,
            "value",
            f"the {period.label} value of {measure.reference} is approved; correct it on the measure's page, "
            "giving a reason",
        )
        return None
    if (existing is None or _changed_fields(existing, data)) and reported.is_locked(measure, period):
        errors.add(
            row.number,
            "period",
            f"{period.label} has been reported and is locked; revise the {measure.reference} value on the"
            " measure's page, giving a reason",
        )
        return None
    return _GoodRow(measure, period, data)


def values_import(*, content: bytes, filename: str, user: User | None, council: Council | None = None) -> ImportResult:
    """Import values from a CSV or XLSX file: every row is checked first; any problem and nothing is written."""
    if not permissions.can_edit_directorate(user, getattr(user, "directorate", None)):
        raise PermissionDenied("You do not have permission to upload values.")
    errors = RowErrors()
    try:
        headers, rows = read_rows(content, filename)
    except TabularError as exc:
        errors.add(None, "", str(exc))
        raise ImportRejected(errors) from exc
    columns = require_columns(headers, IMPORT_COLUMNS, errors)
    optional = require_columns(headers, OPTIONAL_COLUMNS, RowErrors())
    if errors:
        raise ImportRejected(errors)
    if not rows:
        errors.add(None, "", "the file has a header row but no values")
        raise ImportRejected(errors)
    columns.update(optional)
    council = council or current_council()
    measures = {m.reference.lower(): m for m in Measure.objects.filter(council=council).select_related("directorate")}
    wanted = {r.get(columns["measure_reference"]).strip().lower() for r in rows}
    existing = MeasureValue.objects.filter(
        measure__council=council, measure__reference__in=[m.reference for k, m in measures.items() if k in wanted]
    )
    for m in measures.values():
        m.existing_values = {}
    by_id = {m.pk: m for m in measures.values()}
    for v in existing:
        by_id[v.measure_id].existing_values[v.period] = v
    seen: dict[tuple[int, str], int] = {}
    good = [g for g in (_check_row(row, columns, measures, user, seen, errors) for row in rows) if g is not None]
    if errors:
        raise ImportRejected(errors)
    return _write_import(good, user=user, filename=filename)


def _write_import(good: list[_GoodRow], *, user: User | None, filename: str) -> ImportResult:
    result = ImportResult()
    reason = f"Imported from {filename}"
    with transaction.atomic():
        for row in good:
            existing = row.measure.existing_values.get(row.period.label)
            if existing is not None and not _changed_fields(existing, row.data):
                result.unchanged += 1
                continue
            _write_value(
                measure=row.measure,
                period=row.period,
                data=row.data,
                user=user,
                reason=reason,
                action=Change.Action.IMPORT,
            )
            if existing is None:
                result.created += 1
            else:
                result.updated += 1
    return result


# --- reported periods ------------------------------------------------------------------------


def lock_period(*, council: Council, period: Period, reported_to: str, user: User | None) -> ReportedPeriod:
    """Record that ``period`` was reported, keeping a copy of every approved figure as shown."""
    permissions.require(permissions.can_approve, user)
    reported_to = (reported_to or "").strip()
    if not reported_to:
        raise reported.LockError("say where the figures were reported, for example 'Cabinet, 7 December 2023'")
    if ReportedPeriod.objects.filter(council=council, period=period.label).exists():
        raise reported.LockError(f"{period.label} is already locked")
    card = selectors.scorecard(user=user, period=period, council=council, approved_only=True)
    shown = {(row.measure.pk, row.figure.period_label) for row in card.rows if row.figure is not None}
    approved = MeasureValue.objects.filter(
        measure__council=council, status="approved", period__in={p for _, p in shown}
    ).values_list("measure_id", "period", "commentary")
    commentary = {(mid, p): text for mid, p, text in approved if (mid, p) in shown}
    with transaction.atomic():
        lock = ReportedPeriod(council=council, reported_to=reported_to, locked_by=user)
        lock.set_period(period)
        lock.save()
        ReportedFigure.objects.bulk_create(
            ReportedFigure(
                reported_period=lock,
                measure=row.measure,
                figure_period=row.figure.period_label,
                value=row.figure.value,
                target=row.target.value if row.target else None,
                rag=row.rag.value,
                commentary=commentary.get((row.measure.pk, row.figure.period_label), ""),
            )
            for row in card.rows
            if row.figure is not None
        )
        record_change(
            obj=lock,
            user=user,
            action=Change.Action.CREATE,
            after={"period": period.label, "reported_to": reported_to, "figures": lock.figures.count()},
            reason="Period locked as reported",
        )
    return lock


def record_revision(
    *, measure_value: MeasureValue, previous_value: Decimal | None, user: User | None, reason: str
) -> ValueRevision:
    """Number and keep a correction made after the value's period was reported."""
    period = measure_value.measure.parse_period(measure_value.period)
    number = measure_value.revisions.count() + 1
    return ValueRevision.objects.create(
        measure_value=measure_value,
        reported_figure=reported.reported_figure_for(measure_value.measure, period),
        number=number,
        previous_value=previous_value,
        new_value=measure_value.value,
        reason=reason,
        made_by=user if getattr(user, "is_authenticated", False) else None,
    )
