"""One document model, four renderings: Word (python-docx), PDF (WeasyPrint, tagged),
Excel (openpyxl) and HTML. Every report Goldthread produces (the quarterly pack, the Audit
and Governance risk report, the action plan, the budget monitoring report) is built as a
``Document`` of blocks and rendered here, so they all share one layout.

Layout: single column, GOV.UK-like type, readable on a laptop screen and in print. Charts
are SVG (from goldthread.core.charts); Word gets them as PNG with alt text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from html import escape
from typing import Any

from goldthread.domain.column_widths import column_shares

# --- blocks ------------------------------------------------------------------------------


@dataclass
class Heading:
    text: str
    level: int = 1  # 1 = section heading; the document title is separate


@dataclass
class Paragraph:
    text: str
    bold: bool = False
    small: bool = False


@dataclass
class BulletList:
    items: list[str]
    numbered: bool = False


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: Sequence[Sequence[object]]
    numeric: set[int] = field(default_factory=set)  # column indexes to right-align
    sheet_name: str = ""  # Excel sheet name (default: from caption)


@dataclass
class KeyValues:
    """A two-column table of labels and values, as on a Cabinet report front sheet."""

    rows: list[tuple[str, str]]
    caption: str = ""


@dataclass
class Chart:
    svg: str
    alt: str  # what the chart shows, in words
    caption: str = ""
    width_cm: float = 16.0


@dataclass
class PageBreak:
    pass


Block = Heading | Paragraph | BulletList | Table | KeyValues | Chart | PageBreak


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)
    subtitle: str = ""
    organisation: str = ""
    author: str = "Goldthread"
    created: date | None = None

    def add(self, *blocks: Block) -> Document:
        self.blocks.extend(blocks)
        return self

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


# --- Word -----------------------------------------------------------------------------------


def render_docx(doc: Document) -> bytes:
    from docx import Document as WordDocument
    from docx.shared import Cm, Pt

    word = WordDocument()
    section = word.sections[0]
    section.left_margin = section.right_margin = Cm(2.2)
    normal = word.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    word.styles["Table Grid"].font.size = Pt(9)  # wide tables stay readable without breaking words
    props = word.core_properties
    props.title = doc.title
    props.author = doc.author
    props.subject = doc.subtitle

    if doc.organisation:
        word.add_paragraph(doc.organisation).runs[0].bold = True
    word.add_heading(doc.title, level=0)
    if doc.subtitle:
        word.add_paragraph(doc.subtitle)
    for i, block in enumerate(doc.blocks):
        if isinstance(block, PageBreak):
            _word_new_section(word, landscape=_is_wide(doc.blocks[i + 1 :]))
        else:
            _WORD_WRITERS[type(block)](word, block)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _word_heading(word, block: Heading) -> None:
    word.add_heading(block.text, level=min(max(block.level, 1), 4))


def _word_paragraph(word, block: Paragraph) -> None:
    from docx.shared import Pt

    run = word.add_paragraph().add_run(block.text)
    run.bold = block.bold
    if block.small:
        run.font.size = Pt(9)


def _word_list(word, block: BulletList) -> None:
    style = "List Number" if block.numbered else "List Bullet"
    for item in block.items:
        word.add_paragraph(item, style=style)


def _word_keyvalues(word, block: KeyValues) -> None:
    table = word.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in block.rows:
        cells = table.add_row().cells
        cells[0].text = label
        cells[0].paragraphs[0].runs[0].bold = True
        cells[1].text = value
    word.add_paragraph()


EMU_PER_CM = 360000


def _word_table(word, block: Table) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    if block.caption:
        word.add_paragraph().add_run(block.caption).bold = True
    table = word.add_table(rows=1, cols=len(block.headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    section = word.sections[-1]
    widths = column_widths(block.headers, block.rows, section.page_width - section.left_margin - section.right_margin)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice reads
    for i, header in enumerate(block.headers):
        cell = table.rows[0].cells[i]
        cell.text = str(header)
        cell.paragraphs[0].runs[0].bold = True
    _repeat_header(table.rows[0])
    for row in block.rows:
        cells = table.add_row().cells
        for i, value in enumerate(row):
            cells[i].text = _text(value)
            if i in block.numeric:
                cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in table.rows:  # Word reads each cell's own width
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    word.add_paragraph()


def column_widths(
    headers: Sequence[object], rows: Sequence[Sequence[object]], total: int, sample: int = 200
) -> list[int]:
    """Share ``total`` (EMU) between the columns by what they hold. Each column first gets room for
    its longest word, so no word breaks mid-way; what is left goes to the columns with longer text
    (titles, commentary), so a reference column stays narrow."""
    char, padding = 0.21 * EMU_PER_CM, 0.45 * EMU_PER_CM  # 9 pt Arial (bold in headers), and cell margins
    needed, wanted = [], []
    for i, header in enumerate(headers):
        texts = [str(header)] + [_text(r[i]) for r in rows[:sample] if i < len(r)]
        # A word longer than a long English word (a file path, a URL) may wrap: it cannot set the width.
        longest_word = min(max((len(w) for t in texts for w in t.split()), default=1), 13)
        average = sum(len(t) for t in texts) / len(texts)
        needed.append(longest_word * char + padding)
        wanted.append(max(longest_word, min(average, 60)) * char + padding)
    if sum(needed) >= total:  # even the words do not fit: shrink everything alike
        return [int(n * total / sum(needed)) for n in needed]
    extra = [w - n for w, n in zip(wanted, needed, strict=True)]
    spare = total - sum(needed)
    if sum(extra) <= spare:  # everything fits: share the rest by what each column wants
        return [int(w * total / sum(wanted)) for w in wanted]
    return [int(n + e * spare / sum(extra)) for n, e in zip(needed, extra, strict=True)]


def _word_chart(word, block: Chart) -> None:
    from docx.shared import Cm

    word.add_picture(io.BytesIO(svg_to_png(block.svg)), width=Cm(block.width_cm))
    _set_alt_text(word.inline_shapes[-1], block.alt)
    if block.caption:
        word.add_paragraph(block.caption).runs[0].italic = True


WIDE_TABLE_COLUMNS = 7  # a part with a table this wide is set landscape in Word, so words need not break


def _is_wide(blocks: list[Block]) -> bool:
    """Whether the part that starts here (up to the next page break) holds a wide table."""
    for block in blocks:
        if isinstance(block, PageBreak):
            return False
        if isinstance(block, Table) and len(block.headers) >= WIDE_TABLE_COLUMNS:
            return True
    return False


def _word_new_section(word, *, landscape: bool) -> None:
    """A page break as a new section, landscape or portrait as its content needs."""
    from docx.enum.section import WD_ORIENT, WD_SECTION

    previous = word.sections[-1]
    section = word.add_section(WD_SECTION.NEW_PAGE)
    short, long = sorted((previous.page_width, previous.page_height))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)


# Each writer takes the Word document and a block of its own type.
_WORD_WRITERS: dict[type, Callable[[Any, Any], None]] = {
    Heading: _word_heading,
    Paragraph: _word_paragraph,
    BulletList: _word_list,
    KeyValues: _word_keyvalues,
    Table: _word_table,
    Chart: _word_chart,
}


def _repeat_header(row) -> None:
    """Mark a table's first row to repeat on every page (Word's 'Repeat as header row')."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _set_alt_text(shape, alt: str) -> None:
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", alt)
    doc_pr.set("title", alt[:100])


