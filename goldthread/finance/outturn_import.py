"""Write Revenue Outturn Summary workbooks into published metrics: all files read and checked
first, then everything written in one transaction. Re-importing the same files changes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from goldthread.benchmarking.models import Area, AreaCode, MetricImport, MetricValue, PublishedMetric
from goldthread.domain.periods import Period, parse_period

from .models import OutturnImport
from .outturn import LICENCE, METRICS, SOURCE, OutturnError, Workbook, read_workbook


@dataclass
class ImportSummary:
    years: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    unmatched: dict[str, list[str]] = field(default_factory=dict)  # year -> authority names

    def lines(self) -> list[str]:
        out = [
            f"Revenue outturn {', '.join(self.years)}: {self.created} values created, {self.updated} updated, "
            f"{self.unchanged} unchanged."
        ]
        for year, names in self.unmatched.items():
            if names:
                out.append(
                    f"{year}: {len(names)} bodies are not in the area register (police, fire, combined and other "
                    f"authorities) and were left out: {', '.join(names[:12])}{' ...' if len(names) > 12 else ''}"
                )
        return out


def _area_lookup() -> tuple[dict[str, int], dict[str, int]]:
    by_gss = {c.value.upper(): c.area_id for c in AreaCode.objects.filter(kind=AreaCode.Kind.GSS)}
    by_ecode = {c.value.upper(): c.area_id for c in AreaCode.objects.filter(kind=AreaCode.Kind.ECODE)}
    for area in Area.objects.only("id", "gss_code", "ecode"):
        by_gss.setdefault(area.gss_code.upper(), area.id)
        if area.ecode:
            by_ecode.setdefault(area.ecode.upper(), area.id)
    return by_gss, by_ecode


def import_revenue_outturn(paths, *, user=None) -> ImportSummary:
    books: list[Workbook] = [read_workbook(p) for p in paths]
    years = [b.year for b in books]
    duplicates = {y for y in years if years.count(y) > 1}
    if duplicates:
        raise OutturnError(f"more than one workbook for {', '.join(sorted(duplicates))}: import one per year")
    if not Area.objects.exists():
        raise OutturnError("no areas are set up: run `goldthread import_areas` with the register first")
    by_gss, by_ecode = _area_lookup()
    summary = ImportSummary(years=years)
    with transaction.atomic():
        metrics = _metrics()
        for book in books:
            _write_book(book, metrics, by_gss, by_ecode, summary, user)
    return summary


def _metrics() -> dict[str, PublishedMetric]:
    out = {}
    for code, (name, unit, polarity, definition) in METRICS.items():
        metric, _ = PublishedMetric.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "unit": unit,
                "polarity": polarity,
                "year_type": "financial",
                "source": SOURCE,
                "licence": LICENCE,
                "definition": definition,
            },
        )
        out[code] = metric
    return out


def _write_book(book: Workbook, metrics, by_gss, by_ecode, summary: ImportSummary, user) -> None:
    period: Period = parse_period(book.year, granularity="year")
    unmatched = []
    values: dict[str, dict[int, Decimal | None]] = {code: {} for code in metrics}
    for authority in book.authorities:
        area_id = by_gss.get(authority.ons_code) or by_ecode.get(authority.ecode)
        if area_id is None:
            unmatched.append(f"{authority.name} ({authority.ecode})")
            continue
        for code, value in authority.indicators().items():
            values[code][area_id] = value
    summary.unmatched[book.year] = unmatched
    for code, metric in metrics.items():
        existing = {v.area_id: v for v in MetricValue.objects.filter(metric=metric, period=period.label)}
        changed = [a for a, v in values[code].items() if a not in existing or existing[a].value != v]
        record = None
        if changed:
            record = MetricImport.objects.create(
                metric=metric,
                filename=book.filename,
                sha256=book.sha256,
                file_format="xlsx",
                rows=len(values[code]),
                imported_by=user if getattr(user, "is_authenticated", False) else None,
            )
        new_rows, updated_rows = [], []
        for area_id, value in values[code].items():
            current = existing.get(area_id)
            if current is not None and current.value == value:
                summary.unchanged += 1
            elif current is None:
                row = MetricValue(metric=metric, area_id=area_id, value=value, source_import=record)
                row.set_period(period)
                new_rows.append(row)
            else:
                current.value, current.source_import = value, record
                updated_rows.append(current)
        MetricValue.objects.bulk_create(new_rows, batch_size=500)
        MetricValue.objects.bulk_update(updated_rows, ["value", "source_import"], batch_size=500)
        summary.created += len(new_rows)
        summary.updated += len(updated_rows)
        if record is not None:
            record.created, record.updated = len(new_rows), len(updated_rows)
            record.save(update_fields=["created", "updated"])
    OutturnImport.objects.update_or_create(
        financial_year=book.year,
        defaults={
            "filename": book.filename,
            "sha256": book.sha256,
            "provisional": book.provisional,
            "authorities": len(book.authorities) - len(unmatched),
            "unmatched": unmatched,
        },
    )
