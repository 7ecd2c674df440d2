from datetime import date

from goldthread.core.audit import history_for
from goldthread.domain.reminders import Kind
from goldthread.notifications.models import Notification, Preference, ReminderSettings


def make_note(user, **extra):
    fields = dict(kind="action_due", subject_key="action:A1", due=date(2023, 10, 20), subject="Due: action A1")
    return Notification.objects.create(recipient=user, body="Action A1 is due.", link="/improvement/", **fields | extra)


def test_the_list_shows_my_notifications_and_the_header_counts_unread(users, client_for):
    make_note(users["editor"])
    make_note(users["member"], subject="Due: someone else's")
    page = client_for("editor").get("/notifications/")
    assert "Due: action A1" in page.text and "someone else" not in page.text
    assert '1<span class="govuk-visually-hidden"> unread</span>' in page.text


def test_mark_as_read_one_or_all_only_my_own(users, client_for):
    mine, other = make_note(users["editor"]), make_note(users["member"])
    client = client_for("editor")
    assert client.post(f"/notifications/{other.pk}/read/").status_code == 404
    client.post(f"/notifications/{mine.pk}/read/")
    mine.refresh_from_db()
    assert mine.is_read
    make_note(users["editor"], subject_key="action:A2")
    client.post("/notifications/read-all/")
    assert not Notification.objects.filter(recipient=users["editor"], read_at__isnull=True).exists()
    assert "You have no unread notifications" in client.get("/notifications/?show=unread").text


def test_preferences_are_saved_with_history(users, client_for):
    client = client_for("editor")
    page = client.get("/notifications/preferences/")
    assert 'value="digest" checked' in page.text
    choices = {kind.value: "digest" for kind in Kind} | {"values_due": "at_once", "value_returned": "app_only"}
    response = client.post("/notifications/preferences/", choices)
    assert response.status_code == 302
    pref = Preference.objects.get(user=users["editor"], kind="values_due")
    assert pref.delivery == "at_once"
    assert Preference.objects.get(user=users["editor"], kind="value_returned").delivery == "app_only"
    assert history_for(pref).first().user == users["editor"]
    bad = client.post("/notifications/preferences/", choices | {"values_due": "carrier-pigeon"})
    assert bad.status_code == 200 and "Select a valid choice" in bad.text


def test_the_council_reminder_settings_are_the_performance_teams_with_history(council, users, client_for):
    assert client_for("editor").get("/notifications/settings/").status_code == 403
    client = client_for("performance")
    assert client.post("/notifications/settings/", {"lead_days": "10", "escalate_after_days": "0"}).status_code == 200
    assert client.post("/notifications/settings/", {"lead_days": "10", "escalate_after_days": "21"}).status_code == 302
    conf = ReminderSettings.objects.get(council=council)
    assert (conf.lead_days, conf.escalate_after_days) == (10, 21)
    client.post("/notifications/settings/", {"lead_days": "5", "escalate_after_days": "21"})
    assert history_for(conf).first().changes == {"lead_days": [10, 5]}
    assert "Reminder settings" in client.get("/council-settings").text
