"""`goldthread import_revenue_outturn`: the official workbooks as published, all or nothing."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from goldthread.benchmarking.models import MetricImport, MetricValue, PublishedMetric
from goldthread.finance.example import RS_DIR, RS_FILES
from goldthread.finance.models import OutturnImport
from goldthread.finance.outturn import OutturnError, read_workbook

# The three published workbooks, bundled in goldthread/data/revenue-outturn.
FILES = [Path(settings.GOLDTHREAD_SHARED_DATA) / RS_DIR / name for name in RS_FILES]


def _value(code, period, gss="E08000014"):
    return MetricValue.objects.get(metric__code=code, period=period, area__gss_code=gss).value


def test_imports_the_three_published_workbooks_and_reimporting_changes_nothing(sefton_area, capsys):
    call_command("import_revenue_outturn", *map(str, FILES))
    assert [_value("RO-NRE", y) for y in ("2015-16", "2016-17", "2017-18")] == [205143, 218337, 244222]
    assert _value("RO-CTR", "2017-18") == 118748
    assert _value("RO-RES-EARMARKED", "2017-18") == 25220 and _value("RO-RES-UNALLOCATED", "2017-18") == 9132
    # RES-LEVEL = (915 + 916 at 31 March) / 805 x 100
    assert _value("RES-LEVEL", "2017-18") == Decimal("14.065891")
    assert _value("RES-CHANGE", "2017-18") < 0  # drawn down from 67,155 to 34,352
    assert _value("CT-SHARE", "2015-16") == Decimal("50.738753")
    # Matched by ecode when the ONS code is not among the area's codes.
    assert _value("RO-NRE", "2015-16", gss="E08000015") is not None
    assert OutturnImport.objects.get(financial_year="2017-18").provisional
    assert not OutturnImport.objects.get(financial_year="2016-17").provisional
    assert PublishedMetric.objects.get(code="RES-LEVEL").licence.endswith("Open Government Licence v3.0.")
    out = capsys.readouterr().out
    assert "not in the area register" in out

    counts = (MetricValue.objects.count(), MetricImport.objects.count())
    call_command("import_revenue_outturn", *map(str, FILES))
    assert (MetricValue.objects.count(), MetricImport.objects.count()) == counts
    assert "0 values created, 0 updated" in capsys.readouterr().out


def _fake_workbook(tmp_path, *, drop_line=None, bad_value=None, year_title="2018-19") -> Path:
    book = Workbook()
    ws = book.active
    ws.title = "RS LA Data 2018-19"
    ws.append([f"Revenue Outturn (RO) {year_title}: Revenue Outturn Summary (RS) data"])
    ws.append(["Net current expenditure (£ thousand)"])
    lines = [805, 890, 911, 914, 915, 916, 911, 914, 915, 916]
    sections = ["Revenue Expenditure Financing", None, "Reserves at 1 April 2018", None, None, None,
                "Reserves at 31 March 2019", None, None, None]  # fmt: skip
    if drop_line:
        index = len(lines) - 1 - lines[::-1].index(drop_line)
        lines[index] = 999
    ws.append([None] * 5 + sections)
    ws.append([None] * 5 + lines)
    ws.append(["E-code", "ONS Code", "Local authority", None, "Class"] + ["x"] * len(lines))
    values = [250000, 120000, 10, 1, 30000, 10000, 12, 1, 20000, 9000]
    if bad_value:
        values[0] = bad_value
    ws.append(["E4304", "E08000014", "Sefton", None, "MD", *values])
    ws.append(["Notes: data are provisional"])
    path = tmp_path / "RS_2018-19.xlsx"
    book.save(path)
    return path


def test_a_missing_line_names_the_file_and_line_and_writes_nothing(sefton_area, tmp_path):
    good = _fake_workbook(tmp_path)
    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    bad = _fake_workbook(bad_dir, drop_line=916)
    with pytest.raises(CommandError) as err:
        call_command("import_revenue_outturn", str(good), str(bad))
    assert "RS_2018-19.xlsx" in str(err.value) and "916 at 31 March" in str(err.value)
    assert not MetricValue.objects.exists()


def test_a_value_that_is_not_a_number_names_the_cell(tmp_path):
    with pytest.raises(OutturnError, match=r"cell F6 \(Sefton, line 805\): 'lots' is not a number"):
        read_workbook(_fake_workbook(tmp_path, bad_value="lots"))


def test_a_title_without_a_year_is_refused(tmp_path):
    with pytest.raises(OutturnError, match="cannot find the year in the title"):
        read_workbook(_fake_workbook(tmp_path, year_title="next year"))


def test_not_a_workbook(tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("hello")
    with pytest.raises(OutturnError, match="notes.xlsx: not an Excel workbook"):
        read_workbook(path)


def test_a_small_workbook_imports_with_derived_indicators(sefton_area, tmp_path):
    call_command("import_revenue_outturn", str(_fake_workbook(tmp_path)))
    assert _value("RES-LEVEL", "2018-19") == Decimal("11.600000")  # (20000 + 9000) / 250000
    assert _value("RES-CHANGE", "2018-19") == Decimal("-27.500000")  # 40000 -> 29000
    assert _value("CT-SHARE", "2018-19") == Decimal("48.000000")


def test_the_import_needs_areas_first(db, tmp_path):
    with pytest.raises(CommandError, match="import_areas"):
        call_command("import_revenue_outturn", str(_fake_workbook(tmp_path)))
