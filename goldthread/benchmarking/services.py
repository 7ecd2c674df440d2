"""Writes for benchmarking. Every change to a group or a measure link checks the permission (the performance
team; ``user`` None is the server's own call, such as the example loader), runs in one transaction and is
kept in history."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction

from goldthread.core.audit import record_change
from goldthread.core.models import Change
from goldthread.core.tabular import ImportRejected, RowErrors, read_rows
from goldthread.council import permissions
from goldthread.council.actors import Actor
from goldthread.council.models import User
from goldthread.council.permissions import require_person

from .metric_import import AreaMatcher, MetricSpec  # noqa: F401
from .metric_import import import_metric_file as import_metric_file  # re-exported: jobs run it
from .models import Area, AreaCode, ComparatorGroup, MeasureBenchmark, PublishedMetric
from .register import AreaImportResult, aggregate_rows, area_fields, normalise_name, read_register
from .selectors import BUILTIN_GROUPS, REGION_PREFIX

if TYPE_CHECKING:  # for annotations only: performance sits above benchmarking and imports it
    from goldthread.performance.models import Measure


def _group_snapshot(group: ComparatorGroup) -> dict[str, Any]:
    return {
        "code": group.code,
        "name": group.name,
        "description": group.description,
        "members": sorted(group.members.values_list("gss_code", flat=True)),
    }


def _check_code(code: str, group: ComparatorGroup | None = None) -> None:
    if code in BUILTIN_GROUPS or code.startswith(REGION_PREFIX):
        raise ValueError(f"{code!r} is a built-in group code; choose another")
    clash = ComparatorGroup.objects.filter(code=code)
    if group is not None:
        clash = clash.exclude(pk=group.pk)
    if clash.exists():
        raise ValueError(f"a group with code {code!r} already exists")


@transaction.atomic
def group_create(*, code: str, name: str, description: str, members: list[Area], user: User | None) -> ComparatorGroup:
    require_person(permissions.can_administer, user)
    _check_code(code)
    group = ComparatorGroup.objects.create(code=code, name=name, description=description, created_by=user)
    group.members.set(members)
    record_change(obj=group, user=user, action=Change.Action.CREATE, after=_group_snapshot(group))
    return group


@transaction.atomic
def group_update(
    *, group: ComparatorGroup, name: str, description: str, members: list[Area], user: Actor, reason: str = ""
) -> ComparatorGroup:
    require_person(permissions.can_administer, user)
    before = _group_snapshot(group)
    group.name, group.description = name, description
    group.save()
    group.members.set(members)
    record_change(
        obj=group, user=user, action=Change.Action.UPDATE, before=before, after=_group_snapshot(group), reason=reason
    )
    return group


def parse_member_file(content: bytes, filename: str) -> list[Area]:
    """Areas listed in a CSV/XLSX of GSS codes or names (column 'area_code', 'gss_code', 'code' or 'name').

    Raises ImportRejected listing every row whose area is unknown."""
    headers, rows = read_rows(content, filename)
    lowered = {h.strip().lower(): h for h in headers if h}
    code_col = next((lowered[c] for c in ("area_code", "gss_code", "gss code", "code") if c in lowered), None)
    name_col = next((lowered[c] for c in ("area_name", "name", "area") if c in lowered), None)
    if code_col is None and name_col is None:
        errors = RowErrors()
        errors.add(None, "", "the file needs a column 'area_code' (GSS codes) or 'name'")
        raise ImportRejected(errors)
    items = [(row.number, row.get(code_col) if code_col else "", row.get(name_col) if name_col else "") for row in rows]
    return _match_members(items, code_col or "", name_col or "")


def parse_member_lines(text: str) -> list[Area]:
    """Areas typed one per line, each a GSS code (e.g. E08000014) or a name (e.g. Wirral)."""
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if line:
            is_code = len(line) == 9 and line[0].isalpha() and line[1:].isdigit()
            items.append((number, line if is_code else "", "" if is_code else line))
    return _match_members(items, "line", "line")


def _match_members(items: list[tuple[int, str, str]], code_col: str, name_col: str) -> list[Area]:
    matcher = AreaMatcher()
    errors = RowErrors()
    ids: list[int] = []
    for number, code, name in items:
        area_id = matcher.match(code, name)
        column = code_col if code else name_col
        if area_id is None:
            errors.add(number, column, f"{code or name!r} is not a local authority in the register")
        elif area_id in ids:
            errors.add(number, column, f"{code or name!r} is listed twice")
        else:
            ids.append(area_id)
    if not ids and not errors:
        errors.add(None, "", "no areas are listed")
    if errors:
        raise ImportRejected(errors)
    areas = Area.objects.in_bulk(ids)
    return [areas[i] for i in ids]


@transaction.atomic
def measure_link_set(
    *, measure: Measure, metric: PublishedMetric, group_code: str, second_group_code: str, user: Actor
) -> MeasureBenchmark:
    """Link a council measure to a published metric and its comparator groups (or change the link)."""
    require_person(permissions.can_administer, user)
    fields = ["metric_id", "group_code", "second_group_code"]
    link = MeasureBenchmark.objects.filter(measure=measure).first()
    before = {f: getattr(link, f) for f in fields} if link else None
    if link is None:
        link = MeasureBenchmark(measure=measure)
    link.metric, link.group_code, link.second_group_code = metric, group_code, second_group_code
    link.save()
    after = {f: getattr(link, f) for f in fields}
    action = Change.Action.CREATE if before is None else Change.Action.UPDATE
    record_change(obj=measure, user=user, action=action, before=before or {}, after=after, reason="benchmark link")
    return link


@transaction.atomic
def measure_link_remove(*, measure: Measure, user: Actor) -> None:
    require_person(permissions.can_administer, user)
    link = MeasureBenchmark.objects.filter(measure=measure).first()
    if link is None:
        return
    before = {"metric_id": link.metric_id, "group_code": link.group_code, "second_group_code": link.second_group_code}
    link.delete()
    record_change(
        obj=measure, user=user, action=Change.Action.UPDATE, before=before, after={}, reason="benchmark link removed"
    )


# --- the register of areas ------------------------------------------------------------------------
# Reference data loaded on the server (``goldthread import_areas``, the example loader): no person
# makes the change, so there is no permission to check; the register file is the record of it.


@transaction.atomic
def import_areas(path: str | Path) -> AreaImportResult:
    """Create or update every area in the register; idempotent."""
    path = Path(path)
    result = AreaImportResult()
    register = read_register(path)
    wanted = {row["local-authority-code"].strip(): area_fields(row) for row in register if row.get("gss-code")}
    for agg in aggregate_rows():
        if not any(f["gss_code"] == agg["gss_code"] for f in wanted.values()):
            wanted[agg.pop("registry_code")] = agg
    existing = {a.registry_code: a for a in Area.objects.all()}
    for code, values in wanted.items():
        area = existing.get(code)
        if area is None:
            existing[code] = Area.objects.create(registry_code=code, **values)
            result.areas_created += 1
        elif any(getattr(area, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(area, k, v)
            area.save()
            result.areas_updated += 1
    result.codes_created = _import_codes(path.parent, register, existing, result)
    return result


def _lookups(
    folder: Path, areas: dict[str, Area], add: Callable[[str, str, Area | None], None], result: AreaImportResult
) -> None:
    """The register's own lookup files: every GSS code (including former ones) and name variant."""
    gss_lookup = folder / "lookup_gss_to_registry.csv"
    if gss_lookup.exists():
        for row in read_register(gss_lookup):
            add(AreaCode.Kind.GSS, row["gss-code"], areas.get(row["local-authority-code"]))
    else:
        result.notes.append(f"{gss_lookup.name} not found beside the register; former codes from the register only")
    name_lookup = folder / "lookup_name_to_registry.csv"
    if name_lookup.exists():
        for row in read_register(name_lookup):
            add(AreaCode.Kind.NAME, row["la-name"], areas.get(row["local-authority-code"]))
    else:
        result.notes.append(f"{name_lookup.name} not found beside the register; names from the register only")


