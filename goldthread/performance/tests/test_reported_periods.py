"""Locking a reported period: what Cabinet saw is kept; a later correction is a visible revision."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from goldthread.core.tabular import ImportRejected
from goldthread.domain.periods import parse_period
from goldthread.performance import locks, services
from goldthread.performance.models import ReportedFigure, ValueRevision

from .conftest import add_target, add_value

Q2 = parse_period("2023-24 Q2")


@pytest.fixture
def reported(measure, users, council):
    add_value(measure, "2023-24 Q1", 70, commentary="Steady")
    add_value(measure, "2023-24 Q2", 75, commentary="Up on Q1")
    add_target(measure, "2023-24 Q2", 80)
    return locks.lock_period(
        council=council, period=Q2, reported_to="Cabinet, 7 December 2023", user=users["performance"]
    )


def test_locking_keeps_each_approved_figure_as_reported(reported, measure):
    figure = ReportedFigure.objects.get(reported_period=reported, measure=measure)
    assert (figure.figure_period, figure.value, figure.target, figure.rag) == ("2023-24 Q2", Decimal(75), 80, "red")
    assert figure.commentary == "Up on Q1"


def test_a_draft_is_not_what_cabinet_saw(measure, users, council, make_measure):
    draft_only = make_measure("CS-02")
    add_value(draft_only, "2023-24 Q2", 12, status="draft")
    lock = locks.lock_period(council=council, period=Q2, reported_to="Cabinet", user=users["performance"])
    assert not lock.figures.filter(measure=draft_only).exists()


@pytest.mark.parametrize("role", ["editor", "member", "auditor", "officer"])
def test_only_the_performance_team_locks_a_period(users, council, role):
    with pytest.raises(PermissionDenied):
        locks.lock_period(council=council, period=Q2, reported_to="Cabinet", user=users[role])


def test_a_period_is_locked_once(reported, users, council):
    with pytest.raises(locks.LockError, match="already locked"):
        locks.lock_period(council=council, period=Q2, reported_to="Scrutiny", user=users["performance"])


def test_correcting_a_reported_value_needs_a_reason(reported, measure, users):
    with pytest.raises(services.PerformanceError, match="reported and is locked"):
        services.value_record(measure=measure, period="2023-24 Q2", value="74", user=users["editor"])
    assert measure.values.get(period="2023-24 Q2").value == 75


def test_a_correction_is_a_numbered_revision_and_the_reported_figure_stays(reported, measure, users):
    services.value_record(
        measure=measure, period="2023-24 Q2", value="74", user=users["editor"], reason="Late returns counted"
    )
    services.value_record(measure=measure, period="2023-24 Q2", value="73.5", user=users["editor"], reason="Audit")
    revisions = list(ValueRevision.objects.filter(measure_value__measure=measure))
    assert [(r.number, r.previous_value, r.new_value) for r in revisions] == [
        (1, Decimal(75), Decimal(74)),
        (2, Decimal(74), Decimal("73.5")),
    ]
    assert revisions[0].reason == "Late returns counted" and revisions[0].made_by == users["editor"]
    assert revisions[0].reported_figure.value == 75
    assert ReportedFigure.objects.get(measure=measure).value == 75


def test_a_month_inside_a_locked_quarter_is_locked_too(reported, make_measure, users, council, directorate):
    monthly = make_measure("CS-03", frequency="monthly")
    with pytest.raises(services.PerformanceError, match="locked"):
        services.value_record(measure=monthly, period="2023-08", value="5", user=users["performance"])
    services.value_record(measure=monthly, period="2023-10", value="5", user=users["performance"])  # Q3: open


def test_an_upload_cannot_add_to_a_locked_period(reported, make_measure, users):
    late = make_measure("CS-04")
    content = b"measure_reference,period,value\nCS-04,2023-24 Q2,60\n"
    with pytest.raises(ImportRejected) as rejected:
        services.values_import(content=content, filename="q2.csv", user=users["performance"])
    [error] = rejected.value.errors.as_dicts()
    assert (error["row"], error["column"]) == (2, "period") and "reported and is locked" in error["message"]
    assert not late.values.exists()


def test_performance_team_locks_a_period_from_the_web_page(client_for, measure, council):
    add_value(measure, "2023-24 Q2", 75)
    client = client_for("performance")
    response = client.post("/performance/reported/", {"period": "2023-24 Q2", "reported_to": "Cabinet, 7 Dec"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "2023-24 Q2 as reported to Cabinet, 7 Dec" in page
    again = client.post("/performance/reported/", {"period": "2023-24 Q2", "reported_to": "Scrutiny"})
    assert "already locked" in again.content.decode()


def test_members_see_reported_periods_but_cannot_lock(client_for, reported):
    client = client_for("member")
    assert "Cabinet, 7 December 2023" in client.get("/performance/reported/").content.decode()
    assert client.post("/performance/reported/", {"period": "2023-24 Q3", "reported_to": "x"}).status_code == 403


def test_the_measure_page_shows_what_was_reported_and_each_revision(client_for, reported, measure, users):
    services.value_record(
        measure=measure, period="2023-24 Q2", value="74", user=users["editor"], reason="Late returns counted"
    )
    page = client_for("auditor").get(measure.get_absolute_url()).content.decode()
    assert "Revisions after reporting" in page and "Late returns counted" in page


def test_a_member_is_not_shown_a_revised_figure_before_it_is_approved(client_for, reported, measure, users):
    value = services.value_record(
        measure=measure, period="2023-24 Q2", value="74.4", user=users["editor"], reason="Late returns counted"
    )
    page = client_for("member").get(measure.get_absolute_url()).content.decode()
    assert "Late returns counted" in page and "74.4" not in page and "Awaiting approval" in page
    services.value_submit(measure_value=value, user=users["editor"])
    services.value_approve(measure_value=value, user=users["performance"])
    assert "74.4" in client_for("member").get(measure.get_absolute_url()).content.decode()
