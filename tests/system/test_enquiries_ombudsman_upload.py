"""The performance team uploads the Ombudsman's statistics (a bad file first: every problem is listed
and nothing is imported), sees the upload in the history and the council's own years as measures
benchmarked against the published metric, and changes the member enquiry response time; each page
passes axe."""

import pytest
from django.conf import settings

from goldthread.benchmarking.areas import import_areas
from goldthread.benchmarking.models import Area, MeasureBenchmark
from goldthread.enquiries.models import EnquirySettings, OmbudsmanDecisions, OmbudsmanImport

from .conftest import axe, sign_in

HEADER = "area_code,area_name,period,complaints_decided,upheld\n"
# Test data in the Ombudsman's layout: invented figures, not the Ombudsman's published statistics.
GOOD = HEADER + "E08000014,Sefton,2023-24,36,9\nE08000011,Knowsley,2023-24,20,8\n"
BAD = HEADER + "E08000014,Sefton,2023-24,36,nine\nE99999999,Nowhere,2023-24,5,1\n"


@pytest.mark.browser
def test_upload_ombudsman_statistics_and_set_the_response_time(example_council, live_server, page, tmp_path):
    if not Area.objects.filter(gss_code="E08000014").exists():  # the example is loaded without the register
        import_areas(settings.GOLDTHREAD_SHARED_DATA / "register" / "uk_local_authorities.csv")
    bad, good = tmp_path / "lgsco-bad.csv", tmp_path / "lgsco-2023-24.csv"
    bad.write_text(BAD)
    good.write_text(GOOD)
    base = live_server.url
    sign_in(page, base, "performance", settings.GOLDTHREAD_DEMO_PASSWORD)

    page.goto(f"{base}/member-enquiries/")
    page.get_by_role("link", name="Complaints and the Ombudsman").click()
    page.get_by_role("link", name="Ombudsman statistics upload page").click()
    axe(page)
    page.get_by_label("File (CSV or Excel .xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Check and import").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "Nothing was imported: 2 problems found" in main
    assert "Row 2, column 'upheld'" in main
    assert not OmbudsmanImport.objects.exists()
    axe(page)

    page.get_by_label("File (CSV or Excel .xlsx)").set_input_files(str(good))
    page.get_by_role("button", name="Check and import").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "Imported 2 rows for 2 councils" in main and "lgsco-2023-24.csv" in main
    assert OmbudsmanDecisions.objects.get(span="2023-24").upheld == 9
    assert MeasureBenchmark.objects.get(measure__reference="LGSCO-UPHELD-RATE").metric.code == "LGSCO_UPHELD_RATE"
    axe(page)
    page.get_by_role("link", name="LGSCO_UPHELD_RATE").click()  # benchmarked like any published metric
    assert "Knowsley" in page.locator("main").inner_text()
    axe(page)

    page.goto(f"{base}/member-enquiries/")
    page.get_by_role("link", name="Member enquiry settings").click()
    page.get_by_label("Working days to answer a member enquiry").fill("8")
    page.get_by_label("Reason for the change").fill("Agreed by the Chief Executive")
    page.get_by_role("button", name="Save the settings").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "Saved the member enquiry settings" in main and "Agreed by the Chief Executive" in main
    assert EnquirySettings.objects.get().response_working_days == 8
    axe(page)
