"""Appraisals: who sees what, the manager's and employee's parts, the dashboard and ORG-01."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from goldthread.core.audit import history_for
from goldthread.council.models import Role
from goldthread.people import selectors, services
from goldthread.people.models import Appraisal
from goldthread.performance.models import Measure, MeasureValue

from .helpers import cycle, employee


@pytest.fixture
def team(council, directorate, make_user):
    """A director, a manager who signs in, two staff (one signs in), and a new starter."""
    boss_user = make_user(Role.OFFICER, username="manager")
    staff_user = make_user(Role.OFFICER, username="staff")
    director = employee(council, directorate, "0001")
    manager = employee(council, directorate, "0002", manager=director, user=boss_user)
    one = employee(council, directorate, "0003", manager=manager, user=staff_user)
    two = employee(council, directorate, "0004", manager=manager)
    new = employee(council, directorate, "0005", manager=manager, start=dt.date(2024, 1, 1))
    return {
        "director": director,
        "manager": manager,
        "one": one,
        "two": two,
        "new": new,
        "boss": boss_user,
        "me": staff_user,
    }


def _complete(appraisal, on=dt.date(2023, 6, 1)):
    appraisal.manager_agreed_on = on
    appraisal.employee_acknowledged_on = on
    appraisal.status = Appraisal.Status.COMPLETE
    appraisal.save()


def test_the_manager_sets_objectives_and_agrees_then_the_employee_acknowledges(council, team, priority):
    c = cycle(council)
    appraisal = services.appraisal_start(cycle=c, employee=team["one"], user=team["boss"])
    services.objective_add(
        appraisal=appraisal, text="Cut waiting times", priority=priority, outcome=None, user=team["boss"]
    )
    assert appraisal.status == Appraisal.Status.OBJECTIVES_SET
    with pytest.raises(services.PeopleError):
        services.appraisal_acknowledge(appraisal=appraisal, on=dt.date(2023, 6, 2), user=team["me"])
    services.appraisal_update(
        appraisal=appraisal,
        data={
            "wellbeing_conversation": True,
            "wellbeing_conversation_on": dt.date(2023, 6, 1),
            "manager_agreed_on": dt.date(2023, 6, 1),
        },
        user=team["boss"],
    )
    assert appraisal.status == Appraisal.Status.AGREED
    with pytest.raises(PermissionDenied):  # the manager cannot acknowledge on the employee's behalf
        services.appraisal_acknowledge(appraisal=appraisal, on=dt.date(2023, 6, 2), user=team["boss"])
    services.appraisal_acknowledge(appraisal=appraisal, on=dt.date(2023, 6, 2), user=team["me"])
    assert appraisal.status == Appraisal.Status.COMPLETE
    assert history_for(appraisal).count() >= 4


def test_a_wellbeing_conversation_needs_a_date(council, team):
    appraisal = services.appraisal_start(cycle=cycle(council), employee=team["one"], user=team["boss"])
    with pytest.raises(services.PeopleError):
        services.appraisal_update(appraisal=appraisal, data={"wellbeing_conversation": True}, user=team["boss"])


def test_staff_cannot_edit_their_own_appraisal(council, team):
    appraisal = Appraisal.objects.create(cycle=cycle(council), employee=team["one"])
    with pytest.raises(PermissionDenied):
        services.appraisal_update(appraisal=appraisal, data={"development_needs": "x"}, user=team["me"])


def test_completion_rate_leaves_out_new_starters(council, team):
    c = cycle(council)
    for person in ("one", "two", "manager", "new"):
        Appraisal.objects.create(cycle=c, employee=team[person])
    _complete(c.appraisals.get(employee=team["one"]))
    _complete(c.appraisals.get(employee=team["new"]))
    rate = selectors.completion_overall(c)
    assert (rate.numerator, rate.denominator) == (1, 4)  # director, manager, one, two; the new starter is left out
    c.min_service_months = 0
    c.save()
    assert selectors.completion_overall(c).denominator == 5


def test_visibility_self_team_hr_and_never_members(council, team, make_user):
    c = cycle(council)
    mine = Appraisal.objects.create(cycle=c, employee=team["one"])
    managers = Appraisal.objects.create(cycle=c, employee=team["manager"])
    from goldthread.council import permissions as p

    assert p.can_see_appraisal(team["me"], mine) and not p.can_see_appraisal(team["me"], managers)
    assert p.can_see_appraisal(team["boss"], mine)
    assert not p.can_see_appraisal(team["boss"], Appraisal.objects.create(cycle=c, employee=team["director"]))
    for role in (Role.HR, Role.PERFORMANCE):
        assert p.can_see_appraisal(make_user(role, username=f"x-{role}"), mine)
    for role in (Role.MEMBER, Role.AUDITOR, Role.EDITOR):
        assert not p.can_see_appraisal(make_user(role, username=f"y-{role}"), mine)


def test_appraisal_page_visibility(client, council, team, make_user):
    appraisal = Appraisal.objects.create(cycle=cycle(council), employee=team["one"])
    url = f"/people/appraisals/{appraisal.pk}/"
    client.force_login(team["me"])
    assert client.get(url).status_code == 200
    client.force_login(team["boss"])
    assert client.get(url).status_code == 200
    client.force_login(make_user(Role.MEMBER, username="councillor"))
    assert client.get(url).status_code == 403
    assert client.get(f"/api/people/appraisals/{appraisal.pk}").status_code == 403


def test_members_see_only_aggregates_on_the_dashboard(client, council, team, make_user):
    c = cycle(council)
    client.force_login(make_user(Role.MEMBER, username="councillor"))
    page = client.get(c.get_absolute_url()).content.decode()
    assert "By directorate" in page
    assert "Person 0003" not in page and "By manager" not in page
    client.force_login(make_user(Role.HR, username="hr2"))
    page = client.get(c.get_absolute_url()).content.decode()
    assert "By manager" in page and "Person 0003" in page  # overdue list, window long closed


def test_managers_see_overdue_for_their_team_only(council, team):
    c = cycle(council)
    overdue = {
        line.employee.employee_number for line in selectors.overdue_lines(c, team["boss"], today=dt.date(2024, 5, 1))
    }
    assert overdue == {"0002", "0003", "0004"}  # their own and their team's, not the director's
    assert selectors.overdue_lines(c, team["boss"], today=dt.date(2024, 3, 1)) == []


def test_publishing_writes_org_01_from_the_records(council, directorate, team, users):
    c = cycle(council)
    measure = Measure.objects.create(
        council=council,
        reference="ORG-01",
        title="Appraisal completion",
        unit="percent",
        frequency="annual",
        directorate=directorate,
    )
    for person in ("one", "two", "manager"):
        Appraisal.objects.create(cycle=c, employee=team[person])
    _complete(c.appraisals.get(employee=team["one"]))
    _complete(c.appraisals.get(employee=team["two"]))
    with pytest.raises(PermissionDenied):
        services.appraisal_completion_publish(cycle=c, period="2023-24", user=users[Role.HR])
    value = services.appraisal_completion_publish(cycle=c, period="2023-24", user=users[Role.PERFORMANCE])
    assert value.value == Decimal("50.0") and value.numerator == 2 and value.denominator == 4
    assert value.commentary == "Computed from appraisal records"
    _complete(c.appraisals.get(employee=team["manager"]))
    services.appraisal_completion_publish(cycle=c, period="2023-24", user=users[Role.PERFORMANCE])
    value = MeasureValue.objects.get(measure=measure, period="2023-24")
    assert value.value == Decimal("75.0")
    changes = history_for(value)
    assert changes.count() == 2 and changes.order_by("-at").first().changes["value"] == ["50", "75"]


def test_publishing_needs_the_measure(council, team, users):
    with pytest.raises(services.PeopleError, match="ORG-01"):
        services.appraisal_completion_publish(cycle=cycle(council), period="2023-24", user=users[Role.PERFORMANCE])


def test_publish_button_posts(client_for, council, directorate, team):
    c = cycle(council)
    Measure.objects.create(
        council=council,
        reference="ORG-01",
        title="Appraisal completion",
        unit="percent",
        frequency="annual",
        directorate=directorate,
    )
    client = client_for(Role.PERFORMANCE)
    response = client.post(f"/people/appraisal-cycles/{c.slug}/publish/", {"publish-period": "2023-24"}, follow=True)
    assert "computed from the records" in response.content.decode()
    assert MeasureValue.objects.filter(measure__reference="ORG-01").count() == 1


def test_cycle_rules_are_edited_in_the_ui_with_history(client_for, council):
    c = cycle(council)
    client = client_for(Role.HR)
    data = {
        "name": c.name,
        "window_start": "2023-04-01",
        "window_end": "2024-03-31",
        "period": "2023-24",
        "min_service_months": "3",
        "exclude_long_term_absence": "on",
        "version": str(c.version),
    }
    assert client.post(f"/people/appraisal-cycles/{c.slug}/edit/", data).status_code == 302
    c.refresh_from_db()
    assert c.min_service_months == 3 and not c.exclude_leavers_before_window_end
    assert history_for(c).first().changes["min_service_months"] == [6, 3]


def test_small_teams_are_hidden_from_people_who_may_not_see_records(
    client, council, team, make_user, other_directorate
):
    from goldthread.people.tests.helpers import employee as make

    c = cycle(council)
    for i in range(6):
        make(council, other_directorate, f"9{i:03d}")
    client.force_login(make_user(Role.MEMBER, username="councillor"))
    body = client.get(f"/api/people/appraisal-cycles/{c.slug}/completion").json()
    by_directorate = {row["group"]: row for row in body["by_directorate"]}
    # Children's has 4 counted staff: hidden, and Place with it, or Children's = total - Place.
    assert by_directorate["Children's Services"]["suppressed"] and by_directorate["Place"]["suppressed"]
    assert "Not shown: fewer than 5 staff counted" in client.get(c.get_absolute_url()).content.decode()
    client.force_login(make_user(Role.HR, username="hr3"))
    body = client.get(f"/api/people/appraisal-cycles/{c.slug}/completion").json()
    assert not any(row["suppressed"] for row in body["by_directorate"])
