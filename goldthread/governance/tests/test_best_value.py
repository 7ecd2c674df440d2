from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from goldthread.core.audit import history_for
from goldthread.council.models import Role
from goldthread.finance.models import ReserveBalance, ReserveKind
from goldthread.governance import best_value, services
from goldthread.governance.models import EvidenceLink, FlagDecision, ThemeAssessment
from goldthread.improvement import services as improvement
from goldthread.improvement.models import Action, Review


def _keys(council, user):
    return {f.key for f in best_value.live_flags(council, user, timezone.localdate())}


def test_peer_challenge_flag_follows_the_reviews(council, users):
    assert "peer-challenge" in _keys(council, users["performance"])
    improvement.review_create(
        council=council,
        user=users["performance"],
        reference="cpc-recent",
        title="Corporate Peer Challenge",
        review_type=Review.Type.CPC,
        reviewing_body="LGA",
        recommendation_prefix="CPC",
        onsite_start=timezone.localdate() - timedelta(days=300),
    )
    assert "peer-challenge" not in _keys(council, users["performance"])


def test_policy_flag_follows_the_review_date(policy, users):
    key = f"policy:{policy.pk}"
    assert key in _keys(policy.council, users["performance"])
    services.policy_update(
        policy=policy,
        user=users["performance"],
        version=1,
        period_end=None,
        review_date=timezone.localdate() + timedelta(days=10),
    )
    assert key not in _keys(policy.council, users["performance"])


def test_overdue_action_flag_follows_the_action(council, users, directorate):
    action = improvement.action_create(
        description="Refresh the ICT strategy",
        user=users["performance"],
        directorate=directorate,
        due_date=timezone.localdate() - timedelta(days=5),
    )
    key = f"action:{action.reference}"
    assert key in _keys(council, users["performance"])
    improvement.action_update(action=action, user=users["performance"], status=Action.Status.COMPLETE)
    assert key not in _keys(council, users["performance"])


def test_reserves_flag_follows_the_balances(council, users):
    for year, amount in [("2020-21", 40), ("2021-22", 30), ("2022-23", 20), ("2023-24", 10)]:
        ReserveBalance.objects.create(
            council=council, financial_year=year, kind=ReserveKind.GENERAL, amount=Decimal(amount) * 10**6
        )
    assert "reserves-falling" in _keys(council, users["performance"])
    ReserveBalance.objects.create(
        council=council, financial_year="2024-25", kind=ReserveKind.GENERAL, amount=Decimal(15) * 10**6
    )
    assert "reserves-falling" not in _keys(council, users["performance"])


def test_flag_decisions_keep_history_and_need_a_reason_to_dismiss(council, users):
    with pytest.raises(ValidationError, match="Say why"):
        services.flag_decide(
            council=council,
            key="peer-challenge",
            theme="continuous-improvement",
            user=users["performance"],
            decision="dismissed",
            reason="",
            version=0,
        )
    decision = services.flag_decide(
        council=council,
        key="peer-challenge",
        theme="continuous-improvement",
        user=users["performance"],
        decision="accepted",
        reason="",
        version=0,
    )
    services.flag_decide(
        council=council,
        key="peer-challenge",
        theme="continuous-improvement",
        user=users["performance"],
        decision="dismissed",
        reason="One is booked for next spring",
        version=1,
    )
    changes = list(history_for(decision).order_by("at", "id"))
    assert [c.action for c in changes] == ["create", "update"]
    assert changes[1].changes["decision"] == ["accepted", "dismissed"]
    flag = best_value.find_flag(council, users["performance"], timezone.localdate(), "peer-challenge")
    assert flag.decision.reason == "One is booked for next spring"


def test_theme_rating_is_versioned(council, users):
    entry = services.theme_save(
        council=council, theme="governance", user=users["performance"], version=0, rating="adequate", narrative="x"
    )
    services.theme_save(
        council=council, theme="governance", user=users["performance"], version=1, rating="strong", narrative="y"
    )
    from goldthread.core.versioning import StaleVersion

    with pytest.raises(StaleVersion):
        services.theme_save(
            council=council, theme="governance", user=users["performance"], version=1, rating="", narrative=""
        )
    entry.refresh_from_db()
    assert entry.rating == "strong" and history_for(entry).count() == 2


@pytest.mark.parametrize("role", Role.values)
def test_pages_by_role(client_for, role, council, policy):
    client = client_for(role)
    assert client.get(reverse("governance:best-value")).status_code == 200
    html = client.get(reverse("governance:best-value-theme", args=["governance"])).content.decode()
    assert "ICT strategy 2021-2023 is past its review date" in html
    assert ("Save rating and narrative" in html) == (role == Role.PERFORMANCE)
    response = client.post(
        reverse("governance:best-value-theme", args=["governance"]),
        {"form": "theme", "rating": "strong", "narrative": "n", "version": "0"},
    )
    assert response.status_code == (302 if role == Role.PERFORMANCE else 403)
    assert ThemeAssessment.objects.filter(rating="strong").exists() == (role == Role.PERFORMANCE)


def test_evidence_is_checked_against_real_records(client_for, policy):
    client = client_for("performance")
    url = reverse("governance:best-value-theme", args=["governance"])
    response = client.post(url, {"form": "evidence", "kind": "risk", "reference": "CR-999"})
    assert response.status_code == 200 and "There is no risk with the reference" in response.content.decode()
    assert not EvidenceLink.objects.exists()
    assert client.post(url, {"form": "evidence", "kind": "policy", "reference": policy.title}).status_code == 302
    link = EvidenceLink.objects.get()
    assert link.url == reverse("governance:policy", args=[policy.pk])
    assert any("evidence added" in c.changes for c in history_for(link.assessment))


def test_flag_decision_through_the_page(client_for, council, policy):
    client = client_for("performance")
    url = reverse("governance:flag-decide", args=["governance"])
    key = f"policy:{policy.pk}"
    bad = client.post(url, {"prefix": "flag0", "flag0-key": key, "flag0-decision": "dismissed", "flag0-version": "0"})
    assert bad.status_code == 400 and "Say why" in bad.content.decode()
    ok = client.post(
        url,
        {
            "prefix": "flag0",
            "flag0-key": key,
            "flag0-decision": "dismissed",
            "flag0-reason": "Renewal approved",
            "flag0-version": "0",
        },
    )
    assert ok.status_code == 302
    assert FlagDecision.objects.get(key=key).reason == "Renewal approved"
    gone = client.post(url, {"prefix": "", "key": "policy:999999", "decision": "accepted", "version": "0"})
    assert gone.status_code == 400 and "no longer applies" in gone.content.decode()


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
def test_exports_render(client_for, council, policy, fmt):
    response = client_for("member").get(reverse("governance:best-value-download", args=[fmt]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert len(body) > 1000


def test_api_best_value(client_for, council, policy):
    body = client_for("member").get("/api/best-value").json()
    assert [t["name"] for t in body][:2] == ["Continuous improvement", "Leadership"] and len(body) == 7
    governance = next(t for t in body if t["code"] == "governance")
    assert governance["rating"] == "" and governance["evidence"] == []
    assert any(f["key"] == f"policy:{policy.pk}" for f in governance["flags"])
