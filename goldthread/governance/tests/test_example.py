from datetime import date

import pytest

from goldthread.core.models import Change
from goldthread.council import example as council_example
from goldthread.governance import example, selectors
from goldthread.governance.models import Policy


@pytest.fixture
def sefton(db):
    return council_example.load(council=None, log=lambda *a: None, options={})


def test_example_register_from_the_seed(sefton):
    example.load(council=sefton, log=lambda *a: None)
    titles = set(Policy.objects.values_list("title", flat=True))
    assert {"Sefton 2030 vision", "Core Purpose", "ICT strategy 2021-2023", "Digital Inclusion Strategy"} <= titles
    assert {"Complaints Policy (easy read)", "Whistleblowing Policy", "Executive Scrutiny Protocol"} <= titles
    assert Policy.objects.get(title="Executive Scrutiny Protocol").approved_on == date(2023, 11, 1)
    assert all(p.is_example and "seed 000" in p.notes for p in Policy.objects.all())
    states = {p.title: p.review_state for p in selectors.register(sefton, date(2024, 6, 1))}
    assert states["ICT strategy 2021-2023"] == "overdue"  # "due to expire" in November 2023
    assert states["Whistleblowing Policy"] == "in date"


def test_example_is_idempotent(sefton):
    example.load(council=sefton, log=lambda *a: None)
    counts = (Change.objects.count(), Policy.objects.count())
    example.load(council=sefton, log=lambda *a: None)
    assert (Change.objects.count(), Policy.objects.count()) == counts


def test_example_best_value_cites_the_seed(sefton):
    from goldthread.governance.models import ThemeAssessment
    from goldthread.improvement import example as improvement_example

    improvement_example.load(council=sefton, log=lambda *a: None)
    example.load(council=sefton, log=lambda *a: None)
    entries = {a.theme: a for a in ThemeAssessment.objects.all()}
    assert len(entries) == 7 and all(a.is_example and "seed 00" in a.narrative for a in entries.values())
    assert "£14.3m" in entries["use-of-resources"].narrative
    refs = set(entries["continuous-improvement"].evidence.values_list("reference", flat=True))
    assert refs == {"cpc-2023", "cpc-2018", "revisit-2022"}
