"""The reminder run on the example council, delivered through a real SMTP server on loopback."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from goldthread.council.models import Directorate, User
from goldthread.finance import services as finance
from goldthread.notifications.models import DigestSent, Notification, Preference
from goldthread.performance import services as performance
from goldthread.performance.models import Measure
from goldthread.risk import services as risk_services
from goldthread.risk.models import Level, Risk


@pytest.fixture
def example(db):
    # The example's quarterly measure (CYP-02, Children's) has no Q2 value: that is the return chased.
    call_command("load_example", skip_benchmarks=True, stdout=io.StringIO())


def run(*args) -> str:
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_the_editor_is_told_q2_values_are_due_and_nothing_twice(example, smtp_server):
    run("--date", "2023-10-15")
    to_editor = [m for rcpt, m in smtp_server.delivered() if rcpt == ["editor@example.invalid"]]
    assert len(to_editor) == 1  # one digest, however many reminders
    text = smtp_server.text(to_editor[0])
    assert (
        "The return of Children's Social Care and Education's values for 2023-24 Q2 is due on 20 October 2023" in text
    )
    assert "https://goldthread.test/performance/measures/?directorate=childrens" in text
    assert 'href="https://goldthread.test/performance/measures/?directorate=childrens"' in smtp_server.html(
        to_editor[0]
    )
    editor = User.objects.get(username="editor")
    note = Notification.objects.get(recipient=editor, subject_key="values:childrens:2023-24 Q2")
    assert note.kind == "values_due" and note.due == date(2023, 10, 20) and note.emailed_at is not None

    delivered, stored = len(smtp_server.delivered()), Notification.objects.count()
    output = run("--date", "2023-10-15")
    assert len(smtp_server.delivered()) == delivered
    assert Notification.objects.count() == stored
    assert "Made 0 notification(s)" in output


def test_a_dry_run_prints_and_changes_nothing(example, smtp_server):
    output = run("--date", "2023-10-15", "--dry-run")
    assert "Eddie Editor: Due: the return of Children's Social Care and Education's values for 2023-24 Q2" in output
    assert "editor@example.invalid" in output
    assert Notification.objects.count() == 0 and DigestSent.objects.count() == 0
    assert smtp_server.delivered() == []


def test_a_submitted_value_is_emailed_to_the_performance_team_at_once(
    example, smtp_server, django_capture_on_commit_callbacks
):
    performance_user, editor = User.objects.get(username="performance"), User.objects.get(username="editor")
    Preference.objects.create(user=performance_user, kind="value_submitted", delivery="at_once")
    measure = Measure.objects.get(reference="CYP-02")
    value = performance.value_record(measure=measure, period="2023-24 Q2", value="80", user=editor)
    with django_capture_on_commit_callbacks(execute=True):
        performance.value_submit(measure_value=value, user=editor)
    (rcpt, msg), *_ = [d for d in smtp_server.delivered() if d[0] == ["performance@example.invalid"]]
    assert msg["Subject"] == "Goldthread: Awaiting approval: the 2023-24 Q2 value of CYP-02 " + measure.title
    assert "80" not in smtp_server.text(msg)  # no figures in email
    assert "https://goldthread.test/performance/measures/CYP-02/" in smtp_server.text(msg)

    # Returned: the editor who entered it is told why (in the digest, their default).
    performance.value_return(measure_value=value, user=performance_user, reason="Check the denominator")
    note = Notification.objects.get(recipient=editor, kind="value_returned")
    assert "Check the denominator" in note.body and note.delivery == "digest"


def test_the_digest_goes_once_a_day(example, smtp_server):
    run("--date", "2023-10-15")
    editor = User.objects.get(username="editor")
    assert DigestSent.objects.filter(user=editor, day=date(2023, 10, 15)).count() == 1
    # Something new later the same day waits for tomorrow's digest.
    Notification.objects.create(
        recipient=editor, kind="action_due", subject_key="action:X", due=date(2023, 10, 16), subject="s", body="b",
        link="/",
    )  # fmt: skip
    before = len(smtp_server.delivered())
    run("--date", "2023-10-15")
    assert len(smtp_server.delivered()) == before
    run("--date", "2023-10-16")
    assert len(smtp_server.delivered()) == before + 1


def test_the_director_is_copied_once_values_are_long_overdue(example, smtp_server):
    childrens = Directorate.objects.get(code="childrens")
    director = User.objects.create_user(
        username="director", email="director@example.invalid", directorate=childrens, job_title=childrens.director
    )
    run("--date", "2023-10-25")  # five days overdue: the editor only
    assert not Notification.objects.filter(recipient=director).exists()
    run("--date", "2023-11-03")  # fourteen days overdue (the example's setting): the director is copied
    copy = Notification.objects.get(recipient=director, subject_key="values:childrens:2023-24 Q2")
    assert copy.copied_as_director and copy.kind == "values_overdue"
    assert "copied as director" in copy.body


def test_a_bad_date_is_refused_clearly(db):
    with pytest.raises(CommandError, match="'2023-13-01' is not a date in the form YYYY-MM-DD"):
        run("--date", "2023-13-01")


def test_actions_and_review_deadlines_reach_their_people(example, smtp_server):
    run("--date", "2024-04-20")
    kinds = set(Notification.objects.values_list("recipient__username", "kind"))
    assert ("officer", "action_overdue") in kinds  # the action's lead
    assert ("performance", "review_deadline_overdue") in kinds  # the performance team
    assert ("performance", "review_deadline_due") in kinds
    assert ("editor", "budget_due") in kinds  # the directorate's editor
    action = Notification.objects.filter(recipient__username="officer", kind="action_overdue").first()
    assert action.link.startswith("/improvement/actions/") and action.link.endswith("/progress/")


def test_risk_reviews_and_budget_lines_announce_submit_and_return(example):
    team, editor = User.objects.get(username="performance"), User.objects.get(username="editor")
    corporate = Risk.objects.get(reference="CR-003")
    # A risk on the editor's own directorate's register: corporate risks are the performance team's.
    register = risk_services.register_for(
        council=corporate.register.council, level=Level.DIRECTORATE, directorate=editor.directorate
    )
    risk = risk_services.risk_create(
        register=register,
        user=editor,
        title="Placements",
        category=corporate.category,
        **{
            f"{k}_{a}": getattr(corporate, f"{k}_{a}")
            for k in ("inherent", "current", "target")
            for a in ("likelihood", "impact")
        },
    )
    review = risk_services.review_record(
        risk=risk, user=editor, date=date(2024, 4, 20), period="2024-25 Q1", likelihood=3, impact=3
    )
    submitted = Notification.objects.get(recipient=team, kind="value_submitted", subject_key__startswith="riskreview:")
    assert (
        submitted.link == risk.get_absolute_url() and f"2024-25 Q1 review of risk {risk.reference}" in submitted.subject
    )
    risk_services.review_return(review=review, user=team, reason="Say what changed")
    returned = Notification.objects.get(recipient=editor, kind="value_returned")
    assert returned.body.endswith("The reason given: Say what changed")

    line = finance.budget_line_save(
        council=risk.register.council,
        user=editor,
        directorate=Directorate.objects.get(code="childrens"),
        period_text="2024-04",
        budget="1000",
        forecast_outturn="1100",
    )
    finance.submit(obj=line, user=editor)
    assert Notification.objects.filter(
        recipient=team, subject_key__startswith=f"budget:{line.pk}:submitted:", kind="value_submitted"
    )
    finance.return_for_changes(obj=line, user=team, reason="Split by service")
    assert Notification.objects.filter(recipient=editor, kind="value_returned", body__contains="Split by service")
    assert not Notification.objects.filter(body__contains="1100")  # no figures in notifications
