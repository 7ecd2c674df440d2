"""The heat map as a document table, one way in every report (the quarterly pack and the Audit and
Governance Committee report): rows and columns carry the matrix's own labels, and each cell says how
many risks it holds, its band and their references, as the register page does."""

from __future__ import annotations

from goldthread.core.documents import Block, Paragraph, Table

from .selectors import HeatCell, HeatMap


def _cell_words(cell: HeatCell) -> str:
    refs = ", ".join(r.reference for r in cell.risks)
    band = cell.band.name if cell.band else "no band"
    return f"{len(cell.risks)} ({band}){': ' + refs if refs else ''}"


def heat_map_blocks(hm: HeatMap, caption: str) -> list[Block]:
    """The grid, highest likelihood first, and a sentence naming any risk scored on another matrix version."""
    headers = ["Likelihood \\ impact", *[f"{im.value} {im.label}" for im in hm.impacts]]
    rows = [[f"{row.level.value} {row.level.label}", *[_cell_words(c) for c in row.cells]] for row in hm.rows]
    blocks: list[Block] = [Table(caption, headers, rows)]
    if hm.other_matrix:
        refs = ", ".join(r.reference for r in hm.other_matrix)
        blocks.append(Paragraph(f"Scored on another matrix version, so not on this grid: {refs}.", small=True))
    return blocks
