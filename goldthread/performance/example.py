"""The example council's measures, values and example targets: Sefton, real figures only.

Two kinds of figure go in:

* Figures quoted in seed 000 (the LGA Corporate Peer Challenge feedback report, peer team onsite
  21-24 November 2023). The report rarely says which year a figure refers to, so each measure's
  ``notes`` quote the report's words and say which period the figure is recorded against and why.
  Its Oflog figures for short-term support (85%) and adult social care staff turnover (31%) equal
  Sefton's published 2021-22 figures and not the 2022-23 ones (79.7%, 26.9%), so the report's other
  Oflog-sourced figures are recorded against 2021-22 too. Figures with nothing to date them go
  against 2022-23, the last whole financial year before the report.
* Sefton's published yearly series from the bundled data folder (``settings.GOLDTHREAD_SHARED_DATA``):
  Defra recycling rates, Oflog adult social care metrics ASC1-ASC7 and the Fingertips NEET rate.
  Where a seed figure and a data file cover the same year, the file wins.

The seeds set no targets. The only targets here are example targets (``is_example=True``): the
comparator the report itself quotes, or for ASC1-ASC4 the median of all authorities in the Oflog
file (the comparison Oflog makes), each for the measure's latest year.

Idempotent and careful with people's work: running it again changes nothing, and a measure, value
or target that someone has changed since the loader last wrote it is left as they left it.
"""

from __future__ import annotations

import csv
import statistics
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from goldthread.core.audit import history_for, record_change
from goldthread.core.models import Change
from goldthread.council.models import Directorate, Priority, User
from goldthread.domain.periods import Period
from goldthread.domain.rag import Polarity
from goldthread.domain.rollup import Rollup
from goldthread.domain.text import sentence_case

from .models import Frequency, Measure, MeasureValue, Status, Target, Unit
from .services import QUANTUM, plain

SEFTON = "E08000014"
REASON_PREFIX = "Example council: "
EXAMPLE_NOTE = "Example target: not set by the council."

# --- where figures come from ---------------------------------------------------------------------
SEED = "LGA Corporate Peer Challenge report, Sefton, November 2023"
SEED_CREDIT = "LGA Corporate Peer Challenge feedback report for Sefton Council (peer team onsite 21-24 November 2023)"
RECYCLING = "Defra local authority collected waste statistics (ENV18, ex NI192)"
RECYCLING_CREDIT = (
    f"{RECYCLING}, via github.com/traffordDataLab/climate_emergency. Contains public sector information "
    "licensed under the Open Government Licence v3.0."
)
OFLOG = "Office for Local Government adult social care metrics (Local Authority Data Explorer)"
OFLOG_CREDIT = (
    "Office for Local Government, Local Authority Data Explorer (from NHS England ASCOF/SALT and Skills for "
    "Care), via github.com/communitiesuk/oflog-automated-text. Crown copyright, Open Government Licence v3.0."
)
NEET = "OHID Fingertips indicator 93203 (PHOF 1.05)"
NEET_CREDIT = (
    f"{NEET}, via github.com/traffordDataLab/dashboard. OHID, Open Government Licence v3.0. Latest figure: {SEED}."
)

DATING_2021_22 = (
    "The report does not say which year this figure is for. Its Oflog figures for short-term support (85%) and "
    "adult social care staff turnover (31%) equal Sefton's published 2021-22 figures, not the 2022-23 ones "
    "(79.7% and 26.9%), so this figure is recorded against 2021-22."
)
DATING_LAST_YEAR = (
    "The report does not say which year this figure is for; it is recorded against 2022-23, the last whole "
    "financial year before the report."
)


@dataclass(frozen=True)
class SeedFigure:
    period: str
    value: str
    commentary: str


