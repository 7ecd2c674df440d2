import io
from datetime import date

from docx import Document as WordDocument

from goldthread.core.documents import render_docx
from goldthread.improvement import documents, services


def test_action_plan_in_the_lga_columns(action, review):
    doc = documents.action_plan_document(review, today=date(2024, 1, 1))
    plan = next(t for t in doc.tables() if t.caption == "Action plan")
    assert plan.headers == ["Recommendation", "Action(s)", "Lead", "Timescale", "Status", "Progress"]
    [row] = plan.rows
    assert row[0].startswith("CPC23-R01 (8) Review the performance framework")
    assert row[2] == "Officer Tester"
    assert row[3] == "1 January 2024 to 31 March 2024"
    assert row[4] == "Not started (Grey)"
    word = WordDocument(io.BytesIO(render_docx(doc)))
    assert [c.text for c in word.tables[-1].rows[0].cells] == plan.headers


def test_a_recommendation_without_actions_still_has_a_row(recommendation, review):
    plan = documents.action_plan_document(review, today=date(2024, 1, 1)).tables()[-1]
    assert plan.rows[0][1] == "No actions yet"


def test_progress_review_document_lists_work_since_the_visit(action, review, users):
    services.action_add_progress(action=action, user=users["officer"], text="Benchmarks added", on=date(2024, 1, 5))
    services.action_add_progress(action=action, user=users["officer"], text="Before the visit", on=date(2023, 10, 5))
    texts = [getattr(b, "text", "") for b in documents.progress_review_document(review, today=date(2024, 2, 1)).blocks]
    assert "5 January 2024 (CPC23-R01-A01): Benchmarks added" in texts
    assert not any("Before the visit" in t for t in texts)
