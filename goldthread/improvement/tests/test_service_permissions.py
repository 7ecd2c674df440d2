"""The services check the permission themselves, whoever calls them (a view, the API, a command)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from goldthread.core.audit import history_for
from goldthread.improvement import services
from goldthread.improvement.models import Action, Review


def test_only_the_performance_team_changes_reviews_and_recommendations(council, users, review, recommendation):
    member = users["member"]
    refused = [
        lambda: services.review_create(council=council, user=member, reference="x", title="X", review_type="cpc"),
        lambda: services.review_update(review=review, user=member, title="Changed"),
        lambda: services.review_delete(review=review, user=member),
        lambda: services.review_member_add(review=review, user=member, name="A", role="Peer"),
        lambda: services.recommendation_update(recommendation=recommendation, user=member, title="Changed"),
    ]
    for write in refused:
        with pytest.raises(PermissionDenied):
            write()
    review.refresh_from_db()
    assert review.title == "Corporate Peer Challenge 2023" and Review.objects.count() == 1


def test_an_actions_lead_reports_progress_but_does_not_edit_it(action, users):
    lead = users["officer"]
    with pytest.raises(PermissionDenied):
        services.action_update(action=action, user=lead, description="Something else")
    with pytest.raises(PermissionDenied):
        services.milestone_add(action=action, user=lead, title="Draft")
    services.action_add_progress(
        action=action, user=lead, text="Started", on=date(2024, 1, 5), status=Action.Status.ON_TRACK
    )
    action.refresh_from_db()
    assert action.status == Action.Status.ON_TRACK
    assert action.description == "Add benchmarking to the quarterly report"
    assert history_for(action).filter(user=lead).count() == 2  # the update, and the status it moved