@dataclass(frozen=True)
class MeasureSpec:
    reference: str
    title: str
    definition: str
    directorate: str
    priorities: tuple[str, ...]
    polarity: str
    amber: str | None
    change: str
    notes: str
    data_source: str
    unit: str = Unit.PERCENT
    decimal_places: int = 1
    year_type: str = "financial"
    rate_per: int | None = None
    owner: str = ""
    rollup: str = Rollup.LATEST
    numerator_label: str = ""
    denominator_label: str = ""
    seed: tuple[SeedFigure, ...] = ()
    # the seed's comparator, used as the example target for the measure's latest year
    comparator: str | None = None
    comparator_words: str = ""
    extra: dict = field(default_factory=dict)
    frequency: str = Frequency.ANNUAL

    def fields(self, *, directorate: Directorate, owner: User | None) -> dict:
        return {
            "title": self.title,
            "definition": self.definition,
            "unit": self.unit,
            "rate_per": self.rate_per,
            "polarity": self.polarity,
            "frequency": self.frequency,
            "year_type": self.year_type,
            "owner": owner,
            "directorate": directorate,
            "data_source": self.data_source,
            "numerator_label": self.numerator_label,
            "denominator_label": self.denominator_label,
            "rollup": self.rollup,
            "decimal_places": self.decimal_places,
            "amber_tolerance": Decimal(self.amber) if self.amber is not None else None,
            "change_tolerance": Decimal(self.change),
            "is_active": True,
            "notes": self.notes,
        }


def _seed_said(quote: str, section: str) -> str:
    return f"Seed 000 ({SEED_CREDIT}), section {section}: “{quote}”"


ASC_QUOTE = _seed_said(
    "Sefton Council performs better than the Metropolitan average on a number of key metrics regarding health and "
    "social care. This includes 85% of those who receive short-term support requiring no further or additional "
    "support (72% national average). The Council is also the third highest performing Metropolitan Council for "
    "overall satisfaction of service users in health and care (69%). However, there is a higher staff turnover "
    "rate 31% for these services against a national average of 26%.",
    "4.1 (metrics measured by the Office for Local Government)",
)
WASTE_QUOTE = _seed_said(
    "Sefton Council performs worse than the Metropolitan average on metrics of waste collection, with 33% of "
    "waste sent for recycling (national average of 37%), but 17% of waste collections being contaminated and "
    "rejected, against a national average of 6%.",
    "4.1 (metrics measured by the Office for Local Government)",
)
ASC_PRIORITIES = ("protect-vulnerable", "core-services")


def _asc(reference, code, title, definition, **kw) -> MeasureSpec:
    kw.setdefault("notes", f"Oflog metric {code}. Yearly series from the Oflog file (oflog-asc/asc_values.csv).")
    return MeasureSpec(
        reference=reference,
        title=title,
        definition=definition,
        directorate="adults",
        data_source=OFLOG_CREDIT,
        extra={"oflog_code": code},
        **kw,
    )


