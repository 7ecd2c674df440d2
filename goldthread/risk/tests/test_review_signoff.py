"""A directorate's risk review is submitted; the performance team approves it or returns it with a
reason. Only an approved review moves the risk's score, its history and the heat map."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from goldthread.core.audit import history_for
from goldthread.core.versioning import StaleVersion
from goldthread.council.models import User
from goldthread.risk import selectors, services
from goldthread.risk.models import RiskReview


@pytest.fixture
def risk(dir_register, make_risk):
    return make_risk(dir_register, title="Agency social workers", current=(3, 4))


def _submit(risk, user, lk=5, im=5, period="2023-24 Q3"):
    return services.review_record(
        risk=risk, user=user, date=date(2023, 12, 31), period=period, likelihood=lk, impact=im, note="Worse"
    )


def test_an_editors_review_waits_for_approval_and_changes_nothing_yet(risk, users):
    review = _submit(risk, users["editor"])
    risk.refresh_from_db()
    assert review.status == RiskReview.Status.SUBMITTED
    assert (risk.current_likelihood, risk.current_impact) == (3, 4)
    assert selectors.score_history(risk) == []
    assert list(selectors.reviews_awaiting_approval(risk.register.council)) == [review]


def test_approval_moves_the_score_and_is_kept_in_history(risk, users):
    review = _submit(risk, users["editor"])
    services.review_approve(review=review, user=users["performance"])
    risk.refresh_from_db()
    assert (risk.current_likelihood, risk.current_impact) == (5, 5)
    assert selectors.score_history(risk) == [review]
    assert [c.action for c in history_for(review)][:2] == ["approve", "create"]


def test_a_returned_review_says_why_and_is_corrected_by_recording_it_again(risk, users):
    review = _submit(risk, users["editor"])
    services.review_return(
        review=review, user=users["performance"], reason="Impact should be 4, see the finance report"
    )
    assert history_for(review).first().reason == "Impact should be 4, see the finance report"
    corrected = _submit(risk, users["editor"], lk=5, im=4)
    assert corrected.pk == review.pk and corrected.status == RiskReview.Status.SUBMITTED and corrected.impact == 4


def test_returning_needs_a_reason(risk, users):
    review = _submit(risk, users["editor"])
    with pytest.raises(services.RiskError, match="Say why"):
        services.review_return(review=review, user=users["performance"], reason=" ")


@pytest.mark.parametrize("role", ["editor", "member", "auditor", "officer"])
def test_only_the_performance_team_approves(risk, users, role):
    review = _submit(risk, users["editor"])
    with pytest.raises(PermissionDenied):
        services.review_approve(review=review, user=users[role])


def test_the_performance_teams_own_review_is_submitted_and_another_person_approves_it(risk, users, make_user):
    review = _submit(risk, users["performance"])
    assert review.status == RiskReview.Status.SUBMITTED
    with pytest.raises(services.RiskError, match="someone else must approve it"):
        services.review_approve(review=review, user=users["performance"], version=review.version)
    colleague = make_user("performance", username="colleague")
    services.review_approve(review=review, user=colleague, version=review.version)
    assert RiskReview.objects.get().status == RiskReview.Status.APPROVED


def test_a_small_team_may_approve_its_own_review_and_history_says_so(risk, users, council):
    from goldthread.core.signoff import OWN_DECISION_NOTE

    council.allow_self_approval = True
    council.save()
    review = _submit(risk, users["performance"])
    services.review_approve(review=review, user=users["performance"], version=review.version)
    assert history_for(review).first().reason == OWN_DECISION_NOTE


def test_members_see_that_a_review_awaits_approval_and_the_team_decides_on_the_page(risk, users, client_for):
    review = _submit(risk, users["editor"])
    member_page = client_for("member").get(risk.get_absolute_url()).content.decode()
    assert "awaiting approval" in member_page and "Worse" not in member_page
    client = client_for("performance")
    assert "Reviews awaiting approval" in client.get("/risk/").content.decode()
    response = client.post(f"{risk.get_absolute_url()}reviews/{review.pk}/approve/", {"version": review.version})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == RiskReview.Status.APPROVED


def test_review_and_decision_through_the_api(risk, users, client):
    from goldthread.core.tokens import create_token

    def call(user, path, body):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user)}"}
        return client.post(path, body, content_type="application/json", **headers)

    base = f"/api/risks/{risk.reference}/reviews"
    body = {"date": "2023-12-31", "period": "2023-24 Q3", "likelihood": 4, "impact": 4}
    assert call(users["member"], base, body).status_code == 403
    assert call(users["editor"], base, body).json()["status"] == "submitted"
    decision = f"{base}/2023-24 Q3/decision"
    version = RiskReview.objects.get().version
    assert call(users["editor"], decision, {"decision": "approve", "version": version}).status_code == 403
    assert call(users["performance"], decision, {"decision": "approve"}).status_code == 428
    approved = call(users["performance"], decision, {"decision": "approve", "version": version}).json()
    assert approved["status"] == "approved" and approved["version"] == version + 1
    risk.refresh_from_db()
    assert risk.current_score == 16


def test_approving_a_review_that_changed_since_the_page_was_shown_is_refused(risk, users, client_for):
    review = _submit(risk, users["editor"])
    client = client_for("performance")
    page = client.get(risk.get_absolute_url()).content.decode()
    seen = review.version
    assert f'name="version" value="{seen}"' in page
    # Meanwhile another officer returns it and the editor corrects the scores: submitted again.
    services.review_return(
        review=review,
        user=User.objects.create_user("other-officer", role="performance"),
        reason="Check the impact",
        version=seen,
    )
    review.refresh_from_db()
    services.review_record(
        risk=risk,
        user=users["editor"],
        date=date(2023, 12, 31),
        period="2023-24 Q3",
        likelihood=2,
        impact=2,
        version=review.version,
    )
    response = client.post(f"{risk.get_absolute_url()}reviews/{review.pk}/approve/", {"version": seen})
    assert response.status_code == 409
    text = response.content.decode()
    assert "was not approved" in text and "Check the impact" in text and "Editor Tester" in text
    review.refresh_from_db()
    assert review.status == RiskReview.Status.SUBMITTED and review.likelihood == 2
    risk.refresh_from_db()
    assert (risk.current_likelihood, risk.current_impact) == (3, 4)


def test_the_api_refuses_a_decision_on_an_older_version_with_the_current_review(risk, users, client):
    from goldthread.core.tokens import create_token

    review = _submit(risk, users["editor"])
    seen = review.version
    services.review_return(review=review, user=users["performance"], reason="Check", version=seen)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=users['performance'])}"}
    response = client.post(
        f"/api/risks/{risk.reference}/reviews/2023-24 Q3/decision",
        {"decision": "approve", "version": seen},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 409
    assert response.json()["current"]["status"] == "draft" and response.json()["current"]["version"] == seen + 1


def test_correcting_a_returned_review_needs_the_version_and_refuses_an_older_one(risk, users, client):
    from goldthread.core.tokens import create_token

    review = _submit(risk, users["editor"])
    services.review_return(review=review, user=users["performance"], reason="Check", version=review.version)
    review.refresh_from_db()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=users['editor'])}"}
    body = {"date": "2023-12-31", "period": "2023-24 Q3", "likelihood": 4, "impact": 4}
    base = f"/api/risks/{risk.reference}/reviews"
    assert client.post(base, body, content_type="application/json", **headers).status_code == 428
    stale = client.post(base, {**body, "version": review.version - 1}, content_type="application/json", **headers)
    assert stale.status_code == 409 and stale.json()["current"]["likelihood"] == 5
    ok = client.post(base, {**body, "version": review.version}, content_type="application/json", **headers)
    assert ok.status_code == 201 and ok.json()["status"] == "submitted"
    again = client.post(base, body, content_type="application/json", **headers)
    assert again.status_code == 409 and "already has a review" in again.json()["detail"]


def test_recording_a_review_twice_on_the_page_is_a_form_error(risk, users, client_for):
    _submit(risk, users["editor"])
    response = client_for("editor").post(
        f"{risk.get_absolute_url()}review/",
        {"date": "2023-12-31", "period": "2023-24 Q3", "likelihood": "2", "impact": "2", "version": "0"},
    )
    assert response.status_code == 200 and "already has a review for 2023-24 Q3" in response.content.decode()


def test_a_risk_edited_by_someone_else_since_the_form_was_opened_is_refused(risk, users):
    from goldthread.risk.models import Risk

    seen = risk.version
    services.risk_update(risk=risk, user=users["performance"], version=seen, title="Agency social workers (revised)")
    stale = Risk.objects.get(pk=risk.pk)
    stale.version = seen
    with pytest.raises(StaleVersion) as refused:
        services.risk_update(risk=stale, user=users["editor"], version=seen, title="Something else")
    assert refused.value.current.title == "Agency social workers (revised)"
    assert Risk.objects.get(pk=risk.pk).title == "Agency social workers (revised)"
