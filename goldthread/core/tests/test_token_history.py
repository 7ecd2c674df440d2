"""API tokens made and revoked are in history: who, when, which token (never the token itself)."""

import io

from django.core.management import call_command
from django.urls import reverse

from goldthread.core.audit import history_for
from goldthread.core.models import ApiToken


def test_a_token_made_and_revoked_on_the_page_is_in_history(client, users):
    member = users["member"]
    client.force_login(member)
    client.post(reverse("account-tokens"), {"name": "dashboard export"})
    record = ApiToken.objects.get(user=member)
    made = history_for(record).get()
    assert (made.action, made.user) == ("create", member)
    assert made.changes["name"] == [None, "dashboard export"]
    assert made.changes["prefix"] == [None, record.prefix]
    assert len(record.prefix) == 10  # only the prefix: the history never holds the secret

    client.post(reverse("account-token-revoke", args=[record.pk]))
    revoked = history_for(record).first()
    assert (revoked.action, revoked.user, revoked.reason) == ("update", member, "API token revoked")
    assert revoked.changes["revoked_at"][0] is None and revoked.changes["revoked_at"][1]

    # Revoking again, or someone else's token, changes nothing and writes nothing.
    client.post(reverse("account-token-revoke", args=[record.pk]))
    client.force_login(users["auditor"])
    client.post(reverse("account-token-revoke", args=[record.pk]))
    assert history_for(record).count() == 2


def test_a_token_made_by_the_command_says_so(users):
    call_command("create_token", users["editor"].username, "--name", "nightly", stdout=io.StringIO())
    change = history_for(ApiToken.objects.get(user=users["editor"])).get()
    assert change.user is None
    assert "goldthread create_token" in change.reason