MEASURES: list[MeasureSpec] = [
    MeasureSpec(
        reference="CYP-01",
        title="16-17 year olds not in education, employment or training or whose activity is not known",
        definition="Percentage of 16 and 17 year olds known to the local authority who are not in education, "
        "employment or training (NEET) or whose activity is not known (Fingertips 93203, PHOF 1.05). "
        "Years as Fingertips labels them (calendar years).",
        directorate="childrens",
        priorities=("place-leadership", "economic-prosperity"),
        polarity=Polarity.LOWER_BETTER,
        amber="0.5",
        change="0.2",
        year_type="calendar",
        owner="editor",
        data_source=NEET_CREDIT,
        seed=(
            SeedFigure(
                "2022",
                "3",
                f"{SEED}, section 4.1: a local rate of 3% against a national average of 5%, top quartile. The "
                "report does not say which year; recorded against 2022, the last whole calendar year before it.",
            ),
        ),
        comparator="5",
        comparator_words="the national average the peer challenge report compares Sefton with (5%)",
        notes=_seed_said(
            "Sefton performs above the Metropolitan average on issues of 16 and 17 years olds who are not in "
            "education, employment, or training, with a local rate of 3% against a national average of 5%. This "
            "places the Council in the top quartile for performance.",
            "4.1 (metrics measured by the Office for Local Government)",
        )
        + " The 3% is recorded against 2022: the report does not say which year, and 2022 is the last whole "
        "calendar year before it. The 5% national average is what the report compares Sefton against; it is the "
        "example target for 2022. 2016-2018 come from the Fingertips file (fingertips/neets.csv; England: 6.0%, "
        "6.0%, 5.5%).",
    ),
    MeasureSpec(
        reference="ENV-01",
        title="Household waste sent for reuse, recycling or composting",
        definition="Percentage of household waste sent for reuse, recycling or composting (former national "
        "indicator NI 192; Defra ENV18).",
        directorate="place",
        priorities=("cleaner-greener",),
        polarity=Polarity.HIGHER_BETTER,
        amber="2",
        change="0.5",
        data_source=RECYCLING_CREDIT,
        numerator_label="Household waste sent for reuse, recycling or composting (tonnes)",
        denominator_label="Household waste collected (tonnes)",
        seed=(SeedFigure("2021-22", "33", f"{SEED}, section 4.1: 33% of waste sent for recycling. {DATING_2021_22}"),),
        comparator="37",
        comparator_words="the national average the peer challenge report compares Sefton with (37%)",
        notes=WASTE_QUOTE
        + " The report's 33% agrees with Defra's 2021-22 figure for Sefton (33.2%), which the data file supplies, "
        f"so the file wins for that year. {DATING_2021_22} The 37% national average is what the report compares "
        "Sefton against; it is the example target for the latest year. Yearly series 2015-16 to 2023-24 from "
        "recycling/recycling.csv.",
    ),
    MeasureSpec(
        reference="ENV-02",
        title="Household recycling collections contaminated and rejected",
        definition="Percentage of household waste collected for recycling that is rejected because it is "
        "contaminated (Office for Local Government waste metric).",
        directorate="place",
        priorities=("cleaner-greener", "core-services"),
        polarity=Polarity.LOWER_BETTER,
        amber="2",
        change="1",
        data_source=f"{SEED_CREDIT}, quoting the Office for Local Government's waste metrics.",
        seed=(
            SeedFigure(
                "2021-22",
                "17",
                f"{SEED}, section 4.1: 17% of waste collections contaminated and rejected (national average 6%). "
                f"{DATING_2021_22}",
            ),
        ),
        comparator="6",
        comparator_words="the national average the peer challenge report compares Sefton with (6%)",
        notes=WASTE_QUOTE
        + f" {DATING_2021_22} The 6% national average is what the report compares Sefton against; it is the "
        "example target for 2021-22. No yearly series is bundled for this measure.",
    ),
    _asc(
        "ASC-01",
        "ASC1",
        "Carer-reported quality of life",
        "Carer-reported quality of life score, out of 12 (ASCOF 1D; Oflog metric ASC1), from the biennial survey "
        "of adult carers.",
        priorities=("protect-vulnerable", "resilient-communities"),
        polarity=Polarity.HIGHER_BETTER,
        unit=Unit.NUMBER,
        amber="0.3",
        change="0.1",
    ),
    _asc(
        "ASC-02",
        "ASC2",
        "Adult social care-related quality of life: impact of services",
        "Adjusted social care-related quality of life: the impact of adult social care services, a score "
        "(ASCOF 1J; Oflog metric ASC2).",
        priorities=ASC_PRIORITIES,
        polarity=Polarity.HIGHER_BETTER,
        unit=Unit.NUMBER,
        decimal_places=3,
        amber="0.02",
        change="0.005",
    ),
    _asc(
        "ASC-03",
        "ASC3",
        "Service users who find it easy to find information about services",
        "Percentage of adult social care service users who find it easy to find information about services "
        "(ASCOF 3D part 1; Oflog metric ASC3).",
        priorities=("protect-vulnerable", "resilient-communities"),
        polarity=Polarity.HIGHER_BETTER,
        amber="3",
        change="1",
    ),
    _asc(
        "ASC-04",
        "ASC4",
        "Carers who find it easy to find information about support",
        "Percentage of carers who find it easy to find information about support (ASCOF 3D part 2; Oflog metric "
        "ASC4), from the biennial survey of adult carers.",
        priorities=("protect-vulnerable", "resilient-communities"),
        polarity=Polarity.HIGHER_BETTER,
        amber="3",
        change="1",
    ),
    _asc(
        "ASC-05",
        "ASC5",
        "Short-term support: people needing no further support",
        "Percentage of people who received short-term support (reablement) during the year who needed no further "
        "support or only lower-level support afterwards (ASCOF 2D; Oflog metric ASC5).",
        priorities=("protect-vulnerable", "resilient-communities", "core-services"),
        polarity=Polarity.HIGHER_BETTER,
        amber="3",
        change="1",
        seed=(SeedFigure("2021-22", "85", f"{SEED}, section 4.1: 85% (72% national average). {DATING_2021_22}"),),
        comparator="72",
        comparator_words="the national average the peer challenge report compares Sefton with (72%)",
        notes=ASC_QUOTE + " The report's 85% equals Oflog's 2021-22 figure for Sefton (85.0%), which the data file "
        "supplies. The 72% national average is what the report compares Sefton against; it is the example target "
        "for the latest year. Yearly series 2015-16 to 2022-23 from oflog-asc/asc_values.csv (Oflog metric ASC5).",
    ),
    _asc(
        "ASC-06",
        "ASC6",
        "Requests for support resulting in a service",
        "Requests for adult social care support that resulted in a service, per 100,000 (Oflog metric ASC6, from "
        "NHS England's Short and Long Term care statistics). Neither higher nor lower is better in itself.",
        priorities=ASC_PRIORITIES,
        polarity=Polarity.NONE,
        unit=Unit.RATE,
        rate_per=100_000,
        decimal_places=0,
        amber=None,
        change="50",
    ),
    _asc(
        "ASC-07",
        "ASC7",
        "Adult social care staff turnover",
        "Adult social care workforce turnover rate, percentage (Oflog metric ASC7, from Skills for Care).",
        priorities=("core-services",),
        polarity=Polarity.LOWER_BETTER,
        amber="2",
        change="1",
        seed=(SeedFigure("2021-22", "31", f"{SEED}, section 4.1: 31% (26% national average). {DATING_2021_22}"),),
        comparator="26",
        comparator_words="the national average the peer challenge report compares Sefton with (26%)",
        notes=ASC_QUOTE + " The report's 31% equals Oflog's 2021-22 figure for Sefton (31.0%), which the data file "
        "supplies. The 26% national average is what the report compares Sefton against; it is the example target "
        "for the latest year. Yearly series 2016-17 to 2022-23 from oflog-asc/asc_values.csv (Oflog metric ASC7).",
    ),
    MeasureSpec(
        reference="ASC-SAT",
        title="Adult social care users' overall satisfaction with their care and support",
        definition="Percentage of people who use adult social care services who are extremely or very satisfied "
        "with their care and support (ASCOF 3A).",
        directorate="adults",
        priorities=ASC_PRIORITIES,
        polarity=Polarity.HIGHER_BETTER,
        amber="3",
        change="1",
        data_source=f"{SEED_CREDIT}, quoting the Office for Local Government's adult social care metrics.",
        seed=(
            SeedFigure(
                "2021-22",
                "69",
                f"{SEED}, section 4.1: 69%, the third highest of the metropolitan councils. {DATING_2021_22}",
            ),
        ),
        notes=ASC_QUOTE + f" {DATING_2021_22} The report gives no comparator figure (only Sefton's rank, third "
        "highest of the metropolitan councils), so there is no example target.",
    ),
    MeasureSpec(
        reference="HOU-01",
        title="Vacant dwellings",
        definition="Vacant dwellings as a percentage of all dwellings in the borough.",
        directorate="place",
        priorities=("place-leadership", "economic-prosperity"),
        polarity=Polarity.LOWER_BETTER,
        amber="0.5",
        change="0.2",
        data_source=f"{SEED_CREDIT}, quoting the Office for Local Government's metrics.",
        seed=(
            SeedFigure(
                "2022-23",
                "4",
                f"{SEED}, section 4.1: 4%, the second worst borough on this measure. {DATING_LAST_YEAR}",
            ),
        ),
        notes=_seed_said(
            "The Council is also an outlier for the number of vacant dwellings in the borough at 4%, making them "
            "the second worst performing borough against this measure.",
            "4.1 (metrics measured by the Office for Local Government)",
        )
        + f" {DATING_LAST_YEAR} The report gives no comparator figure, so there is no example target.",
    ),
    MeasureSpec(
        reference="HOU-02",
        title="Net new homes a year",
        definition="Net additional homes completed in the borough in the year.",
        directorate="place",
        priorities=("economic-prosperity", "place-leadership"),
        polarity=Polarity.HIGHER_BETTER,
        unit=Unit.NUMBER,
        decimal_places=0,
        amber="50",
        change="25",
        rollup=Rollup.SUM,
        data_source=f"{SEED_CREDIT}.",
        seed=(
            SeedFigure(
                "2022-23",
                "800",
                f"{SEED}, section 4.2: “over 800 new homes a year”, comfortably delivering against the Local "
                f"Plan targets. 800 is the lower bound the report gives. {DATING_LAST_YEAR}",
            ),
        ),
        notes=_seed_said(
            "It is recognised that the Council is comfortably delivering against their targets, with over 800 new "
            "homes a year, and has significant scope to increase this further, this is an area of notable "
            "improvement in performance over recent years since the adoption of the Council's Local Plan.",
            "4.2",
        )
        + f" 800 is recorded as the lower bound (“over 800”). {DATING_LAST_YEAR} The report does not give the "
        "Local Plan's target figure, so there is no target here.",
    ),
    MeasureSpec(
        reference="GOV-01",
        title="Referrals to the Local Government and Social Care Ombudsman (five years)",
        definition="Complaints about the council referred to the Local Government and Social Care Ombudsman over "
        "the previous five years (a rolling five-year total).",
        directorate="corporate",
        priorities=("core-services",),
        polarity=Polarity.NONE,
        unit=Unit.NUMBER,
        decimal_places=0,
        amber=None,
        change="5",
        owner="officer",
        data_source=f"{SEED_CREDIT} (Best Value indicators).",
        seed=(
            SeedFigure(
                "2022-23",
                "165",
                f"{SEED}, section 4.3: 165 referrals over the past five years, in line with other metropolitan "
                f"councils. {DATING_LAST_YEAR}",
            ),
        ),
        notes=_seed_said(
            "The Council has received 165 referrals to the Social Care Ombudsman over the past five-years, with 45 "
            "being upheld. This is inline with the numbers for other metropolitan Councils.",
            "4.3 (against the Government's Best Value indicators)",
        )
        + " The report says “Social Care Ombudsman”: the Local Government and Social Care Ombudsman. A five-year "
        f"total as at November 2023. {DATING_LAST_YEAR} The report gives no comparator figure, so no target.",
    ),
    MeasureSpec(
        reference="GOV-02",
        title="Ombudsman complaints upheld (five years)",
        definition="Complaints about the council upheld by the Local Government and Social Care Ombudsman over the "
        "previous five years (a rolling five-year total).",
        directorate="corporate",
        priorities=("core-services",),
        polarity=Polarity.LOWER_BETTER,
        unit=Unit.NUMBER,
        decimal_places=0,
        amber="5",
        change="2",
        owner="officer",
        data_source=f"{SEED_CREDIT} (Best Value indicators).",
        seed=(
            SeedFigure(
                "2022-23",
                "45",
                f"{SEED}, section 4.3: 45 of the 165 referrals over the past five years upheld. {DATING_LAST_YEAR}",
            ),
        ),
        notes=_seed_said(
            "The Council has received 165 referrals to the Social Care Ombudsman over the past five-years, with 45 "
            "being upheld. This is inline with the numbers for other metropolitan Councils.",
            "4.3 (against the Government's Best Value indicators)",
        )
        + f" A five-year total as at November 2023. {DATING_LAST_YEAR} The report gives no comparator figure, "
        "so no target.",
    ),
    MeasureSpec(
        reference="ORG-01",
        title="Staff appraisals completed (My Sefton, My Way)",
        definition="Percentage of staff due an annual appraisal (“My Sefton, My Way”) who completed it in the year.",
        directorate="corporate",
        priorities=("change-reform",),
        polarity=Polarity.HIGHER_BETTER,
        unit=Unit.PERCENT,
        decimal_places=0,
        amber="10",
        change="2",
        owner="hr",
        rollup=Rollup.RATIO,
        numerator_label="Staff with a completed appraisal",
        denominator_label="Staff due an appraisal",
        data_source=f"{SEED_CREDIT} (a forecast: the council used paper appraisal records).",
        seed=(
            SeedFigure(
                "2023-24",
                "70",
                f"{SEED}, section 4.5: appraisal completion “was forecast at 70%”; the paper-based system meant "
                "the council could not state the number accurately. A forecast for the 2023-24 appraisal year.",
            ),
        ),
        notes=_seed_said(
            "This system meant that the Council was not able to accurately state the number of staff who had "
            'completed their annual appraisal (known locally as "My Sefton, My Way") which was forecast at 70%.',
            "4.5",
        )
        + " A forecast made in November 2023, recorded against 2023-24. Goldthread's appraisal records can replace "
        "it with a computed figure. The report gives no target, so there is none here.",
    ),
    MeasureSpec(
        reference="CYP-02",
        title="Children's social care assessments completed within 45 working days",
        definition="Percentage of children's social care assessments completed within 45 working days of the "
        "referral, the statutory timescale (Working Together to Safeguard Children). Reported each quarter.",
        directorate="childrens",
        priorities=("protect-vulnerable",),
        polarity=Polarity.HIGHER_BETTER,
        amber=None,
        change="1",
        owner="editor",
        frequency=Frequency.QUARTERLY,
        data_source="The council's children's social care case management system",
        notes="A quarterly return for the improvement of Children's Services that the peer challenge report puts "
        "first (seed 000, section 4). The seeds give no figures for it, so it has none: the directorate enters "
        "each quarter's value, and the reporting timetable says when it is due.",
    ),
]
MEASURES_BY_REF = {m.reference: m for m in MEASURES}


