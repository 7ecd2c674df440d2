"""Scorecard arithmetic: filters, counts by RAG and rows grouped under priorities."""

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.rag import Direction, Rag
from goldthread.domain.scorecard import Filters, group_rows, rag_counts

rags = st.sampled_from([r.value for r in Rag])
directions = st.sampled_from([d.value for d in Direction])
# A row: (id, rag, since previous, since last year, the priorities it is under)
rows_strategy = st.lists(
    st.tuples(st.integers(), rags, directions, directions, st.lists(st.integers(0, 6), max_size=4)),
    max_size=40,
)


@given(st.lists(rags, max_size=60))
def test_counts_cover_every_rag_in_order_and_add_up(found):
    counts = rag_counts(found)
    assert list(counts) == list(Rag)
    assert sum(counts.values()) == len(found)
    assert counts == {rag: Counter(found)[rag.value] for rag in Rag}


@given(
    rows_strategy, st.one_of(st.just(""), rags), st.one_of(st.just(""), directions), st.one_of(st.just(""), directions)
)
def test_a_filter_keeps_exactly_the_rows_that_match_every_part_chosen(rows, rag, previous, last_year):
    chosen = Filters(rag, previous, last_year)
    kept = [r for r in rows if chosen.keeps(r[1], r[2], r[3])]
    for row in rows:
        matches = (rag in ("", row[1])) and (previous in ("", row[2])) and (last_year in ("", row[3]))
        assert (row in kept) == matches
    assert Filters().keeps("red", "declining", "unknown")


@given(rows_strategy)
def test_each_row_is_under_each_of_its_priorities_once_and_unlinked_rows_last(rows):
    groups = group_rows(rows, lambda r: r[4], order=lambda key: -key)
    keys = [g.key for g in groups]
    linked = [k for k in keys if k is not None]
    assert linked == sorted({k for r in rows for k in r[4]}, key=lambda k: -k)
    for group in groups:
        if group.key is None:
            assert group.rows == [r for r in rows if not r[4]] and group.rows
        else:
            assert group.rows == [r for r in rows if group.key in r[4]]
    assert (None in keys) == any(not r[4] for r in rows)
    if None in keys:
        assert keys[-1] is None
    # Every row appears once per distinct priority (once in "not linked" when it has none).
    placed = sum(len(g.rows) for g in groups)
    assert placed == sum(max(len(set(r[4])), 1) for r in rows)


def test_no_rows_no_groups():
    assert group_rows([], lambda r: r, order=lambda k: k) == []
