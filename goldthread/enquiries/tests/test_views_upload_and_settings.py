"""The Ombudsman upload page and the member enquiry settings page."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from goldthread.benchmarking.areas import import_areas
from goldthread.core.audit import history_for
from goldthread.council.models import Role
from goldthread.enquiries import services
from goldthread.enquiries.models import EnquirySettings, OmbudsmanDecisions, OmbudsmanImport

TEST_FILE = Path(__file__).parent / "data" / "lgsco_test.csv"
UPLOAD, SETTINGS = "/member-enquiries/complaints/ombudsman/", "/member-enquiries/settings/"


@pytest.fixture
def register(db):
    return import_areas(settings.GOLDTHREAD_SHARED_DATA / "register" / "uk_local_authorities.csv")


def xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("path", [UPLOAD, SETTINGS])
@pytest.mark.parametrize("role", Role.values)
def test_only_the_performance_team_opens_the_pages(path, role, client_for, council, directorate):
    assert client_for(role).get(path).status_code == (200 if role == Role.PERFORMANCE else 403)


def test_upload_a_csv_and_see_it_in_the_history(register, client_for, council, directorate):
    client = client_for(Role.PERFORMANCE)
    response = client.post(UPLOAD, {"file": SimpleUploadedFile("lgsco.csv", TEST_FILE.read_bytes())}, follow=True)
    text = response.content.decode()
    assert "Imported 4 rows for 3 councils" in text and "2022-23, 2023-24" in text
    assert OmbudsmanImport.objects.get().filename == "lgsco.csv"
    assert "lgsco.csv" in client.get(UPLOAD).content.decode()


def test_upload_an_xlsx(register, client_for, council, directorate):
    content = xlsx(
        [
            ["area_code", "area_name", "period", "complaints_decided", "upheld"],
            ["E08000014", "Sefton", "2024-25", 30, 6],
        ]
    )
    client_for(Role.PERFORMANCE).post(UPLOAD, {"file": SimpleUploadedFile("lgsco.xlsx", content)})
    assert OmbudsmanDecisions.objects.get(span="2024-25").upheld == 6


def test_a_bad_file_lists_every_problem_and_imports_nothing(register, client_for, council, directorate):
    bad = (
        b"area_code,area_name,period,complaints_decided,upheld\n"
        b"E08000014,Sefton,2023-24,ten,1\nE08000011,Knowsley,2023-24,5,9\n"
    )
    response = client_for(Role.PERFORMANCE).post(UPLOAD, {"file": SimpleUploadedFile("bad.csv", bad)})
    text = response.content.decode()
    assert response.status_code == 200 and "Nothing was imported: 2 problems found" in text
    assert "Row 2, column &#x27;complaints_decided&#x27;" in text and "Row 3, column &#x27;upheld&#x27;" in text
    assert not OmbudsmanImport.objects.exists() and not OmbudsmanDecisions.objects.exists()


def test_a_file_that_is_not_a_table_is_refused_on_the_field(register, client_for, council, directorate):
    response = client_for(Role.PERFORMANCE).post(UPLOAD, {"file": SimpleUploadedFile("notes.pdf", b"%PDF")})
    assert "is not a CSV or Excel" in response.content.decode()
    assert not OmbudsmanImport.objects.exists()


def test_settings_change_the_next_enquirys_due_date_with_history(client_for, council, directorate, users):
    client = client_for(Role.PERFORMANCE)
    current = services.enquiry_settings(council)
    form = {"version": current.version, "response_working_days": 5, "measure_directorate": directorate.pk}
    response = client.post(SETTINGS, {**form, "reason": "Agreed at Cabinet"}, follow=True)
    assert "Saved the member enquiry settings" in response.content.decode()
    saved = EnquirySettings.objects.get(council=council)
    assert saved.response_working_days == 5 and saved.measure_directorate == directorate
    change = history_for(saved).get()
    assert change.user == users[Role.PERFORMANCE] and change.reason == "Agreed at Cabinet"
    assert "Agreed at Cabinet" in client.get(SETTINGS).content.decode()
    enquiry = services.enquiry_raise(
        council=council, member=users[Role.MEMBER], ward="Ford", subject="S", text="T", raised_on=date(2025, 2, 3)
    )
    assert enquiry.due_on == date(2025, 2, 10)  # Monday + 5 working days


def test_settings_refuse_a_stale_form_and_nonsense(client_for, council, directorate):
    client = client_for(Role.PERFORMANCE)
    version = services.enquiry_settings(council).version
    assert client.post(SETTINGS, {"version": version, "response_working_days": 7}).status_code == 302
    stale = client.post(SETTINGS, {"version": version, "response_working_days": 12})
    assert stale.status_code == 409 and "changed" in stale.content.decode()
    assert client.post(SETTINGS, {"version": version + 1, "response_working_days": 0}).status_code == 200
    assert EnquirySettings.objects.get(council=council).response_working_days == 7


def test_only_the_performance_team_saves_settings(client_for, council, directorate):
    version = services.enquiry_settings(council).version
    assert client_for(Role.EDITOR).post(SETTINGS, {"version": version, "response_working_days": 3}).status_code == 403
    assert EnquirySettings.objects.get(council=council).response_working_days == 10


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(register, client_for, council, directorate):
    big = TEST_FILE.read_bytes() + b"," * (5 * 1024 * 1024)
    response = client_for(Role.PERFORMANCE).post(UPLOAD, {"file": SimpleUploadedFile("big.csv", big)})
    assert "must be smaller than 5 MB" in response.content.decode()
    assert not OmbudsmanImport.objects.exists()
