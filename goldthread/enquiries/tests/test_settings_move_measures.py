"""Giving the computed measures to another directorate in the settings moves the ones the council
already has, each with its history; other measures stay where they are."""

from __future__ import annotations

import pytest

from goldthread.core.audit import history_for
from goldthread.council.models import Directorate, Role
from goldthread.enquiries import services
from goldthread.enquiries.models import EnquirySettings
from goldthread.performance import services as performance
from goldthread.performance.models import Measure

SETTINGS = "/member-enquiries/settings/"
COMPUTED = {
    "MEMBER-ENQ-ON-TIME",
    "COMPLAINTS-S1-CLOSED",
    "COMPLAINTS-S1-UPHELD",
    "LGSCO-DECIDED",
    "LGSCO-UPHELD",
    "LGSCO-UPHELD-RATE",
}


@pytest.fixture
def team(users):
    return users[Role.PERFORMANCE]


@pytest.fixture
def computed(council, directorate, other_directorate, team):
    """The computed measures a council has once it has used them (owned by the first directorate by name)."""
    services.timeliness_measure(council)
    services.complaint_count_save(council=council, user=team, period="2024-25 Q1", stage=1, outcome="upheld", count=2)
    services.ombudsman_decisions_save(council=council, user=team, span="2023-24", referrals=10, upheld=3)
    found = Measure.objects.filter(council=council, reference__in=services.computed_references())
    assert set(found.values_list("reference", flat=True)) == COMPUTED
    assert set(found.values_list("directorate", flat=True)) == {directorate.pk}  # Children's before Place
    return found


@pytest.fixture
def own_measure(council, directorate, team):
    return performance.measure_create(
        council=council, user=team, reference="GOV-01", title="Ombudsman referrals", directorate=directorate
    )


def owners(council) -> dict[str, str]:
    measures = Measure.objects.filter(council=council).select_related("directorate")
    return {m.reference: m.directorate.code for m in measures}


def save(council, user, directorate, *, days=10, reason=""):
    version = services.enquiry_settings(council).version
    return services.enquiry_settings_save(
        council=council,
        user=user,
        response_working_days=days,
        measure_directorate=directorate,
        version=version,
        reason=reason,
    )


def test_existing_computed_measures_move_with_their_history(council, computed, own_measure, other_directorate, team):
    save(council, team, other_directorate, reason="Corporate complaints moved to Place")
    moved = owners(council)
    assert {ref: moved[ref] for ref in COMPUTED} == dict.fromkeys(COMPUTED, "place")
    assert moved["GOV-01"] == "childrens"  # not computed: the settings do not own it
    for measure in computed:
        change = history_for(measure).order_by("-at", "-pk").first()
        assert change.user == team
        assert change.changes["directorate"] == [str(Directorate.objects.get(code="childrens")), str(other_directorate)]
        assert "to Place: Corporate complaints moved to Place" in change.reason
    assert history_for(own_measure).count() == 1  # made, never moved


def test_measures_made_later_go_to_the_new_owner_too(council, directorate, other_directorate, team):
    save(council, team, other_directorate)
    assert not Measure.objects.filter(council=council).exists()  # nothing to move yet
    services.ombudsman_decisions_save(council=council, user=team, span="2023-24", referrals=4, upheld=1)
    assert set(owners(council).values()) == {"place"}


def test_a_change_that_keeps_the_owner_moves_nothing(council, computed, directorate, team):
    counts = {m.pk: history_for(m).count() for m in computed}
    save(council, team, directorate, days=12)  # the first by name, now chosen by name: the same owner
    save(council, team, None, days=15)  # back to "the first by name": the same owner still
    assert {m.pk: history_for(m).count() for m in computed} == counts
    assert set(owners(council).values()) == {"childrens"}


def test_clearing_the_choice_gives_them_back_to_the_first_directorate(council, computed, other_directorate, team):
    save(council, team, other_directorate)
    save(council, team, None)
    assert set(owners(council).values()) == {"childrens"}


def test_a_refused_change_moves_nothing(council, computed, other_directorate, team, users):
    version = services.enquiry_settings(council).version
    with pytest.raises(services.EnquiryError):
        services.enquiry_settings_save(
            council=council, user=team, response_working_days=0, measure_directorate=other_directorate, version=version
        )
    with pytest.raises(services.EnquiryError):
        elsewhere = Directorate.objects.create(
            council=type(council).objects.create(name="Elsewhere Council", short_name="Elsewhere"),
            code="place",
            name="Place",
        )
        services.enquiry_settings_save(
            council=council, user=team, response_working_days=10, measure_directorate=elsewhere, version=version
        )
    assert set(owners(council).values()) == {"childrens"}
    assert EnquirySettings.objects.get(council=council).measure_directorate is None


def test_the_settings_page_moves_them(client_for, council, computed, other_directorate):
    form = {"version": services.enquiry_settings(council).version, "response_working_days": 10}
    response = client_for(Role.PERFORMANCE).post(
        SETTINGS, {**form, "measure_directorate": other_directorate.pk, "reason": "Agreed at Cabinet"}, follow=True
    )
    assert "Saved the member enquiry settings" in response.content.decode()
    assert set(owners(council).values()) == {"place"}
