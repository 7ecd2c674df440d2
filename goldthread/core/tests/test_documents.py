"""The shared document machinery renders every block to Word, PDF, Excel and HTML."""

import io
from decimal import Decimal

from docx import Document as WordDocument
from openpyxl import load_workbook
from pypdf import PdfReader

from goldthread.core.charts import LineChart, Series
from goldthread.core.documents import (
    BulletList,
    Chart,
    Document,
    Heading,
    KeyValues,
    Paragraph,
    Table,
    render,
)


def sample() -> Document:
    chart = LineChart("Recycling rate", ["2021-22", "2022-23"], [Series("Sefton", [Decimal("33.1"), Decimal("34")])])
    return Document(
        title="Quarterly performance report",
        organisation="Testshire Council",
        subtitle="2023-24 Q2",
        blocks=[
            KeyValues([("Report to:", "Cabinet"), ("Date of Meeting:", "7 December 2023")]),
            Heading("Summary"),
            Paragraph("Most measures are on target."),
            BulletList(["One", "Two"]),
            Table("Scorecard", ["Measure", "Value"], [["Recycling", Decimal("33.1")], ["NEET", None]], numeric={1}),
            Chart(chart.render(), alt="Recycling rose from 33.1% to 34%", caption="Figure 1"),
        ],
    )


def test_word_has_headings_tables_and_chart_alt_text():
    word = WordDocument(io.BytesIO(render(sample(), "docx")))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Quarterly performance report" in text
    assert "Summary" in [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert word.tables[1].cell(1, 0).text == "Recycling"
    assert word.inline_shapes[0]._inline.docPr.get("descr") == "Recycling rose from 33.1% to 34%"


def test_pdf_is_tagged_and_readable():
    pdf = PdfReader(io.BytesIO(render(sample(), "pdf")))
    assert "Quarterly performance report" in pdf.pages[0].extract_text()
    assert "/StructTreeRoot" in pdf.trailer["/Root"]


def test_excel_has_a_sheet_per_table():
    book = load_workbook(io.BytesIO(render(sample(), "xlsx")))
    assert book.sheetnames == ["Summary", "Scorecard"]
    assert book["Scorecard"]["B2"].value == 33.1


def test_html_escapes_text():
    doc = Document(title="<Report>", blocks=[Paragraph("a < b")])
    html = render(doc, "html").decode()
    assert "&lt;Report&gt;" in html and "a &lt; b" in html


def test_word_sets_a_wide_table_landscape_with_columns_sized_by_content():
    from docx.enum.section import WD_ORIENT

    from goldthread.core.documents import Document, Heading, PageBreak, Table, render_docx

    rows = [["ASC-01", "Carers who find it easy to find information about support", "47%", "57%", "Off target",
             "Getting worse", "34th of 36", "Commentary " * 8]] * 3  # fmt: skip
    doc = Document(title="Pack")
    doc.add(Heading("Front"), PageBreak(), Table("Wide", ["Ref", "Measure", "V", "T", "RAG", "Dir", "B", "C"], rows))
    word = WordDocument(io.BytesIO(render_docx(doc)))
    assert [s.orientation for s in word.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    widths = [c.width for c in word.tables[0].columns]
    section = word.sections[1]
    assert sum(widths) <= section.page_width - section.left_margin - section.right_margin
    assert widths[0] < widths[1] and widths[0] < widths[7]


def test_excel_cells_hold_figures_as_numbers_with_formats():
    import io

    from openpyxl import load_workbook

    from goldthread.core.documents import Document, Table, render_xlsx

    doc = Document(title="Figures")
    doc.add(
        Table(
            "Money",
            ["Item", "Amount", "Share", "Year", "Note"],
            [["Budget", "£7.6m", "69.8%", "2023", "£1.2m (example)"]],
        )
    )
    sheet = load_workbook(io.BytesIO(render_xlsx(doc))).worksheets[1]
    item, amount, share, year, note = (c for c in sheet[2])
    assert item.value == "Budget" and note.value == "£1.2m (example)"  # words stay words
    assert amount.value == 7_600_000 and amount.number_format == '"£"#,##0.0,,"m"'
    assert abs(share.value - 0.698) < 1e-9 and share.number_format == "0.0%"
    assert year.value == 2023 and year.number_format == "0"