# --- reading the shared data ---------------------------------------------------------------------
Figures = dict[str, tuple[Decimal, str, str]]  # period label as written -> (value, commentary, source)


@dataclass
class SharedData:
    """Sefton's yearly series by measure reference, every authority's Oflog values (for the median),
    and whatever could not be found."""

    series: dict[str, Figures] = field(default_factory=dict)
    oflog_all: dict[str, dict[str, list[Decimal]]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)


def _rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def _number(text: str) -> Decimal | None:
    text = (text or "").strip()
    if text in {"", "NA", "NaN", ":", ".."}:
        return None
    return Decimal(text).quantize(QUANTUM)


def _recycling(path: Path, data: SharedData) -> None:
    points: Figures = {}
    for row in _rows(path):
        value = _number(row["value"])
        if row["area_code"] == SEFTON and value is not None:
            label = row["period"]
            commentary = (
                f"{plain(value)}% of Sefton's household waste was sent for reuse, recycling or composting in {label}."
            )
            points[label] = (value, commentary, RECYCLING)
    data.series["ENV-01"] = points


def _oflog(path: Path, data: SharedData) -> None:
    by_code = {spec.extra["oflog_code"]: spec.reference for spec in MEASURES if "oflog_code" in spec.extra}
    points: dict[str, Figures] = {ref: {} for ref in by_code.values()}
    everyone: dict[str, dict[str, list[Decimal]]] = {code: {} for code in by_code}
    for row in _rows(path):
        code, year, value = row["Code"], row["Financial year"], _number(row["Value"])
        if code not in by_code or value is None:
            continue
        everyone[code].setdefault(year, []).append(value)
        if row["Local authority code"] == SEFTON:
            commentary = f"Sefton's published {code} figure for {year} is {plain(value)}."
            points[by_code[code]][year] = (value, commentary, OFLOG)
    data.series.update(points)
    data.oflog_all = everyone


