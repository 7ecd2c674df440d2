"""Column widths for printed tables: every column fits its longest word when the page allows, and the
columns with more to say get more of the rest."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.column_widths import BOLD, PADDING_CHARS, column_shares

words = st.text(alphabet="abcdefghij ", min_size=0, max_size=60)


@st.composite
def tables(draw):
    columns = draw(st.integers(min_value=1, max_value=9))
    headers = draw(st.lists(words, min_size=columns, max_size=columns))
    rows = draw(st.lists(st.lists(words, min_size=columns, max_size=columns), max_size=12))
    return headers, rows


@given(tables(), st.floats(min_value=10, max_value=400))
def test_shares_are_positive_and_add_up_to_the_whole_width(table, line_chars):
    headers, rows = table
    shares = column_shares(headers, rows, line_chars=line_chars)
    assert len(shares) == len(headers)
    assert all(s > 0 for s in shares)
    assert sum(shares) == pytest.approx(100)


@given(tables(), st.floats(min_value=10, max_value=400))
def test_every_column_fits_its_longest_word_when_the_page_has_room(table, line_chars):
    headers, rows = table
    longest = [
        max([len(w) * BOLD for w in h.split()] + [len(w) for r in rows for w in r[i].split()], default=0)
        for i, h in enumerate(headers)
    ]
    needed = [min(word + PADDING_CHARS, line_chars / 4) for word in longest]
    shares = column_shares(headers, rows, line_chars=line_chars)
    if sum(needed) <= line_chars:
        for share, need in zip(shares, needed, strict=True):
            assert share / 100 * line_chars >= need - 1e-6


def test_the_column_of_sentences_gets_the_room_left_over():
    headers = ["Ref", "Measure", "Commentary"]
    rows = [
        ["ASC-01", "Carer quality of life", "From the figures: 7.6, 0.4 above the target of 7.2: the target is met."]
    ]
    ref, measure, commentary = column_shares(headers, rows, line_chars=150)
    assert commentary > measure > ref
    assert ref / 100 * 150 >= len("ASC-01") + PADDING_CHARS


def test_a_bold_header_word_fits_over_cells_that_hold_only_a_dash():
    shares = column_shares(["Ref", "Benchmark", "Commentary"], [["A-1", "–", "Words " * 40]], line_chars=150)
    assert shares[1] / 100 * 150 >= len("Benchmark") * BOLD + PADDING_CHARS - 1e-9


def test_when_the_words_alone_do_not_fit_they_share_the_width_in_proportion():
    shares = column_shares(["a" * 30, "b" * 10], [], line_chars=20)
    # each capped at a quarter of the line (5 characters), so they share equally
    assert shares == pytest.approx([50, 50])


def test_an_empty_table_has_no_columns_and_a_width_must_be_positive():
    assert column_shares([], [], line_chars=100) == []
    with pytest.raises(ValueError):
        column_shares(["a"], [], line_chars=0)
