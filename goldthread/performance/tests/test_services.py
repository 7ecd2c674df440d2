"""Services: every change in history, nothing lost, imports all or nothing."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from goldthread.core.audit import history_for
from goldthread.core.models import Change
from goldthread.core.tabular import ImportRejected
from goldthread.performance import services
from goldthread.performance.models import MeasureValue, Status, Target

from .conftest import add_value


def test_recording_a_value_writes_history(measure, users):
    saved = services.value_record(measure=measure, period="Q2 2023/24", value="85", user=users["editor"])
    assert saved.period == "2023-24 Q2" and saved.value == Decimal(85) and saved.status == Status.DRAFT
    (change,) = history_for(saved)
    assert change.action == Change.Action.CREATE
    assert change.user == users["editor"]
    assert change.changes["value"] == [None, "85"]


def test_correcting_keeps_before_and_after(measure, users):
    saved = services.value_record(measure=measure, period="2023-24 Q2", value="85", user=users["editor"])
    services.value_record(
        measure=measure, period="2023-24 Q2", value="86.5", commentary="Corrected", user=users["editor"]
    )
    saved.refresh_from_db()
    assert saved.value == Decimal("86.5")
    latest = history_for(saved).first()
    assert latest.action == Change.Action.UPDATE
    assert latest.changes["value"] == ["85", "86.5"]
    assert latest.changes["commentary"] == ["", "Corrected"]


def test_entering_the_same_figures_again_changes_nothing(measure, users):
    saved = services.value_record(measure=measure, period="2023-24 Q2", value="85.0", user=users["editor"])
    services.value_record(measure=measure, period="2023-24 Q2", value="85", user=users["editor"])
    assert history_for(saved).count() == 1


def test_correcting_an_approved_value_needs_a_reason_and_returns_it_to_draft(measure, users):
    saved = add_value(measure, "2023-24 Q2", 85, status=Status.APPROVED)
    with pytest.raises(services.PerformanceError, match="reason"):
        services.value_record(measure=measure, period="2023-24 Q2", value="90", user=users["editor"])
    saved.refresh_from_db()
    assert saved.value == Decimal(85) and saved.status == Status.APPROVED
    services.value_record(measure=measure, period="2023-24 Q2", value="90", user=users["editor"], reason="Late data")
    saved.refresh_from_db()
    assert saved.status == Status.DRAFT
    change = history_for(saved).first()
    assert change.reason == "Late data"
    assert change.changes["value"] == ["85", "90"]
    assert change.changes["status"] == ["approved", "draft"]


@pytest.mark.parametrize(
    "period,message",
    [("2023-24", "quarter"), ("2023-06", "quarter"), ("2023 Q2", "quarter"), ("sometime", "not a period")],
)
def test_periods_of_the_wrong_kind_are_refused(measure, users, period, message):
    with pytest.raises(services.PerformanceError, match=message):
        services.value_record(measure=measure, period=period, value="1", user=users["performance"])
    assert not MeasureValue.objects.exists()


def test_yes_no_measures_take_yes_or_no(make_measure, users):
    m = make_measure("YN-1", unit="yesno")
    assert services.value_record(measure=m, period="2023-24 Q1", value="Yes", user=users["performance"]).value == 1
    with pytest.raises(services.PerformanceError, match="yes/no"):
        services.value_record(measure=m, period="2023-24 Q2", value="2", user=users["performance"])


def test_editors_cannot_record_for_another_directorate(other_measure, users):
    with pytest.raises(PermissionDenied):
        services.value_record(measure=other_measure, period="2023-24 Q1", value="1", user=users["editor"])
    for role in ("member", "auditor", "hr", "officer"):
        with pytest.raises(PermissionDenied):
            services.value_record(measure=other_measure, period="2023-24 Q1", value="1", user=users[role])


def test_submit_approve_return_cycle_is_kept_in_history(measure, users):
    value = services.value_record(measure=measure, period="2023-24 Q2", value="85", user=users["editor"])
    services.value_submit(measure_value=value, user=users["editor"])
    with pytest.raises(PermissionDenied):
        services.value_approve(measure_value=value, user=users["editor"])
    services.value_approve(measure_value=value, user=users["performance"])
    with pytest.raises(services.PerformanceError):
        services.value_return(measure_value=value, user=users["performance"], reason=" ")
    services.value_return(measure_value=value, user=users["performance"], reason="Check the denominator")
    value.refresh_from_db()
    assert value.status == Status.DRAFT
    actions = [c.action for c in history_for(value).order_by("at", "id")]
    assert actions == ["create", "submit", "approve", "return"]
    assert history_for(value).first().reason == "Check the denominator"


def test_target_set_keeps_the_old_target(measure, users):
    services.target_set(measure=measure, period="2023-24 Q2", value="72", is_example=True, user=users["performance"])
    target = services.target_set(
        measure=measure, period="2023-24 Q2", value="75", is_example=False, user=users["performance"], reason="Plan"
    )
    assert Target.objects.get().value == Decimal(75)
    change = history_for(target).first()
    assert change.changes["value"] == ["72", "75"] and change.reason == "Plan"
    with pytest.raises(PermissionDenied):
        services.target_set(measure=measure, period="2023-24 Q2", value="1", is_example=False, user=users["editor"])


def test_measure_update_records_before_and_after(measure, users, second_priority):
    services.measure_update(
        measure=measure, user=users["performance"], title="New title", priorities=[second_priority], reason="Renamed"
    )
    change = history_for(measure).first()
    assert change.changes["title"] == ["Short-term support needing no further support", "New title"]
    assert change.changes["priorities"] == [["protect-vulnerable"], ["cleaner-greener"]]
    with pytest.raises(PermissionDenied):
        services.measure_update(measure=measure, user=users["editor"], title="x")


def test_measure_create_refuses_a_duplicate_reference(measure, users, council, directorate):
    with pytest.raises(services.PerformanceError, match="already exists"):
        services.measure_create(
            council=council, user=users["performance"], reference="CS-01", title="x", directorate=directorate
        )
    created = services.measure_create(
        council=council, user=users["performance"], reference="CS-02", title="New", directorate=directorate
    )
    assert history_for(created).get().action == Change.Action.CREATE


# --- imports ---------------------------------------------------------------------------------------
GOOD_CSV = "measure_reference,period,value,commentary\nCS-01,2023-24 Q1,80,First quarter\nCS-01,Q2 2023/24,85%,\n"


def test_import_writes_every_row_and_history(measure, users):
    result = services.values_import(content=GOOD_CSV.encode(), filename="values.csv", user=users["editor"])
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    q1 = MeasureValue.objects.get(period="2023-24 Q1")
    assert q1.commentary == "First quarter" and q1.status == Status.DRAFT
    change = history_for(q1).get()
    assert change.action == Change.Action.IMPORT and change.reason == "Imported from values.csv"


def test_reimporting_the_same_file_changes_nothing(measure, users):
    services.values_import(content=GOOD_CSV.encode(), filename="values.csv", user=users["editor"])
    before = Change.objects.count()
    result = services.values_import(content=GOOD_CSV.encode(), filename="values.csv", user=users["editor"])
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert Change.objects.count() == before


def test_a_bad_file_writes_nothing_and_reports_every_bad_row(measure, other_measure, make_measure, users):
    make_measure("YN-1", unit="yesno")
    add_value(measure, "2022-23 Q4", 70, status=Status.APPROVED)
    content = (
        "measure_reference,period,value,numerator,denominator\n"
        "CS-01,2023-24 Q1,80,,\n"  # good
        "XX-99,2023-24 Q1,80,,\n"  # unknown measure
        "CS-01,next year,80,,\n"  # unparsable period
        "CS-01,2023-24,80,,\n"  # a year for a quarterly measure
        "CS-01,2023-24 Q2,lots,,\n"  # not a number
        "YN-1,2023-24 Q2,maybe,,\n"  # not yes/no
        "CS-01,Q1 2023/24,81,,\n"  # duplicate of row 2
        "PL-01,2023-24 Q1,30,,\n"  # another directorate's measure
        "CS-01,2022-23 Q4,71,,\n"  # would change an approved value
        "CS-01,2023-24 Q3,50,1,0\n"  # zero denominator
    )
    with pytest.raises(ImportRejected) as caught:
        services.values_import(content=content.encode(), filename="bad.csv", user=users["editor"])
    found = {(e.row, e.column) for e in caught.value.errors}
    assert found == {
        (3, "measure_reference"),
        (4, "period"),
        (5, "period"),
        (6, "value"),
        (7, "value"),
        (8, "period"),
        (9, "measure_reference"),
        (10, "value"),
        (11, "denominator"),
    }
    messages = " ".join(e.message for e in caught.value.errors)
    assert "XX-99" in messages and "row 2" in messages and "your directorate" in messages
    assert MeasureValue.objects.count() == 1  # only the approved value that was there before
    assert not Change.objects.exists()


def test_the_performance_team_may_upload_for_any_directorate(measure, other_measure, users):
    content = "measure_reference,period,value\nCS-01,2023-24 Q1,80\nPL-01,2023-24 Q1,30\n"
    result = services.values_import(content=content.encode(), filename="all.csv", user=users["performance"])
    assert result.created == 2


def test_missing_columns_and_unreadable_files_are_refused(measure, users):
    with pytest.raises(ImportRejected) as caught:
        services.values_import(content=b"measure,when\nCS-01,2023\n", filename="x.csv", user=users["performance"])
    assert {e.column for e in caught.value.errors} == {"measure_reference", "period", "value"}
    with pytest.raises(ImportRejected):
        services.values_import(content=b"not a workbook", filename="x.xlsx", user=users["performance"])


def test_xlsx_files_import_too(measure, users):
    book = Workbook()
    sheet = book.active
    sheet.append(["Measure reference", "Period", "Value"])
    sheet.append(["CS-01", "2023-24 Q3", 82.5])
    buffer = io.BytesIO()
    book.save(buffer)
    result = services.values_import(content=buffer.getvalue(), filename="v.xlsx", user=users["editor"])
    assert result.created == 1
    assert MeasureValue.objects.get().value == Decimal("82.5")


def test_people_who_cannot_edit_cannot_upload(measure, users):
    for role in ("member", "auditor", "hr", "officer"):
        with pytest.raises(PermissionDenied):
            services.values_import(content=GOOD_CSV.encode(), filename="v.csv", user=users[role])


def test_periods_far_outside_the_years_kept_are_refused(measure, users):
    with pytest.raises(services.PerformanceError, match="outside"):
        services.value_record(measure=measure, period="1000-01 Q1", value="1", user=users["performance"])
