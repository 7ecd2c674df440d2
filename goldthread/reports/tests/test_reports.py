"""Committee reports: front sheet in the Cabinet layout, narrative edited by the performance team."""

import io

import pytest
from django.core.management import call_command
from docx import Document as WordDocument

from goldthread.core.audit import history_for
from goldthread.reports.models import ReportNarrative

FRONT_SHEET = [
    "Report to:",
    "Date of Meeting:",
    "Subject:",
    "Report of:",
    "Wards Affected:",
    "Portfolio:",
    "Is this a Key Decision:",
    "Included in Forward Plan:",
    "Exempt / Confidential Report:",
]
SECTIONS = [
    "Summary",
    "Recommendation(s)",
    "Reasons for the Recommendation(s)",
    "Alternative Options Considered and Rejected",
    "What will it cost and how will it be financed?",
    "Implications of the Proposals",
    "Contribution to the Council's Core Purpose",
    "What consultations have taken place on the proposals and when?",
    "Appendices",
]


def _word(content: bytes):
    return WordDocument(io.BytesIO(content))


def test_quarterly_report_in_word_follows_the_cabinet_layout(client_for, council, priority):
    response = client_for("member").get("/reports/quarterly/download.docx?period=2023-24 Q2&audience=cabinet")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    word = _word(response.content)
    labels = [row.cells[0].text for row in word.tables[0].rows]
    assert labels == FRONT_SHEET
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    for section in SECTIONS:
        assert section in headings
    assert "Quarterly Performance Report 2023-24 Q2" in [p.text for p in word.paragraphs]


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_quarterly_report_downloads_as_pdf_and_excel(client_for, council, fmt):
    response = client_for("auditor").get(f"/reports/quarterly/download.{fmt}?period=2023-24 Q2")
    assert response.status_code == 200
    assert response.content[:4] in {b"%PDF", b"PK\x03\x04"}


def test_performance_team_edits_the_narrative_and_the_change_is_kept(client_for, council, users):
    client = client_for("performance")
    page = client.get("/reports/quarterly/edit?period=2023-24 Q2&audience=cabinet")
    assert page.status_code == 200
    form = page.context["form"]
    data = {name: ("" if value is None else value) for name, value in form.initial.items() if name in form.fields}
    data.update(summary="Performance held up in the quarter.", meeting_date="2023-12-07", key_decision="")
    response = client.post("/reports/quarterly/edit?period=2023-24 Q2&audience=cabinet", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    narrative = ReportNarrative.objects.get()
    assert narrative.summary == "Performance held up in the quarter."
    assert history_for(narrative).get().user == users["performance"]
    word = _word(client.get("/reports/quarterly/download.docx?period=2023-24 Q2&audience=cabinet").content)
    assert "Performance held up in the quarter." in [p.text for p in word.paragraphs]
    assert word.tables[0].rows[1].cells[1].text == "7 December 2023"


@pytest.mark.parametrize("role", ["editor", "member", "auditor", "hr", "officer"])
def test_only_the_performance_team_edits_a_narrative(client_for, council, role):
    assert client_for(role).get("/reports/quarterly/edit?period=2023-24 Q2").status_code == 403


def test_bad_period_is_not_found(client_for, council):
    assert client_for("member").get("/reports/quarterly/preview?period=not-a-period").status_code == 404


def test_report_command_writes_the_file(council, tmp_path):
    out = tmp_path / "pack.docx"
    call_command("report", "quarterly", "--period", "Q2 2023/24", "--format", "docx", "--output", str(out))
    word = _word(out.read_bytes())
    assert "Quarterly Performance Report 2023-24 Q2" in [p.text for p in word.paragraphs]


def test_the_reports_page_opens_on_the_quarter_with_the_newest_approved_figures(client_for, council, directorate):
    from decimal import Decimal

    from goldthread.domain.periods import parse_period
    from goldthread.performance.models import Measure, MeasureValue

    measure = Measure.objects.create(council=council, reference="X-1", title="X", directorate=directorate)
    for label, status in (("2022-23 Q3", "approved"), ("2023-24 Q1", "draft")):
        value = MeasureValue(measure=measure, value=Decimal(1), status=status)
        value.set_period(parse_period(label))
        value.save()
    page = client_for("performance").get("/reports/").content.decode()
    # the draft in 2023-24 Q1 does not count; the approved 2022-23 Q3 figure does, old as it is
    assert '<option value="2022-23 Q3" selected>' in page
