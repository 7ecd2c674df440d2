"""Writes for benchmarking. Every change to a group or a measure link is kept in history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from goldthread.core.audit import record_change
from goldthread.core.models import Change
from goldthread.core.tabular import ImportRejected, RowErrors, read_rows
from goldthread.council.actors import Actor
from goldthread.council.models import User

from .areas import import_areas  # noqa: F401  (re-exported: the register import)
from .metric_import import AreaMatcher, MetricSpec  # noqa: F401
from .metric_import import import_metric_file as import_metric_file  # re-exported: jobs run it
from .models import Area, ComparatorGroup, MeasureBenchmark, PublishedMetric
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
    _check_code(code)
    group = ComparatorGroup.objects.create(code=code, name=name, description=description, created_by=user)
    group.members.set(members)
    record_change(obj=group, user=user, action=Change.Action.CREATE, after=_group_snapshot(group))
    return group


@transaction.atomic
def group_update(
    *, group: ComparatorGroup, name: str, description: str, members: list[Area], user: Actor, reason: str = ""
) -> ComparatorGroup:
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
    link = MeasureBenchmark.objects.filter(measure=measure).first()
    if link is None:
        return
    before = {"metric_id": link.metric_id, "group_code": link.group_code, "second_group_code": link.second_group_code}
    link.delete()
    record_change(
        obj=measure, user=user, action=Change.Action.UPDATE, before=before, after={}, reason="benchmark link removed"
    )
