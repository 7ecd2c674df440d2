"""Hostile workbooks given to `import_revenue_outturn`: a clear message and nothing imported."""

import pytest
from django.core.management import CommandError, call_command

from goldthread.core.tests import hostile_files as hf

CASES = [
    hf.Case("zip-bomb", "RS_2023-24_data_by_LA.xlsx", hf.xlsx_bomb(), "would expand to 320 MB"),
    hf.Case("not-a-zip", "RS_2023-24_data_by_LA.xlsx", hf.NOT_A_ZIP, "is not a zip archive"),
    hf.Case("cut-short", "RS_2023-24_data_by_LA.xlsx", hf.BROKEN_ZIP, "the zip archive is damaged"),
    hf.Case("random-binary", "RS_2023-24_data_by_LA.xlsx", hf.random_binary(), "is not a zip archive"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_import_revenue_outturn_refuses_a_hostile_workbook(db, tmp_path, case):
    path = tmp_path / case.filename
    path.write_bytes(case.content)
    before = hf.table_counts()
    with pytest.raises(CommandError) as caught:
        call_command("import_revenue_outturn", str(path))
    assert "Nothing was imported" in str(caught.value) and case.expected in str(caught.value)
    assert hf.table_counts() == before


def test_a_sheet_longer_than_any_rs_workbook_is_refused(db, tmp_path, monkeypatch):
    from goldthread.finance import outturn

    monkeypatch.setattr(outturn, "MAX_OUTTURN_ROWS", 5)
    rows = hf.xlsx_with_rows(10, sheet_name="RS LA Data 2023-24")
    path = tmp_path / "RS_2023-24_data_by_LA.xlsx"
    path.write_bytes(rows)
    with pytest.raises(outturn.OutturnError, match="more than 5 rows"):
        outturn.read_workbook(path)
