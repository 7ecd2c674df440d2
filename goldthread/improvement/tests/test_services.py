from datetime import date, timedelta

import pytest
from django.utils import timezone

from goldthread.core.audit import history_for
from goldthread.improvement import selectors, services
from goldthread.improvement.models import Action, DeadlineRule, Recommendation


def test_recommendation_references_are_stable_and_never_reused(review, users):
    first = services.recommendation_create(review=review, user=users["performance"], number="1", title="One")
    second = services.recommendation_create(review=review, user=users["performance"], number="2", title="Two")
    assert (first.reference, second.reference) == ("CPC23-R01", "CPC23-R02")
    with pytest.raises(services.ImprovementError, match="never changes"):
        services.recommendation_update(recommendation=first, user=users["performance"], reference="CPC23-R09")


@pytest.mark.parametrize("response", [Recommendation.Response.PARTLY, Recommendation.Response.NOT_ACCEPTED])
def test_partly_or_not_accepted_needs_a_reason(recommendation, users, response):
    with pytest.raises(services.ImprovementError, match="reasons"):
        services.recommendation_update(recommendation=recommendation, user=users["performance"], response=response)
    services.recommendation_update(
        recommendation=recommendation, user=users["performance"], response=response, response_text="No capacity."
    )
    recommendation.refresh_from_db()
    assert recommendation.response == response
    assert history_for(recommendation).filter(action="update").exists()


def test_action_references(recommendation, users):
    a1 = services.action_create(description="One", user=users["performance"], recommendation=recommendation)
    a2 = services.action_create(description="Two", user=users["performance"], recommendation=recommendation)
    loose = services.action_create(description="Mitigate a risk", user=users["performance"])
    assert (a1.reference, a2.reference, loose.reference) == ("CPC23-R01-A01", "CPC23-R01-A02", "ACT-0001")
    assert history_for(loose).get().action == "create"


def test_action_create_refuses_bad_dates_and_empty_description(users):
    with pytest.raises(services.ImprovementError, match="before the start"):
        services.action_create(
            description="x", user=users["performance"], start_date=date(2024, 2, 1), due_date=date(2024, 1, 1)
        )
    with pytest.raises(services.ImprovementError, match="Describe"):
        services.action_create(description="  ", user=users["performance"])
    assert not Action.objects.exists()


def test_progress_update_keeps_history_and_moves_status(action, users):
    services.action_add_progress(
        action=action, user=users["officer"], text="Benchmarks added", status=Action.Status.AT_RISK, percent_complete=50
    )
    action.refresh_from_db()
    assert (action.status, action.percent_complete) == (Action.Status.AT_RISK, 50)
    changes = [c.changes for c in history_for(action)]
    assert any("progress update" in c for c in changes)
    assert any(c.get("status") == ["not_started", "at_risk"] for c in changes)
    with pytest.raises(services.ImprovementError, match="future"):
        services.action_add_progress(
            action=action, user=users["officer"], text="x", on=timezone.localdate() + timedelta(days=1)
        )


def test_completing_an_action_sets_100_percent(action, users):
    services.action_update(action=action, user=users["performance"], status=Action.Status.COMPLETE)
    action.refresh_from_db()
    assert action.percent_complete == 100


def test_cpc_deadlines_from_the_rules(review):
    rows = {r.rule.name: r.due for r in selectors.review_deadlines(review, date(2024, 1, 1))}
    assert rows["Report published"] == date(2024, 2, 24)
    assert rows["Action plan published (no later than)"] == date(2024, 4, 24)
    # "due to be completed in the summer of 2024": a window, overdue only after 31 August 2024
    assert rows["Progress review"] == date(2024, 8, 31)
    assert rows["Progress review report"] == date(2024, 11, 24)
    assert rows["Next corporate peer challenge"] == date(2028, 11, 24)


