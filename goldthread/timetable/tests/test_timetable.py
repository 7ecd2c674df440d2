from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from goldthread.core.audit import history_for
from goldthread.timetable.example import load
from goldthread.timetable.models import ReportingYear
from goldthread.timetable.selectors import due_date_for, quarter_of
from goldthread.timetable.services import TimetableError, timetable_save

QUARTERS = {
    1: {"values_due": date(2023, 7, 21), "signoff": date(2023, 8, 4), "cabinet": date(2023, 9, 7)},
    2: {"values_due": date(2023, 10, 20)},
    3: {"values_due": date(2024, 1, 19)},
    4: {"values_due": date(2024, 4, 26)},
}


def form_data(**overrides):
    data = {"q1_values_due": "2023-07-21", "q2_values_due": "2023-10-20", "q3_values_due": "2024-01-19"}
    data |= {"q4_values_due": "2024-04-26", "note": "Agreed by the Executive Leadership Team"}
    return data | overrides


def test_the_performance_team_sets_a_year_with_history(council, users):
    ry = timetable_save(council=council, year="2023/24", quarters=QUARTERS, user=users["performance"])
    assert ry.year == "2023-24" and ry.periods.count() == 4
    q1 = ry.periods.get(quarter=1)
    changed = {**QUARTERS, 1: {**QUARTERS[1], "cabinet": date(2023, 9, 14)}}
    timetable_save(council=council, year="2023-24", quarters=changed, user=users["performance"])
    latest = history_for(q1).first()
    assert latest.changes == {"cabinet": ["2023-09-07", "2023-09-14"]}
    assert latest.user == users["performance"]


@pytest.mark.parametrize(
    ("quarters", "message"),
    [
        ({**QUARTERS, 2: {"values_due": date(2023, 9, 30)}}, "2023-24 Q2: values can only be due after the quarter"),
        ({**QUARTERS, 2: {"values_due": date(2023, 10, 20), "signoff": date(2023, 10, 1)}}, "cannot sign off"),
        ({**QUARTERS, 3: {"values_due": date(2024, 1, 19), "audit": date(2024, 1, 2)}}, "Q3: Audit committee meets"),
        ({1: QUARTERS[1]}, "all four quarters"),
    ],
)
def test_dates_that_cannot_stand_are_refused_and_nothing_is_written(council, users, quarters, message):
    with pytest.raises(TimetableError, match=message):
        timetable_save(council=council, year="2023-24", quarters=quarters, user=users["performance"])
    assert not ReportingYear.objects.exists()


def test_only_the_performance_team_may_change_it(council, users):
    with pytest.raises(PermissionDenied):
        timetable_save(council=council, year="2023-24", quarters=QUARTERS, user=users["editor"])


def test_returns_take_their_due_dates_from_the_timetable(council):
    load(council=council, log=lambda _m: None)
    assert due_date_for(council, "2023-24 Q2", "values") == date(2023, 10, 20)
    assert due_date_for(council, "2023-08", "budget") == date(2023, 10, 20)  # a month: its quarter
    assert due_date_for(council, "2023-24", "risk_review") == date(2024, 4, 26)  # a year: its last quarter
    assert due_date_for(council, "2024-25 Q1", "values") is None
    assert quarter_of("not a period") is None
    with pytest.raises(ValueError, match="actions is not one of"):
        due_date_for(council, "2023-24 Q2", "actions")


def test_the_page_shows_example_dates_and_the_team_edits_them(council, client_for):
    load(council=council, log=lambda _m: None)
    page = client_for("member").get("/timetable/?year=2023-24")
    assert page.status_code == 200
    assert "Example dates." in page.text and "20 Oct 2023" in page.text
    assert "Change the dates" not in page.text
    assert client_for("member").get("/timetable/2023-24/edit/").status_code == 403

    team = client_for("performance")
    bad = team.post("/timetable/2023-24/edit/", form_data(q2_values_due="2023-09-01"))
    assert bad.status_code == 200 and "values can only be due after the quarter ends on 30 September 2023" in bad.text
    ok = team.post("/timetable/2023-24/edit/", form_data(q2_signoff="2023-11-03"))
    assert ok.status_code == 302
    ry = ReportingYear.objects.get(year="2023-24")
    assert not ry.is_example and ry.periods.get(quarter=2).signoff == date(2023, 11, 3)
    assert team.get("/timetable/?new=2024/25").url == "/timetable/2024-25/edit/"
    assert "is not a financial year" in team.get("/timetable/?new=next").text


def test_the_api_gives_the_year_marked_example(council, client_for):
    load(council=council, log=lambda _m: None)
    body = client_for("auditor").get("/api/timetable?year=2023-24").json()
    assert body["example"] is True and "Example dates" in body["note"]
    assert body["quarters"][1] == {
        "period": "2023-24 Q2",
        "values_due": "2023-10-20",
        "signoff": "2023-11-03",
        "cabinet": "2023-11-30",
        "scrutiny": "2023-12-05",
        "audit": "2023-12-13",
    }
    assert client_for("auditor").get("/api/timetable?year=2030-31").status_code == 404
    assert client_for("auditor").get("/api/timetable?year=soon").status_code == 400
