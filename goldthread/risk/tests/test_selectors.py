from datetime import date

from goldthread.domain.periods import parse_period
from goldthread.risk import selectors, services
from goldthread.risk.models import AssuranceArea, Category


def _review(risk, period, lk, im, day):
    services.review_record(risk=risk, user=None, date=day, period=period, likelihood=lk, impact=im)


def test_heat_map_counts_and_lists_open_risks(council, corporate, make_risk):
    a = make_risk(corporate, current=(4, 5))
    b = make_risk(corporate, current=(4, 5))
    c = make_risk(corporate, current=(1, 1))
    services.risk_close(risk=c, user=None, reason="Gone")
    heat = selectors.heat_map(council)
    assert [lv.value for lv in heat.likelihoods] == [5, 4, 3, 2, 1]
    cell = heat.rows[1].cells[4]
    assert (cell.likelihood, cell.impact, cell.score, cell.band.name) == (4, 5, 20, "very high")
    assert cell.risks == [a, b]
    assert heat.total == 2


def test_movements_up_down_new_closed(council, corporate, make_risk):
    up = make_risk(corporate, title="Up")
    down = make_risk(corporate, title="Down")
    gone = make_risk(corporate, title="Gone")
    for risk in (up, down, gone):
        risk.created_on = date(2023, 7, 1)
        risk.save()
    _review(up, "2023-24 Q2", 2, 2, date(2023, 9, 30))
    _review(up, "2023-24 Q3", 3, 3, date(2023, 12, 31))
    _review(down, "2023-24 Q2", 4, 4, date(2023, 9, 30))
    _review(down, "2023-24 Q3", 2, 4, date(2023, 12, 31))
    _review(gone, "2023-24 Q2", 4, 4, date(2023, 9, 30))
    services.risk_close(risk=gone, user=None, reason="Done", on=date(2023, 11, 1))
    new = make_risk(corporate, title="New")
    new.created_on = date(2023, 11, 5)
    new.save()
    rows = {m.risk.title: m.movement.value for m in selectors.movements(council, parse_period("2023-24 Q3"))}
    assert rows == {"Up": "up", "Down": "down", "Gone": "closed", "New": "new"}
    summary = selectors.risk_summary(council, "2023-24 Q3")
    assert {m.reference: m.movement for m in summary.movements}[up.reference] == "up"
    assert sum(c.count for c in summary.heat_map) == 3


def test_above_appetite_and_overdue(council, corporate, make_risk, category):
    high = make_risk(corporate, current=(4, 4), next_review=date(2020, 1, 1))
    make_risk(corporate, current=(3, 4), next_review=date(2999, 1, 1))
    other = Category.objects.create(council=council, code="none", name="No appetite")
    make_risk(corporate, current=(5, 5), category=other)
    assert selectors.above_appetite(council) == [high]
    assert selectors.overdue(council, today=date(2024, 1, 1)) == [high]


def test_filters(council, corporate, dir_register, make_risk, users):
    a = make_risk(corporate, current=(4, 4), owner=users["editor"])
    make_risk(dir_register, current=(1, 2))
    assert selectors.filter_risks(selectors.risks(council), {"band": "very high"}) == [a]
    assert selectors.filter_risks(selectors.risks(council), {"owner": str(users["editor"].pk)}) == [a]
    assert selectors.filter_risks(selectors.risks(council), {"owner": "x"}) == []
    assert len(selectors.filter_risks(selectors.risks(council), {"directorate": "childrens"})) == 1
    assert selectors.filter_risks(selectors.risks(council), {"above_appetite": "1"}) == [a]


def test_assurance_gap_is_no_independent_source_in_twelve_months(council, corporate, make_risk):
    area = AssuranceArea.objects.create(council=council, code="finance", name="Finance")
    risk = make_risk(corporate)
    services.assurance_source_add(
        council=council,
        user=None,
        area=area,
        line=3,
        provider="External audit",
        title="VFM",
        date=date(2023, 9, 1),
        opinion="limited",
    )
    services.assurance_source_add(
        council=council, user=None, risk=risk, line=1, provider="Service", title="Monitoring", date=date(2023, 12, 1)
    )
    rows = {r.label: r for r in selectors.assurance_map(council, as_of=date(2024, 6, 1))}
    assert not rows["Finance"].has_gap
    assert rows[str(risk)].has_gap and rows[str(risk)].lines[1][0].title == "Monitoring"
    later = {r.label: r for r in selectors.assurance_map(council, as_of=date(2024, 9, 2))}
    assert later["Finance"].has_gap


def test_linked_measures_get_the_scorecards_rag_for_their_latest_figure(
    council, corporate, make_risk, users, directorate
):
    from decimal import Decimal

    from goldthread.performance.models import Measure, MeasureValue, Status, Target

    measure = Measure.objects.create(
        council=council,
        reference="ENV-09",
        title="Recycling",
        directorate=directorate,
        polarity="higher",
        frequency="annual",
    )
    for label, value, status in [("2022-23", "30", Status.APPROVED), ("2023-24", "40", Status.SUBMITTED)]:
        v = MeasureValue(measure=measure, value=Decimal(value), status=status)
        v.set_period(parse_period(label))
        v.save()
    for label in ("2022-23", "2023-24"):
        t = Target(measure=measure, value=Decimal("35"))
        t.set_period(parse_period(label))
        t.save()
    risk = make_risk(corporate)
    risk.measures.add(measure)
    [member_view] = selectors.measure_rags(risk, users["member"])
    assert (member_view.period, member_view.rag.words) == ("2022-23", "Off target")
    [team_view] = selectors.measure_rags(risk, users["performance"])
    assert (team_view.period, team_view.rag.words) == ("2023-24", "On target")