def test_each_cpc_rule_quotes_its_source_or_says_it_is_the_councils_own(review):
    rules = {r.name: r for r in DeadlineRule.objects.filter(review_type="cpc")}
    for name in ["Report published", "Action plan published (no later than)", "Progress review"]:
        assert rules[name].basis == "source" and rules[name].source_quote, name
    # the peer challenge report gives neither of these: they are labelled as the council's own
    for name in ["Action plan published (target)", "Progress review report"]:
        assert rules[name].basis == "council" and not rules[name].source_quote, name
    assert "summer of 2024" in rules["Progress review"].source_quote
    progress = next(d for d in selectors.review_deadlines(review, date(2024, 7, 1)) if d.rule.name == "Progress review")
    assert progress.status.earliest == date(2024, 6, 1)
    assert progress.status.when == "between 1 June 2024 and 31 August 2024"
    assert progress.status.state.value == "window_open"


def test_rules_are_data_and_a_met_deadline_stops_being_overdue(review, users, council):
    rule = DeadlineRule.objects.get(review_type="cpc", name="Report published")
    services.deadline_rule_save(rule=rule, user=users["performance"], months=2)
    overdue = selectors.open_deadlines(council, date(2024, 3, 1))
    report = next(d for d in overdue if d.rule == rule)
    assert report.due == date(2024, 1, 24)
    assert report.status.words == "37 days overdue"
    services.deadline_mark_met(review=review, rule=rule, met_on=date(2024, 2, 20), user=users["performance"])
    assert rule not in [d.rule for d in selectors.open_deadlines(council, date(2024, 3, 1))]
    met = next(d for d in selectors.review_deadlines(review, date(2024, 3, 1)) if d.rule == rule)
    assert met.status.words == "Met on 20 February 2024, 27 days late"
    assert history_for(rule).filter(action="update").exists()


def test_milestones_and_overdue(action, users, council):
    m = services.milestone_add(action=action, user=users["performance"], title="Draft", due_date=date(2024, 2, 1))
    assert list(selectors.overdue_milestones(council, date(2024, 2, 2))) == [m]
    assert list(selectors.overdue_actions(council, date(2024, 4, 1))) == [action]
    services.milestone_mark_done(milestone=m, user=users["officer"], done_on=date(2024, 2, 3))
    assert not selectors.overdue_milestones(council, date(2024, 2, 4)).exists()


def test_progress_since_review_only_counts_work_after_the_visit(action, review, users):
    services.action_add_progress(action=action, user=users["officer"], text="Before", on=date(2023, 11, 1))
    services.action_add_progress(action=action, user=users["officer"], text="After", on=date(2024, 1, 10))
    services.evidence_add(action=action, user=users["officer"], title="Cabinet report", url="https://example.org/r")
    [row] = selectors.progress_since_review(review)
    assert [u.text for u in row.updates] == ["After"]
    assert [e.title for e in row.evidence] == ["Cabinet report"]


def test_action_plan_summary_for_the_pack(action, users, council):
    services.action_add_progress(
        action=action, user=users["officer"], text="Slipping", on=date(2024, 3, 15), status=Action.Status.AT_RISK
    )
    summary = selectors.action_plan_summary(council, date(2024, 4, 1))
    assert summary.total == 1
    [overdue] = summary.overdue
    assert (overdue.reference, overdue.overdue_days) == (action.reference, 1)
    # The dates say off track; the owner's own report (at risk, by 15 March) is shown beside it.
    assert (overdue.status, overdue.reported_status, overdue.rag) == ("Off track", "At risk", "red")
    assert [a.reference for a in summary.at_risk] == [action.reference]
    assert summary.by_rag.of("Red (off track)") == 1 and summary.by_rag.of("Amber (at risk)") == 0
    # Before the due date the owner's status stands.
    before = selectors.action_plan_summary(council, date(2024, 3, 20))
    assert (before.at_risk[0].status, before.by_rag.of("Amber (at risk)"), before.overdue) == ("At risk", 1, ())
    # Before it was raised it is not there at all.
    assert selectors.action_plan_summary(council, date(2023, 12, 31)).total == 0