def _neet(path: Path, data: SharedData) -> None:
    points: Figures = {}
    for row in _rows(path):
        value = _number(row["value"])
        if row["area_code"] == SEFTON and value is not None:
            label = row["period"]
            commentary = (
                f"{plain(value)}% of Sefton's 16-17 year olds were not in education, employment or training, or their "
                f"activity was not known, in {label}."
            )
            points[label] = (value, commentary, NEET)
    data.series["CYP-01"] = points


DATA_FILES = [
    ("recycling/recycling.csv", _recycling),
    ("oflog-asc/asc_values.csv", _oflog),
    ("fingertips/neets.csv", _neet),
]


def read_shared_data(folder: Path) -> SharedData:
    """Sefton's yearly series from the shared data folder. A missing folder or file is listed, not fatal."""
    data = SharedData()
    if not folder.is_dir():
        data.missing.append(str(folder))
        return data
    for name, reader in DATA_FILES:
        path = folder / name
        if path.is_file():
            reader(path, data)
        else:
            data.missing.append(str(path))
    return data


# --- writing, with history, never over someone's change ------------------------------------------
MEASURE_FIELDS = [
    "title",
    "definition",
    "unit",
    "rate_per",
    "polarity",
    "frequency",
    "year_type",
    "owner",
    "directorate",
    "data_source",
    "numerator_label",
    "denominator_label",
    "rollup",
    "decimal_places",
    "amber_tolerance",
    "change_tolerance",
    "is_active",
    "notes",
]
VALUE_FIELDS = ["period", "value", "commentary", "source", "status"]
TARGET_FIELDS = ["period", "value", "is_example", "note"]


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)


