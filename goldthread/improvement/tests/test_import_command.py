import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from goldthread.core.audit import history_for
from goldthread.core.documents import Document, Paragraph, render_pdf
from goldthread.improvement.models import Recommendation

# Invented documents in the layouts of the two seed documents (the real ones: test_seed_documents.py).
DOCUMENTS = Path(__file__).resolve().parents[2] / "domain" / "tests" / "documents"
PEER_CHALLENGE = DOCUMENTS / "peer_challenge_report.txt"
CABINET = DOCUMENTS / "cabinet_report.txt"


def run_json(path, capsys):
    call_command("import_recommendations", str(path), "--dry-run", "--format", "json")
    return json.loads(capsys.readouterr().out)


def test_peer_challenge_report_dry_run_json(capsys, db):
    found = run_json(PEER_CHALLENGE, capsys)
    assert [set(r) for r in found] == [{"ref", "title", "text", "response"}] * 5
    assert [r["ref"] for r in found] == [str(n) for n in range(1, 6)]
    assert found[1]["title"].startswith("Use the budget process to build a shared understanding")
    assert not Recommendation.objects.exists()


def test_cabinet_report_dry_run_json(capsys, db):
    found = run_json(CABINET, capsys)
    assert [r["ref"] for r in found] == list("ABCDE")
    assert found[1]["response"].count("\n\n") == 3  # B's several "Council response" paragraphs, all kept
    assert found[3]["response"].endswith("over the next 6 months.")


def test_no_recommendations_exits_1_with_a_message(tmp_path, db):
    path = tmp_path / "minutes.txt"
    path.write_text("Minutes of the meeting.\nApologies were received.\n")
    with pytest.raises(CommandError, match="No recommendations found") as excinfo:
        call_command("import_recommendations", str(path), "--dry-run")
    assert excinfo.value.returncode == 1


def test_saving_creates_recommendations_with_history_once(review, capsys):
    call_command("import_recommendations", str(CABINET), "--review", "cpc-2023")
    recs = list(review.recommendations.all())
    assert [r.number for r in recs] == list("ABCDE")
    assert recs[0].reference == "CPC23-R01"
    assert recs[2].response_text.startswith("a quarterly performance report to Cabinet will start this year")
    assert history_for(recs[0]).get().action == "create"
    call_command("import_recommendations", str(CABINET), "--review", "cpc-2023")
    assert review.recommendations.count() == 5


def test_unknown_review(db):
    with pytest.raises(CommandError, match="No review"):
        call_command("import_recommendations", str(CABINET), "--review", "nope")


def test_docx_round_trip(tmp_path, capsys, db):
    from docx import Document as WordDocument

    word = WordDocument()
    for line in PEER_CHALLENGE.read_text(encoding="utf-8").splitlines():
        word.add_paragraph(line)
    path = tmp_path / "cpc.docx"
    word.save(path)
    found = run_json(path, capsys)
    assert [r["ref"] for r in found] == [str(n) for n in range(1, 6)]
    assert found[2]["title"] == "Increase Financial Reserves"


def test_pdf_round_trip(tmp_path, capsys, db):
    doc = Document(title="Peer review revisit").add(
        Paragraph("The peers made a number of recommendations."),
        Paragraph("A Refresh the vision for Sefton. Set corporate milestones."),
        Paragraph("Council response – The Council will commence its review of its Vision in 2023."),
        Paragraph("B Review the localities model with partners."),
        Paragraph("Council response – This review will be undertaken over the next 6 months."),
    )
    path = tmp_path / "revisit.pdf"
    path.write_bytes(render_pdf(doc))
    found = run_json(path, capsys)
    assert [(r["ref"], r["title"]) for r in found] == [
        ("A", "Refresh the vision for Sefton."),
        ("B", "Review the localities model with partners."),
    ]
    assert found[1]["response"] == "This review will be undertaken over the next 6 months."


def test_a_file_that_is_not_a_pdf(tmp_path, db):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"not a pdf")
    with pytest.raises(CommandError, match="not a PDF"):
        call_command("import_recommendations", str(path), "--dry-run")


@pytest.mark.parametrize("source", [PEER_CHALLENGE, CABINET], ids=["peer-challenge", "cabinet"])
def test_documents_as_pdf_give_the_same_recommendations(tmp_path, capsys, source, db):
    text = source.read_text(encoding="utf-8")
    from_text = run_json(source, capsys)
    doc = Document(title="Report").add(*[Paragraph(line) for line in text.splitlines() if line.strip()])
    path = tmp_path / "report.pdf"
    path.write_bytes(render_pdf(doc))
    from_pdf = run_json(path, capsys)
    assert [(r["ref"], r["title"]) for r in from_pdf] == [(r["ref"], r["title"]) for r in from_text]
    assert [r["response"].count("\n\n") for r in from_pdf] == [r["response"].count("\n\n") for r in from_text]