def test_action_plan_summary_as_plain_data_keeps_its_keys(action, council):
    summary = selectors.action_plan_summary(council, date(2024, 4, 1))
    data = summary.as_dict()
    assert list(data) == [
        "as_of",
        "total",
        "by_status",
        "by_reported_status",
        "by_rag",
        "overdue",
        "at_risk",
        "open_deadlines",
    ]
    assert data["by_rag"] == {
        "Red (off track)": 1,
        "Amber (at risk)": 0,
        "Green (on track or complete)": 0,
        "Grey (not started or closed)": 0,
    }
    assert data["overdue"][0]["reference"] == action.reference and data["overdue"][0]["overdue_days"] == 1
    with pytest.raises(KeyError):
        summary.by_status.of("No such status")


def test_a_status_set_after_the_date_is_not_the_status_then(action, users, council):
    services.action_update(action=action, user=users["performance"], status=Action.Status.COMPLETE)
    then = selectors.action_plan_summary(council, date(2024, 3, 1))
    assert then.by_reported_status.of("Not started") == 1 and then.by_reported_status.of("Complete") == 0
    assert selectors.action_plan_summary(council, timezone.localdate()).by_reported_status.of("Complete") == 1


def test_a_revised_due_date_agreed_keeps_it_on_track_with_history(action, users, council):
    services.action_add_progress(
        action=action, user=users["officer"], text="Going well", on=date(2024, 3, 1), status=Action.Status.ON_TRACK
    )
    assert selectors.action_assessment(action, date(2024, 5, 1)).status == Action.Status.OFF_TRACK
    with pytest.raises(services.ImprovementError, match="after the original due date"):
        services.action_revise_due_date(
            action=action,
            user=users["performance"],
            revised_due_date=date(2024, 3, 1),
            agreed_by="Cabinet Member",
            agreed_on=date(2024, 3, 20),
            reason="Slipped",
        )
    with pytest.raises(services.ImprovementError, match="why"):
        services.action_revise_due_date(
            action=action,
            user=users["performance"],
            revised_due_date=date(2024, 6, 30),
            agreed_by="Cabinet Member",
            agreed_on=date(2024, 3, 20),
            reason=" ",
        )
    services.action_revise_due_date(
        action=action,
        user=users["performance"],
        revised_due_date=date(2024, 6, 30),
        agreed_by="Cabinet Member for Corporate Services",
        agreed_on=date(2024, 3, 20),
        reason="Waiting for the benchmarking club's data",
    )
    action.refresh_from_db()
    assert action.due_date == date(2024, 3, 31)  # the original stays
    now = selectors.action_assessment(action, date(2024, 5, 1))
    assert (now.status, now.revised, now.due) == (Action.Status.ON_TRACK, True, date(2024, 6, 30))
    assert selectors.action_assessment(action, date(2024, 7, 2)).overdue_days == 2
    [change] = [c for c in history_for(action) if "revised_due_date" in c.changes]
    assert change.changes["revised_due_date"] == [None, "2024-06-30"]
    assert change.user == users["performance"] and "Cabinet Member" in change.reason


def test_import_is_all_or_nothing_and_idempotent(review, users):
    items = [
        {"ref": "1", "title": "One", "text": "", "response": ""},
        {"ref": "2", "title": "", "text": "", "response": ""},
    ]
    with pytest.raises(services.ImprovementError, match="Recommendation 2: the title is empty"):
        services.recommendations_import(review=review, items=items, user=users["performance"])
    assert not review.recommendations.exists()
    items[1]["title"] = "Two"
    assert len(services.recommendations_import(review=review, items=items, user=users["performance"])) == 2
    assert services.recommendations_import(review=review, items=items, user=users["performance"]) == []


def test_a_status_changed_after_the_latest_update_is_the_status_now(action, users, council):
    today = timezone.localdate()
    services.action_add_progress(action=action, user=users["officer"], text="Slipping", status=Action.Status.AT_RISK)
    services.action_update(action=action, user=users["performance"], status=Action.Status.COMPLETE)
    [then] = selectors.as_they_were([action], today).values()
    assert (then.reported, then.percent_complete, then.assessment.status) == (Action.Status.COMPLETE, 100, "complete")
