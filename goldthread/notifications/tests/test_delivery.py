"""Sending: at once, by digest, not at all; a failed send waits for the next run. Through real SMTP on loopback."""

import socket
from datetime import date

from goldthread.domain.reminders import Kind
from goldthread.notifications.delivery import notify, send_waiting
from goldthread.notifications.models import Notification, Preference


def reminder(user, key="action:A1"):
    return notify(
        recipient=user,
        kind=Kind.ACTION_DUE,
        subject_key=key,
        due=date(2023, 10, 20),
        subject="Due: action A1",
        body="Action A1 is due on 20 October 2023.",
        link="/improvement/actions/A1/progress/",
    )


def test_each_persons_choice_decides_the_email(make_user, smtp_server, django_capture_on_commit_callbacks):
    at_once = make_user("officer", username="quick", email="quick@example.org")
    in_app = make_user("officer", username="quiet", email="quiet@example.org")
    Preference.objects.create(user=at_once, kind="action_due", delivery="at_once")
    Preference.objects.create(user=in_app, kind="action_due", delivery="app_only")
    with django_capture_on_commit_callbacks(execute=True):
        reminder(at_once)
        reminder(in_app)
    assert [rcpt for rcpt, _m in smtp_server.delivered()] == [["quick@example.org"]]
    msg = smtp_server.delivered()[0][1]
    assert "https://goldthread.test/improvement/actions/A1/progress/" in smtp_server.text(msg)
    assert reminder(at_once) is None  # the same reminder is never made twice
    send_waiting(day=date(2023, 10, 15))
    assert len(smtp_server.delivered()) == 1
    assert Notification.objects.get(recipient=in_app).emailed_at is None


def test_a_failed_send_waits_for_the_next_run(make_user, smtp_server, settings):
    person = make_user("officer", username="later", email="later@example.org")
    reminder(person)
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        settings.EMAIL_PORT = closed.getsockname()[1]
    assert send_waiting(day=date(2023, 10, 15)) == []
    assert Notification.objects.get(recipient=person).emailed_at is None
    settings.EMAIL_PORT = smtp_server.port
    assert send_waiting(day=date(2023, 10, 16)) == [("later@example.org", "Digest of 1 notification(s)")]
    assert Notification.objects.get(recipient=person).emailed_at is not None
