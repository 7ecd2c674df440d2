import json
from decimal import Decimal

import pytest

from goldthread.benchmarking.areas import import_areas
from goldthread.benchmarking.metric_import import MetricSpec, import_metric_file
from goldthread.benchmarking.models import Area, AreaCode, MetricImport, MetricValue, PublishedMetric
from goldthread.core.models import Change
from goldthread.core.tabular import ImportRejected

from .conftest import DATA, load


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def test_register_has_every_council_and_is_idempotent(register):
    sefton = Area.objects.get(gss_code="E08000014")
    assert (sefton.registry_code, sefton.la_type, sefton.region, sefton.ecode) == ("SFT", "MD", "North West", "E4304")
    assert sefton.combined_authority == "LCR" and sefton.population == 275899
    assert Area.objects.filter(la_type="MD", end_date__isnull=True).count() == 36
    assert Area.objects.get(gss_code="E92000001").is_aggregate
    assert Area.objects.get(gss_code="E47000001").is_aggregate  # Greater Manchester combined authority
    # a former code points at the authority that now holds it
    assert AreaCode.objects.get(kind="gss", value="E08000020").area.registry_code == "GAT"
    counts = (Area.objects.count(), AreaCode.objects.count())
    again = import_areas(DATA / "register" / "uk_local_authorities.csv")
    assert (again.areas_created, again.areas_updated, again.codes_created) == (0, 0, 0)
    assert (Area.objects.count(), AreaCode.objects.count()) == counts


def test_recycling_imports_every_nation_and_reimport_changes_nothing(recycling):
    assert recycling.created == 3205
    metric = PublishedMetric.objects.get(code="RECYCLING")
    sefton = MetricValue.objects.get(metric=metric, area__gss_code="E08000014", period="2022-23")
    assert float(sefton.value) > 0
    # Scottish figures are calendar years and stay calendar years
    assert MetricValue.objects.filter(metric=metric, area__nation="Scotland", period="2022").exists()
    assert not MetricValue.objects.filter(metric=metric, area__nation="Scotland", period="2022-23").exists()
    again = load("recycling/recycling.csv", "tidy", code="RECYCLING", polarity="higher")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3205)
    assert MetricImport.objects.filter(metric=metric).count() == 1
    assert len(MetricImport.objects.get(metric=metric).sha256) == 64
    assert Change.objects.filter(action=Change.Action.IMPORT).count() == 1


def test_oflog_file_is_one_metric_per_code_with_oflog_polarity(asc):
    assert asc.metrics == [f"ASC{i}" for i in range(1, 8)]
    assert PublishedMetric.objects.get(code="ASC7").polarity == "lower"
    assert PublishedMetric.objects.get(code="ASC6").polarity == "none"
    assert MetricValue.objects.filter(metric__code="ASC5", period="2022-23").count() == 152


def test_fingertips_neet_years_are_calendar_years_and_england_is_an_aggregate(register):
    load("fingertips/neets.csv", "tidy", code="NEET", polarity="lower", year_type="calendar")
    assert set(MetricValue.objects.filter(metric__code="NEET").values_list("period", flat=True)) == {
        "2016",
        "2017",
        "2018",
    }
    assert MetricValue.objects.filter(metric__code="NEET", area__gss_code="E92000001").count() == 3


def test_bad_rows_are_all_reported_and_nothing_is_written(register):
    content = csv_bytes(
        "area_code,area_name,period,value",
        "E08000014,Sefton,2022/23,45.1",
        "E99999999,Nowhere,2022/23,1",
        "E08000012,Liverpool,not a year,2",
        "E08000011,Knowsley,2022-23,lots",
        "E08000014,Sefton,2022-23,46",
    )
    with pytest.raises(ImportRejected) as caught:
        import_metric_file(content, "bad.csv", "tidy", MetricSpec(code="X"))
    errors = {(e.row, e.column) for e in caught.value.errors}
    assert {(3, "area_code"), (4, "period"), (5, "value"), (6, "")} <= errors
    messages = " ".join(e.message for e in caught.value.errors)
    assert "'E99999999' (Nowhere) is not a local authority" in messages and "first on row 2" in messages
    assert not PublishedMetric.objects.exists() and not MetricValue.objects.exists()


def test_names_without_codes_and_former_codes_land_on_the_right_area(register):
    content = csv_bytes(
        "area_code,area_name,period,value",
        ",Sefton Council,2022/23,1",
        "E08000020,Gateshead,2022/23,2",  # Gateshead's former code
        "E06000048,Northumberland,2022/23,3",
    )
    import_metric_file(content, "names.csv", "tidy", MetricSpec(code="X"))
    got = dict(MetricValue.objects.values_list("area__registry_code", "value"))
    assert got == {"SFT": 1, "GAT": 2, "NBL": 3}


