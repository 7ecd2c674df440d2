"""Quarterly pack benchmark: the time to build the quarterly performance report (the Cabinet pack)
and to render it as Word, PDF and Excel, for the example council and for a synthetic council with
300 measures, 80 risks and 200 actions. Goals: Word under 2 s, PDF under 5 s (build plus render).

It makes a temporary SQLite database under var/bench (or uses DATABASE_URL if set, inside a
transaction that is rolled back at the end), migrates it, loads the example council, and times
``goldthread.reports.pack.build_report`` (assembling the document) and
``goldthread.reports.documents.render`` (writing the file) separately, as the performance team
would build the pack. Results are printed and written to var/bench/quarterly_pack.json.

    .venv/bin/python bench/quarterly_pack.py [--period "2023-24 Q2"] [--formats docx,pdf,xlsx] [--full]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH_DIR = REPO / "var" / "bench"
RESULTS = BENCH_DIR / "quarterly_pack.json"
RUNS = {"docx": 5, "xlsx": 5, "pdf": 3}
GOALS = {"docx": 2.0, "pdf": 5.0}  # seconds, build plus render; Excel has no goal
SYNTHETIC = {"measures": 300, "risks": 80, "actions": 200}
SEED = 20231207
QUARTERS_OF_HISTORY = 10  # 2021-22 Q1 to 2023-24 Q2: enough for the eight-quarter trend and last year
REVIEW_REFERENCE = "bench-synthetic-review"


class Rollback(Exception):
    """Raised to undo everything written to a DATABASE_URL database."""


# --- the database ------------------------------------------------------------------------------
def setup_django(scratch: Path) -> str:
    os.environ["DJANGO_SETTINGS_MODULE"] = "goldthread.settings.local"
    os.environ["GOLDTHREAD_VAR_DIR"] = str(scratch)
    os.environ["DEBUG"] = "0"  # as in production: no query log, no debug overhead
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.db import connection

    return connection.vendor


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def load_example(full: bool) -> None:
    from django.core.management import call_command

    call_command("load_example", skip_benchmarks=not full, stdout=io.StringIO())


# --- the synthetic council -------------------------------------------------------------------------
def _quarters(last):
    return [last.shifted(-k) for k in range(QUARTERS_OF_HISTORY - 1, -1, -1)]


def add_synthetic(council, user, period_label: str) -> dict:
    """Top the example council up to 300 active measures, 80 risks and 200 actions.

    Measures, values and targets are bulk-created (approved values for every period up to the
    report's quarter, so the scorecard is full); risks are scored on the example's risk matrix
    with approved quarterly reviews; actions sit under the recommendations of a synthetic review."""
    rng = random.Random(SEED)
    added = {
        "measures": _add_measures(council, user, period_label, rng),
        "risks": _add_risks(council, user, period_label, rng),
        "actions": _add_actions(council, user, period_label, rng),
    }
    return added


def _add_measures(council, user, period_label: str, rng: random.Random) -> int:
    from goldthread.council.models import Directorate, Priority
    from goldthread.domain.periods import Period, YearType, parse_period
    from goldthread.domain.rag import Polarity
    from goldthread.domain.rollup import Rollup
    from goldthread.performance.models import Frequency, Measure, MeasureValue, Status, Target, Unit

    have = Measure.objects.filter(council=council, is_active=True).count()
    wanted = max(0, SYNTHETIC["measures"] - have)
    directorates = list(Directorate.objects.filter(council=council))
    priorities = list(Priority.objects.filter(council=council))
    view = parse_period(period_label)
    quarters = _quarters(view)
    months = [m for q in quarters for m in q.months()]
    years = [Period.financial_year(view.year - k) for k in range(8, 0, -1)]  # the last eight whole years

    kinds = [  # unit, decimal places, rate per, typical level
        (Unit.PERCENT, 1, None, 70),
        (Unit.NUMBER, 0, None, 1200),
        (Unit.DAYS, 1, None, 25),
        (Unit.GBP, 0, None, 250_000),
        (Unit.RATE, 1, 10_000, 60),
    ]
    measures = []
    for i in range(wanted):
        unit, places, rate_per, level = kinds[i % len(kinds)]
        frequency = Frequency.MONTHLY if i % 8 == 3 else Frequency.ANNUAL if i % 15 == 7 else Frequency.QUARTERLY
        polarity = [Polarity.HIGHER_BETTER, Polarity.LOWER_BETTER, Polarity.NONE][0 if i % 3 else 1 + (i % 2)]
        rollup = Rollup.SUM if unit in (Unit.NUMBER, Unit.GBP) else Rollup.AVERAGE
        directorate = directorates[i % len(directorates)]
        measures.append(
            Measure(
                council=council,
                reference=f"BENCH-{i + 1:03d}",
                title=f"Synthetic measure {i + 1}: {directorate.name.lower()} {unit.label.lower()} indicator",
                definition="A synthetic measure made by bench/quarterly_pack.py to size the quarterly pack.",
                unit=unit,
                rate_per=rate_per,
                polarity=polarity,
                frequency=frequency,
                year_type=YearType.FINANCIAL,
                owner=user if i % 4 == 0 else None,
                directorate=directorate,
                data_source="Synthetic",
                rollup=rollup,
                decimal_places=places,
                amber_tolerance=Decimal(level) * Decimal("0.05") if i % 2 else None,
                change_tolerance=Decimal(level) * Decimal("0.01"),
                is_active=True,
                notes=f"level={level}",
            )
        )
    measures = Measure.objects.bulk_create(measures)
    Link = Measure.priorities.through
    links = []
    for i, m in enumerate(measures):
        chosen = {priorities[i % len(priorities)]}
        if i % 5 == 0:  # a fifth of measures serve two priorities and appear under both
            chosen.add(priorities[(i * 3 + 1) % len(priorities)])
        links.extend(Link(measure_id=m.pk, priority_id=p.pk) for p in chosen)
    Link.objects.bulk_create(links)

    values, targets = [], []
    for i, m in enumerate(measures):
        level = float(m.notes.removeprefix("level="))
        periods = {Frequency.MONTHLY: months, Frequency.QUARTERLY: quarters, Frequency.ANNUAL: years}[
            Frequency(m.frequency)
        ]
        scale = level / (3 if m.frequency == Frequency.MONTHLY and m.rollup == Rollup.SUM else 1)
        trend = rng.uniform(-0.02, 0.02)
        for k, p in enumerate(periods):
            figure = scale * (1 + trend * k + rng.gauss(0, 0.06))
            target = scale * (1 + trend * k) * (1.02 if m.polarity == Polarity.HIGHER_BETTER else 0.98)
            if m.unit == Unit.PERCENT:
                figure, target = min(figure, 100.0), min(target, 100.0)
            value = MeasureValue(
                measure=m,
                value=Decimal(f"{figure:.6f}"),
                commentary=_commentary(m, p.label) if k == len(periods) - 1 and i % 3 == 0 else "",
                source="Synthetic",
                status=Status.APPROVED,
                updated_by=user,
            )
            value.set_period(p)
            values.append(value)
            if m.polarity != Polarity.NONE:
                t = Target(measure=m, value=Decimal(f"{target:.6f}"), is_example=True, note="Synthetic target")
                t.set_period(p)
                targets.append(t)
    MeasureValue.objects.bulk_create(values, batch_size=2000)
    Target.objects.bulk_create(targets, batch_size=2000)
    return len(measures)


def _commentary(measure, label: str) -> str:
    return (
        f"{measure.reference} in {label}: performance reflects demand in the quarter and the service's"
        " recovery plan; the service expects the position to improve next quarter as new staff start."
    )


def _add_risks(council, user, period_label: str, rng: random.Random) -> int:
    from goldthread.council.models import Priority
    from goldthread.domain.periods import parse_period
    from goldthread.performance.models import Measure
    from goldthread.risk.models import Category, Level, ReferenceCounter, Risk, RiskReview
    from goldthread.risk.selectors import default_matrix
    from goldthread.risk.services import register_for

    have = Risk.objects.filter(register__council=council).count()
    wanted = max(0, SYNTHETIC["risks"] - have)
    matrix = default_matrix(council)
    likelihoods, impacts = matrix.values("likelihood"), matrix.values("impact")
    categories = list(Category.objects.filter(council=council))
    priorities = list(Priority.objects.filter(council=council))
    measure_ids = list(Measure.objects.filter(council=council).values_list("pk", flat=True))
    # Every added risk goes on the corporate register: the pack reports corporate risks, so this is
    # the most it would have to show.
    register = register_for(council=council, level=Level.CORPORATE)
    counter, _ = ReferenceCounter.objects.get_or_create(level=Level.CORPORATE)
    taken = set(Risk.objects.values_list("reference", flat=True))
    view = parse_period(period_label)
    before = view.previous()

    risks, scores, number = [], [], counter.last
    for i in range(wanted):
        number += 1
        while f"CR-{number:03d}" in taken:
            number += 1
        q1 = (rng.choice(likelihoods), rng.choice(impacts))
        q2 = (
            min(max(q1[0] + rng.choice([-1, 0, 0, 1]), min(likelihoods)), max(likelihoods)),
            q1[1],
        )
        risks.append(
            Risk(
                reference=f"CR-{number:03d}",
                register=register,
                title=f"Synthetic corporate risk {i + 1}: failure to deliver a priority outcome",
                cause="A synthetic cause, made by bench/quarterly_pack.py.",
                event="A synthetic event.",
                consequence="A synthetic consequence.",
                category=categories[i % len(categories)],
                owner=user if i % 3 == 0 else None,
                owner_title="Executive Director",
                matrix=matrix,
                inherent_likelihood=max(likelihoods),
                inherent_impact=max(impacts),
                current_likelihood=q2[0],
                current_impact=q2[1],
                target_likelihood=min(likelihoods),
                target_impact=q2[1],
                review_frequency="quarterly",
                # A tenth missed their review: overdue at the end of the quarter.
                next_review=view.end - timedelta(days=20) if i % 10 == 0 else view.end + timedelta(days=90),
                is_example_score=True,
                created_on=before.start,
            )
        )
        scores.append((q1, q2))
    risks = Risk.objects.bulk_create(risks)
    counter.last = number
    counter.save()
    reviews = []
    for r, (q1, q2) in zip(risks, scores, strict=True):
        for p, (lk, im) in ((before, q1), (view, q2)):
            reviews.append(
                RiskReview(
                    risk=r,
                    date=p.end,
                    period=p.label,
                    matrix=matrix,
                    likelihood=lk,
                    impact=im,
                    note="Synthetic review.",
                    reviewer=user,
                    status=RiskReview.Status.APPROVED,
                    is_example=True,
                )
            )
    RiskReview.objects.bulk_create(reviews)
    Risk.priorities.through.objects.bulk_create(
        [
            Risk.priorities.through(risk_id=r.pk, priority_id=priorities[i % len(priorities)].pk)
            for i, r in enumerate(risks)
        ]
    )
    Risk.measures.through.objects.bulk_create(
        [Risk.measures.through(risk_id=r.pk, measure_id=rng.choice(measure_ids)) for r in risks if measure_ids]
    )
    return len(risks)


def _add_actions(council, user, period_label: str, rng: random.Random) -> int:
    from goldthread.council.models import Directorate
    from goldthread.domain.periods import parse_period
    from goldthread.improvement.models import Action, Recommendation, Review
    from goldthread.improvement.selectors import council_actions
    from goldthread.improvement.services import recommendation_create, review_create

    have = council_actions(council).count()
    wanted = max(0, SYNTHETIC["actions"] - have)
    if not wanted:
        return 0
    view = parse_period(period_label)
    review = review_create(
        council=council,
        user=user,
        reference=REVIEW_REFERENCE,
        title="Synthetic internal audit programme",
        review_type=Review.Type.INTERNAL_AUDIT,
        reviewing_body="Internal audit (synthetic)",
        onsite_start=view.start - timedelta(days=200),
        onsite_end=view.start - timedelta(days=190),
        recommendation_prefix="BENCH",
    )
    per_recommendation = 10
    recommendations = [
        recommendation_create(
            review=review,
            user=user,
            number=str(n),
            title=f"Synthetic recommendation {n}: strengthen the arrangements the audit looked at",
            response=Recommendation.Response.ACCEPTED,
        )
        for n in range(1, (wanted + per_recommendation - 1) // per_recommendation + 1)
    ]
    directorates = list(Directorate.objects.filter(council=council))
    statuses = [s for s, _ in Action.Status.choices]
    actions = []
    for i in range(wanted):
        recommendation = recommendations[i // per_recommendation]
        status = rng.choice(statuses)
        start = view.start - timedelta(days=rng.randint(0, 180))
        percent = {"not_started": 0, "complete": 100, "bau": 100}.get(status, rng.choice([10, 25, 40, 60, 80]))
        actions.append(
            Action(
                reference=f"{recommendation.reference}-A{i % per_recommendation + 1:02d}",
                recommendation=recommendation,
                description=f"Synthetic action {i + 1}: put the agreed improvement in place and evidence it.",
                lead=user if i % 4 == 0 else None,
                lead_name="Service manager",
                directorate=directorates[i % len(directorates)],
                start_date=start,
                due_date=start + timedelta(days=rng.randint(60, 360)),
                status=status,
                percent_complete=percent,
                is_example=True,
            )
        )
    Action.objects.bulk_create(actions)
    return len(actions)


def counts(council) -> dict:
    from goldthread.improvement.selectors import council_actions
    from goldthread.performance.models import Measure, MeasureValue
    from goldthread.risk.models import Risk

    return {
        "measures": Measure.objects.filter(council=council, is_active=True).count(),
        "values": MeasureValue.objects.filter(measure__council=council).count(),
        "risks": Risk.objects.filter(register__council=council).count(),
        "actions": council_actions(council).count(),
    }


# --- timing ---------------------------------------------------------------------------------------
def context(council, user, period_label: str, as_of: date):
    from goldthread.reports.pack import ReportContext

    return ReportContext(council=council, period=period_label, audience="cabinet", user=user, as_of=as_of)


def build(council, user, period_label: str, as_of: date):
    from goldthread.reports.models import ReportType
    from goldthread.reports.pack import build_report

    return build_report(ReportType.QUARTERLY, context(council, user, period_label, as_of))


def describe(doc) -> dict:
    """What the document holds, from its blocks alone (whatever appendices exist): table rows per appendix."""
    from goldthread.reports.documents import Heading, Table

    rows: dict[str, int] = {"Report": 0}
    section = "Report"
    for block in doc.blocks:
        if isinstance(block, Heading) and block.level == 1 and block.text.startswith("Appendix "):
            section = block.text
            rows[section] = 0
        elif isinstance(block, Table):
            rows[section] += len(block.rows)
    return {
        "appendices": [name for name in rows if name != "Report"],
        "table_rows_by_section": rows,
        "blocks": len(doc.blocks),
        "tables": len(doc.tables()),
        "table_rows": sum(rows.values()),
    }


def measure_scenario(council, user, period_label: str, as_of: date, formats: list[str]) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from goldthread.reports.documents import lay_out_pdf, render

    # One untimed build first: imports, the first query of each kind, and the query count.
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        doc = build(council, user, period_label, as_of)
    first_build = time.perf_counter() - started
    result = {"counts": counts(council), "document": describe(doc), "queries": len(queries), "formats": {}}
    result["first_build_s"] = round(first_build, 4)
    for fmt in formats:
        # Untimed: loads the renderer (WeasyPrint's first use costs about a second); for PDF, counts the pages.
        pages = 0
        if fmt == "pdf":
            pages = len(lay_out_pdf(doc).pages)
        else:
            render(doc, fmt)
        builds, renders, size = [], [], 0
        for _ in range(RUNS[fmt]):
            started = time.perf_counter()
            doc = build(council, user, period_label, as_of)
            built = time.perf_counter()
            data = render(doc, fmt)
            done = time.perf_counter()
            builds.append(built - started)
            renders.append(done - built)
            size = len(data)
        totals = [b + r for b, r in zip(builds, renders, strict=True)]
        anchor = plain_pdf_anchor(pages, RUNS[fmt]) if fmt == "pdf" else None
        goal = GOALS.get(fmt)
        total = statistics.median(totals)
        result["formats"][fmt] = {
            "runs": len(totals),
            "build_s": round(statistics.median(builds), 4),
            "render_s": round(statistics.median(renders), 4),
            "total_s": round(total, 4),
            "build_runs_s": [round(x, 4) for x in builds],
            "render_runs_s": [round(x, 4) for x in renders],
            "bytes": size,
            "goal_s": goal,
            "goal_met": None if goal is None else total < goal,
        }
        if anchor:
            result["formats"][fmt]["anchor"] = anchor
            anchor["ratio"] = round(statistics.median(renders) / anchor["render_s"], 2)
        print(f"   {fmt}: {_line(result['formats'][fmt])}", flush=True)
        if anchor:
            print(
                f"        {anchor['pages']} pages; a plain document of {anchor['plain_pages']} pages renders in"
                f" {anchor['render_s']:.2f} s: the pack's render is {anchor['ratio']}x that floor",
                flush=True,
            )
    return result


def plain_pdf_anchor(pages: int, runs: int) -> dict:
    """The floor for a PDF of this many pages: WeasyPrint laying out a plain tagged document (a few
    paragraphs a page, no tables or charts) with as many pages, timed in the same run, so the pack's
    figure can be read as a ratio whatever else the machine is doing."""
    import logging

    from weasyprint import HTML

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    text = "Plain words on a plain page, set as running text. " * 12
    page = f'<section style="break-after: page"><h2>Page</h2><p>{text}</p><p>{text}</p><p>{text}</p></section>'
    html = f'<!DOCTYPE html><html lang="en-GB"><head><title>Plain</title></head><body>{page * pages}</body></html>'
    times, made = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        document = HTML(string=html).render(pdf_tags=True)
        document.write_pdf(pdf_tags=True)
        made = len(document.pages)
        times.append(time.perf_counter() - started)
    return {"pages": pages, "plain_pages": made, "render_s": round(statistics.median(times), 4)}


def _line(r: dict) -> str:
    goal = "" if r["goal_s"] is None else f"  goal < {r['goal_s']:.0f} s: {'met' if r['goal_met'] else 'NOT MET'}"
    return (
        f"build {r['build_s'] * 1000:7.0f} ms  render {r['render_s'] * 1000:7.0f} ms"
        f"  total {r['total_s']:6.2f} s  {r['bytes'] / 1024:8.0f} KiB  (median of {r['runs']}){goal}"
    )


def profile_build(council, user, period_label: str, as_of: date, top: int = 25) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    build(council, user, period_label, as_of)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)


def report(results: dict) -> None:
    print(f"\nQuarterly pack {results['period']} for Cabinet, as at {results['as_of']}, {results['database']}:")
    header = f"{'scenario':<11} {'format':<6} {'build ms':>9} {'render ms':>10} {'total s':>8} {'KiB':>7} {'goal':>12}"
    print(header)
    for name, scenario in results["scenarios"].items():
        for fmt, r in scenario["formats"].items():
            goal = "" if r["goal_s"] is None else f"<{r['goal_s']:.0f} s {'met' if r['goal_met'] else 'NOT MET'}"
            print(
                f"{name:<11} {fmt:<6} {r['build_s'] * 1000:>9.0f} {r['render_s'] * 1000:>10.0f}"
                f" {r['total_s']:>8.2f} {r['bytes'] / 1024:>7.0f} {goal:>12}"
            )
    for name, scenario in results["scenarios"].items():
        c, d = scenario["counts"], scenario["document"]
        print(
            f"{name}: {c['measures']} measures ({c['values']} values), {c['risks']} risks, {c['actions']} actions;"
            f" {len(d['appendices'])} appendices, {d['tables']} tables, {d['table_rows']} table rows;"
            f" {scenario['queries']} queries per build"
        )
        by_section = ", ".join(f"{k.split(' – ')[0]} {v}" for k, v in d["table_rows_by_section"].items())
        print(f"  table rows: {by_section}")
    print(f"Results written to {RESULTS.relative_to(REPO)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--period", default="2023-24 Q2")
    parser.add_argument("--as-of", default="", help="the report's date (default: two months after the quarter)")
    parser.add_argument("--formats", default="docx,pdf,xlsx", help="comma-separated: docx, pdf, xlsx")
    parser.add_argument("--full", action="store_true", help="also import the national data sets (slower set-up)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one synthetic build")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when a goal is not met")
    args = parser.parse_args()
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    if unknown := [f for f in formats if f not in RUNS]:
        parser.error(f"unknown format(s): {', '.join(unknown)}")

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="quarterly-pack-", dir=BENCH_DIR) as scratch:
        vendor = setup_django(Path(scratch))
        from django.db import transaction

        from goldthread.council.models import Role, User
        from goldthread.council.selectors import current_council
        from goldthread.domain.periods import parse_period

        period = parse_period(args.period)
        as_of = date.fromisoformat(args.as_of) if args.as_of else period.end + timedelta(days=61)
        shared = bool(os.environ.get("DATABASE_URL"))
        where = f"{vendor} from DATABASE_URL, rolled back afterwards" if shared else f"temporary {vendor} database"
        print(f"Preparing the database ({where}) ...", flush=True)
        started = time.perf_counter()
        results = {
            "benchmark": "quarterly_pack",
            "when": datetime.now().isoformat(timespec="seconds"),
            "period": period.label,
            "as_of": as_of.isoformat(),
            "audience": "cabinet",
            "database": where,
            "python": platform.python_version(),
            "machine": platform.platform(),
            "runs": RUNS,
            "goals_s": GOALS,
            "scenarios": {},
        }
        migrate()
        try:
            with transaction.atomic():  # on DATABASE_URL, nothing below is kept
                load_example(args.full)
                council = current_council()
                user = User.objects.filter(role=Role.PERFORMANCE, is_active=True).order_by("pk").first()
                if user is None:
                    raise SystemExit("no performance-team user: the example council should have made one")
                print(f"  ready in {time.perf_counter() - started:.1f} s", flush=True)

                print("Example council:", flush=True)
                results["scenarios"]["example"] = measure_scenario(council, user, period.label, as_of, formats)

                started = time.perf_counter()
                results["synthetic_added"] = add_synthetic(council, user, period.label)
                print(f"Synthetic council (made in {time.perf_counter() - started:.1f} s):", flush=True)
                results["scenarios"]["synthetic"] = measure_scenario(council, user, period.label, as_of, formats)
                if args.profile:
                    profile_build(council, user, period.label, as_of)
                if shared:
                    raise Rollback
        except Rollback:
            pass

    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    report(results)
    missed = [
        f"{name} {fmt}"
        for name, s in results["scenarios"].items()
        for fmt, r in s["formats"].items()
        if r["goal_met"] is False
    ]
    if missed:
        print(f"Goals not met: {', '.join(missed)}")
        if args.strict:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
