"""The bulk benchmark read agrees with reading one measure at a time, on the real imported data,
in a few queries whatever the number of measures."""

import pytest

from goldthread.benchmarking import selectors
from goldthread.benchmarking.models import MeasureBenchmark
from goldthread.domain.periods import Period
from goldthread.performance.models import Measure

# Sefton (the council fixture's GSS code) is a metropolitan district in the North West: outside CTY and LBO.
LINKS = [
    ("ENV-01", "RECYCLING", "MD"),
    ("ASC-05", "ASC5", "MD"),
    ("ASC-06", "ASC6", "CTY"),
    ("ASC-07", "ASC7", "REGION:North West"),
    ("ASC-05B", "ASC5", "UPPER"),
    ("ASC-05C", "ASC5", "all"),
    ("ASC-05D", "ASC5", "NO-SUCH-GROUP"),
]


@pytest.fixture
def linked(council, directorate, recycling, asc):
    measures = []
    for reference, code, group_code in LINKS:
        measure = Measure.objects.create(council=council, reference=reference, title=reference, directorate=directorate)
        MeasureBenchmark.objects.create(measure=measure, metric=selectors.metric(code), group_code=group_code)
        measures.append(measure)
    measures.append(
        Measure.objects.create(council=council, reference="UN-01", title="Not linked", directorate=directorate)
    )
    return measures


def _same(bulk, alone):
    assert set(bulk) == set(alone)
    for key, value in alone.items():
        if isinstance(value, float):
            assert bulk[key] == pytest.approx(value, rel=1e-12), key
        else:
            assert bulk[key] == value, key


@pytest.mark.parametrize(
    "period",
    [
        Period.financial_quarter(2024, 2),
        Period.financial_year(2019),
        Period.financial_year(2021),
        Period.financial_year(2000),
    ],
    ids=lambda p: p.label,
)
def test_bulk_read_agrees_with_one_measure_at_a_time(linked, period):
    bulk = selectors.benchmarks_for_measures(linked, period)
    expected = {m.pk: selectors.benchmark_for_measure(m, period) for m in linked}
    assert set(bulk) == {pk for pk, found in expected.items() if found is not None}
    for pk, found in bulk.items():
        _same(found, expected[pk])


def test_bulk_read_gives_band_words_and_says_when_the_council_is_outside_the_group(linked):
    found = selectors.benchmarks_for_measures(linked, Period.financial_quarter(2024, 2))
    by_reference = {m.reference: found.get(m.pk) for m in linked}
    recycling = by_reference["ENV-01"]
    assert recycling["n"] == 36 and recycling["rank_text"].endswith("of 36 metropolitan districts")
    assert recycling["quartile"] in {"top", "upper middle", "lower middle", "bottom"}
    outside = by_reference["ASC-06"]
    assert outside["rank"] is None and outside["quartile"] is None and outside["value"] is None
    assert outside["rank_text"].startswith("not ranked among") and outside["n"] > 0
    assert by_reference["ASC-05D"] is None and by_reference["UN-01"] is None


def test_bulk_read_costs_the_same_few_queries_for_one_measure_or_many(linked, django_assert_max_num_queries):
    period = Period.financial_quarter(2024, 2)
    with django_assert_max_num_queries(12):
        selectors.benchmarks_for_measures(linked, period)
    with django_assert_max_num_queries(12):
        selectors.benchmarks_for_measures(linked[:1], period)
    assert selectors.benchmarks_for_measures([], period) == {}
