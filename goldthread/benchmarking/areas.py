"""Import the mySociety register of UK local authorities (plus its two lookup files) as Areas.

Every code and name an imported file might use for an authority becomes an AreaCode: the
current GSS code, each former GSS code, the ecode, the register code and every name variant.
A code already held by another area (an ended authority keeps its own code) is left with it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction

from .models import Area, AreaCode

# Aggregate areas some published files carry (England, regions, nations). Never counted in groups.
AGGREGATES = [
    ("E92000001", "ENG", "England", "England", ""),
    ("W92000004", "WLS", "Wales", "Wales", "Wales"),
    ("S92000003", "SCT", "Scotland", "Scotland", "Scotland"),
    ("N92000002", "NIR", "Northern Ireland", "Northern Ireland", "Northern Ireland"),
    ("E12000001", "RGN-NE", "North East", "England", "North East"),
    ("E12000002", "RGN-NW", "North West", "England", "North West"),
    ("E12000003", "RGN-YH", "Yorkshire and The Humber", "England", "Yorkshire and The Humber"),
    ("E12000004", "RGN-EM", "East Midlands", "England", "East Midlands"),
    ("E12000005", "RGN-WM", "West Midlands", "England", "West Midlands"),
    ("E12000006", "RGN-EE", "East of England", "England", "East of England"),
    ("E12000007", "RGN-LON", "London", "England", "London"),
    ("E12000008", "RGN-SE", "South East", "England", "South East"),
    ("E12000009", "RGN-SW", "South West", "England", "South West"),
]
# Register types that are not councils compared with one another (combined and strategic authorities).
AGGREGATE_TYPES = {"COMB", "SRA"}


@dataclass
class AreaImportResult:
    areas_created: int = 0
    areas_updated: int = 0
    codes_created: int = 0
    notes: list[str] = field(default_factory=list)


def normalise_name(name: str) -> str:
    return " ".join(name.casefold().replace("&", "and").split())


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _population(text: str) -> int | None:
    try:
        return int(Decimal(text)) if text else None
    except InvalidOperation:
        return None


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _fields(row: dict) -> dict:
    former = [c.strip().upper() for c in row.get("former-gss-codes", "").split(",") if c.strip()]
    return {
        "gss_code": row["gss-code"].strip().upper(),
        "name": row["nice-name"].strip(),
        "official_name": row["official-name"].strip(),
        "la_type": row["local-authority-type"].strip(),
        "la_type_name": row.get("local-authority-type-name", "").strip(),
        "nation": row.get("nation", "").strip(),
        "region": row.get("region", "").strip(),
        "combined_authority": row.get("combined-authority", "").strip(),
        "ecode": row.get("ecode", "").strip().upper(),
        "population": _population(row.get("pop-2020", "")),
        "start_date": _date(row.get("start-date", "").strip()),
        "end_date": _date(row.get("end-date", "").strip()),
        "replaced_by": row.get("replaced-by", "").strip(),
        "former_gss_codes": former,
        "is_aggregate": row["local-authority-type"].strip() in AGGREGATE_TYPES,
    }


def _aggregate_rows() -> list[dict]:
    return [
        {
            "registry_code": reg,
            "gss_code": gss,
            "name": name,
            "official_name": name,
            "la_type": "AGG",
            "la_type_name": "Aggregate (nation or region)",
            "nation": nation,
            "region": region,
            "is_aggregate": True,
        }
        for gss, reg, name, nation, region in AGGREGATES
    ]


@transaction.atomic
def import_areas(path: str | Path) -> AreaImportResult:
    """Create or update every area in the register; idempotent."""
    path = Path(path)
    result = AreaImportResult()
    register = _read(path)
    wanted = {row["local-authority-code"].strip(): _fields(row) for row in register if row.get("gss-code")}
    for agg in _aggregate_rows():
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


def _lookups(folder: Path, areas: dict[str, Area], add, result: AreaImportResult) -> None:
    """The register's own lookup files: every GSS code (including former ones) and name variant."""
    gss_lookup = folder / "lookup_gss_to_registry.csv"
    if gss_lookup.exists():
        for row in _read(gss_lookup):
            add(AreaCode.Kind.GSS, row["gss-code"], areas.get(row["local-authority-code"]))
    else:
        result.notes.append(f"{gss_lookup.name} not found beside the register; former codes from the register only")
    name_lookup = folder / "lookup_name_to_registry.csv"
    if name_lookup.exists():
        for row in _read(name_lookup):
            add(AreaCode.Kind.NAME, row["la-name"], areas.get(row["local-authority-code"]))
    else:
        result.notes.append(f"{name_lookup.name} not found beside the register; names from the register only")


def _import_codes(folder: Path, register: list[dict], areas: dict[str, Area], result: AreaImportResult) -> int:
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