def svg_to_png(svg: str, scale: float = 2.0) -> bytes:
    import cairosvg

    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale)


def _text(value: object) -> str:
    if value is None:
        return ""
    return str(value)


# --- HTML and PDF --------------------------------------------------------------------------

PRINT_CSS = """
@page { size: A4; margin: 2cm 2cm 2.2cm 2cm;
        @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 9pt; } }
body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.4; color: #0b0c0c;
       max-width: 48rem; margin: 0 auto; }
h1 { font-size: 22pt; margin: 0 0 6pt; }
h2 { font-size: 16pt; margin: 18pt 0 6pt; border-bottom: 2px solid #1d70b8; padding-bottom: 2pt; }
h3 { font-size: 13pt; margin: 14pt 0 4pt; }
h4 { font-size: 11pt; margin: 10pt 0 4pt; }
p.org { font-weight: bold; margin: 0; }
p.subtitle { font-size: 13pt; margin-top: 0; }
p.small { font-size: 9pt; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 14pt; font-size: 8.5pt; }
caption { text-align: left; font-weight: bold; padding-bottom: 4pt; }
th, td { border: 1px solid #b1b4b6; padding: 2pt 4pt; vertical-align: top; text-align: left; }
thead th { background: #f3f2f1; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
td.num, th.num { text-align: right; }
table.keyvalues th { width: 35%; background: #f3f2f1; }
figure { margin: 8pt 0 14pt; page-break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-style: italic; font-size: 9.5pt; }
section + section { break-before: page; }
/* In print, a part holding a wide table is set landscape, as in Word, and tables are laid out
   "fixed" with the widths Goldthread worked out (goldthread.domain.column_widths): WeasyPrint
   then measures each cell once, and the commentary column is not left one word wide. */
@page wide { size: A4 landscape; }
@media print {
  body { max-width: none; }
  section.wide { page: wide; }
  table.fixed { table-layout: fixed; }
  td, th { overflow-wrap: break-word; }
}
"""

