"""How wide each column of a printed table should be, from what its cells hold.

A browser or WeasyPrint left to size a table itself ("auto" layout) measures every cell twice and
still gives a column of short codes as much room as a column of sentences, so a commentary column
ends up one word wide and a 300-measure pack runs to twice the pages. Printed tables are laid out
"fixed" with these shares instead: every column gets room for its longest word (so words are not
broken), and the room left goes to the columns whose cells say most.
"""

from __future__ import annotations

from collections.abc import Sequence

PADDING_CHARS = 2.0  # a cell's padding and border, in average characters
LONGEST_WORD_CAP = 0.25  # a very long word (an address, a code) may not take more than this share
BOLD = 1.2  # headers are bold: their letters are about a fifth wider


def column_shares(headers: Sequence[str], rows: Sequence[Sequence[str]], *, line_chars: float) -> list[float]:
    """Each column's share of the table's width, in per cent (they add up to 100).

    ``line_chars`` is how many average characters fit across the whole table. A column's minimum
    is its longest word (headers included, bold) plus padding, up to a quarter of the width; if the
    minimums alone do not fit, they share the width in proportion. What is left is shared in
    proportion to the columns' average text length.
    """
    count = len(headers)
    if count == 0:
        return []
    if line_chars <= 0:
        raise ValueError("line_chars must be positive")
    longest = [_longest_word(h) * BOLD for h in headers]
    total = [0.0] * count
    for row in rows:
        for i, cell in enumerate(row[:count]):
            total[i] += len(cell)
            longest[i] = max(longest[i], _longest_word(cell))
    minimums = [min(word + PADDING_CHARS, line_chars * LONGEST_WORD_CAP) for word in longest]
    if sum(minimums) >= line_chars:
        widths = minimums
    else:
        spare = line_chars - sum(minimums)
        averages = [t / max(len(rows), 1) for t in total]
        weight = sum(averages)
        widths = [
            m + (spare * a / weight if weight else spare / count) for m, a in zip(minimums, averages, strict=True)
        ]
    scale = 100 / sum(widths)
    return [w * scale for w in widths]


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)
