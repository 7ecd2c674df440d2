"""A figure older than its measure's frequency expects is marked out of date, with its age; a target set
"until changed" carries into later periods, shown as carried forward. Same rows for every output."""

from decimal import Decimal

from django.urls import reverse

from goldthread.domain.periods import parse_period
from goldthread.domain.rag import Rag
from goldthread.performance import selectors, services

from .conftest import add_target, add_value


def _row(user, measure, label):
    card = selectors.scorecard(user=user, period=parse_period(label))
    return next(r for r in card.rows if r.measure.pk == measure.pk)


def test_an_annual_figure_two_years_old_is_out_of_date(make_measure, users):
    annual = make_measure("ASC-01", frequency="annual", unit="number")
    add_value(annual, "2021-22", "7.6")
    row = _row(users["member"], annual, "2023-24 Q2")
    assert row.figure.period_label == "2021-22" and row.is_stale
    assert row.staleness.age_words == "18 months old"
    add_value(annual, "2022-23", "7.4")
    current = _row(users["member"], annual, "2023-24 Q2")
    assert current.figure.period_label == "2022-23" and not current.is_stale


def test_a_target_until_changed_carries_forward(make_measure, users):
    annual = make_measure("HOU-01", frequency="annual", unit="percent")
    services.target_set(
        measure=annual, period="2022-23", value="70", is_example=False, user=users["performance"], until_changed=True
    )
    add_value(annual, "2023-24", "72")
    row = _row(users["member"], annual, "2023-24")
    assert row.target.value == Decimal(70) and row.target_carried_from == "2022-23" and row.rag is Rag.GREEN
    # a target of its own replaces the carried one; one not "until changed" does not carry
    add_target(annual, "2023-24", 75)
    own = _row(users["member"], annual, "2023-24")
    assert own.target.value == Decimal(75) and own.target_carried_from == "" and own.rag is Rag.RED


def test_a_plain_target_does_not_carry(measure, users):
    add_target(measure, "2022-23 Q2", 80)
    add_value(measure, "2023-24 Q2", 85)
    assert _row(users["member"], measure, "2023-24 Q2").target is None


def test_pages_say_out_of_date_and_carried_forward(client_for, make_measure, users):
    annual = make_measure("ASC-01", frequency="annual", unit="number")
    add_value(annual, "2021-22", "7.6")
    services.target_set(
        measure=annual, period="2020-21", value="7", is_example=False, user=users["performance"], until_changed=True
    )
    page = client_for("member").get(reverse("performance:scorecard") + "?period=2023-24+Q2").content.decode()
    assert "Out of date: 18 months old" in page and "carried forward from 2020-21" in page
