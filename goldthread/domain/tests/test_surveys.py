"""Survey rules: % positive, themes, change, and suppression that always holds."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.surveys import (
    OVERALL,
    AnswerType,
    Cell,
    Count,
    change_in_points,
    normalise_answer,
    parse_positive,
    percent,
    suppress_breakdown,
    suppress_one,
    tally,
    theme_cells,
)


@st.composite
def breakdowns(draw):
    groups = draw(st.lists(st.text(alphabet="abcdefgh", min_size=1, max_size=3), unique=True, max_size=10))
    counts = []
    for g in groups:
        n = draw(st.integers(min_value=0, max_value=60))
        counts.append(Count(g, n, draw(st.integers(min_value=0, max_value=n))))
    return counts


minimums = st.integers(min_value=1, max_value=30)


@given(breakdowns(), minimums)
def test_no_group_below_the_minimum_is_ever_shown(counts, minimum):
    for cell, count in zip(suppress_breakdown(counts, minimum), counts, strict=True):
        assert cell.group == count.group
        if count.n < minimum:
            assert cell.suppressed and cell.n is None and cell.n_positive is None and cell.percent is None
        if not cell.suppressed:
            assert cell.n >= minimum


@given(breakdowns(), minimums)
def test_suppressed_groups_cannot_be_worked_out_from_the_total(counts, minimum):
    """Whatever is hidden together has at least the minimum respondents, or everything is
    hidden, so subtracting the shown groups from the total never reveals a small group."""
    cells = suppress_breakdown(counts, minimum)
    hidden = [c for c, cell in zip(counts, cells, strict=True) if cell.suppressed]
    if hidden and len(hidden) < len(counts):
        assert sum(c.n for c in hidden) >= minimum


@given(breakdowns(), minimums)
def test_groups_at_or_above_the_minimum_show_their_true_figures(counts, minimum):
    for cell, count in zip(suppress_breakdown(counts, minimum), counts, strict=True):
        if not cell.suppressed:
            assert (cell.n, cell.n_positive, cell.percent) == (
                count.n,
                count.n_positive,
                percent(count.n_positive, count.n),
            )


def test_one_small_group_takes_the_next_smallest_with_it():
    counts = [Count("North", 40, 30), Count("South", 25, 10), Count("Central", 4, 4), Count("East", 12, 6)]
    cells = {c.group: c.suppressed for c in suppress_breakdown(counts, 10)}
    assert cells == {"North": False, "South": False, "Central": True, "East": True}


@given(st.integers(min_value=0, max_value=100), minimums)
def test_a_single_figure_is_shown_only_with_enough_respondents(n, minimum):
    cell = suppress_one(Count(OVERALL, n, n // 2), minimum)
    assert cell.suppressed == (n < minimum)


@given(st.dictionaries(st.sampled_from(["Q1", "Q2", "Q3"]), breakdowns(), min_size=1), minimums)
def test_a_theme_never_shows_a_group_that_a_question_hid(questions, minimum):
    cells = {q: suppress_breakdown(c, minimum) for q, c in questions.items()}
    hidden = {c.group for cs in cells.values() for c in cs if c.suppressed}
    for cell in theme_cells(cells):
        if cell.group in hidden:
            assert cell.suppressed
        else:
            assert cell.n >= minimum


def test_percent_and_change():
    assert percent(7, 10) == Decimal("70.0")
    assert percent(0, 0) is None
    a = Cell("All", False, 20, 10, Decimal("50.0"))
    b = Cell("All", False, 20, 14, Decimal("70.0"))
    assert change_in_points(a, b) == Decimal("20.0")
    assert change_in_points(a, Cell("All", True, None, None, None)) is None
    assert change_in_points(None, b) is None


def test_answers_and_positive_sets():
    assert normalise_answer(" 4 ", AnswerType.LIKERT) == "4"
    assert normalise_answer("4.0", AnswerType.LIKERT) == "4"
    assert normalise_answer("6", AnswerType.LIKERT) is None
    assert normalise_answer("Y", AnswerType.YES_NO) == "yes"
    assert normalise_answer("maybe", AnswerType.YES_NO) is None
    assert normalise_answer("", AnswerType.YES_NO) == ""
    assert parse_positive("", AnswerType.LIKERT) == {"4", "5"}
    assert parse_positive("3, 4,5", AnswerType.LIKERT) == {"3", "4", "5"}


def test_tally_counts_positive_answers_per_group_and_skips_blanks():
    responses = [
        {"Q1": "5", "team": "A"},
        {"Q1": "2", "team": "A"},
        {"Q1": "", "team": "B"},
        {"Q1": "4", "team": "B"},
    ]
    by_team = tally(responses, {"Q1": frozenset({"4", "5"})}, "team")
    assert by_team["Q1"]["A"] == Count("A", 2, 1)
    assert by_team["Q1"]["B"] == Count("B", 1, 1)
    overall = tally(responses, {"Q1": frozenset({"4", "5"})})
    assert overall["Q1"][OVERALL] == Count(OVERALL, 3, 2)
