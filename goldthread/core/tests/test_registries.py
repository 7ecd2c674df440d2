"""The registries that let lower apps reach higher ones without importing them: events, the job
queue and the period sign-off's participants are filled by the installed apps' ready()."""

from __future__ import annotations

import pytest

from goldthread.core import events, jobs_queue
from goldthread.notifications import events as notification_events
from goldthread.performance import signoff


def test_notifications_subscribe_to_submissions_and_returns_once():
    assert events.subscribers(events.SUBMITTED).count(notification_events.submitted) == 1
    assert events.subscribers(events.RETURNED).count(notification_events.returned) == 1
    # A second ready() (as the test runner can cause) adds no second message.
    events.subscribe(events.SUBMITTED, notification_events.submitted)
    assert events.subscribers(events.SUBMITTED).count(notification_events.submitted) == 1


def test_publish_passes_the_payload_to_each_subscriber_in_order():
    heard: list[tuple[str, object]] = []
    name = "test.registries.example"
    events.subscribe(name, lambda **p: heard.append(("first", p["obj"])))
    events.subscribe(name, lambda **p: heard.append(("second", p["obj"])))
    events.publish(name, obj=7)
    assert heard == [("first", 7), ("second", 7)]
    events.publish("test.registries.nobody", obj=1)  # no subscriber: nothing happens, no error


@pytest.mark.django_db
def test_a_page_queues_a_job_through_the_jobs_app(users):
    ask = jobs_queue.values_upload_request(content=b"reference,period,value\n", filename="values.csv")
    job = jobs_queue.job_request(user=users["performance"], request=ask)
    # The jobs app's own service made it: a Job row, queued for the worker, with its page.
    assert (job.kind, job.state, job.requested_by) == ("values-upload", "queued", users["performance"])
    assert job.get_absolute_url().startswith("/jobs/")


def test_the_sign_off_page_lists_values_then_risk_reviews_then_budget_lines():
    assert [p.kind for p in signoff.participants()] == ["value", "review", "budget"]
    assert signoff.parse_key("review:3:1") == ("review", 3, 1)
    assert signoff.parse_key("unknown:3:1") is None


def test_a_second_participant_under_a_taken_kind_is_refused():
    review = next(p for p in signoff.participants() if p.kind == "review")
    assert signoff.register(review) is review  # the same again is harmless
    with pytest.raises(ValueError, match="review"):
        signoff.register(signoff.Participant(kind="review", order=99, rows=review.rows, load=review.load,
                                             apply=review.apply))  # fmt: skip
