from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.riskscore import (
    DEFAULT_BANDS,
    BandRange,
    MatrixError,
    Movement,
    above_appetite,
    appetite_words,
    band_for,
    movement,
    score,
    validate_bands,
)

FIVE = range(1, 6)
levels = st.integers(min_value=1, max_value=5)


@given(levels, levels)
def test_score_is_likelihood_times_impact_and_always_banded(lk, im):
    value = score(lk, im)
    assert value == lk * im
    band = band_for(value, DEFAULT_BANDS)
    assert band.min_score <= value <= band.max_score


def test_default_bands_cover_5x5_exactly():
    assert validate_bands(DEFAULT_BANDS, FIVE, FIVE) == []


def test_gap_and_overlap_are_reported():
    bands = [BandRange("low", 1, 4), BandRange("high", 6, 25), BandRange("mid", 5, 8)]
    problems = validate_bands(bands, FIVE, FIVE)
    assert "Score 6 is in more than one band (high, mid)." in problems
    gap = validate_bands([BandRange("low", 1, 4), BandRange("high", 6, 25)], FIVE, FIVE)
    assert gap == ["Score 5 is in no band."]


def test_reversed_band_is_reported():
    assert any("lowest score is above" in p for p in validate_bands([BandRange("x", 25, 1)], FIVE, FIVE))


def test_unbanded_score_raises():
    try:
        band_for(30, DEFAULT_BANDS)
    except MatrixError as exc:
        assert "30" in str(exc)
    else:
        raise AssertionError("expected MatrixError")


def test_score_rejects_zero():
    try:
        score(0, 3)
    except ValueError:
        return
    raise AssertionError("expected ValueError")


@given(st.integers(1, 25), st.integers(1, 25))
def test_movement_direction_matches_comparison(a, b):
    result = movement(a, b)
    assert result == (Movement.UP if b > a else Movement.DOWN if b < a else Movement.SAME)
    assert movement(b, a) in {Movement.SAME} if a == b else movement(b, a) != result


def test_new_and_closed():
    assert movement(None, 12) is Movement.NEW
    assert movement(12, None) is Movement.CLOSED
    assert Movement.UP.words == "Score up (worse)"


@given(st.integers(1, 25), st.one_of(st.none(), st.integers(1, 25)))
def test_above_appetite(value, appetite):
    assert above_appetite(value, appetite) == (appetite is not None and value > appetite)
    words = appetite_words(value, appetite)
    assert words.startswith("Above appetite") == above_appetite(value, appetite)