@dataclass
class Links:
    """A measure's priorities: what they are now and what the loader wants."""

    current: list[str]
    wanted: list[Priority]

    @property
    def wanted_codes(self) -> list[str]:
        return sorted(p.code for p in self.wanted)


def _is_ours(obj) -> bool:
    """True when the loader made the last change to ``obj``: only then may it change it again."""
    last = history_for(obj).first()
    return last is not None and last.user_id is None and last.reason.startswith(REASON_PREFIX)


def _snap(obj, fields: list[str]) -> dict:
    return {f: plain(getattr(obj, f)) for f in fields}


def _write(obj, wanted: dict, fields: list[str], source: str, links: Links | None = None) -> str:
    """Create ``obj`` or bring it up to ``wanted``, writing history only when something changed.
    Something a person changed since the loader last wrote it is kept as they left it."""
    creating = obj.pk is None
    if not creating and not _is_ours(obj):
        return "kept"
    before = {} if creating else _snap(obj, fields)
    for name, value in wanted.items():
        setattr(obj, name, value)
    after = _snap(obj, fields)
    links_changed = links is not None and links.current != links.wanted_codes
    if not creating and before == after and not links_changed:
        return "unchanged"
    obj.save()
    if links is not None:
        obj.priorities.set(links.wanted)
        if links_changed:
            if not creating:
                before["priorities"] = links.current
            after["priorities"] = links.wanted_codes
    record_change(obj=obj, user=None, action=Change.Action.IMPORT, before=before, after=after, reason=_reason(source))
    return "created" if creating else "updated"


