import statistics

from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain import stats

values = st.lists(st.integers(min_value=-1000, max_value=1000).map(lambda i: i / 4), min_size=1, max_size=40)
maybe = st.lists(st.one_of(st.none(), st.integers(-50, 50).map(float)), min_size=1, max_size=30)
polarities = st.sampled_from([stats.HIGHER, stats.LOWER, stats.NONE])


def test_known_figures():
    s = stats.summarise([1, 2, 3, 4, None, 100])
    assert (s.n, s.missing, s.median, s.min, s.max) == (5, 1, 3, 1, 100)
    assert (s.q1, s.q3) == (2, 4)  # inclusive method: positions 1 and 3 of 0..4
    assert s.mean == 22
    assert s.mad == 1  # |x-3| = 2,1,0,1,97 -> median 1


def test_ranks_share_best_rank_and_skip():
    _, pos = stats.positions({"a": 10, "b": 20, "c": 20, "d": 5}, stats.HIGHER)
    assert [pos[k].rank for k in "abcd"] == [3, 1, 1, 4]
    _, pos = stats.positions({"a": 10, "b": 20, "c": 20, "d": 5}, stats.LOWER)
    assert [pos[k].rank for k in "abcd"] == [2, 3, 3, 1]


def test_no_direction_ranks_highest_first_and_bands_like_higher():
    _, none = stats.positions({"a": 1, "b": 2, "c": 3}, stats.NONE)
    _, higher = stats.positions({"a": 1, "b": 2, "c": 3}, stats.HIGHER)
    assert none == higher


def test_mad_zero_gives_no_distance():
    _, pos = stats.positions({"a": 5, "b": 5, "c": 5, "d": 9}, stats.HIGHER)
    assert pos["d"].mads_from_median is None


def test_missing_values_are_counted_not_ranked():
    s, pos = stats.positions({"a": None, "b": 1.0, "c": float("nan")}, stats.HIGHER)
    assert (s.n, s.missing) == (1, 2)
    assert pos["a"].rank is None and pos["c"].quartile is None


def test_empty():
    s = stats.summarise([None])
    assert s.n == 0 and s.median is None


def test_ordinal():
    assert [stats.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111, 112)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th", "112th"
    ]  # fmt: skip


@given(values)
def test_agrees_with_statistics_module(xs):
    s = stats.summarise(xs)
    assert s.n == len(xs)
    assert abs(s.median - statistics.median(xs)) < 1e-9
    assert abs(s.mean - statistics.fmean(xs)) < 1e-9
    if len(xs) >= 2:
        q1, _, q3 = statistics.quantiles(xs, n=4, method="inclusive")
        assert abs(s.q1 - q1) < 1e-9 and abs(s.q3 - q3) < 1e-9
    assert abs(s.mad - statistics.median([abs(x - statistics.median(xs)) for x in xs])) < 1e-9


@given(values)
def test_order_of_statistics(xs):
    s = stats.summarise(xs)
    assert s.min <= s.q1 <= s.median <= s.q3 <= s.max
    assert s.min <= s.mean <= s.max
    assert s.mad >= 0


@given(maybe, polarities)
def test_rank_invariants(xs, polarity):
    data = dict(enumerate(xs))
    s, pos = stats.positions(data, polarity)
    ranked = [p for p in pos.values() if p.rank is not None]
    assert len(ranked) == s.n
    assert s.missing == sum(1 for x in xs if x is None)
    if ranked:
        assert min(p.rank for p in ranked) == 1
        assert max(p.rank for p in ranked) <= s.n
    for a in ranked:
        better = sum(1 for b in ranked if (b.value < a.value if polarity == stats.LOWER else b.value > a.value))
        assert a.rank == better + 1
        assert a.quartile in stats.BANDS


@given(maybe)
def test_polarity_symmetry(xs):
    data = dict(enumerate(xs))
    _, higher = stats.positions(data, stats.HIGHER)
    _, lower = stats.positions({k: (None if v is None else -v) for k, v in data.items()}, stats.LOWER)
    for k in data:
        assert higher[k].rank == lower[k].rank
        assert higher[k].quartile == lower[k].quartile
        if higher[k].mads_from_median is not None:
            assert abs(higher[k].mads_from_median + lower[k].mads_from_median) < 1e-9


@given(values, polarities)
def test_best_is_top_and_worst_is_bottom_or_tied(xs, polarity):
    data = dict(enumerate(xs))
    _, pos = stats.positions(data, polarity)
    best = min(pos.values(), key=lambda p: p.rank)
    assert best.quartile == stats.TOP
