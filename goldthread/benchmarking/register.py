"""Reading the mySociety register of UK local authorities (plus its two lookup files) as Areas. The import
itself (``import_areas``, a write) is in ``services``; ``areas`` names both.

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


def read_register(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def area_fields(row: dict) -> dict:
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


def aggregate_rows() -> list[dict]:
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