def _reason(source: str) -> str:
    return f"{REASON_PREFIX}loaded from {source}"


def _measure(council, spec: MeasureSpec, directorates, owners, tally: Tally) -> Measure:
    measure = Measure.objects.filter(council=council, reference=spec.reference).first()
    measure = measure or Measure(council=council, reference=spec.reference)
    wanted = spec.fields(directorate=directorates[spec.directorate], owner=owners.get(spec.owner))
    current = sorted(measure.priorities.values_list("code", flat=True)) if measure.pk else []
    links = Links(current, list(Priority.objects.filter(council=council, code__in=spec.priorities)))
    tally.add(_write(measure, wanted, MEASURE_FIELDS, spec.data_source, links))
    return measure


def _value(measure: Measure, period: Period, figure: tuple[Decimal, str, str], tally: Tally) -> None:
    value, commentary, source = figure
    obj = MeasureValue.objects.filter(measure=measure, period=period.label).first() or MeasureValue(measure=measure)
    obj.set_period(period)
    wanted = {"value": value, "commentary": commentary, "source": source, "status": Status.APPROVED}
    tally.add(_write(obj, wanted, VALUE_FIELDS, source))


def _target(measure: Measure, period: Period, value: Decimal, words: str, source: str, tally: Tally) -> None:
    obj = Target.objects.filter(measure=measure, period=period.label).first() or Target(measure=measure)
    obj.set_period(period)
    note = f"{EXAMPLE_NOTE} {sentence_case(words)}."[:300]
    tally.add(_write(obj, {"value": value, "is_example": True, "note": note}, TARGET_FIELDS, source))