def _import_codes(
    folder: Path, register: list[dict[str, str]], areas: dict[str, Area], result: AreaImportResult
) -> int:
    taken = {(c.kind, c.value): c.area_id for c in AreaCode.objects.all()}
    new: list[AreaCode] = []

    def add(kind: str, value: str, area: Area | None) -> None:
        value = value.strip().upper() if kind != AreaCode.Kind.NAME else normalise_name(value)
        if not value or area is None or (kind, value) in taken:
            return
        taken[(kind, value)] = area.pk
        new.append(AreaCode(area=area, kind=kind, value=value))

    # Current areas first, so a name or code shared with an ended authority resolves to the current one.
    ordered = sorted(areas.values(), key=lambda a: (a.end_date is not None, a.is_aggregate))
    for area in ordered:
        add(AreaCode.Kind.GSS, area.gss_code, area)
        add(AreaCode.Kind.GSS, area.registry_code, area)
        add(AreaCode.Kind.ECODE, area.ecode, area)
        for name in (area.name, area.official_name):
            add(AreaCode.Kind.NAME, name, area)
    for area in ordered:
        for former in area.former_gss_codes:
            add(AreaCode.Kind.GSS, former, area)
    alt_names = {row["local-authority-code"]: row.get("alt-names", "") for row in register}
    for area in ordered:
        for name in alt_names.get(area.registry_code, "").split(","):
            add(AreaCode.Kind.NAME, name, area)
    _lookups(folder, areas, add, result)
    AreaCode.objects.bulk_create(new, batch_size=2000)
    return len(new)
