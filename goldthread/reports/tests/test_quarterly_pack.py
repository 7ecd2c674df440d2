"""The quarterly pack, the Audit Committee risk report and the action plan report, built from the
example council: generated appendices, approved figures only, charts with alt text."""

import io
from datetime import date

import pytest
from docx import Document as WordDocument
from openpyxl import load_workbook

from goldthread.core.documents import render
from goldthread.council.models import Role, User
from goldthread.performance import services
from goldthread.performance.models import Measure
from goldthread.reports.models import ReportType
from goldthread.reports.pack import ReportContext, build_report

PERIOD = "2023-24 Q2"
# The annual 2023-24 figures are the position only once the year has ended: at Q4, not at Q2.
YEAR_END = "2023-24 Q4"


@pytest.fixture
def team(example, db):
    return User.objects.create_user(username="pack-performance", role=Role.PERFORMANCE)


def _pack(council, user, kind=ReportType.QUARTERLY, period=YEAR_END, as_of=date(2024, 5, 31)):
    ctx = ReportContext(council=council, period=period, audience="cabinet", user=user, as_of=as_of)
    return build_report(kind, ctx)


def _headings(doc) -> list[str]:
    return [b.text for b in doc.blocks if type(b).__name__ == "Heading"]


def _tables(doc) -> dict[str, object]:
    return {b.caption: b for b in doc.blocks if type(b).__name__ == "Table"}


def test_the_pack_has_every_generated_appendix_in_order(example, team):
    headings = [h for h in _headings(_pack(example, team, period=PERIOD)) if h.startswith("Appendix ")]
    assert [h.split(" – ")[1].split(",")[0] for h in headings] == [
        "Performance scorecard by priority",
        "Exceptions",
        "Finance summary",
        "Corporate risks",
        "Action plan progress",
        "People and ways of working",
    ]
    assert [h.split(" – ")[0] for h in headings] == [f"Appendix {c}" for c in "ABCDEF"]


def test_scorecard_appendix_gives_value_target_rag_words_direction_and_benchmark(example, team):
    tables = _tables(_pack(example, team))
    scorecard = next(t for caption, t in tables.items() if caption.startswith("Cleaner and Greener"))
    assert scorecard.headers == [
        "Ref",
        "Measure",
        "Value",
        "Target",
        "RAG",
        "Direction of travel",
        "Benchmark",
        "Commentary",
    ]
    recycling = next(r for r in scorecard.rows if r[0] == "ENV-01")
    assert recycling[2].startswith("33.2%")
    assert recycling[3] == "37.0% (example)"  # the seeds set no targets: this one is invented, and says so
    assert recycling[4] == "Off target (against an example target)"
    assert "of 36 metropolitan districts" in recycling[6]
    assert "quartile" in recycling[6]


def test_red_and_declining_measures_are_the_exceptions(example, team):
    exceptions = _tables(_pack(example, team))["Exceptions: red and declining measures"]
    why = {row[0]: row[2] for row in exceptions.rows}
    assert why["ENV-01"] == "Off target"
    assert why["ASC-05"] == "Getting worse"
    assert "ASC-03" not in why  # on target and improving


def test_a_figure_awaiting_approval_stays_out_of_the_pack_until_approved(example, team):
    measure = Measure.objects.get(council=example, reference="ENV-01")
    value = services.value_record(measure=measure, period="2023-24", value="41.5", user=team, reason="New figure")
    services.value_submit(measure_value=value, user=team)

    def env01_value():
        tables = _tables(_pack(example, team))
        rows = [r for caption, t in tables.items() if caption.startswith("Cleaner") for r in t.rows]
        return next(r for r in rows if r[0] == "ENV-01")[2]

    assert not env01_value().startswith("41.5")
    assert "awaiting approval" in env01_value()
    # Four eyes: a second member of the performance team approves it.
    colleague = User.objects.create_user(username="second-approver", role=Role.PERFORMANCE)
    services.value_approve(measure_value=value, user=colleague)
    assert env01_value() == "41.5% (2023-24)"


def test_word_pack_has_charts_with_alt_text_and_opens(example, team):
    word = WordDocument(io.BytesIO(render(_pack(example, team), "docx")))
    alts = [shape._inline.docPr.get("descr") for shape in word.inline_shapes]
    assert any(alt.startswith("Bar chart of measures by RAG status in 2023-24 Q4") for alt in alts)
    assert any(alt.startswith("Line chart of Household waste sent for reuse") for alt in alts)
    assert all(alts)


def test_excel_pack_has_a_sheet_per_table(example, team):
    book = load_workbook(io.BytesIO(render(_pack(example, team), "xlsx")))
    assert any(name.startswith("Scorecard") for name in book.sheetnames)


def test_pack_finance_risk_and_action_appendices_carry_the_domain_figures(example, team):
    doc = _pack(example, team)
    tables = _tables(doc)
    heat = next(t for caption, t in tables.items() if caption.startswith("Heat map"))
    assert any("CR-001" in str(cell) for row in heat.rows for cell in row)
    assert "Reserves, 2023-24 (forecast)" in tables
    overdue = tables["Actions overdue as at 31 March 2024"]
    # Due January 2023 and December 2023, neither complete by 31 March 2024.
    assert {row[0] for row in overdue.rows} == {"REV22-R01-A01", "REV22-R04-A01"}
    row = next(r for r in overdue.rows if r[0] == "REV22-R04-A01")
    assert row[5].startswith("Off track (") and row[6] == "Not started"  # the dates' status beside the owner's


