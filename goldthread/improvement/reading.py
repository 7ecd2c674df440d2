"""A review document (plain text, Word or PDF) as plain text for the recommendation parser."""

from __future__ import annotations

import io
from pathlib import Path

from goldthread.domain.recommendation_parser import ParsedRecommendation, parse_recommendations

SUPPORTED = (".txt", ".md", ".docx", ".pdf")


class UnreadableDocument(ValueError):
    pass


def document_text(data: bytes, filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    if suffix in (".txt", ".md", ""):
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise UnreadableDocument(f"{filename}: the text is in an encoding Goldthread cannot read (save it as UTF-8).")
    if suffix == ".docx":
        return _docx_text(data, filename)
    if suffix == ".pdf":
        return _pdf_text(data, filename)
    raise UnreadableDocument(f"{filename}: Goldthread reads {', '.join(SUPPORTED)} files, not {suffix}.")


def _docx_text(data: bytes, filename: str) -> str:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

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
