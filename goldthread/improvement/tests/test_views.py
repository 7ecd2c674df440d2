import io
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from goldthread.core.audit import history_for
from goldthread.council.models import Role
from goldthread.improvement import services
from goldthread.improvement.models import Action, Recommendation

CABINET_REPORT = Path(__file__).resolve().parents[2] / "domain" / "tests" / "documents" / "cabinet_report.txt"

READ_PAGES = [
    ("improvement:index", []),
    ("improvement:deadlines", []),
    ("improvement:my-actions", []),
    ("improvement:overdue", []),
    ("improvement:review", ["cpc-2023"]),
    ("improvement:action-plan", ["cpc-2023"]),
    ("improvement:progress-review", ["cpc-2023"]),
    ("improvement:recommendation", ["cpc-2023", "CPC23-R01"]),
    ("improvement:action", ["CPC23-R01-A01"]),
]
ADMIN_PAGES = [
    ("improvement:review-new", []),
    ("improvement:review-edit", ["cpc-2023"]),
    ("improvement:import", ["cpc-2023"]),
    ("improvement:recommendation-new", ["cpc-2023"]),
    ("improvement:recommendation-edit", ["cpc-2023", "CPC23-R01"]),
    ("improvement:deadline-rule-new", []),
]


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("name,args", READ_PAGES + ADMIN_PAGES)
def test_role_by_page(client_for, role, name, args, action):
    response = client_for(role).get(reverse(name, args=args))
    if (name, args) in ADMIN_PAGES:
        assert response.status_code == (200 if role == Role.PERFORMANCE else 403)
    else:
        assert response.status_code == 200


def test_signed_out_is_sent_to_sign_in(client, action):
    assert client.get(reverse("improvement:index")).status_code == 302


def test_review_page_shows_deadlines_in_words(client_for, action):
    html = client_for("member").get(reverse("improvement:review", args=["cpc-2023"])).content.decode()
    assert "24 April 2024" in html  # action plan no later than 5 months after 24 November 2023
    assert "Overdue" in html and "days overdue" in html


def test_action_plan_rag_counts_in_words(client_for, action, users):
    services.action_update(action=action, user=users["performance"], status=Action.Status.OFF_TRACK)
    html = client_for("member").get(reverse("improvement:action-plan", args=["cpc-2023"])).content.decode()
    assert "Red (off track) 1" in html
    assert "Off track" in html


@pytest.mark.parametrize(
    "name,fmt,magic",
    [
        ("action-plan-download", "docx", b"PK"),
        ("action-plan-download", "xlsx", b"PK"),
        ("progress-review-download", "docx", b"PK"),
        ("progress-review-download", "pdf", b"%PDF"),
    ],
)
def test_downloads(client_for, action, name, fmt, magic):
    response = client_for("member").get(reverse(f"improvement:{name}", args=["cpc-2023", fmt]))
    assert response.status_code == 200
    assert response.content.startswith(magic)