def test_audit_committee_report_and_action_plan_report_use_the_same_layout(example, team):
    audit = _headings(_pack(example, team, ReportType.AUDIT_RISK))
    assert "Summary" in audit and "Heat map" in audit
    assert any(h.startswith("Appendix A – Corporate risk register") for h in audit)
    plan = _headings(_pack(example, team, ReportType.ACTION_PLAN))
    assert any(h.startswith("Appendix") and "Action plan: Corporate Peer Challenge 2023" in h for h in plan)
    assert any("Progress since the review" in h for h in plan)


def test_scorecard_page_offers_the_pack_for_its_period(example, client):
    member = User.objects.create_user(username="pack-member", role=Role.MEMBER)
    client.force_login(member)
    page = client.get("/performance/scorecard/", {"period": PERIOD}).content.decode()
    assert "/reports/quarterly/preview?period=2023-24%20Q2&amp;audience=cabinet" in page
    assert "/reports/quarterly/download.docx?period=2023-24%20Q2" in page


def test_a_figure_revised_after_it_was_reported_says_so_in_the_pack(example, team):
    from goldthread.domain.periods import parse_period
    from goldthread.performance import locks

    locks.lock_period(council=example, period=parse_period(YEAR_END), reported_to="Cabinet", user=team)
    measure = Measure.objects.get(council=example, reference="ENV-01")
    value = services.value_record(
        measure=measure, period="2023-24", value="33.4", user=team, reason="Defra revised the tonnage"
    )
    services.value_submit(measure_value=value, user=team)
    colleague = User.objects.create_user(username="second-approver", role=Role.PERFORMANCE)  # four eyes
    services.value_approve(measure_value=value, user=colleague)
    rows = [r for caption, t in _tables(_pack(example, team)).items() if caption.startswith("Cleaner") for r in t.rows]
    shown = next(r for r in rows if r[0] == "ENV-01")[2]
    assert shown == "33.4% (2023-24) [revised after it was reported: was 33.2%; Defra revised the tonnage]"


# --- honest labels: anything invented says "example", on the figure and in a note ----------------------
def _file_text(fmt: str, content: bytes) -> str:
    from pypdf import PdfReader

    if fmt == "docx":
        word = WordDocument(io.BytesIO(content))
        cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
        text = "\n".join([p.text for p in word.paragraphs] + cells)
    elif fmt == "pdf":
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    else:
        book = load_workbook(io.BytesIO(content), read_only=True)
        text = "\n".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v)
    return " ".join(text.split())


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
def test_example_targets_are_marked_on_the_figure_and_in_a_note(example, team, fmt):
    text = _file_text(fmt, render(_pack(example, team), fmt))
    assert "37.0% (example)" in text  # ENV-01's invented target, on the figure
    assert "against an example target" in text
    assert "invented for illustration" in text  # the note on the page


def test_api_records_carry_the_example_flag(example, team, client):
    from goldthread.core.tokens import create_token

    headers = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=team)}"}
    targets = client.get("/api/measures/ENV-01/targets", **headers).json()
    assert targets and all(t["is_example"] for t in targets)
    plans = client.get("/api/finance/mtfp", **headers).json()
    assert plans and all(p["is_example"] for p in plans)
    detail = client.get(f"/api/finance/mtfp/{plans[0]['code']}", **headers).json()
    assert detail["scenarios"] and all(s["is_example"] for s in detail["scenarios"])
    cycles = client.get("/api/people/appraisal-cycles", **headers).json()
    assert cycles and all(c["is_example"] for c in cycles)  # counted over the synthetic staff list


def test_the_front_sheet_takes_the_meeting_date_from_the_reporting_timetable(example, team):
    from goldthread.reports.models import ReportNarrative

    ReportNarrative.objects.filter(period=PERIOD).update(meeting_date=None)
    sheet = next(b for b in _pack(example, team, period=PERIOD).blocks if type(b).__name__ == "KeyValues")
    dates = dict(sheet.rows)
    assert dates["Date of Meeting:"] == "30 November 2023 (from the reporting timetable; an example date)"


def test_each_scorecard_group_says_where_its_figures_come_from(example, team):
    paragraphs = [b.text for b in _pack(example, team).blocks if type(b).__name__ == "Paragraph"]
    sources = [p for p in paragraphs if p.startswith("Sources: ")]
    assert sources and any("ENV-01 (" in p and "Defra" in p and "benchmark:" in p for p in sources)
    assert not any("/" in p.split("via")[0] and ".csv" in p for p in sources)  # never a file path


def test_the_finance_appendix_says_where_its_figures_come_from_and_which_are_examples(example, team):
    doc = _pack(example, team)
    blocks = doc.blocks
    reserves_at = next(i for i, b in enumerate(blocks) if getattr(b, "caption", "").startswith("Reserves, "))
    reserves = blocks[reserves_at]
    source = blocks[reserves_at + 1]
    assert type(source).__name__ == "Paragraph" and source.small
    assert source.text.startswith("Source: ") and ".csv" not in source.text  # a publisher, never a file path
    from goldthread.finance.models import ReserveBalance

    examples = ReserveBalance.objects.filter(council=example, financial_year="2023-24", is_example=True)
    labelled = [row for row in reserves.rows if row[0].endswith("(example)")]
    assert len(labelled) == examples.count()
    if sources := {b.source for b in ReserveBalance.objects.filter(council=example, financial_year="2023-24")} - {""}:
        assert all(s in source.text for s in sources)