# Average characters across a table in print at 8.5 pt (about 0.55 em a character): the text width
# of an A4 page with 2 cm margins, portrait 17 cm and landscape 25.7 cm.
PRINT_LINE_CHARS = {"portrait": 17 / 2.54 * 72 / (8.5 * 0.55), "landscape": 25.7 / 2.54 * 72 / (8.5 * 0.55)}


def render_html(doc: Document, *, standalone: bool = True) -> str:
    parts = []
    if doc.organisation:
        parts.append(f'<p class="org">{escape(doc.organisation)}</p>')
    parts.append(f"<h1>{escape(doc.title)}</h1>")
    if doc.subtitle:
        parts.append(f'<p class="subtitle">{escape(doc.subtitle)}</p>')
    # Each part (between page breaks) is a section; a part with a wide table is landscape in print.
    wide = _is_wide(doc.blocks)
    parts.append(_section_start(wide))
    for i, block in enumerate(doc.blocks):
        if isinstance(block, PageBreak):
            wide = _is_wide(doc.blocks[i + 1 :])
            parts.append("</section>" + _section_start(wide))
        else:
            parts.append(_block_html(block, line_chars=PRINT_LINE_CHARS["landscape" if wide else "portrait"]))
    parts.append("</section>")
    body = "\n".join(parts)
    if not standalone:
        return body
    return (
        f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{escape(doc.title)}</title>'
        f'<meta name="author" content="{escape(doc.author)}"><style>{PRINT_CSS}</style></head>'
        f"<body>{body}</body></html>"
    )


def _section_start(wide: bool) -> str:
    return '<section class="wide">' if wide else "<section>"


