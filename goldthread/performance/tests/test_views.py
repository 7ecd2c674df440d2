"""Pages: who may see what (role × page), and what people do on them."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from goldthread.core.models import Change
from goldthread.performance.models import MeasureValue, Status

from .conftest import add_target, add_value

ROLES = ["performance", "editor", "member", "auditor", "hr", "officer"]
READ = {r: 200 for r in ROLES}
TEAM_ONLY = {"performance": 200, "editor": 403, "member": 403, "auditor": 403, "hr": 403, "officer": 403}
EDIT_OWN = {"performance": 200, "editor": 200, "member": 403, "auditor": 403, "hr": 403, "officer": 403}
EDIT_OTHER = TEAM_ONLY
HISTORY_OWN = {"performance": 200, "editor": 200, "member": 403, "auditor": 200, "hr": 403, "officer": 403}
HISTORY_OTHER = {"performance": 200, "editor": 403, "member": 403, "auditor": 200, "hr": 403, "officer": 403}

PAGES = [
    ("performance:index", [], READ),
    ("performance:scorecard", [], READ),
    ("performance:measures", [], READ),
    ("performance:measure", ["CS-01"], READ),
    ("performance:measure", ["PL-01"], READ),
    ("performance:value_enter", ["CS-01"], EDIT_OWN),
    ("performance:value_enter", ["PL-01"], EDIT_OTHER),
    ("performance:target_set", ["CS-01"], TEAM_ONLY),
    ("performance:measure_create", [], TEAM_ONLY),
    ("performance:measure_edit", ["CS-01"], TEAM_ONLY),
    ("performance:history", ["CS-01"], HISTORY_OWN),
    ("performance:history", ["PL-01"], HISTORY_OTHER),
    ("performance:upload", [], EDIT_OWN),
    ("performance:upload_template", [], EDIT_OWN),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name,args,expected", PAGES, ids=[f"{p[0]}{p[1]}" for p in PAGES])
def test_role_by_page(client_for, measure, other_measure, role, name, args, expected):
    add_value(measure, "2023-24 Q2", 85)
    response = client_for(role).get(reverse(name, args=args))
    assert response.status_code == expected[role]


def test_pages_need_sign_in(client, measure):
    response = client.get(reverse("performance:scorecard"))
    assert response.status_code == 302


@pytest.mark.parametrize("role", ROLES)
def test_value_actions_by_role(client_for, measure, role):
    value = add_value(measure, "2023-24 Q2", 85, status=Status.SUBMITTED)
    client = client_for(role)
    approve = client.post(reverse("performance:value_approve", args=["CS-01", value.pk]), {"version": value.version})
    returned = client.get(reverse("performance:value_return", args=["CS-01", value.pk]))
    assert approve.status_code == (302 if role == "performance" else 403)
    assert returned.status_code == (200 if role == "performance" else 403)
    value.refresh_from_db()
    assert value.status == (Status.APPROVED if role == "performance" else Status.SUBMITTED)


def test_scorecard_shows_rag_in_words_and_directions(client_for, measure):
    add_value(measure, "2023-24 Q1", 80)
    add_value(measure, "2023-24 Q2", 85)
    add_target(measure, "2023-24 Q2", 90)
    page = client_for("member").get(reverse("performance:scorecard"), {"period": "2023-24 Q2"}).content.decode()
    assert "Off target" in page and "Improving" in page and "Protect the most vulnerable" in page
    assert "<caption" in page


def test_scorecard_htmx_returns_only_the_results(client_for, measure):
    add_value(measure, "2023-24 Q2", 85)
    response = client_for("member").get(
        reverse("performance:scorecard"), {"period": "2023-24 Q2", "rag": "grey"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="scorecard-results">')
    assert "<html" not in page


def test_scorecard_refuses_a_nonsense_period(client_for, measure):
    assert client_for("member").get(reverse("performance:scorecard"), {"period": "soon"}).status_code == 404


def test_member_sees_awaiting_approval_not_the_submitted_figure(client_for, measure):
    add_value(measure, "2023-24 Q1", 80)
    add_value(measure, "2023-24 Q2", 99.5, status=Status.SUBMITTED)
    page = client_for("member").get(reverse("performance:scorecard"), {"period": "2023-24 Q2"}).content.decode()
    assert "Awaiting approval" in page and "99.5" not in page
    measure_page = client_for("member").get(reverse("performance:measure", args=["CS-01"])).content.decode()
    assert "99.5" not in measure_page and "awaiting approval" in measure_page


def test_a_draft_never_submitted_is_not_awaiting_approval(client_for, measure):
    add_value(measure, "2023-24 Q1", 80)
    add_value(measure, "2023-24 Q2", 99.5, status=Status.DRAFT)
    page = client_for("member").get(reverse("performance:scorecard"), {"period": "2023-24 Q2"}).content.decode()
    assert "Awaiting approval" not in page.replace('A figure marked "Awaiting approval"', "") and "99.5" not in page
    measure_page = client_for("member").get(reverse("performance:measure", args=["CS-01"])).content.decode()
    assert "99.5" not in measure_page and "awaiting approval" not in measure_page


def test_editor_enters_a_value_and_it_appears_in_history(client_for, measure):
    client = client_for("editor")
    response = client.post(
        reverse("performance:value_enter", args=["CS-01"]),
        {"period": "Q2 2023/24", "value": "85", "commentary": "Better than last quarter"},
    )
    assert response.status_code == 302
    value = MeasureValue.objects.get()
    assert value.period == "2023-24 Q2" and value.status == Status.DRAFT
    client.post(reverse("performance:value_submit", args=["CS-01", value.pk]), {"version": value.version})
    value.refresh_from_db()
    assert value.status == Status.SUBMITTED
    history = client.get(reverse("performance:history", args=["CS-01"])).content.decode()
    assert "Better than last quarter" in history and "Submitted" in history and "Editor Tester" in history


def test_value_form_shows_field_errors_and_saves_nothing(client_for, measure):
    response = client_for("editor").post(
        reverse("performance:value_enter", args=["CS-01"]), {"period": "2023-24", "value": "lots"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "is not a number" in page and "is reported quarterly" in page
    assert not MeasureValue.objects.exists()


def test_correcting_an_approved_value_without_reason_is_refused(client_for, measure):
    add_value(measure, "2023-24 Q2", 85)
    response = client_for("editor").post(
        reverse("performance:value_enter", args=["CS-01"]), {"period": "2023-24 Q2", "value": "70"}
    )
    assert "give a reason" in response.content.decode()
    assert MeasureValue.objects.get().value == 85


def test_upload_with_a_bad_row_lists_it_and_writes_nothing(client_for, measure):
    content = b"measure_reference,period,value\nCS-01,2023-24 Q1,80\nCS-01,2023-24 Q2,lots\n"
    response = client_for("editor").post(
        reverse("performance:upload"), {"file": SimpleUploadedFile("values.csv", content, "text/csv")}
    )
    page = html.unescape(response.content.decode())
    assert "The upload was not saved" in page and "'lots' is not a number" in page
    assert not MeasureValue.objects.exists() and not Change.objects.exists()


def test_a_good_upload_saves_and_says_so(client_for, measure):
    content = b"measure_reference,period,value\nCS-01,2023-24 Q1,80\n"
    response = client_for("editor").post(
        reverse("performance:upload"), {"file": SimpleUploadedFile("values.csv", content, "text/csv")}, follow=True
    )
    assert "1 new" in response.content.decode()
    assert MeasureValue.objects.count() == 1


def test_target_and_measure_forms_save_through_services(client_for, measure, priority, directorate):
    client = client_for("performance")
    client.post(
        reverse("performance:target_set", args=["CS-01"]), {"period": "2023-24 Q2", "value": "72", "is_example": "on"}
    )
    assert measure.targets.get().is_example
    response = client.post(
        reverse("performance:measure_create"),
        {
            "reference": "CS-09",
            "title": "Care leavers in education",
            "unit": "percent",
            "polarity": "higher",
            "frequency": "quarterly",
            "year_type": "financial",
            "directorate": directorate.pk,
            "rollup": "latest",
            "decimal_places": 1,
            "priorities": [priority.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    created = measure.council.measures.get(reference="CS-09")
    assert list(created.priorities.all()) == [priority]
    client.post(
        reverse("performance:measure_edit", args=["CS-09"]),
        {
            "reference": "CS-09",
            "title": "Care leavers in education or training",
            "unit": "percent",
            "polarity": "higher",
            "frequency": "quarterly",
            "year_type": "financial",
            "directorate": directorate.pk,
            "rollup": "latest",
            "decimal_places": 1,
            "priorities": [priority.pk],
            "is_active": "on",
            "reason": "Clearer title",
        },
    )
    change = Change.objects.filter(action="update").get()
    assert change.changes["title"] == ["Care leavers in education", "Care leavers in education or training"]
    assert change.reason == "Clearer title"


def test_priority_page_lists_measures_with_rag_in_words(client_for, measure):
    add_value(measure, "2023-24 Q2", 85)
    add_target(measure, "2023-24 Q2", 80)
    page = client_for("member").get(reverse("council:priority", args=["protect-vulnerable"])).content.decode()
    assert "CS-01" in page and "On target" in page


def test_home_page_shows_the_summary(client_for, measure):
    add_value(measure, "2023-24 Q2", 85, status=Status.SUBMITTED)
    page = client_for("performance").get("/").content.decode()
    assert "Performance in 2023-24 Q2" in page and "1 value submitted" in page


def test_upload_template_is_a_header_only_csv(client_for, measure):
    response = client_for("editor").get(reverse("performance:upload_template"))
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().strip() == "measure_reference,period,value,numerator,denominator,commentary,source"


def test_history_shows_before_and_after_with_the_reason(client_for, measure, users):
    from goldthread.performance import services

    add_value(measure, "2023-24 Q2", 85)
    services.value_record(measure=measure, period="2023-24 Q2", value="90", user=users["editor"], reason="Late data")
    page = client_for("auditor").get(reverse("performance:history", args=["CS-01"])).content.decode()
    assert "85" in page and "90" in page and "Late data" in page and "Editor Tester" in page
    assert "Approved" in page and "Draft" in page  # the status went back to draft


def test_scorecard_page_queries_do_not_grow_with_measures(
    client_for, make_measure, priority, django_assert_max_num_queries
):
    for n in range(30):
        m = make_measure(f"M-{n:02d}")
        m.priorities.add(priority)
        add_value(m, "2023-24 Q2", n)
        add_target(m, "2023-24 Q2", 10)
    client = client_for("member")
    with django_assert_max_num_queries(20):
        response = client.get(reverse("performance:scorecard"), {"period": "2023-24 Q2"})
    assert response.status_code == 200


def test_cached_scorecard_shows_new_figures_at_once(client_for, measure, users):
    from goldthread.performance import services

    client = client_for("performance")
    url = reverse("performance:scorecard")
    add_value(measure, "2023-24 Q1", 80)
    first = client.get(url, {"period": "2023-24 Q2"}).content.decode()
    again = client.get(url, {"period": "2023-24 Q2"}).content.decode()
    assert "<caption" in again and again.count("No data") == first.count("No data")
    services.value_record(measure=measure, period="2023-24 Q2", value="77.7", user=users["editor"])
    assert "77.7%" in client.get(url, {"period": "2023-24 Q2"}).content.decode()
    member_page = client_for("member").get(url, {"period": "2023-24 Q2"}).content.decode()
    assert "77.7%" not in member_page and "Awaiting approval" in member_page


def test_scorecard_refuses_periods_outside_the_years_kept(client_for, measure):
    assert client_for("member").get(reverse("performance:scorecard"), {"period": "1000-01 Q1"}).status_code == 404


def test_monthly_measure_page_shows_year_to_date(client_for, make_measure):
    m = make_measure("MO-9", frequency="monthly", rollup="sum", unit="number", decimal_places=0)
    add_value(m, "2023-04", 10)
    add_value(m, "2023-05", 12)
    page = client_for("member").get(reverse("performance:measure", args=["MO-9"])).content.decode()
    assert "Year to date" in page and "22 (April 2023 to June 2023, sum of 2 months)" in page


def test_scorecard_groups_collapse_by_priority_with_counts_and_details_on_demand(client_for, measure, other_measure):
    add_value(measure, "2023-24 Q2", 85)
    add_target(measure, "2023-24 Q2", 90)
    page = client_for("member").get(reverse("performance:scorecard"), {"period": "2023-24 Q2"}).content.decode()
    # one collapsible group per priority, its counts in the summary; the unlinked measure in a last group
    assert page.count('<details class="gt-scorecard-group"') == 2
    assert "1 measure: 0 on target, 0 near target, 1 off target, 0 no target or no data" in page
    assert page.index("Protect the most vulnerable") < page.index("Not linked to a priority")
    # five columns; the benchmark and the sentences wait in each row's details
    assert page.count('<th scope="col"') == 10 and ">Benchmark<" not in page.split("<tbody")[0]
    assert 'Details<span class="govuk-visually-hidden"> of CS-01</span>' in page and "Not benchmarked" in page


def test_scorecard_filters_stay_in_the_address(client_for, measure):
    page = client_for("member").get(reverse("performance:scorecard"), {"period": "2023-24 Q2", "rag": "grey"}).content
    page = page.decode()
    assert 'hx-push-url="true"' in page and 'method="get"' in page
    assert '<option value="grey" selected>' in page and "Clear filters" in page


def test_presenting_the_scorecard_changes_none_of_the_rows_read(measure, other_measure, users):
    from goldthread.domain.periods import parse_period
    from goldthread.performance import narrative, presenters, selectors

    add_value(measure, "2023-24 Q2", 85)
    card = selectors.scorecard(user=users["member"], period=parse_period("2023-24 Q2"))
    before = [dict(vars(row)) for row in card.rows]
    page = presenters.scorecard_page(card, narrative.text, lambda row: f"<tr>{row.reference}</tr>")
    assert [dict(vars(row)) for row in card.rows] == before
    assert [g.title for g in page.groups] == ["Protect the most vulnerable", "Not linked to a priority"]
    first = page.groups[0].rows[0]
    assert first.html == "<tr>CS-01</tr>" and first.value_text == "85.0%" and "85.0%" in first.narrative
    assert first.sparkline.startswith("<svg") and 'aria-label="' in first.sparkline


def test_scorecard_gives_the_whole_page_when_htmx_restores_history(client_for, measure):
    client = client_for("member")
    url = reverse("performance:scorecard")
    restored = client.get(
        url, {"period": "2023-24 Q2", "rag": "grey"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in restored.content.decode() and '<option value="grey" selected>' in restored.content.decode()
    swapped = client.get(url, {"period": "2023-24 Q2", "rag": "grey"}, HTTP_HX_REQUEST="true")
    assert "<html" not in swapped.content.decode()
    assert "HX-Request" in swapped["Vary"] and "HX-Request" in restored["Vary"]
