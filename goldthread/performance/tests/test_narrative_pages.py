"""The measure page carries sentences written from the figures, apart from (and after) the officers'
commentary; they say what the scorecard row says."""

from django.urls import reverse

from goldthread.domain.periods import parse_period
from goldthread.performance import narrative, selectors

from .conftest import add_target, add_value


def test_the_measure_page_writes_the_figures_in_words(client_for, measure, users):
    add_value(measure, "2022-23 Q2", 70)
    add_value(measure, "2023-24 Q1", 88, commentary="Staffing recovered.")
    add_value(measure, "2023-24 Q2", 85)
    add_target(measure, "2023-24 Q2", 90)
    page = client_for("member").get(reverse("performance:measure", args=[measure.reference])).content.decode()
    assert "What the figures say, 2023-24 Q2" in page
    assert "85.0%, 5.0 percentage points below the target of 90.0%: the target is missed." in page
    assert "Down 3.0 percentage points from 88.0% in 2023-24 Q1, a decline" in page
    assert page.index("Staffing recovered.") < page.index("What the figures say")


def test_the_sentences_follow_the_scorecard_row(measure, users):
    add_value(measure, "2023-24 Q1", 80)
    add_value(measure, "2023-24 Q2", 85)
    add_target(measure, "2023-24 Q2", 80)
    row = selectors.assess_measures([measure], parse_period("2023-24 Q2"), user=users["member"])[0]
    text = narrative.text(row)
    assert "the target is met" in text and row.rag.value == "green"
    assert "an improvement" in text and row.since_previous.value == "improving"


def test_each_scorecard_row_has_its_sentences_on_demand(client_for, measure):
    add_value(measure, "2023-24 Q2", 85)
    add_target(measure, "2023-24 Q2", 80)
    page = client_for("member").get(reverse("performance:scorecard") + "?period=2023-24+Q2").content.decode()
    assert "In words" in page and "85.0%, 5.0 percentage points above the target of 80.0%: the target is met." in page
