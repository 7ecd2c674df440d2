"""Uploading the Ombudsman's statistics: all or nothing, benchmarked, and the council's own years as
measures."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied

from goldthread.benchmarking.areas import import_areas
from goldthread.benchmarking.models import MeasureBenchmark, PublishedMetric
from goldthread.benchmarking.selectors import benchmark_for_measure
from goldthread.core.audit import history_for
from goldthread.core.tabular import ImportRejected
from goldthread.council.models import Role
from goldthread.domain.periods import parse_period
from goldthread.enquiries import services
from goldthread.enquiries.models import OmbudsmanDecisions, OmbudsmanImport
from goldthread.performance.models import Measure, MeasureValue

TEST_FILE = Path(__file__).parent / "data" / "lgsco_test.csv"


@pytest.fixture
def register(db):
    return import_areas(settings.GOLDTHREAD_SHARED_DATA / "register" / "uk_local_authorities.csv")


def upload(council, user, content: bytes = TEST_FILE.read_bytes(), name: str = TEST_FILE.name) -> OmbudsmanImport:
    return services.ombudsman_import(council=council, user=user, content=content, filename=name)


def test_upload_imports_every_council_and_the_councils_own_years(register, council, directorate, users):
    record = upload(council, users[Role.PERFORMANCE])  # the test council is E08000014, Sefton's code
    assert (record.rows, record.areas, record.own_years) == (4, 3, "2022-23, 2023-24")
    assert record.periods == "2022-23, 2023-24" and record.imported_by == users[Role.PERFORMANCE]
    assert history_for(record).get().action == "import"
    own = {d.span: (d.referrals, d.upheld) for d in OmbudsmanDecisions.objects.filter(council=council)}
    assert own == {"2022-23": (40, 10), "2023-24": (36, 9)}
    assert MeasureValue.objects.get(measure__reference="LGSCO-UPHELD-RATE", period="2023-24").value == 25
    assert PublishedMetric.objects.filter(code__in=["LGSCO_DECIDED", "LGSCO_UPHELD_RATE"]).count() == 2


def test_the_councils_measures_are_benchmarked_against_the_published_metrics(register, council, directorate, users):
    upload(council, users[Role.PERFORMANCE])
    rate = Measure.objects.get(council=council, reference="LGSCO-UPHELD-RATE")
    link = MeasureBenchmark.objects.get(measure=rate)
    assert (link.metric.code, link.group_code, link.second_group_code) == ("LGSCO_UPHELD_RATE", "MD", "ENG")
    assert MeasureBenchmark.objects.get(measure__reference="LGSCO-DECIDED").metric.code == "LGSCO_DECIDED"
    position = benchmark_for_measure(rate, parse_period("2023-24"))
    assert position["value"] == 25 and position["n"] == 3  # Sefton, Knowsley, Liverpool: metropolitan districts


def test_a_bad_row_refuses_the_whole_file_naming_row_and_column(register, council, directorate, users):
    bad = (
        b"area_code,area_name,period,complaints_decided,upheld\n"
        b"E08000014,Sefton,2023-24,40,10\n"
        b"\n"
        b"E99999999,Nowhere,2023-24,10,1\n"
    )
    with pytest.raises(ImportRejected) as caught:
        upload(council, users[Role.PERFORMANCE], bad, "bad.csv")
    assert [e.row for e in caught.value.errors] == [4]  # as the person sees it: the blank row 3 counts
    assert not OmbudsmanDecisions.objects.exists() and not OmbudsmanImport.objects.exists()
    assert not PublishedMetric.objects.filter(code__startswith="LGSCO").exists()
    assert not Measure.objects.filter(reference__startswith="LGSCO").exists()


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.PERFORMANCE])
def test_only_the_performance_team_uploads(role, register, council, users):
    with pytest.raises(PermissionDenied):
        upload(council, users[role])
    assert not OmbudsmanImport.objects.exists()


def test_a_benchmark_link_somebody_set_is_kept(register, council, directorate, users):
    team = users[Role.PERFORMANCE]
    upload(council, team)
    link = MeasureBenchmark.objects.get(measure__reference="LGSCO-UPHELD-RATE")
    link.group_code = "UPPER"
    link.save()
    upload(council, team, TEST_FILE.read_bytes().replace(b"36,9", b"36,12"), "corrected.csv")
    assert MeasureBenchmark.objects.get(measure__reference="LGSCO-UPHELD-RATE").group_code == "UPPER"
    assert MeasureValue.objects.get(measure__reference="LGSCO-UPHELD", period="2023-24").value == 12
    assert OmbudsmanImport.objects.count() == 2


def test_the_councils_own_rows_are_found_by_name_too(register, council, directorate, users):
    by_name = b"area_code,area_name,period,complaints_decided,upheld\n,Sefton,2021-22,31,7\n"
    record = upload(council, users[Role.PERFORMANCE], by_name, "by-name.csv")
    assert record.own_years == "2021-22" and OmbudsmanDecisions.objects.get(span="2021-22").upheld == 7