def test_unknown_name_is_reported(register):
    with pytest.raises(ImportRejected) as caught:
        import_metric_file(
            csv_bytes("area_code,area_name,period,value", ",Atlantis,2022/23,1"), "n.csv", "tidy", MetricSpec(code="X")
        )
    assert "area name 'Atlantis'" in str(list(caught.value.errors)[0])


def test_missing_column_and_missing_code(register):
    with pytest.raises(ImportRejected) as caught:
        import_metric_file(
            csv_bytes("area_code,period,value", "E08000014,2022/23,1"), "m.csv", "tidy", MetricSpec(code="X")
        )
    assert [e.column for e in caught.value.errors] == ["area_name"]
    with pytest.raises(ImportRejected):
        import_metric_file(
            csv_bytes("area_code,area_name,period,value", "E08000014,S,2022/23,1"), "m.csv", "tidy", MetricSpec()
        )


LGINFORM_CSV = csv_bytes(
    '"area label","area long label","area","2021/22","2022/23"',
    '"Sefton","Sefton Metropolitan Borough Council","E08000014","42.1","43.5"',
    '"Wirral","Wirral Metropolitan Borough Council","E08000015","-","40.2"',
)


def test_lginform_csv(register):
    summary = import_metric_file(LGINFORM_CSV, "lgi.csv", "lginform-csv", MetricSpec(code="LGI", polarity="higher"))
    assert summary.created == 4
    values = {(a, p): v for a, p, v in MetricValue.objects.values_list("area__gss_code", "period", "value")}
    assert values[("E08000014", "2022-23")] == 43.5 and values[("E08000015", "2021-22")] is None
    again = import_metric_file(LGINFORM_CSV, "lgi.csv", "lginform-csv", MetricSpec(code="LGI"))
    assert not again.changed


LGINFORM_JSON = {
    "columns": [{"metricType": {"identifier": 3357, "label": "Household waste recycled"}}],
    "rows": [
        {
            "area": {"identifier": "E08000014", "label": "Sefton"},
            "period": {"identifier": "fin_2022_23", "label": "2022/23"},
            "values": [{"value": 43.5, "formatted": "43.5"}],
        },
        {
            "area": {"identifier": "E08000015", "label": "Wirral"},
            "period": {"identifier": "fin_2022_23", "label": "2022/23"},
            "values": [{"value": None, "formatted": "-"}],
        },
    ],
}


def test_lginform_json_and_bad_json_rows(register):
    content = json.dumps(LGINFORM_JSON).encode()
    summary = import_metric_file(content, "lgi.json", "lginform-json", MetricSpec(code="LGI"))
    assert summary.created == 2
    bad = {"rows": [{"area": {"identifier": "E00000000"}, "period": {"label": "2022/23"}, "values": [{"value": "x1"}]}]}
    with pytest.raises(ImportRejected) as caught:
        import_metric_file(json.dumps(bad).encode(), "bad.json", "lginform-json", MetricSpec(code="LGI"))
    assert {e.column for e in caught.value.errors} == {"area.identifier", "values[].value"}


def test_changed_value_is_updated_and_recorded(register):
    head = "area_code,area_name,period,value"
    import_metric_file(csv_bytes(head, "E08000014,Sefton,2022/23,1"), "a.csv", "tidy", MetricSpec(code="X"))
    summary = import_metric_file(csv_bytes(head, "E08000014,Sefton,2022/23,2"), "b.csv", "tidy", MetricSpec(code="X"))
    assert summary.updated == 1
    value = MetricValue.objects.get()
    assert value.value == 2 and value.source_import.filename == "b.csv"


def test_copy_stream_escapes_text_and_marks_missing_values():
    from decimal import Decimal

    from goldthread.benchmarking.metric_import import ParsedValue, _copy_lines
    from goldthread.domain.periods import Period

    year = Period.financial_year(2023)
    values = [
        ParsedValue(2, "X", 7, year, Decimal("1.500000"), "2023-24"),
        ParsedValue(3, "X", 8, year, None, "odd\tlabel\\"),
    ]
    chunks = list(_copy_lines(1, 9, values, lines_per_chunk=1))
    assert chunks == [
        "1\t7\t2023-24\t2023-04-01\t2024-03-31\t1.500000\t9\n",
        "1\t8\todd\\tlabel\\\\\t2023-04-01\t2024-03-31\t\\N\t9\n",
    ]


def test_values_seen_before_still_have_every_bad_row_reported(register):
    # repeated areas, periods and values take the import's fast path; bad rows among them do not slip by
    rows = [
        "area_code,area_name,period,value",
        "E08000014,Sefton,2022/23,1",
        "E08000015,Wirral,2022/23,1",
        "E08000014,Sefton,2021/22,lots",  # row 4: a known area and period, a bad value
        "E99999999,Nowhere,2022/23,1",  # row 5
        "E99999999,Nowhere,2021/22,1",  # row 6: the same unknown area again
        "E08000015,Wirral,20X2,1",  # row 7
        "E08000015,Wirral,2021/22,1",
    ]
    with pytest.raises(ImportRejected) as caught:
        import_metric_file(csv_bytes(*rows), "f.csv", "tidy", MetricSpec(code="FAST"))
    assert {(e.row, e.column) for e in caught.value.errors} == {
        (4, "value"),
        (5, "area_code"),
        (6, "area_code"),
        (7, "period"),
    }
    assert not MetricValue.objects.filter(metric__code="FAST").exists()


