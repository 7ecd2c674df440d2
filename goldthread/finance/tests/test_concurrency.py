"""Budget lines: no lost update, no unseen approval, four eyes, and a duplicate is a conflict."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from goldthread.core.audit import history_for
from goldthread.core.signoff import OWN_DECISION_NOTE
from goldthread.core.tokens import create_token
from goldthread.core.versioning import AlreadyExists, StaleVersion
from goldthread.council.models import Role
from goldthread.finance import services
from goldthread.finance.models import BudgetLine, LineStatus


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user)}"}


def _change(line, user, forecast, version, commentary="Placements"):
    return services.budget_line_save(
        council=line.council, user=user, directorate=line.directorate, period_text="2023-06", budget=line.budget,
        forecast_outturn=Decimal(forecast), commentary=commentary, line=line, version=version,
    )  # fmt: skip


def test_approving_a_line_that_changed_since_the_page_was_shown_is_refused(draft_line, users):
    services.submit(obj=draft_line, user=users["editor"], version=draft_line.version)
    officer = _signed_in(users["performance"])
    url = reverse("finance:item", args=["budget", draft_line.pk])
    seen = draft_line.version
    assert f'name="version" value="{seen}"' in officer.get(url).content.decode()
    _change(BudgetLine.objects.get(), users["editor"], "99000000", seen)  # meanwhile: a new forecast, a draft
    response = officer.post(
        reverse("finance:item-review", args=["budget", draft_line.pk, "approve"]), {"version": seen}
    )
    assert response.status_code == 409
    text = response.content.decode()
    assert "was not approved" in text and "99000000" in text and "Editor Tester" in text
    assert BudgetLine.objects.get().status == LineStatus.DRAFT


def test_the_second_of_two_edits_is_refused_and_keeps_what_was_typed(draft_line, users, directorate):
    url = reverse("finance:item-edit", args=["budget", draft_line.pk])
    form = {
        "directorate": directorate.pk, "period": "2023-06", "budget": "80100000", "version": draft_line.version,
    }  # fmt: skip
    first = _signed_in(users["performance"]).post(url, {**form, "forecast_outturn": "86000000", "commentary": "One"})
    assert first.status_code == 302
    second = _signed_in(users["editor"]).post(url, {**form, "forecast_outturn": "87000000", "commentary": "Two's"})
    assert second.status_code == 409
    text = second.content.decode()
    assert "Two&#x27;s" in text and "87000000" in text and "Somebody else changed this" in text
    line = BudgetLine.objects.get()
    assert line.forecast_outturn == 86000000 and line.commentary == "One"


def test_a_stale_save_changes_nothing(draft_line, users):
    seen = draft_line.version
    _change(draft_line, users["editor"], "86000000", seen)
    with pytest.raises(StaleVersion) as refused:
        _change(BudgetLine.objects.get(), users["performance"], "87000000", seen)
    assert refused.value.current.forecast_outturn == 86000000
    assert [c.user for c in refused.value.changes] == [users["editor"]]
    assert BudgetLine.objects.get().forecast_outturn == 86000000


def test_nobody_approves_their_own_line_unless_the_council_allows_it(council, directorate, users):
    officer = users["performance"]
    line = services.budget_line_save(
        council=council, user=officer, directorate=directorate, period_text="2023-07",
        budget=Decimal("1000"), forecast_outturn=None,
    )  # fmt: skip
    services.submit(obj=line, user=officer, version=line.version)
    with pytest.raises(services.FinanceError, match="someone else must approve it"):
        services.approve(obj=line, user=officer, version=line.version)
    council.allow_self_approval = True
    council.save()
    services.approve(obj=line, user=officer, version=line.version)
    assert history_for(line).first().reason == OWN_DECISION_NOTE


def test_the_api_refuses_an_older_version_and_needs_one(client, draft_line, users):
    services.submit(obj=draft_line, user=users["editor"], version=draft_line.version)
    url = f"/api/finance/budget-lines/{draft_line.pk}/review"
    perf = _auth(users["performance"])
    missing = client.post(url, {"action": "approve"}, content_type="application/json", **perf)
    assert missing.status_code == 428 and missing.json()["current"]["status"] == "submitted"
    seen = draft_line.version
    _change(BudgetLine.objects.get(), users["editor"], "99000000", seen)
    stale = client.post(url, {"action": "approve", "version": seen}, content_type="application/json", **perf)
    assert stale.status_code == 409
    body = stale.json()
    assert body["current"]["forecast_outturn"] == "99000000.00" and body["current"]["status"] == "draft"
    assert body["current"]["version"] == seen + 1
    assert BudgetLine.objects.get().status == LineStatus.DRAFT


def test_entering_a_line_that_exists_is_a_conflict(client, draft_line, users):
    body = {"directorate": "childrens", "period": "2023-06", "budget": "1"}
    response = client.post(
        "/api/finance/budget-lines", body, content_type="application/json", **_auth(users[Role.EDITOR])
    )
    assert response.status_code == 409 and "already a budget line" in response.json()["detail"]
    with pytest.raises(AlreadyExists):
        services.budget_line_save(
            council=draft_line.council, user=users["editor"], directorate=draft_line.directorate,
            period_text="2023-06", budget=Decimal("1"), forecast_outturn=None,
        )  # fmt: skip
