"""The priority page's sections against the example council, as at a period: each app's provider shows the
state at the end of the period asked for, and when the data change the page follows (for that period only).

The example council is loaded once for the module; each test undoes its own changes."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from goldthread.council.links import AsAt, sections_for
from goldthread.council.models import Priority, Role, User
from goldthread.domain.periods import parse_period
from goldthread.finance.models import BudgetLine
from goldthread.finance.priority_section import headline
from goldthread.improvement import services as improvement
from goldthread.improvement.priority_section import actions_data
from goldthread.performance.models import Measure, MeasureValue, Status, Target
from goldthread.performance.priority_section import measures_data, rag_by_priority
from goldthread.risk import services as risk_services
from goldthread.risk.models import Risk
from goldthread.risk.priority_section import risks_data

TODAY = date(2026, 1, 15)  # after every example period: the pages speak as at each period's end


@pytest.fixture(scope="module")
def example(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_example", skip_benchmarks=True, stdout=io.StringIO())
            member = User.objects.create_user(username="sections-member", role=Role.MEMBER)
            team = User.objects.create_user(username="sections-performance", role=Role.PERFORMANCE)
            yield {"priority": Priority.objects.get(code="protect-vulnerable"), "member": member, "team": team}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def undo(example):
    """Changes a test makes are rolled back after it."""
    with transaction.atomic():
        yield example
        transaction.set_rollback(True)


def as_at(label: str) -> AsAt:
    return AsAt(parse_period(label), TODAY)


def _counts(data) -> dict[str, int]:
    return {c.rag: c.count for c in data.counts}


def test_measures_section_counts_match_its_rows_and_say_so_in_words(example):
    data = measures_data(example["priority"], example["member"], as_at("2023-24 Q2"))
    refs = {e.row.measure.reference for e in data.entries}
    assert refs == set(
        Measure.objects.filter(priorities=example["priority"], is_active=True).values_list("reference", flat=True)
    )
    counts = _counts(data)
    assert sum(counts.values()) == len(data.entries)
    for rag, n in counts.items():
        assert sum(1 for e in data.entries if e.row.rag == rag) == n
    assert data.paragraph.startswith(f"Protect the most vulnerable: {len(data.entries)} measures for 2023-24 Q2")
    # The chart says the counts in words as well as drawing them, and each measure has a described sparkline.
    assert 'role="img"' in data.chart and "On target" in data.chart and "Off target" in data.chart
    assert all('role="img"' in e.sparkline and "aria-label=" in e.sparkline for e in data.entries)
    # The narrative is the measure's own: the sentences name its figure; the officers' commentary is kept apart.
    asc05 = next(e for e in data.entries if e.row.measure.reference == "ASC-05")
    assert asc05.sentences and asc05.sentences[0].startswith(asc05.row.value_text)
    assert asc05.commentary and asc05.commentary not in " ".join(asc05.sentences)


def test_a_new_figure_moves_the_measures_section_for_its_period_only(undo):
    priority, member = undo["priority"], undo["member"]
    before_q2 = _counts(measures_data(priority, member, as_at("2023-24 Q2")))
    before_q3 = _counts(measures_data(priority, member, as_at("2023-24 Q3")))
    cyp02 = Measure.objects.get(reference="CYP-02")
    period = cyp02.parse_period("2023-24 Q3")
    target = Target(measure=cyp02, value=Decimal("90"))
    target.set_period(period)
    target.save()
    value = MeasureValue(measure=cyp02, value=Decimal("60"), status=Status.APPROVED)
    value.set_period(period)
    value.save()
    after_q3 = measures_data(priority, member, as_at("2023-24 Q3"))
    assert _counts(after_q3)["red"] == before_q3["red"] + 1 and _counts(after_q3)["grey"] == before_q3["grey"] - 1
    row = next(e for e in after_q3.entries if e.row.measure.reference == "CYP-02")
    assert row.row.rag_label == "Off target" and "60.0%" in " ".join(row.sentences)
    assert _counts(measures_data(priority, member, as_at("2023-24 Q2"))) == before_q2
    # Nobody but the approvers sees a figure before it is approved.
    value.status = Status.SUBMITTED
    value.save()
    assert _counts(measures_data(priority, member, as_at("2023-24 Q3"))) == before_q3


def test_risks_section_scores_each_risk_by_the_reviews_approved_by_the_period_end(undo):
    priority = undo["priority"]
    assert risks_data(priority, as_at("2023-24 Q1")).entries == []  # raised on 1 July 2023
    q3 = risks_data(priority, as_at("2023-24 Q3"))
    assert {e.risk.reference for e in q3.entries} == set(
        Risk.objects.filter(priorities=priority, status=Risk.Status.OPEN).values_list("reference", flat=True)
    )
    for e in q3.entries:
        review = e.risk.reviews.get(period="2023-24 Q3")
        assert e.at.score == review.score
        assert e.at.above_appetite == (review.score > e.risk.category.appetite)
        assert e.appetite_words.startswith("Above appetite" if e.at.above_appetite else "Within appetite")
    assert len(q3.above) == sum(e.at.above_appetite for e in q3.entries)

    first = q3.entries[0]
    risk_services.review_record(
        risk=first.risk, user=None, date=date(2024, 3, 28), period="2023-24 Q4", likelihood=1, impact=1
    )
    q4 = {e.risk.reference: e for e in risks_data(priority, as_at("2023-24 Q4")).entries}
    assert q4[first.risk.reference].at.score == 1 and not q4[first.risk.reference].at.above_appetite
    again = {e.risk.reference: e for e in risks_data(priority, as_at("2023-24 Q3")).entries}
    assert again[first.risk.reference].at.score == first.at.score


def test_actions_section_shows_each_action_as_it_stood_at_the_period_end(undo):
    priority = undo["priority"]
    action = improvement.action_create(
        description="Open the social work academy",
        user=undo["team"],
        lead_name="Director of Children's Services",
        due_date=date(2023, 11, 30),
        status="on_track",
        raised_on=date(2023, 10, 2),
    )
    action.priorities.add(priority)
    assert action.pk not in {e.action.pk for e in actions_data(priority, as_at("2023-24 Q2")).entries}
    q3 = actions_data(priority, as_at("2023-24 Q3"))
    entry = next(e for e in q3.entries if e.action.pk == action.pk)
    assessment = entry.now.assessment
    assert assessment.is_overdue and assessment.words == "Off track" and assessment.reported_words == "On track"
    assert q3.overdue >= 1
    html = _page(undo, "2023-24 Q3")
    assert action.reference in html and "Overdue: 31 days past its due date and not complete" in html


def test_money_section_says_finance_is_not_held_by_priority_and_gives_the_councils_position(undo):
    priority = undo["priority"]
    assert headline(priority.council, parse_period("2023-24 Q3")) is None  # the annual figure is for the year
    year = headline(priority.council, parse_period("2023-24"))
    assert year is not None and "against a budget of" in year.text
    lines = BudgetLine.objects.filter(council=priority.council, period="2023-24", status="approved")
    budget = sum(line.budget for line in lines)
    lines.update(forecast_outturn=None)
    first = lines.first()
    BudgetLine.objects.filter(pk=first.pk).update(forecast_outturn=budget)  # others count as no forecast
    assert headline(priority.council, parse_period("2023-24")).text.endswith(", on budget")
    html = _page(undo, "2023-24")
    assert "not by priority" in html and "on budget" in html


def _page(example, period: str) -> str:
    client = Client()
    client.force_login(example["member"])
    response = client.get(example["priority"].get_absolute_url(), {"period": period})
    assert response.status_code == 200
    return response.content.decode()


def test_page_shows_every_section_for_the_period_asked_for(example):
    html = _page(example, "2023-24 Q3")
    for heading in ("Measures", "Risks", "Improvement actions", "Money", "Review recommendations"):
        assert f">{heading}</h2>" in html
    assert "As at 31 December 2023" in html and "Measures by status, 2023-24 Q3" in html
    # The budget is approved for the year only: the quarter says so and links to the year.
    assert "No approved budget monitoring up to 2023-24 Q3 yet" in html
    assert 'href="/council/priorities/protect-vulnerable/?period=2023-24">show this priority for 2023-24</a>' in html
    assert '<option value="2023-24 Q3" selected>' in html
    sections = sections_for(example["priority"], example["member"], as_at("2023-24 Q3"))
    assert [s.order for s in sections] == sorted(s.order for s in sections)


def test_page_opens_on_the_latest_quarter_with_figures_and_refuses_a_bad_period(example):
    client = Client()
    client.force_login(example["member"])
    url = example["priority"].get_absolute_url()
    assert '<option value="2023-24 Q3" selected>' in client.get(url).content.decode()  # the latest risk reviews
    bad = client.get(url, {"period": "2023-24 Q9"})
    assert bad.status_code == 400
    assert "The period “2023-24 Q9” cannot be shown" in bad.content.decode()
    assert client.get(url, {"period": "2023-06"}).status_code == 400  # a month is not offered


def test_rag_by_priority_counts_each_priority_and_describes_its_chart(example):
    rows = rag_by_priority(example["priority"].council, example["member"], parse_period("2023-24 Q2"))
    assert [r.priority.code for r in rows] == list(
        Priority.objects.filter(council=example["priority"].council).values_list("code", flat=True)
    )
    mine = next(r for r in rows if r.priority == example["priority"])
    data = measures_data(example["priority"], example["member"], as_at("2023-24 Q2"))
    assert [c.count for c in mine.counts] == [c.count for c in data.counts]
    assert f'aria-label="Protect the most vulnerable, 2023-24 Q2: {mine.words}"' in mine.chart


def test_home_page_gives_the_councils_position_at_a_glance(example):
    client = Client()
    client.force_login(example["member"])
    html = client.get("/").content.decode()
    assert "The council's position at a glance" in html
    assert "Measures by status for each priority" in html
    assert f'href="{example["priority"].get_absolute_url()}?period=' in html
    assert "Forecast outturn at 2023-24" in html and "/finance/budget/position/?year=2023-24" in html
    assert "above appetite" in html and "above_appetite=1" in html
