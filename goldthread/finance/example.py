"""The example council's money, from the seeds (seed 000 = LGA Corporate Peer Challenge report,
November 2023, section 4.4 and the executive summary) and the MHCLG Revenue Outturn workbooks.

Only real figures. The seeds give annual figures, not monthly budget monitoring, so the budget
lines here are annual ("2022-23", "2023-24"); no month is invented.

How the medium-term financial plan is derived from the seed
------------------------------------------------------------
Seed 000, 4.4: "a funding gap of £44.2 million by 2026-2027 ... presented as an annual position
£14.3 million in 2024-2025, £13.2 million in 2025-2026, and £16.7 million in 2026-2027 prior to
any mitigation through savings, Council Tax or wider income. If the Council was to increase
Council tax by the allowed limit of 2.99% with 2% precept for health and social care the
figure would reduce to £19 million."  Net Revenue Budget: £281 million (the 2023-24 base).

* The annual gaps are entered as each year's net new pressures (the seed does not itemise pay,
  prices, demand or funding changes, so those are nil and the whole gap is "other pressures").
* Council tax rising 4.99% a year, compounded over three years, must raise 44.2 - 19 = £25.2 m:
  yield x (1.0499^3 - 1) = 25.2, so the 2023-24 council tax yield is 25.2 / 0.157294 = £160.2 m
  (rounded to £0.1 m). The rest of the £281 m (£120.8 m) is business rates and grants together:
  the seed does not split them, so it is all shown under grants.
* Check: 160.2 x 0.157294 = 25.198, leaving 44.2 - 25.198 = £19.0 m.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings

from goldthread.domain.numbers import money_millions

from .models import (
    Borrowing,
    BudgetLine,
    CapitalScheme,
    LineStatus,
    MtfpPlan,
    MtfpScenario,
    MtfpYear,
    ReferendumLimit,
    ReserveBalance,
    ReserveKind,
    SavingsPlan,
    ScenarioYear,
)

M = Decimal(1_000_000)
SEED = "LGA Corporate Peer Challenge report, Sefton, November 2023 (seed 000)"
PLAN_CODE = "mtfp-2024-27"
GAPS = [("2024-25", Decimal("14.3")), ("2025-26", Decimal("13.2")), ("2026-27", Decimal("16.7"))]
BASE_BUDGET = Decimal(281)
BASE_COUNCIL_TAX = Decimal("160.2")  # derived: see the module docstring
DERIVATION = (
    "Derived from the seed (LGA Corporate Peer Challenge report, November 2023, section 4.4). The net revenue "
    "budget of £281 m is the 2023-24 base. The published gaps before mitigation (£14.3 m in 2024-25, £13.2 m in "
    "2025-26, £16.7 m in 2026-27: £44.2 m in all) are entered as each year's net new pressures, because the report "
    "does not itemise pay, prices, demand or funding changes. The report says council tax rising by 2.99% plus the "
    "2% adult social care precept each year would reduce the gap to £19 m, so those increases, compounded over three "
    "years, raise £25.2 m: the 2023-24 council tax yield that does this is £25.2 m ÷ (1.0499³ − 1) = £160.2 m. The "
    "remaining £120.8 m of the base budget is business rates and grants together (the report does not split them; "
    "it is shown under grants)."
)
REFERENDUM_SOURCE = (
    "Referendums Relating to Council Tax Increases (Principles) (England) Report {year}: for authorities with social "
    "care responsibilities, an increase of 5% or more (3% core plus 2% adult social care precept) is excessive, so "
    "2.99% core plus 2% precept is the most without a referendum. Summarised in House of Commons Library briefing "
    "SN05682, Council tax: local referendums."
)
RS_DIR = "revenue-outturn"
RS_FILES = [
    "RS_2015-16_data_by_LA_-_Revision.xlsx",
    "RS_2016-17_data_by_LA.xlsx",
    "RS_2017-18_data_by_LA_PRENOV.xlsx",
]


def load(*, council, log, options=None):
    options = options or {}
    directorates = {d.code: d for d in council.directorates.all()}
    _referendum_limits()
    _plan(council)
    _budget_lines(council, directorates)
    _savings(council)
    _capital(council)
    _reserves(council)
    _borrowing(council)
    if not options.get("skip_benchmarks"):
        _revenue_outturn(council, log)
    log("Finance: budget, savings, capital, MTFP (derived from the seed), reserves and borrowing loaded.")
    return council


def _referendum_limits():
    for year in ("2023-24", "2024-25", "2025-26"):
        ReferendumLimit.objects.update_or_create(
            year=year,
            authority_class="Social care authority",
            defaults={
                "core_limit": Decimal(3),
                "precept_limit": Decimal(2),
                "source": REFERENDUM_SOURCE.format(year=year),
            },
        )


def _plan(council):
    plan, _ = MtfpPlan.objects.update_or_create(
        council=council,
        code=PLAN_CODE,
        defaults={
            "name": "Medium-term financial plan 2024-25 to 2026-27",
            "base_year": "2023-24",
            "base_budget": BASE_BUDGET * M,
            "base_council_tax": BASE_COUNCIL_TAX * M,
            "base_business_rates": Decimal(0),
            "base_grants": (BASE_BUDGET - BASE_COUNCIL_TAX) * M,
            "derivation": DERIVATION,
            "is_example": True,
        },
    )
    for year, gap in GAPS:
        MtfpYear.objects.update_or_create(
            plan=plan,
            year=year,
            defaults={
                "other_pressures": gap * M,
                "note": f"Gap before mitigation of {money_millions(gap * M)} in {year}, "
                "as published (seed 000, section 4.4).",
            },
        )
    scenarios = [
        ("before-mitigation", "No council tax increase (gap before mitigation)", Decimal(0), Decimal(0), 0),
        ("ct-2-99-precept-2", "Council tax up 2.99% plus the 2% adult social care precept each year",
         Decimal("2.99"), Decimal(2), 1),
    ]  # fmt: skip
    for code, name, core, precept, order in scenarios:
        scenario, _ = MtfpScenario.objects.update_or_create(
            plan=plan, code=code, defaults={"name": name, "order": order, "description": "From the seed (4.4)."}
        )
        for year, _gap in GAPS:
            ScenarioYear.objects.update_or_create(
                scenario=scenario, year=year, defaults={"core_increase": core, "precept_increase": precept}
            )


def _line(council, directorate, period, start, end, defaults):
    BudgetLine.objects.update_or_create(
        directorate=directorate,
        service=None,
        period=period,
        defaults={"council": council, "period_start": start, "period_end": end, "financial_year": period, **defaults},
    )


def _budget_lines(council, directorates):
    childrens = directorates.get("childrens")
    if childrens is None:
        return
    _line(council, childrens, "2022-23", date(2022, 4, 1), date(2023, 3, 31), {
        "budget": Decimal("52.9") * M,
        "forecast_outturn": None,
        "commentary": "Budget for children's services before rebasing (annual figure; the seed gives no outturn).",
        "status": LineStatus.APPROVED,
        "source": SEED + ", section 4.4",
    })  # fmt: skip
    _line(council, childrens, "2023-24", date(2023, 4, 1), date(2024, 3, 31), {
        "budget": Decimal("80.1") * M,
        "forecast_outturn": Decimal("85.1") * M,
        "commentary": "Budget rebased after the inadequate Ofsted judgement (including the transfer of Early Help "
        "Services into the directorate). Forecast overspend of £5 million, outturn forecast at £85.1 million, as "
        "reported to the peer team in November 2023 (annual figure; no monthly lines in the seed).",
        "status": LineStatus.APPROVED,
        "source": SEED + ", section 4.4",
    })  # fmt: skip


def _savings(council):
    SavingsPlan.objects.update_or_create(
        council=council,
        financial_year="2023-24",
        description="Savings required for 2023-24",
        defaults={
            "directorate": None,
            "planned": Decimal("7.6") * M,
            "delivered": None,
            "rag": "grey",
            "rag_reason": "Not assessed: the seed gives the savings required (£7.6 million) but no delivery figure. "
            "The approach: reduced pension contributions, freezing vacant posts, Public Health grant utilisation, "
            "Adult Social Care demand management savings and a reduction in the highways maintenance budget.",
            "status": LineStatus.APPROVED,
            "source": SEED + ", section 4.4",
        },
    )


def _capital(council):
    CapitalScheme.objects.update_or_create(
        council=council,
        name="Capital programme 2022-23 (whole programme)",
        defaults={
            "first_year": "2022-23",
            "last_year": "2022-23",
            "budget": Decimal("45.5") * M,
            "spend_to_date": Decimal("38.7") * M,
            "forecast": None,
            "notes": "Programme size £45.5 million, actual spend £38.7 million.",
            "status": LineStatus.APPROVED,
            "source": SEED + ", section 4.4",
        },
    )
    CapitalScheme.objects.update_or_create(
        council=council,
        name="Capital programme 2023-26 (whole programme, forecast)",
        defaults={
            "first_year": "2023-24",
            "last_year": "2025-26",
            "budget": Decimal("149.7") * M,
            "spend_to_date": None,
            "forecast": None,
            "notes": "Forecast programme of £149.7 million. Largest element: the Southport Town Deal (£37.7 million "
            "provided externally); second largest: £20 million for the development of Bootle (Levelling Up).",
            "status": LineStatus.APPROVED,
            "source": SEED + ", section 4.4",
        },
    )


def _reserve(council, year, kind, amount, purpose="", **extra):
    ReserveBalance.objects.update_or_create(
        council=council,
        financial_year=year,
        kind=kind,
        purpose=purpose,
        defaults={"amount": amount, **extra},
    )


def _reserves(council):
    s = SEED + ", section 4.4"
    _reserve(council, "2021-22", ReserveKind.GENERAL, Decimal("14.3") * M, source=s,
             note="General fund reserve at the end of 2021-22.")  # fmt: skip
    _reserve(council, "2022-23", ReserveKind.GENERAL, Decimal("12.0") * M, source=s,
             note="£12 million at the end of 2022-23 (the executive summary gives the current position as £11.9 "
             "million). The council plans to increase the general reserve to £23 million over the medium "
             "term.")  # fmt: skip
    _reserve(council, "2021-22", ReserveKind.EARMARKED, Decimal("81.3") * M, source=s,
             note="Earmarked reserves, total.")  # fmt: skip
    _reserve(council, "2022-23", ReserveKind.EARMARKED, Decimal("51.8") * M, source=s,
             note="Reduced from £81.3 million, including the use of £18.3 million of Section 31 grant. Much of it "
             "is temporary, already committed, or can only be used for its original purpose.")  # fmt: skip
    _reserve(council, "2023-24", ReserveKind.DSG_DEFICIT, Decimal(24) * M, is_forecast=True, source=s,
             override_ends="2025-26 (seed: 'this accountancy approach is due to expire in 2025-2026')",
             note="High Needs Block deficit forecast by the end of 2023-24, carried as an unusable reserve. If the "
             "override is not extended nationally the council would be in a financially unsustainable "
             "position.")  # fmt: skip


def _borrowing(council):
    Borrowing.objects.update_or_create(
        council=council,
        as_at=date(2023, 3, 31),
        defaults={
            "amount": Decimal("139.2") * M,
            "note": "Total debt in March 2023, the lowest across metropolitan areas; mostly from the Public Works Loan "
            "Board, of which £11.9 million matured in 2023-24.",
            "source": SEED + ", section 4.4",
        },
    )


def _revenue_outturn(council, log):
    from goldthread.benchmarking.models import Area

    from .outturn import OutturnError, read_workbook
    from .outturn_import import import_revenue_outturn

    folder = settings.GOLDTHREAD_SHARED_DATA / RS_DIR
    paths = [folder / name for name in RS_FILES if (folder / name).exists()]
    if not paths:
        log(f"Finance: no revenue outturn workbooks in {folder}; skipped.")
        return
    if not Area.objects.exists():
        log("Finance: no areas imported, so the revenue outturn workbooks were not imported.")
        return
    try:
        summary = import_revenue_outturn(paths)
    except OutturnError as exc:
        log(f"Finance: revenue outturn not imported: {exc}")
        return
    for line in summary.lines()[:1]:
        log(line)
    # The council's own schools and public health reserves (ring-fenced) from the same workbooks.
    for path in paths:
        book = read_workbook(path)
        mine = next((a for a in book.authorities if a.ons_code == council.gss_code), None)
        if mine is None:
            continue
        source = (
            f"MHCLG Revenue Outturn Summary {book.year}{' (provisional)' if book.provisional else ''}, {book.filename}"
        )
        for line, kind in (("911", ReserveKind.SCHOOLS), ("914", ReserveKind.PUBLIC_HEALTH),
                           ("915", ReserveKind.EARMARKED), ("916", ReserveKind.GENERAL)):  # fmt: skip
            value = mine.lines.get(f"{line}_end")
            if value is not None:
                _reserve(council, book.year, kind, value * 1000, source=source, note=f"RS line {line} at 31 March.")
