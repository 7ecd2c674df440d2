from datetime import date

import pytest
from django.urls import reverse

from goldthread.core.audit import history_for
from goldthread.council.models import Role
from goldthread.domain.periods import Granularity, Period, YearType
from goldthread.risk import services
from goldthread.risk.models import Control, Risk

ROLES = list(Role.values)


@pytest.fixture
def setup(corporate, dir_register, other_register, make_risk, priority):
    corp = make_risk(corporate, title="Low reserves", current=(4, 4))
    corp.priorities.add(priority)
    own = make_risk(dir_register, title="Agency social workers")
    other = make_risk(other_register, title="Highways")
    services.review_record(risk=corp, user=None, date=date(2023, 9, 30), period="2023-24 Q2", likelihood=4, impact=4)
    services.review_record(risk=corp, user=None, date=date(2023, 12, 31), period="2023-24 Q3", likelihood=3, impact=4)
    return {"corp": corp, "own": own, "other": other}


def _read_urls(setup, corporate):
    ref = setup["corp"].reference
    return [
        reverse("risk:index"),
        reverse("risk:risks"),
        reverse("risk:register", args=[corporate.pk]),
        reverse("risk:movements"),
        reverse("risk:exceptions"),
        reverse("risk:risk", args=[ref]),
        reverse("risk:matrices"),
        reverse("risk:matrix", args=[1]),
        reverse("risk:assurance"),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_every_page(client_for, role, setup, corporate):
    client = client_for(role)
    for url in _read_urls(setup, corporate):
        assert client.get(url).status_code == 200, url


def test_signed_out_is_sent_to_sign_in(client, setup):
    assert client.get(reverse("risk:index")).status_code == 302


EDIT_PAGES = ["risk_edit", "review_create", "control_add", "actions", "move", "status"]
# role -> which risks it may edit
MAY_EDIT = {"performance": {"corp", "own", "other"}, "editor": {"own"}}


@pytest.mark.parametrize("role", ROLES)
def test_edit_pages_by_role(client_for, role, setup):
    client = client_for(role)
    for key, risk in setup.items():
        expected = 200 if key in MAY_EDIT.get(role, set()) else 403
        for name in EDIT_PAGES:
            assert client.get(reverse(f"risk:{name}", args=[risk.reference])).status_code == expected, (key, name)


@pytest.mark.parametrize("role", ROLES)
def test_add_risk_and_framework_pages_by_role(client_for, role, setup, corporate, dir_register):
    client = client_for(role)
    assert client.get(reverse("risk:risk_create", args=[corporate.pk])).status_code == (
        200 if role == "performance" else 403
    )
    assert client.get(reverse("risk:risk_create", args=[dir_register.pk])).status_code == (
        200 if role in {"performance", "editor"} else 403
    )
    admin = 200 if role == "performance" else 403
    assert client.get(reverse("risk:source_add")).status_code == admin


@pytest.mark.parametrize("role,sees", [("auditor", True), ("member", False), ("performance", True), ("officer", False)])
def test_history_shown_to_auditors_not_members(client_for, role, sees, setup):
    page = client_for(role).get(reverse("risk:risk", args=[setup["corp"].reference])).content.decode()
    assert ("History of changes" in page) is sees


def test_risk_page_shows_bands_in_words_chart_and_table(client_for, setup):
    page = client_for("member").get(reverse("risk:risk", args=[setup["corp"].reference])).content.decode()
    assert "12 – High risk" in page  # current 3 × 4
    assert "<svg" in page and "2023-24 Q2" in page and "2023-24 Q3" in page
    assert "Above appetite" not in page


def test_heat_map_is_a_table_with_headers_and_links(client_for, setup):
    page = client_for("member").get(reverse("risk:index")).content.decode()
    assert '<th scope="row" class="govuk-table__header">3 Possible</th>' in page
    assert '<th scope="col" class="govuk-table__header">4 Major</th>' in page
    assert f'href="/risk/{setup["corp"].reference}/"' in page
    assert "score 12, high" in page


def test_editor_creates_risk_in_own_directorate(client_for, setup, dir_register, category):
    data = {
        "title": "Placement sufficiency",
        "cause": "c",
        "event": "e",
        "consequence": "q",
        "category": category.pk,
        "review_frequency": "quarterly",
        "inherent_likelihood": 5,
        "inherent_impact": 5,
        "current_likelihood": 4,
        "current_impact": 4,
        "target_likelihood": 2,
        "target_impact": 2,
    }
    response = client_for("editor").post(reverse("risk:risk_create", args=[dir_register.pk]), data)
    risk = Risk.objects.get(title="Placement sufficiency")
    assert response.status_code == 302 and risk.reference == "DR-003" and risk.register == dir_register
    assert risk.next_review is not None


def test_bad_score_shows_error_and_saves_nothing(client_for, setup, dir_register, category):
    data = {"title": "X", "category": category.pk, "review_frequency": "quarterly", "inherent_likelihood": 9}
    response = client_for("editor").post(reverse("risk:risk_create", args=[dir_register.pk]), data)
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert not Risk.objects.filter(title="X").exists()


def test_editing_an_example_score_clears_the_example_flag(client_for, setup, category):
    risk = setup["own"]
    risk.is_example_score = True
    risk.save()
    data = {
        "title": risk.title,
        "category": category.pk,
        "review_frequency": "quarterly",
        "inherent_likelihood": 5,
        "inherent_impact": 5,
        "current_likelihood": 2,
        "current_impact": 2,
        "target_likelihood": 2,
        "target_impact": 2,
        "version": risk.version,  # the version the form showed
    }
    assert client_for("editor").post(reverse("risk:risk_edit", args=[risk.reference]), data).status_code == 302
    risk.refresh_from_db()
    assert not risk.is_example_score and risk.current_score == 4
    assert history_for(risk).first().changes["current_likelihood"] == [3, 2]


def test_record_review_add_control_close(client_for, setup):
    client = client_for("editor")
    ref = setup["own"].reference
    r = client.post(
        reverse("risk:review_create", args=[ref]),
        {"date": "2024-01-10", "period": "2023-24 Q4", "likelihood": 2, "impact": 3, "note": "Better"},
    )
    assert r.status_code == 302
    r = client.post(
        reverse("risk:control_add", args=[ref]),
        {"description": "Weekly agency report", "control_type": "detective", "effectiveness": "effective"},
    )
    assert r.status_code == 302 and Control.objects.get().description == "Weekly agency report"
    assert client.post(reverse("risk:status", args=[ref]), {"reason": ""}).status_code == 200
    assert client.post(reverse("risk:status", args=[ref]), {"reason": "Resolved"}).status_code == 302
    assert Risk.objects.get(reference=ref).status == "closed"
    listing = client.get(reverse("risk:risks"), {"status": "closed"}).content.decode()
    assert ref in listing


def test_editor_escalates_to_corporate(client_for, setup, corporate):
    ref = setup["own"].reference
    response = client_for("editor").post(
        reverse("risk:move", args=[ref]), {"to_register": corporate.pk, "reason": "Council-wide", "date": "2024-01-02"}
    )
    assert response.status_code == 302
    assert Risk.objects.get(reference=ref).register == corporate


def test_link_and_create_actions(client_for, setup):
    client = client_for("editor")
    ref = setup["own"].reference
    r = client.post(reverse("risk:actions", args=[ref]), {"create": "1", "new-description": "Open the academy"})
    assert r.status_code == 302
    assert [a.description for a in Risk.objects.get(reference=ref).actions.all()] == ["Open the academy"]


def test_matrix_new_version_then_band_edit(client_for, setup, matrix):
    client = client_for("performance")
    band = matrix.bands.first()
    assert client.get(reverse("risk:band_edit", args=[band.pk])).status_code == 302  # in use: sent back
    r = client.post(reverse("risk:matrix_new_version", args=[1]))
    assert r.status_code == 302 and r.url == reverse("risk:matrix", args=[2])
    assert client_for("editor").post(reverse("risk:matrix_new_version", args=[1])).status_code == 403


def test_assurance_source_form(client_for, setup, council):
    client = client_for("performance")
    data = {
        "subject": f"risk-{setup['corp'].pk}",
        "line": 3,
        "provider": "External audit",
        "title": "VFM",
        "date": "2023-09-01",
        "opinion": "limited",
    }
    assert client.post(reverse("risk:source_add"), data).status_code == 302
    page = client.get(reverse("risk:assurance")).content.decode()
    assert "External audit: VFM" in page and "Limited assurance" in page


@pytest.mark.parametrize("fmt,magic", [("docx", b"PK"), ("pdf", b"%PDF")])
def test_committee_report_downloads(client_for, setup, fmt, magic):
    response = client_for("member").get(reverse("risk:report", args=[fmt]))
    assert response.status_code == 200 and response.content.startswith(magic)


def test_committee_report_content(council, setup):
    from goldthread.risk.documents import audit_committee_report

    doc = audit_committee_report(council, date(2024, 6, 1))
    captions = [t.caption for t in doc.tables()]
    assert "Corporate risks" in captions and "Overdue reviews" in captions and "Movements" in captions
    texts = [b.text for b in doc.blocks if hasattr(b, "text")]
    assert "Risks above appetite: none." in texts
    moves = next(t for t in doc.tables() if t.caption == "Movements")
    assert moves.rows[0][-1] == "Score down (better)"


def test_priority_page_lists_risks(client_for, setup, priority):
    # The risk was entered today, so it is on the page for this quarter (not for the quarters reviewed).
    this_quarter = Period.containing(date.today(), Granularity.QUARTER, YearType.FINANCIAL).label
    page = client_for("member").get(priority.get_absolute_url(), {"period": this_quarter}).content.decode()
    assert setup["corp"].reference in page and "High risk" in page


def test_assurance_map_as_at_a_date(client_for, setup, council):
    services.assurance_source_add(
        council=council,
        user=None,
        risk=setup["corp"],
        line=3,
        provider="Ofsted",
        title="Monitoring visit",
        date=date(2023, 8, 1),
        opinion="limited",
    )
    client = client_for("member")
    then = client.get(reverse("risk:assurance"), {"as_of": "2023-12-31"}).content.decode()
    assert "No gap (latest 1 Aug 2023)" in then
    assert "Gap: no independent" in client.get(reverse("risk:assurance")).content.decode()
    assert client.get(reverse("risk:assurance"), {"as_of": "2023-13-45"}).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_framework_forms_are_performance_team_only(client_for, role, setup, matrix):
    client = client_for(role)
    expected = 200 if role == "performance" else 403
    copy = services.matrix_new_version(matrix=matrix, user=None)
    level = copy.levels.first()
    for url in [
        reverse("risk:category_add"),
        reverse("risk:area_add"),
        reverse("risk:level_edit", args=[level.pk]),
        reverse("risk:band_edit", args=[copy.bands.first().pk]),
    ]:
        assert client.get(url).status_code == expected, url


def test_category_appetite_change_is_kept_in_history(client_for, setup, category):
    client = client_for("performance")
    r = client.post(
        reverse("risk:category_edit", args=[category.pk]), {"code": "financial", "name": "Financial", "appetite": 20}
    )
    assert r.status_code == 302
    category.refresh_from_db()
    assert category.appetite == 20
    assert history_for(category).get().changes == {"appetite": [12, 20]}


def test_level_of_unused_matrix_can_be_relabelled(client_for, setup, matrix):
    copy = services.matrix_new_version(matrix=matrix, user=None)
    level = copy.levels.get(axis="impact", value=5)
    r = client_for("performance").post(
        reverse("risk:level_edit", args=[level.pk]), {"label": "Catastrophic", "description": "Failure"}
    )
    assert r.status_code == 302
    level.refresh_from_db()
    assert level.label == "Catastrophic"
    used = matrix.levels.get(axis="impact", value=5)
    assert client_for("performance").get(reverse("risk:level_edit", args=[used.pk])).status_code == 302


def test_control_edit(client_for, setup):
    control = services.control_add(risk=setup["own"], user=None, description="Weekly report", control_type="detective")
    url = reverse("risk:control_edit", args=[setup["own"].reference, control.pk])
    assert client_for("member").get(url).status_code == 403
    r = client_for("editor").post(
        url,
        {
            "description": "Weekly report",
            "control_type": "detective",
            "effectiveness": "partly",
            "last_tested": "2024-01-05",
            "version": control.version,
        },
    )
    assert r.status_code == 302
    control.refresh_from_db()
    assert control.effectiveness == "partly" and str(control.last_tested) == "2024-01-05"


def test_a_control_changed_since_it_was_opened_is_refused_keeping_what_was_typed(client_for, setup, users):
    control = services.control_add(risk=setup["own"], user=None, description="Weekly report", control_type="detective")
    seen = control.version
    url = reverse("risk:control_edit", args=[setup["own"].reference, control.pk])
    services.control_update(control=control, user=users["performance"], version=seen, effectiveness="effective")
    typed = {"description": "Daily report to the board", "control_type": "detective", "effectiveness": "partly"}
    r = client_for("editor").post(url, {**typed, "version": seen})
    html = r.content.decode()
    assert r.status_code == 409 and "Somebody else changed this since you opened it" in html
    assert "Daily report to the board" in html and "not_tested" in html and "effective" in html
    control.refresh_from_db()
    assert (control.description, control.effectiveness) == ("Weekly report", "effective")
    assert client_for("editor").post(url, {**typed, "version": control.version}).status_code == 302


def test_risk_history_includes_control_and_review_changes(client_for, setup):
    control = services.control_add(risk=setup["corp"], user=None, description="Cash limits", control_type="preventive")
    services.control_update(control=control, user=None, effectiveness="effective")
    page = client_for("auditor").get(reverse("risk:risk", args=[setup["corp"].reference])).content.decode()
    assert "effectiveness: not_tested → effective" in page
    assert "likelihood: – → 3" in page  # the Q3 review's own creation record
