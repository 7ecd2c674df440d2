"""The numpy table path gives the same statistics, ranks, bands and distances as the plain rules."""

import math
from unittest.mock import patch

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldthread.domain import stats, stats_arrays

POLARITIES = [stats.HIGHER, stats.LOWER, stats.NONE]
# quarters on a small range, so ties and MAD = 0 happen often; None is a missing value
cell = st.one_of(st.none(), st.integers(-20, 20).map(lambda i: i / 4))


@st.composite
def tables(draw):
    areas = draw(st.integers(1, 12))
    rows = draw(st.integers(1, 6))
    grid = draw(st.lists(st.lists(cell, min_size=areas, max_size=areas), min_size=rows, max_size=rows))
    polarity = draw(st.lists(st.sampled_from(POLARITIES), min_size=rows, max_size=rows))
    columns = st.lists(st.integers(0, areas - 1), unique=True, max_size=areas)
    groups = draw(st.dictionaries(st.sampled_from(["MD", "UA", "all", "mine"]), columns, min_size=1))
    chunk = draw(st.integers(1, 8))
    sort_own_up_to = draw(st.sampled_from([0, 3, 100]))  # every way of finding a group's order
    return grid, polarity, groups, chunk, sort_own_up_to


def _array(grid):
    return np.array([[np.nan if v is None else v for v in row] for row in grid], dtype=float)


def _same(got, expected) -> bool:
    if expected is None:
        return math.isnan(got)
    return math.isclose(got, expected, rel_tol=1e-12, abs_tol=1e-12)


@settings(max_examples=300)
@given(tables())
def test_agrees_with_the_plain_rules(table):
    grid, polarity, groups, chunk, sort_own_up_to = table
    lower = np.array([p == stats.LOWER for p in polarity])
    columns = {k: np.array(v, int) for k, v in groups.items()}
    with patch.object(stats_arrays, "SORT_OWN_COLUMNS_UP_TO", sort_own_up_to):
        result = stats_arrays.group_statistics(_array(grid), lower, columns, chunk)
    for code, cols in groups.items():
        got = result[code]
        for r, row in enumerate(grid):
            summary, pos = stats.positions({c: row[c] for c in cols}, polarity[r])
            assert got.n[r] == summary.n
            for name in ("mean", "median", "q1", "q3", "min", "max", "mad"):
                assert _same(got.__dict__[name][r], getattr(summary, name)), (code, r, name)
            for i, c in enumerate(cols):
                p = pos[c]
                assert got.rank[r, i] == (p.rank or 0)
                assert got.band[r, i] == (stats.BANDS.index(p.quartile) if p.quartile else stats_arrays.NO_BAND)
                assert _same(got.mads_from_median[r, i], p.mads_from_median)


def test_known_figures_for_two_periods():
    values = np.array([[1, 2, 3, 4, np.nan, 100], [5, 5, 5, 9, 1, np.nan]], dtype=float)
    out = stats_arrays.group_statistics(values, np.array([False, True]), {"all": np.arange(6)})["all"]
    assert out.n.tolist() == [5, 5]
    assert out.median.tolist() == [3, 5]
    assert out.mad.tolist() == [1, 0]
    assert out.rank[0].tolist() == [5, 4, 3, 2, 0, 1]  # higher is better
    assert out.rank[1].tolist() == [2, 2, 2, 5, 1, 0]  # lower is better, ties share the best
    assert np.isnan(out.mads_from_median[1]).all()  # MAD 0: no distance


def test_an_empty_group_has_no_statistics():
    out = stats_arrays.group_statistics(np.ones((2, 3)), np.zeros(2, bool), {"none": np.array([], int)})["none"]
    assert out.n.tolist() == [0, 0]
    assert np.isnan(out.median).all()
    assert out.rank.shape == (2, 0)


def test_rejects_a_table_of_the_wrong_shape():
    with pytest.raises(ValueError, match="one entry per row"):
        stats_arrays.group_statistics(np.ones((2, 3)), np.zeros(3, bool), {"all": np.arange(3)})


@pytest.mark.parametrize("columns", [[0, 0], [3], [-1]])
def test_rejects_a_group_that_is_not_a_set_of_columns(columns):
    with pytest.raises(ValueError, match="different column"):
        stats_arrays.group_statistics(np.ones((2, 3)), np.zeros(2, bool), {"bad": np.array(columns)})
