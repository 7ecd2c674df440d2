from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from goldthread.core.audit import history_for
from goldthread.core.models import Change
from goldthread.core.versioning import StaleVersion, VersionRequired
from goldthread.governance import selectors, services
from goldthread.governance.models import Policy


def test_create_and_update_keep_history(policy, users):
    created = history_for(policy).get()
    assert created.action == Change.Action.CREATE
    assert created.changes["priorities"] == [None, ["protect-vulnerable"]]
    services.policy_update(
        policy=policy, user=users["officer"], version=1, reason="Renewed", review_date=date(2026, 3, 31)
    )
    change = history_for(policy).filter(action=Change.Action.UPDATE).get()
    assert change.user == users["officer"]
    assert change.changes == {"review_date": ["2023-12-31", "2026-03-31"]}
    assert change.reason == "Renewed"
    policy.refresh_from_db()
    assert policy.version == 2


def test_an_old_version_is_refused_and_changes_nothing(policy, users):
    services.policy_update(policy=policy, user=users["performance"], version=1, status=Policy.Status.EXPIRED)
    stale = Policy.objects.get(pk=policy.pk)
    stale.version = 1
    with pytest.raises(StaleVersion):
        services.policy_update(policy=stale, user=users["performance"], version=1, status=Policy.Status.DRAFT)
    with pytest.raises(VersionRequired):
        services.policy_update(
            policy=Policy.objects.get(pk=policy.pk), user=users["performance"], version=None, notes="x"
        )
    policy.refresh_from_db()
    assert policy.status == Policy.Status.EXPIRED and policy.notes == ""


def test_period_must_not_end_before_it_starts(council, users):
    with pytest.raises(ValidationError, match="period covered"):
        services.policy_create(
            council=council, user=None, title="Bad", period_start=date(2024, 1, 1), period_end=date(2023, 1, 1)
        )
    assert not Policy.objects.exists()


def test_register_flags_follow_the_dates(policy, users):
    today = timezone.localdate()
    assert selectors.register(policy.council, today)[0].review_state == "overdue"
    assert selectors.owned_needing_review(users["officer"], today) == [policy]
    services.policy_update(
        policy=policy,
        user=users["performance"],
        version=1,
        period_end=today + timedelta(days=400),
        review_date=today + timedelta(days=30),
    )
    assert selectors.register(policy.council, today)[0].review_state == "due soon"
    policy.refresh_from_db()
    services.policy_update(policy=policy, user=users["performance"], version=2, review_date=today + timedelta(days=200))
    assert selectors.register(policy.council, today)[0].review_state == "in date"
    assert selectors.owned_needing_review(users["officer"], today) == []


def test_superseded_documents_are_not_flagged(policy, users):
    services.policy_update(policy=policy, user=users["performance"], version=1, status=Policy.Status.SUPERSEDED)
    assert selectors.register(policy.council, timezone.localdate())[0].review_state == ""


def test_the_services_check_the_permission_an_owner_changes_only_the_review_fields(policy, users, council):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.policy_update(policy=policy, user=users["officer"], version=1, title="Mine now")
    with pytest.raises(PermissionDenied):
        services.policy_update(policy=policy, user=users["member"], version=1, notes="Not my policy")
    with pytest.raises(PermissionDenied):
        services.theme_save(council=council, theme="vision", user=users["editor"], version=0, rating="", narrative="")
    policy.refresh_from_db()
    assert policy.title == "ICT strategy 2021-2023" and policy.version == 1
    services.policy_update(policy=policy, user=users["officer"], version=1, notes="Reviewed")
    policy.refresh_from_db()
    assert policy.notes == "Reviewed" and policy.version == 2
