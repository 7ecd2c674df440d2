"""The public performance page shows approved figures only, when the council chooses to publish."""

from decimal import Decimal

import pytest

from goldthread.domain.periods import parse_period
from goldthread.performance.models import Measure, MeasureValue, Status, Target


@pytest.fixture
def published(council, directorate, priority):
    council.publish_performance = True
    council.save()
    measure = Measure.objects.create(
        council=council,
        reference="ENV-01",
        title="Household waste recycled",
        directorate=directorate,
        unit="percent",
        polarity="higher",
        data_source="Defra ENV18",
    )
    measure.priorities.add(priority)
    for label, value, status in [
        ("2022-23", "33.0", Status.APPROVED),
        ("2023-24", "35.5", Status.APPROVED),
        ("2024-25", "99.9", Status.SUBMITTED),
    ]:
        v = MeasureValue(measure=measure, value=Decimal(value), status=status)
        v.set_period(parse_period(label))
        v.save()
    t = Target(measure=measure, value=Decimal("37"), is_example=True)
    t.set_period(parse_period("2023-24"))
    t.save()
    return measure


def test_anyone_sees_the_latest_approved_figure_with_target_and_direction(client, published):
    page = client.get("/public/performance").content.decode()
    assert "35.5%" in page and "99.9" not in page
    assert "37.0% (example)" in page
    assert "Off target" in page and "Improving" in page


def test_open_data_carries_the_licence_and_only_approved_figures(client, published):
    data = client.get("/public/performance.json").json()
    assert data["licence"] == "Open Government Licence v3.0"
    assert [f["raw_value"] for f in data["figures"]] == ["35.500000"]
    csv_text = client.get("/public/performance.csv").content.decode()
    assert "Open Government Licence v3.0" in csv_text.splitlines()[0]
    assert "ENV-01" in csv_text and "99.9" not in csv_text


def test_nothing_is_public_unless_the_council_publishes(client, published, council):
    council.publish_performance = False
    council.save()
    assert client.get("/public/performance").status_code == 404
    assert client.get("/public/performance.json").status_code == 404


def test_performance_team_turns_publishing_on_and_the_change_is_kept(client_for, council):
    client = client_for("performance")
    form = client.get("/council-settings").context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data["publish_performance"] = "on"
    assert client.post("/council-settings", data).status_code == 302
    council.refresh_from_db()
    assert council.publish_performance
    from goldthread.core.audit import history_for

    assert history_for(council).get().changes["publish_performance"] == [False, True]


@pytest.mark.parametrize("role", ["editor", "member", "auditor", "hr", "officer"])
def test_only_the_performance_team_changes_council_settings(client_for, council, role):
    assert client_for(role).get("/council-settings").status_code == 403


def test_a_measure_whose_year_changed_after_its_figures_does_not_break_the_public_page(
    client, published, users, directorate
):
    # Entered as a financial year, then the measure was changed to academic years: its latest value's own
    # period now reads as a different year, with no figure for it. The page, CSV and JSON leave it out.
    from goldthread.performance.services import measure_update

    other = Measure.objects.create(
        council=published.council, reference="EDU-01", title="Pupils in good schools", directorate=directorate
    )
    value = MeasureValue(measure=other, value=Decimal("80"), status=Status.APPROVED)
    value.set_period(parse_period("2023-24"))
    value.save()
    measure_update(measure=other, user=users["performance"], year_type="academic", reason="Reported by school year")
    page = client.get("/public/performance")
    assert page.status_code == 200 and "35.5%" in page.content.decode() and "EDU-01" not in page.content.decode()
    assert [f["reference"] for f in client.get("/public/performance.json").json()["figures"]] == ["ENV-01"]
    assert "EDU-01" not in client.get("/public/performance.csv").content.decode()
