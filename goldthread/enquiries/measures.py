"""The scorecard measures Goldthread computes from complaints and Ombudsman figures (as it does
MEMBER-ENQ-ON-TIME from member enquiries): what each is. The services write their values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from goldthread.domain.periods import YearType
from goldthread.domain.rollup import Rollup
from goldthread.performance.models import Frequency, Unit


class MeasureFields(TypedDict):
    """A computed measure's fields as performance's measure_create takes them."""

    reference: str
    title: str
    definition: str
    unit: str
    polarity: str
    frequency: str
    year_type: str
    rollup: str
    numerator_label: str
    denominator_label: str
    decimal_places: int
    data_source: str


@dataclass(frozen=True)
class ComputedMeasure:
    reference: str
    title: str
    definition: str
    unit: str
    polarity: str
    frequency: str
    rollup: str = Rollup.SUM
    numerator_label: str = ""
    denominator_label: str = ""
    decimal_places: int = 0
    data_source: str = "Goldthread complaints figures (computed)"

    def fields(self) -> MeasureFields:
        return {
            "reference": self.reference,
            "title": self.title,
            "definition": self.definition,
            "unit": self.unit,
            "polarity": self.polarity,
            "frequency": self.frequency,
            "year_type": YearType.FINANCIAL,
            "rollup": self.rollup,
            "numerator_label": self.numerator_label,
            "denominator_label": self.denominator_label,
            "decimal_places": self.decimal_places,
            "data_source": self.data_source,
        }


def _closed(stage: int) -> ComputedMeasure:
    return ComputedMeasure(
        reference=f"COMPLAINTS-S{stage}-CLOSED",
        title=f"Stage {stage} complaints closed",
        definition=f"Complaints the council closed at stage {stage} of its complaints procedure in the quarter,"
        " whatever the outcome.",
        unit=Unit.NUMBER,
        polarity="none",
        frequency=Frequency.QUARTERLY,
    )


def _upheld(stage: int) -> ComputedMeasure:
    return ComputedMeasure(
        reference=f"COMPLAINTS-S{stage}-UPHELD",
        title=f"Stage {stage} complaints upheld (fully or partly)",
        definition=f"Of the complaints closed at stage {stage} in the quarter, the percentage upheld in full or"
        " in part.",
        unit=Unit.PERCENT,
        polarity="lower",
        frequency=Frequency.QUARTERLY,
        rollup=Rollup.RATIO,
        numerator_label="Upheld or partly upheld",
        denominator_label="Closed at this stage",
        decimal_places=1,
    )


COMPLAINTS = {stage: (_closed(stage), _upheld(stage)) for stage in (1, 2)}

OMBUDSMAN_SOURCE = "Goldthread Ombudsman decisions (computed; benchmarked against the Ombudsman's statistics)"
OMBUDSMAN_DECIDED = ComputedMeasure(
    reference="LGSCO-DECIDED",
    title="Ombudsman: complaints about the council decided",
    definition="Complaints and enquiries about the council that the Local Government and Social Care Ombudsman"
    " decided in the year (the referrals it dealt with).",
    unit=Unit.NUMBER,
    polarity="none",
    frequency=Frequency.ANNUAL,
    data_source=OMBUDSMAN_SOURCE,
)
OMBUDSMAN_UPHELD = ComputedMeasure(
    reference="LGSCO-UPHELD",
    title="Ombudsman: complaints about the council upheld",
    definition="Complaints about the council that the Local Government and Social Care Ombudsman upheld in the year.",
    unit=Unit.NUMBER,
    polarity="lower",
    frequency=Frequency.ANNUAL,
    data_source=OMBUDSMAN_SOURCE,
)
OMBUDSMAN_UPHELD_RATE = ComputedMeasure(
    reference="LGSCO-UPHELD-RATE",
    title="Ombudsman: complaints upheld (% of decided)",
    definition="Of the complaints about the council the Ombudsman decided in the year, the percentage upheld"
    " (the published metric LGSCO_UPHELD_RATE for this council).",
    unit=Unit.PERCENT,
    polarity="lower",
    frequency=Frequency.ANNUAL,
    rollup=Rollup.RATIO,
    numerator_label="Upheld",
    denominator_label="Decided",
    decimal_places=1,
    data_source=OMBUDSMAN_SOURCE,
)
# Each measure's published metric (goldthread.enquiries.ombudsman), linked once the metric is imported.
BENCHMARKS = {"LGSCO-DECIDED": "LGSCO_DECIDED", "LGSCO-UPHELD-RATE": "LGSCO_UPHELD_RATE"}
