"""A committee pack in a real browser: asked for on the Reports page, prepared by the task worker
while the job's page polls (htmx), then downloaded. Each page passes axe."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from goldthread.jobs.models import Job

from .conftest import axe, sign_in


@pytest.mark.browser
def test_a_pack_asked_for_on_the_reports_page_is_downloaded_when_ready(example_council, live_server, page):
    base = live_server.url
    sign_in(page, base, "performance", settings.GOLDTHREAD_DEMO_PASSWORD)
    page.goto(f"{base}/reports/")
    page.get_by_role("button", name="PDF quarterly performance report", exact=True).click()
    page.wait_for_load_state()
    job = Job.objects.get()
    assert page.url == f"{base}/jobs/{job.pk}/"
    expect(page.get_by_text("Waiting for a worker to start the job")).to_be_visible()
    axe(page)

    # The worker runs here while the page keeps polling the job's status.
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    download_link = page.get_by_role("link", name=re.compile(r"^Download quarterly-.*\.pdf$"))
    expect(download_link).to_be_visible(timeout=20_000)
    expect(page.get_by_role("heading", name="Your file is ready")).to_be_visible()
    axe(page)
    with page.expect_download() as info:
        download_link.click()
    assert info.value.suggested_filename == Job.objects.get().result_name
    assert Path(info.value.path()).read_bytes().startswith(b"%PDF")