def test_action_plan_excel_has_the_lga_columns(client_for, action):
    from openpyxl import load_workbook

    response = client_for("member").get(reverse("improvement:action-plan-download", args=["cpc-2023", "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content))["Action plan"]
    assert [c.value for c in sheet[1]] == ["Recommendation", "Action(s)", "Lead", "Timescale", "Status", "Progress"]
    assert "CPC23-R01-A01" in sheet["B2"].value


def test_lead_officer_may_update_progress_but_another_officer_may_not(client, action, make_user):
    url = reverse("improvement:action-progress", args=[action.reference])
    data = {"text": "Done the draft", "on": "2024-01-10", "status": "on_track", "percent_complete": "30"}
    data["version"] = action.version
    stranger = make_user(Role.OFFICER, username="stranger")
    client.force_login(stranger)
    assert client.post(url, data).status_code == 403
    client.force_login(action.lead)
    assert client.post(url, data).status_code == 302
    action.refresh_from_db()
    assert (action.status, action.percent_complete, action.updates.count()) == ("on_track", 30, 1)


def test_editor_adds_actions_only_in_own_directorate(client_for, recommendation, other_directorate, directorate):
    client = client_for("editor")
    url = reverse("improvement:action-new", args=["cpc-2023", recommendation.reference])
    data = {
        "description": "Do it",
        "directorate": other_directorate.pk,
        "status": "not_started",
        "percent_complete": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and not Action.objects.exists()
    data["directorate"] = directorate.pk
    assert client.post(url, data).status_code == 302
    assert Action.objects.get().reference == "CPC23-R01-A01"


def test_member_cannot_add_actions(client_for, recommendation):
    url = reverse("improvement:action-new", args=["cpc-2023", recommendation.reference])
    assert client_for("member").post(url, {"description": "x"}).status_code == 403


def test_recommendation_form_requires_reason(client_for, recommendation):
    url = reverse("improvement:recommendation-edit", args=["cpc-2023", recommendation.reference])
    data = {"number": "8", "title": "Review", "response": "not_accepted", "response_text": ""}
    response = client_for("performance").post(url, data)
    assert "Give the council" in response.content.decode()
    recommendation.refresh_from_db()
    assert recommendation.response == "pending"


def test_record_deadline_met(client_for, review):
    from goldthread.improvement.models import DeadlineRule

    rule = DeadlineRule.objects.get(review_type="cpc", name="Report published")
    url = reverse("improvement:deadline-met", args=["cpc-2023", rule.pk])
    assert client_for("performance").post(url, {"met_on": "2024-02-20"}).status_code == 302
    html = client_for("performance").get(reverse("improvement:review", args=["cpc-2023"])).content.decode()
    assert "Met on 20 February 2024" in html


def test_upload_shows_a_draft_and_saves_only_on_confirm(client_for, review):
    client = client_for("performance")
    url = reverse("improvement:import", args=["cpc-2023"])
    upload = io.BytesIO(CABINET_REPORT.read_bytes())  # invented, in the layout of the Cabinet report of July 2022
    upload.name = "cabinet-report.txt"
    response = client.post(url, {"document": upload})
    assert response.status_code == 200
    assert response.context["formset"].total_form_count() == 5
    assert not Recommendation.objects.exists()
    data = {"draft-TOTAL_FORMS": "2", "draft-INITIAL_FORMS": "2", "confirm": "1"}
    for i, (ref, title) in enumerate([("A", "Refresh the vision (corrected)"), ("B", "Take stock")]):
        data |= {
            f"draft-{i}-ref": ref,
            f"draft-{i}-title": title,
            f"draft-{i}-text": "",
            f"draft-{i}-response": "Agreed.",
        }
        data |= {f"draft-{i}-response_status": "accepted", f"draft-{i}-include": "on"}
    assert client.post(url, data).status_code == 302
    assert list(review.recommendations.values_list("reference", "number", "title")) == [
        ("CPC23-R01", "A", "Refresh the vision (corrected)"),
        ("CPC23-R02", "B", "Take stock"),
    ]


def test_upload_without_recommendations_says_so(client_for, review):
    upload = io.BytesIO(b"Minutes of the meeting. Nothing else.")
    upload.name = "minutes.txt"
    response = client_for("performance").post(reverse("improvement:import", args=["cpc-2023"]), {"document": upload})
    assert "No recommendations found" in response.content.decode()


def test_priority_page_lists_linked_recommendations_and_actions(client_for, recommendation, action, priority):
    recommendation.priorities.add(priority)
    html = client_for("member").get(priority.get_absolute_url()).content.decode()
    assert recommendation.reference in html
    assert action.reference in html


def test_progress_review_page(client_for, action, users):
    services.action_add_progress(
        action=action, user=users["officer"], text="Benchmarks in Q3 report", on=date(2024, 1, 5)
    )
    html = client_for("auditor").get(reverse("improvement:progress-review", args=["cpc-2023"])).content.decode()
    assert "Benchmarks in Q3 report" in html


def test_milestones_and_evidence_through_the_page(client_for, action):
    client = client_for("editor")  # the action's directorate is the editor's
    client.post(
        reverse("improvement:action-milestone", args=[action.reference]),
        {"milestone-title": "Draft", "milestone-due_date": "2024-02-01", "milestone-version": action.version},
    )
    milestone = action.milestones.get()
    done = {"done_on": "2024-02-03", "version": milestone.version}
    client.post(reverse("improvement:milestone-done", args=[action.reference, milestone.pk]), done)
    client.post(
        reverse("improvement:action-evidence", args=[action.reference]),
        {"evidence-title": "Cabinet report", "evidence-url": "https://example.org/cabinet"},
    )
    milestone.refresh_from_db()
    assert milestone.done_on == date(2024, 2, 3)
    assert action.evidence.get().title == "Cabinet report"
    html = client.get(reverse("improvement:action", args=[action.reference])).content.decode()
    assert "3 February 2024" in html and "Cabinet report" in html


def test_member_cannot_add_milestones(client_for, action):
    url = reverse("improvement:action-milestone", args=[action.reference])
    assert client_for("member").post(url, {"milestone-title": "Draft"}).status_code == 403
    assert not action.milestones.exists()


def test_create_review_with_cpc_themes_by_default(client_for, council):
    data = {"reference": "cpc-2028", "title": "CPC 2028", "review_type": "cpc", "onsite_end": "2028-11-10"}
    assert client_for("performance").post(reverse("improvement:review-new"), data).status_code == 302
    review = council.reviews.get(reference="cpc-2028")
    assert review.scope_themes[0] == "Local priorities and outcomes"
    assert history_for(review).get().action == "create"


def test_edit_review_keeps_history(client_for, review):
    data = {
        "title": "CPC 2023 (corrected)",
        "review_type": "cpc",
        "onsite_start": "2023-11-21",
        "onsite_end": "2023-11-24",
        "version": review.version,
    }
    assert (
        client_for("performance").post(reverse("improvement:review-edit", args=["cpc-2023"]), data).status_code == 302
    )
    change = history_for(review).filter(action="update").get()
    assert change.changes["title"] == ["Corporate Peer Challenge 2023", "CPC 2023 (corrected)"]


def test_edit_deadline_rule_keeps_history(client_for, db):
    from goldthread.improvement.models import DeadlineRule

    rule = DeadlineRule.objects.get(review_type="cpc", name="Progress review")
    data = {
        "review_type": "cpc",
        "name": "Progress review",
        "anchor": "onsite_end",
        "months": "9",
        "days": "0",
        "years_after": "0",
        "basis": "council",
        "order": "40",
    }
    assert (
        client_for("performance").post(reverse("improvement:deadline-rule-edit", args=[rule.pk]), data).status_code
        == 302
    )
    assert history_for(rule).get().changes["months"] == [10, 9]
    rule.refresh_from_db()
    assert rule.basis == "council" and rule.season == ""
    unquoted = {**data, "basis": "source", "source_title": "", "source_quote": ""}
    page = client_for("performance").post(reverse("improvement:deadline-rule-edit", args=[rule.pk]), unquoted)
    assert page.status_code == 200 and "Quote what the source says" in page.content.decode()
    assert client_for("editor").post(reverse("improvement:deadline-rule-edit", args=[rule.pk]), data).status_code == 403


def test_team_member_add_and_remove(client_for, review):
    client = client_for("performance")
    client.post(
        reverse("improvement:review-member-add", args=["cpc-2023"]), {"name": "Caroline Simpson", "role": "Lead peer"}
    )
    member = review.team.get()
    client.post(reverse("improvement:review-member-remove", args=["cpc-2023", member.pk]))
    assert not review.team.exists()
    assert history_for(review).filter(action="update").count() == 2


def test_review_with_recommendations_cannot_be_deleted(client_for, recommendation, council):
    client_for("performance").post(reverse("improvement:review-delete", args=["cpc-2023"]))
    assert council.reviews.filter(reference="cpc-2023").exists()


def test_an_action_past_its_due_date_shows_off_track_beside_its_owners_status(client_for, action, users):
    services.action_update(action=action, user=users["performance"], status=Action.Status.ON_TRACK)
    client = client_for("member")
    page = client.get(reverse("improvement:action", args=[action.reference])).content.decode()
    assert "gt-rag--red" in page and "Off track" in page
    assert "Owner reports: On track" in page and "past its due date and not complete" in page
    plan = client.get(reverse("improvement:action-plan", args=["cpc-2023"]))
    totals = {words: n for rag, words, n in plan.context["totals"]}
    assert totals["Red (off track)"] == 1 and totals["Green (on track or complete)"] == 0
    overdue = client.get(reverse("improvement:overdue")).content.decode()
    assert "Owner reports: On track" in overdue


def test_agreeing_a_revised_due_date_through_the_page(client_for, action, users):
    url = reverse("improvement:action-revise-due", args=[action.reference])
    data = {
        "revised-revised_due_date": "2099-03-31",
        "revised-agreed_by": "Cabinet Member for Corporate Services",
        "revised-agreed_on": "2024-03-20",
        "revised-reason": "Waiting for the benchmarking data",
    }
    assert client_for("member").post(url, data).status_code == 403
    action.refresh_from_db()
    assert action.revised_due_date is None
    client = client_for("performance")
    page = client.get(reverse("improvement:action", args=[action.reference])).content.decode()
    assert "Agree a revised due date" in page
    bad = client.post(url, {**data, "revised-reason": ""}, follow=True).content.decode()
    assert "Why the due date changed" in bad
    action.refresh_from_db()
    assert action.revised_due_date is None
    client.post(url, data)
    action.refresh_from_db()
    assert (action.revised_due_date, action.revised_due_agreed_by) == (
        date(2099, 3, 31),
        "Cabinet Member for Corporate Services",
    )
    page = client.get(reverse("improvement:action", args=[action.reference])).content.decode()
    summary = page.split('<dl class="govuk-summary-list">')[1].split("</dl>")[0]
    assert "Off track" not in summary and "Revised due date 31 Mar 2099" in summary
    assert "31 March 2099, agreed by Cabinet Member for Corporate Services" in page
    assert any("revised_due_date" in c.changes for c in history_for(action))
