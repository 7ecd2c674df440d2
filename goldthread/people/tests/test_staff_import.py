"""Importing the HR extract: all or nothing, every bad row reported, re-import keeps appraisals."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from goldthread.core.audit import history_for
from goldthread.core.tabular import ImportRejected
from goldthread.people.models import Appraisal, Employee
from goldthread.people.services import staff_import_file

from .helpers import csv_bytes, cycle

GOOD = [
    "E1,Person One,Director,childrens,,,2010-01-04,,no",
    "E2,Person Two,Manager,Children's Services,Early Help,E1,04/05/2015,,",
    "E3,Person Three,Officer,childrens,Early Help,E2,2020-06-01,,yes",
]


@pytest.fixture
def hr(make_user):
    return make_user("hr", username="hr-importer")


def test_a_good_file_creates_everyone_with_their_managers(council, directorate, hr):
    done = staff_import_file(council=council, content=csv_bytes(*GOOD), filename="hr.csv", user=hr)
    assert (done.rows, done.created, done.updated) == (3, 3, 0)
    three = Employee.objects.get(employee_number="E3")
    assert three.manager.employee_number == "E2" and three.long_term_absence
    assert three.service.name == "Early Help" and three.directorate == directorate
    assert Employee.objects.get(employee_number="E2").start_date == dt.date(2015, 5, 4)
    assert history_for(three).count() == 1


def test_every_bad_row_is_reported_and_nothing_is_written(council, directorate, hr):
    bad = csv_bytes(
        "E1,Person One,Director,childrens,,,2010-01-04,,no",
        "E2,Person Two,Manager,Nowhere,,E1,2015-05-04,,",
        "E3,Person Three,Officer,childrens,,E9,2020-13-01,,",
        "E1,Duplicate,Officer,childrens,,,2020-01-01,,",
        "E4,Person Four,Officer,childrens,,,2020-01-01,,maybe",
    )
    with pytest.raises(ImportRejected) as caught:
        staff_import_file(council=council, content=bad, filename="hr.csv", user=hr)
    found = {(e.row, e.column) for e in caught.value.errors}
    assert (3, "directorate") in found
    assert (4, "start date") in found
    assert (5, "employee number") in found
    assert (6, "absence") in found
    assert Employee.objects.count() == 0


def test_a_manager_missing_from_file_and_records_is_an_error(council, directorate, hr):
    with pytest.raises(ImportRejected) as caught:
        staff_import_file(
            council=council,
            content=csv_bytes("E3,Person Three,Officer,childrens,,E9,2020-01-01,,"),
            filename="a.csv",
            user=hr,
        )
    assert "E9 is not in this file or in the staff records" in str(caught.value.errors.errors[0])


def test_a_loop_in_the_management_chain_is_an_error(council, directorate, hr):
    looped = csv_bytes(
        "E1,A,Director,childrens,,E3,2010-01-04,,",
        "E2,B,Manager,childrens,,E1,2010-01-04,,",
        "E3,C,Officer,childrens,,E2,2010-01-04,,",
    )
    with pytest.raises(ImportRejected) as caught:
        staff_import_file(council=council, content=looped, filename="a.csv", user=hr)
    rows = {e.row for e in caught.value.errors if "loop" in e.message}
    assert rows == {2, 3, 4}
    assert Employee.objects.count() == 0


def test_reimport_updates_in_place_keeps_appraisals_and_leavers(council, directorate, hr):
    staff_import_file(council=council, content=csv_bytes(*GOOD), filename="hr.csv", user=hr)
    three = Employee.objects.get(employee_number="E3")
    appraisal = Appraisal.objects.create(cycle=cycle(council), employee=three)
    again = staff_import_file(council=council, content=csv_bytes(*GOOD), filename="hr.csv", user=hr)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    changed = GOOD[:2] + ["E3,Person Three,Senior Officer,childrens,Early Help,E2,2020-06-01,2024-02-01,yes"]
    done = staff_import_file(
        council=council, content=csv_bytes(*changed[:1] + changed[2:]), filename="hr2.csv", user=hr
    )
    assert done.updated == 1
    three.refresh_from_db()
    assert three.job_title == "Senior Officer" and three.leaving_date == dt.date(2024, 2, 1)
    assert Appraisal.objects.filter(pk=appraisal.pk, employee=three).exists()
    assert Employee.objects.filter(employee_number="E2").exists()  # missing from the file: kept
    latest = history_for(three).order_by("-at").first()
    assert latest.changes["job_title"] == ["Officer", "Senior Officer"]


def test_xlsx_works_too(council, directorate, hr):
    book = Workbook()
    sheet = book.active
    sheet.append(
        ["Employee number", "Name", "Job title", "Directorate", "Service", "Manager's employee number", "Start date"]
    )
    sheet.append(["E1", "Person One", "Director", "childrens", "", "", dt.datetime(2010, 1, 4)])
    buffer = io.BytesIO()
    book.save(buffer)
    staff_import_file(council=council, content=buffer.getvalue(), filename="hr.xlsx", user=hr)
    assert Employee.objects.get(employee_number="E1").start_date == dt.date(2010, 1, 4)


def test_only_hr_and_performance_may_import(council, directorate, make_user):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        staff_import_file(council=council, content=csv_bytes(*GOOD), filename="a.csv", user=make_user("member"))


def test_the_command_imports_and_reports_problems(council, directorate, tmp_path, capsys):
    good = tmp_path / "hr.csv"
    good.write_bytes(csv_bytes(*GOOD))
    call_command("import_staff", str(good))
    assert Employee.objects.count() == 3
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes("E9,X,Y,nowhere,,,2020-01-01,,"))
    with pytest.raises(CommandError):
        call_command("import_staff", str(bad))
    assert "not a directorate" in capsys.readouterr().err


def test_the_upload_page_shows_every_problem(client_for, council, directorate):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for("hr")
    upload = SimpleUploadedFile("hr.csv", csv_bytes("E1,,Director,nowhere,,,2010-01-04,,"), content_type="text/csv")
    page = client.post("/people/staff/import/", {"file": upload}).content.decode()
    assert "Nothing was imported" in page and "Row 2, column &#x27;name&#x27;: is blank" in page
    upload = SimpleUploadedFile("hr.csv", csv_bytes(*GOOD), content_type="text/csv")
    response = client.post("/people/staff/import/", {"file": upload})
    assert response.status_code == 302 and Employee.objects.count() == 3