def _block_html(block: Block, *, line_chars: float) -> str:
    if isinstance(block, Heading):
        level = min(max(block.level, 1), 3) + 1
        return f"<h{level}>{escape(block.text)}</h{level}>"
    if isinstance(block, Paragraph):
        text = escape(block.text)
        if block.bold:
            text = f"<strong>{text}</strong>"
        return f'<p class="small">{text}</p>' if block.small else f"<p>{text}</p>"
    if isinstance(block, BulletList):
        tag = "ol" if block.numbered else "ul"
        return f"<{tag}>" + "".join(f"<li>{escape(i)}</li>" for i in block.items) + f"</{tag}>"
    if isinstance(block, KeyValues):
        caption = f"<caption>{escape(block.caption)}</caption>" if block.caption else ""
        rows = "".join(f'<tr><th scope="row">{escape(k)}</th><td>{escape(v)}</td></tr>' for k, v in block.rows)
        return f'<table class="keyvalues">{caption}<tbody>{rows}</tbody></table>'
    if isinstance(block, Table):
        head = "".join(
            f'<th scope="col"{" class=num" if i in block.numeric else ""}>{escape(str(h))}</th>'
            for i, h in enumerate(block.headers)
        )
        body = "".join(
            "<tr>"
            + "".join(
                f"<td{' class=num' if i in block.numeric else ''}>{escape(_text(v))}</td>" for i, v in enumerate(row)
            )
            + "</tr>"
            for row in block.rows
        )
        caption = f"<caption>{escape(block.caption)}</caption>"
        shares = column_shares(
            [str(h) for h in block.headers], [[_text(v) for v in row] for row in block.rows], line_chars=line_chars
        )
        columns = "".join(f'<col style="width: {share:.1f}%">' for share in shares)
        return (
            f'<table class="fixed">{caption}<colgroup>{columns}</colgroup>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )
    if isinstance(block, Chart):
        caption = f"<figcaption>{escape(block.caption)}</figcaption>" if block.caption else ""
        return f'<figure role="figure" aria-label="{escape(block.alt)}">{block.svg}{caption}</figure>'
    raise TypeError(f"no HTML for {type(block).__name__}")  # page breaks close a section in render_html


def render_pdf(doc: Document) -> bytes:
    """A tagged PDF (headings, tables and figures carry structure for screen readers)."""
    return lay_out_pdf(doc).write_pdf(pdf_tags=True)


def lay_out_pdf(doc: Document):
    """WeasyPrint's laid-out pages for the document, before they are written as PDF."""
    from weasyprint import HTML

    return HTML(string=render_html(doc)).render(pdf_tags=True)


# --- Excel ------------------------------------------------------------------------------------


def render_xlsx(doc: Document) -> bytes:
    """Each table becomes a sheet; a first sheet carries the title and the front-sheet details."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from goldthread.core.safe_cells import new_workbook, workbook_bytes

    book = new_workbook()
    summary = book.active
    summary.title = "Summary"
    summary.append([doc.title])
    summary["A1"].font = Font(bold=True, size=14)
    if doc.organisation:
        summary.append([doc.organisation])
    if doc.subtitle:
        summary.append([doc.subtitle])
    for block in doc.blocks:
        if isinstance(block, KeyValues):
            summary.append([])
            for k, v in block.rows:
                summary.append([k, v])
        elif isinstance(block, Paragraph) and len(summary["A"]) < 200:
            summary.append([block.text])
    summary.column_dimensions["A"].width = 40
    summary.column_dimensions["B"].width = 80

    used: set[str] = {"Summary"}
    for table in doc.tables():
        ws = book.create_sheet(_sheet_name(table.sheet_name or table.caption, used))
        ws.append([str(h) for h in table.headers])
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in table.rows:
            ws.append([_excel_value(v) for v in row])
            _figures_as_numbers(ws[ws.max_row])
        ws.freeze_panes = "A2"
        for i, header in enumerate(table.headers, start=1):
            longest = max([len(str(header))] + [len(_text(r[i - 1])) for r in table.rows[:200]])
            ws.column_dimensions[get_column_letter(i)].width = min(max(10, longest + 2), 60)
    return workbook_bytes(book)  # no text a person typed goes out as a live formula


# Figures as goldthread.domain.numbers writes them, and the Excel number format that shows them the same way.
_FIGURE = re.compile(r"^(-?)(£?)(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d+))?([mk%]?)$")


def figure_cell(text: str) -> tuple[float, str] | None:
    """A cell that holds only a figure ("£7.6m", "£850k", "69.8%", "1,234", "0.413") as a number with a
    number format, so a spreadsheet can add it up; anything else (words, "(example)" marks) stays text."""
    match = _FIGURE.match(text.strip())
    if not match:
        return None
    sign, pound, whole, fraction, suffix = match.groups()
    if suffix in {"m", "k"} and not pound:
        return None
    places = len(fraction or "")
    number = float(f"{sign}{whole.replace(',', '')}.{fraction or '0'}")
    decimals = "." + "0" * places if places else ""
    if suffix == "%":
        return number / 100, f"0{decimals}%"
    if suffix == "m":
        return number * 1_000_000, f'"£"#,##0{decimals},,"m"'
    if suffix == "k":
        return number * 1_000, f'"£"#,##0{decimals},"k"'
    if pound:
        return number, f'"£"#,##0{decimals}'
    return number, (f"#,##0{decimals}" if "," in whole else f"0{decimals}")  # "2023" stays 2023, not 2,023


def _figures_as_numbers(cells) -> None:
    for cell in cells:
        figure = figure_cell(cell.value) if isinstance(cell.value, str) else None
        if figure is not None:
            cell.value, cell.number_format = figure


def _excel_value(value: object):
    from decimal import Decimal

    if isinstance(value, Decimal):
        return float(value)
    if value is None or isinstance(value, int | float | date):
        return value
    return str(value)


def _sheet_name(name: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:28] or "Table"
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base[:25]} {n}", n + 1
    used.add(candidate)
    return candidate


# --- dispatch ---------------------------------------------------------------------------------

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}
RENDERERS = {"docx": render_docx, "pdf": render_pdf, "xlsx": render_xlsx}


def render(doc: Document, fmt: str) -> bytes:
    if fmt == "html":
        return render_html(doc).encode("utf-8")
    try:
        return RENDERERS[fmt](doc)
    except KeyError as exc:
        raise ValueError(f"Unknown format {fmt!r}: use docx, pdf, xlsx or html") from exc


def download_response(doc: Document, fmt: str, filename_stem: str):
    """An HttpResponse that downloads the document in ``fmt``."""
    from django.http import HttpResponse

    response = HttpResponse(render(doc, fmt), content_type=CONTENT_TYPES[fmt])
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", filename_stem).strip("-") or "report"
    response["Content-Disposition"] = f'attachment; filename="{safe}.{fmt}"'
    return response
