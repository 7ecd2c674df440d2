"""Each report's sections are registered by the domain apps; the reports app only names them."""

import pytest

from goldthread.core import report_sections
from goldthread.reports.models import ReportType
from goldthread.reports.sections import SECTIONS, builders


def test_every_report_type_names_its_sections_and_every_name_is_registered():
    assert set(SECTIONS) == set(ReportType)
    for report_type, names in SECTIONS.items():
        assert names, report_type
        assert len(builders(report_type)) == len(names)
    assert {name for names in SECTIONS.values() for name in names} <= set(report_sections.registered())


def test_a_section_name_names_its_app():
    for name in report_sections.registered():
        app, _, section = name.partition(".")
        assert section, name
        assert report_sections.section(name).__module__ == f"goldthread.{app}.appendix"


def test_a_second_builder_under_a_taken_name_is_refused_and_the_first_stays():
    first = report_sections.section("risk.corporate_risks")
    report_sections.register("risk.corporate_risks", first)  # the same builder again is harmless
    with pytest.raises(ValueError, match="risk.corporate_risks"):
        report_sections.register("risk.corporate_risks", lambda ctx: None)
    assert report_sections.section("risk.corporate_risks") is first


def test_an_unknown_section_says_which_name_and_why():
    with pytest.raises(report_sections.UnknownSection, match="'nowhere.nothing'.*INSTALLED_APPS"):
        report_sections.section("nowhere.nothing")