def _many_rows(period: str, value) -> list[str]:
    """Every current council once for the period: enough rows that the set-based paths do real work."""
    areas = Area.objects.filter(is_aggregate=False, end_date__isnull=True).order_by("gss_code")
    return [f"{a.gss_code},{a.name.replace(',', '')},{period},{value(i)}" for i, a in enumerate(areas)]


def test_duplicate_rows_in_one_file_are_each_reported_and_nothing_is_written(register):
    head = "area_code,area_name,period,value"
    rows = _many_rows("2022/23", lambda i: i)
    content = csv_bytes(head, *rows, rows[5], rows[0].replace("2022/23", "2022-23"))
    with pytest.raises(ImportRejected) as caught:
        import_metric_file(content, "dup.csv", "tidy", MetricSpec(code="DUP"))
    duplicates = sorted((e.row, e.message) for e in caught.value.errors)
    last = len(rows) + 1
    assert [row for row, _ in duplicates] == [last + 1, last + 2]
    assert "(first on row 7)" in duplicates[0][1] and "(first on row 2)" in duplicates[1][1]
    assert not PublishedMetric.objects.exists() and not MetricValue.objects.exists()


def test_reimport_adds_new_replaces_changed_and_keeps_unchanged_values(register):
    head = "area_code,area_name,period,value"
    first = import_metric_file(
        csv_bytes(head, *_many_rows("2021/22", lambda i: i), *_many_rows("2022/23", lambda i: i)),
        "first.csv", "tidy", MetricSpec(code="RE"),
    )  # fmt: skip
    councils = len(_many_rows("2021/22", str))
    assert (first.created, first.updated) == (2 * councils, 0)
    # 2021/22 unchanged; 2022/23 every tenth council changed, one now missing; 2023/24 new
    changed = [i for i in range(councils) if i % 10 == 0]
    newer = _many_rows("2022/23", lambda i: "" if i == 1 else i + 0.5 if i % 10 == 0 else i)
    second = import_metric_file(
        csv_bytes(head, *_many_rows("2021/22", lambda i: i), *newer, *_many_rows("2023/24", lambda i: 7)),
        "second.csv", "tidy", MetricSpec(code="RE"),
    )  # fmt: skip
    assert (second.created, second.updated, second.unchanged) == (
        councils,
        len(changed) + 1,
        2 * councils - len(changed) - 1,
    )
    record = second.imports[0]
    assert (record.created, record.updated, record.rows) == (councils, len(changed) + 1, 3 * councils)
    values = MetricValue.objects.filter(metric__code="RE")
    assert values.count() == 3 * councils
    latest = values.filter(period="2022-23").order_by("area__gss_code")
    assert [v.value for v in latest[:3]] == [Decimal("0.5"), None, 2]
    assert set(values.filter(source_import=record).values_list("period", flat=True)) == {"2022-23", "2023-24"}
    assert not values.filter(period="2021-22").exclude(source_import=first.imports[0]).exists()
    change = Change.objects.get(object_id=str(record.pk), action=Change.Action.IMPORT)
    assert (change.changes["created"][1], change.changes["updated"][1]) == (councils, len(changed) + 1)
    # the same file again changes nothing and records no import
    again = import_metric_file(
        csv_bytes(head, *_many_rows("2021/22", lambda i: i), *newer, *_many_rows("2023/24", lambda i: 7)),
        "second.csv", "tidy", MetricSpec(code="RE"),
    )  # fmt: skip
    assert (again.created, again.updated, again.unchanged, again.imports) == (0, 0, 3 * councils, [])


def test_a_bad_row_among_many_leaves_a_reimport_all_or_nothing(register):
    head = "area_code,area_name,period,value"
    import_metric_file(csv_bytes(head, *_many_rows("2022/23", lambda i: i)), "a.csv", "tidy", MetricSpec(code="AON"))
    before = list(MetricValue.objects.order_by("pk").values_list("pk", "value", "source_import_id"))
    rows = _many_rows("2022/23", lambda i: i + 1) + _many_rows("2023/24", lambda i: i)
    rows[len(rows) // 2] = rows[len(rows) // 2].rsplit(",", 1)[0] + ",12..5"
    with pytest.raises(ImportRejected) as caught:
        import_metric_file(csv_bytes(head, *rows), "b.csv", "tidy", MetricSpec(code="AON"))
    assert [(e.row, e.column) for e in caught.value.errors] == [(len(rows) // 2 + 2, "value")]
    assert list(MetricValue.objects.order_by("pk").values_list("pk", "value", "source_import_id")) == before
    assert MetricImport.objects.count() == 1