def figures_for(spec: MeasureSpec, measure: Measure, data: SharedData) -> dict[Period, tuple[Decimal, str, str]]:
    """The seed's figures, then the data file's, by period: where both cover a year, the file wins."""
    figures = {
        measure.parse_period(s.period): (Decimal(s.value).quantize(QUANTUM), s.commentary, SEED) for s in spec.seed
    }
    for label, figure in data.series.get(spec.reference, {}).items():
        figures[measure.parse_period(label)] = figure
    return figures


def _example_target(spec: MeasureSpec, measure: Measure, latest: Period, data: SharedData):
    """(value, words, source) for the latest year's example target, or None where none makes sense."""
    if spec.comparator is not None:
        return Decimal(spec.comparator).quantize(QUANTUM), spec.comparator_words, SEED
    code = spec.extra.get("oflog_code")
    values = data.oflog_all.get(code, {}).get(latest.label) if code else None
    if not values or spec.polarity == Polarity.NONE:
        return None
    median = Decimal(statistics.median(values)).quantize(QUANTUM)
    words = (
        f"the median of all {len(values)} authorities in Oflog's {code} data for {latest.label} "
        f"({measure.format_value(median)}), the comparison Oflog makes"
    )
    return median, words, OFLOG


def load(*, council, log=print, options=None):
    data = read_shared_data(Path(settings.GOLDTHREAD_SHARED_DATA))
    for missing in data.missing:
        log(
            f"  performance: data not found at {missing} (GOLDTHREAD_SHARED_DATA names a folder without it; unset "
            "it to use the bundled goldthread/data): the seed figures are loaded, the yearly series it holds are not."
        )
    directorates = {d.code: d for d in Directorate.objects.filter(council=council)}
    absent = sorted({spec.directorate for spec in MEASURES} - set(directorates))
    if absent:
        raise ValueError(f"the example council has no directorate {', '.join(absent)}: run the council loader first")
    owners = {u.username: u for u in User.objects.filter(is_demo=True)}
    measures, values, targets = Tally(), Tally(), Tally()
    for spec in MEASURES:
        measure = _measure(council, spec, directorates, owners, measures)
        figures = figures_for(spec, measure, data)
        for period, figure in sorted(figures.items()):
            _value(measure, period, figure, values)
        example = _example_target(spec, measure, max(figures), data) if figures else None
        if example is not None:
            _target(measure, max(figures), *example, targets)
    log(
        f"  performance: {len(MEASURES)} measures ({measures.created} new, {measures.updated} updated), "
        f"{values.created} values new and {values.updated} updated, {targets.created} example targets new and "
        f"{targets.updated} updated; {measures.kept + values.kept + targets.kept} left as people changed them"
    )
    return council
