from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from goldthread.benchmarking.areas import import_areas
from goldthread.benchmarking.models import PublishedMetric
from goldthread.core.tabular import ImportRejected
from goldthread.enquiries.ombudsman import import_ombudsman_file

TEST_FILE = Path(__file__).parent / "data" / "lgsco_test.csv"


@pytest.fixture
def register(db):
    return import_areas(settings.GOLDTHREAD_SHARED_DATA / "register" / "uk_local_authorities.csv")


def values(code):
    metric = PublishedMetric.objects.get(code=code)
    return {(v.area.name, v.period): v.value for v in metric.values.select_related("area")}


def test_imports_two_benchmarked_metrics(register):
    import_ombudsman_file(TEST_FILE.read_bytes(), TEST_FILE.name)
    decided, rate = values("LGSCO_DECIDED"), values("LGSCO_UPHELD_RATE")
    assert decided[("Sefton", "2023-24")] == 36
    assert rate[("Sefton", "2023-24")] == 25  # 9 of 36
    assert rate[("Knowsley", "2023-24")] == 40
    assert rate[("Liverpool", "2023-24")] == 0
    assert PublishedMetric.objects.get(code="LGSCO_UPHELD_RATE").polarity == "lower"


def test_bad_rows_are_refused_with_row_and_column_and_nothing_is_written(register):
    bad = (
        b"area_code,area_name,period,complaints_decided,upheld\n"
        b"E08000014,Sefton,2023-24,10,12\nE08000011,Knowsley,2023-24,ten,1\n"
    )
    with pytest.raises(ImportRejected) as caught:
        import_ombudsman_file(bad, "bad.csv")
    messages = [str(e) for e in caught.value.errors]
    assert any("Row 2" in m and "upheld" in m and "more than" in m for m in messages)
    assert any("Row 3" in m and "complaints_decided" in m for m in messages)
    assert not PublishedMetric.objects.filter(code__startswith="LGSCO").exists()


def test_unknown_area_undoes_everything(register):
    bad = b"area_code,area_name,period,complaints_decided,upheld\nE99999999,Nowhere,2023-24,10,1\n"
    with pytest.raises(ImportRejected):
        import_ombudsman_file(bad, "bad.csv")
    assert not PublishedMetric.objects.filter(code__startswith="LGSCO").exists()


def test_command(register, capsys):
    call_command("import_ombudsman", str(TEST_FILE))
    assert "LGSCO_DECIDED: 4 values" in capsys.readouterr().out
    with pytest.raises(CommandError, match="not a file"):
        call_command("import_ombudsman", "/nonexistent.csv")
