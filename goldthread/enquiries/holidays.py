"""England and Wales bank holidays, from the data file kept in the repository."""

from __future__ import annotations

import csv
from datetime import date
from functools import lru_cache
from pathlib import Path

HOLIDAYS_FILE = Path(__file__).resolve().parent.parent / "data" / "bank-holidays" / "england-and-wales.csv"


@lru_cache(maxsize=1)
def bank_holidays() -> frozenset[date]:
    with HOLIDAYS_FILE.open(encoding="utf-8", newline="") as handle:
        return frozenset(date.fromisoformat(row["date"]) for row in csv.DictReader(handle))


def last_year_held() -> int:
    return max(day.year for day in bank_holidays())
