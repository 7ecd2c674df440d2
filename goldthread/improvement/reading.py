"""A review document (plain text, Word or PDF) as plain text for the recommendation parser."""

from __future__ import annotations

import io
from pathlib import Path

from goldthread.core.tabular import TabularError, check_archive, decode_text
from goldthread.domain.recommendation_parser import ParsedRecommendation, parse_recommendations

SUPPORTED = (".txt", ".md", ".docx", ".pdf")


class UnreadableDocument(ValueError):
    pass


def document_text(data: bytes, filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    if suffix in (".txt", ".md", ""):
        try:
            text = decode_text(data)
        except TabularError as exc:
            raise UnreadableDocument(f"{filename}: {exc}") from None
    elif suffix == ".docx":
        text = _docx_text(data, filename)
    elif suffix == ".pdf":
        text = _pdf_text(data, filename)
    else:
        raise UnreadableDocument(f"{filename}: Goldthread reads {', '.join(SUPPORTED)} files, not {suffix}.")
    if "\x00" in text:  # no database text may hold one; a text file with one is not text
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise UnreadableDocument(f"{filename}: line {line} contains a NUL character (byte 0x00), which is not text.")
    return text


def _docx_text(data: bytes, filename: str) -> str:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        check_archive(data, "a Word (.docx) document")  # before python-docx expands it into memory
    except TabularError as exc:
        raise UnreadableDocument(f"{filename}: {exc}") from None
    try:
        word = Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise UnreadableDocument(f"{filename}: this is not a Word (.docx) document Goldthread can open.") from exc
    lines = [p.text for p in word.paragraphs]
    for table in word.tables:  # recommendations are sometimes laid out in a table
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def _pdf_text(data: bytes, filename: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, OSError) as exc:
        raise UnreadableDocument(f"{filename}: this is not a PDF Goldthread can read.") from exc


def recommendations_in(data: bytes, filename: str) -> list[ParsedRecommendation]:
    """Raises UnreadableDocument or NoRecommendationsFound with a message for the user."""
    return parse_recommendations(document_text(data, filename))
