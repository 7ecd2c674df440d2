"""A report on a past quarter answers as at the end of that quarter: a pack for 2023-24 Q2 built today is
the pack built on the day the quarter closed, whatever was entered since; the risk summary for Q2 is what
the reviews approved for Q2 say."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from goldthread.council.models import Council, Role, User
from goldthread.domain.periods import parse_period
from goldthread.finance.models import BudgetLine, LineStatus
from goldthread.improvement import services as improvement
from goldthread.improvement.models import Action, DeadlineMet, DeadlineRule, Review
from goldthread.people.models import Employee, Forum, SurveyWave
from goldthread.performance.models import Frequency, Measure, MeasureValue, Status
from goldthread.reports.models import ReportType
from goldthread.reports.pack import ReportContext, build_report
from goldthread.risk import selectors as risk_selectors
from goldthread.risk.models import Control, Level, Risk, RiskReview

PERIOD = "2023-24 Q2"
CLOSED = date(2023, 9, 30)


@pytest.fixture(scope="module")
def example(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_example", skip_benchmarks=True, stdout=io.StringIO())
            yield Council.objects.get()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def team(example, db):
    return User.objects.create_user(username="as-at-performance", role=Role.PERFORMANCE)


def _appendices(council, user, kind=ReportType.QUARTERLY, *, built_on):
    """The pack as structured data: every block after the front sheet and body (the appendices)."""
    ctx = ReportContext(council=council, period=PERIOD, audience="cabinet", user=user, as_of=built_on)
    doc = build_report(kind, ctx)
    first = next(i for i, b in enumerate(doc.blocks) if type(b).__name__ == "PageBreak")
    return doc.blocks[first:]


def _approved_q2_reviews(council) -> dict[str, RiskReview]:
    """The approved review of each open corporate risk for Q2, or else its latest approved one before."""
    end = parse_period(PERIOD).end
    found = {}
    for risk in Risk.objects.filter(register__council=council, register__level=Level.CORPORATE):
        reviews = [
            r for r in risk.reviews.filter(status=RiskReview.Status.APPROVED) if parse_period(r.period).end <= end
        ]
        if reviews:
            found[risk.reference] = max(reviews, key=lambda r: parse_period(r.period).end)
    return found


def test_risk_summary_for_q2_is_what_the_approved_q2_reviews_say(example):
    reviews = _approved_q2_reviews(example)
    assert reviews and all(r.period == PERIOD for r in reviews.values())
    bands = {}
    for review in reviews.values():
        bands[review.band.name] = bands.get(review.band.name, 0) + 1
    above = sorted(
        ref for ref, r in reviews.items() if r.risk.category.appetite is not None and r.score > r.risk.category.appetite
    )
    summary = risk_selectors.risk_summary(example, PERIOD)
    assert {b.name: b.count for b in summary.bands if b.count} == bands
    assert (summary.band_count("high"), summary.band_count("very high")) == (1, 5)  # the example's Q2 reviews
    assert sorted(r.reference for r in summary.above_appetite) == above
    assert summary.as_at == CLOSED
    cells = {ref: (c.likelihood, c.impact) for c in summary.heat_map for ref in c.references}
    assert cells == {ref: (r.likelihood, r.impact) for ref, r in reviews.items()}


def test_the_api_risk_summary_for_q2_agrees(example, client, team):
    client.force_login(team)
    body = client.get("/api/risk/summary", {"period": PERIOD}).json()
    assert (body["bands"]["high"], body["bands"]["very high"]) == (1, 5)


def _later_data_of_every_kind(council, user):
    """Everything a council enters after 30 September 2023."""
    # A Q3 value, a later year's value and a corrected later figure for quarterly and annual measures.
    for measure in Measure.objects.filter(council=council, is_active=True):
        label = "2023-24 Q3" if measure.frequency == Frequency.QUARTERLY else "2024-25"
        if measure.frequency not in (Frequency.QUARTERLY, Frequency.ANNUAL):
            continue
        value = MeasureValue.objects.filter(measure=measure, period=label).first() or MeasureValue(measure=measure)
        value.set_period(measure.parse_period(label))
        value.value, value.status = Decimal("1"), Status.APPROVED
        value.save()
    # A later approved risk review that changes the current scores.
    for risk in Risk.objects.filter(register__council=council, register__level=Level.CORPORATE):
        RiskReview.objects.update_or_create(
            risk=risk,
            period="2024-25 Q1",
            defaults={
                "date": date(2024, 6, 30),
                "matrix": risk.matrix,
                "likelihood": 1,
                "impact": 1,
                "status": RiskReview.Status.APPROVED,
            },
        )
        Risk.objects.filter(pk=risk.pk).update(current_likelihood=1, current_impact=1, next_review=date(2024, 9, 30))
    # A savings plan revised after Q2 (its planned and delivered sums and its RAG).
    from goldthread.finance import services as finance_services
    from goldthread.finance.models import SavingsPlan

    plan = SavingsPlan.objects.filter(council=council, financial_year="2023-24", status="approved").first()
    assert plan is not None
    finance_services.savings_plan_save(
        council=council, user=user, directorate=plan.directorate, financial_year=plan.financial_year,
        description=plan.description, planned=Decimal("1"), delivered=Decimal("0"), rag="red",
        rag_reason="Revised later", plan=plan, reason="Revised after the quarter", version=plan.version,
    )  # fmt: skip
    # A risk raised after Q2, a risk closed after Q2 and a control changed after Q2.
    corporate = Risk.objects.filter(register__council=council, register__level=Level.CORPORATE).order_by("pk")
    first, last = corporate.first(), corporate.last()
    new = Risk.objects.get(pk=first.pk)
    new.pk, new.id, new.reference, new.created_on, new.version = None, None, "CR-NEW-2024", date(2024, 5, 1), 1
    new._state.adding = True
    new.save()
    Risk.objects.filter(pk=last.pk).update(status=Risk.Status.CLOSED, closed_on=date(2024, 2, 1))
    Control.objects.filter(risk__register__council=council).update(description="Changed in 2024")
    # A progress update dated after Q2 that completes an action; an agreed revised due date; a deadline met.
    overdue = Action.objects.filter(due_date__lt=CLOSED).exclude(status=Action.Status.COMPLETE).first()
    assert overdue is not None
    improvement.action_add_progress(
        action=overdue, user=user, text="Done at last", on=date(2023, 12, 1), status=Action.Status.COMPLETE
    )
    other = Action.objects.filter(due_date__isnull=False).exclude(pk=overdue.pk).first()
    improvement.action_revise_due_date(
        action=other,
        user=user,
        revised_due_date=date(2026, 3, 31),
        agreed_by="Cabinet",
        agreed_on=date(2024, 2, 1),
        reason="Later",
    )
    old_review = Review.objects.filter(council=council, onsite_start__lte=CLOSED).first()
    for review in Review.objects.filter(council=council):
        for rule in DeadlineRule.objects.filter(review_type=review.review_type):
            DeadlineMet.objects.get_or_create(review=review, rule=rule, defaults={"met_on": date(2024, 1, 15)})
    # A new action on an old review and a new review with its own action.
    improvement.action_create(
        description="A new action agreed in 2024",
        user=user,
        recommendation=old_review.recommendations.first(),
        due_date=date(2024, 2, 1),
    )
    new = improvement.review_create(
        council=council,
        user=user,
        reference="audit-2024",
        title="Internal audit 2024",
        review_type=Review.Type.INTERNAL_AUDIT,
        onsite_start=date(2024, 1, 10),
        onsite_end=date(2024, 1, 12),
    )
    rec = improvement.recommendation_create(review=new, user=user, number="1", title="Tighten controls")
    improvement.action_create(
        description="Tighten the controls", user=user, recommendation=rec, due_date=date(2024, 1, 31)
    )
    # A later budget line.
    line = BudgetLine.objects.filter(council=council, status=LineStatus.APPROVED).order_by("-period_end").first()
    if line is not None:
        later = BudgetLine(
            council=council,
            directorate=line.directorate,
            service=line.service,
            financial_year="2023-24",
            budget=line.budget,
            forecast_outturn=line.budget * 2,
            status=LineStatus.APPROVED,
        )
        later.set_period(parse_period("2023-24 Q3"))
        later.save()
    # Later people data: a new starter, a forum stood down, a survey wave in the field.
    someone = Employee.objects.filter(council=council).first()
    if someone is not None:
        Employee.objects.create(
            council=council,
            employee_number="LATER-1",
            name="A later starter",
            directorate=someone.directorate,
            start_date=date(2024, 1, 8),
        )
    Forum.objects.filter(council=council, state=Forum.State.ACTIVE).update(
        state=Forum.State.STOOD_DOWN, state_changed_on=date(2024, 3, 1)
    )
    for wave in SurveyWave.objects.filter(survey__council=council):
        SurveyWave.objects.create(
            survey=wave.survey, label="Later wave", fieldwork_start=date(2025, 1, 1), fieldwork_end=date(2025, 2, 1)
        )
        break


@pytest.mark.parametrize("kind", [ReportType.QUARTERLY, ReportType.ACTION_PLAN, ReportType.AUDIT_RISK])
def test_a_past_quarter_built_today_is_the_pack_built_when_it_closed(example, team, kind):
    on_the_day = _appendices(example, team, kind, built_on=CLOSED)
    assert _appendices(example, team, kind, built_on=timezone.localdate()) == on_the_day
    _later_data_of_every_kind(example, team)
    assert _appendices(example, team, kind, built_on=timezone.localdate()) == on_the_day


def test_the_q2_pack_says_as_at_and_counts_overdue_against_the_quarter_end(example, team):
    blocks = _appendices(example, team, built_on=timezone.localdate())
    captions = [getattr(b, "caption", "") for b in blocks]
    words = " ".join(getattr(b, "text", "") for b in blocks)
    assert (
        "Actions overdue as at 30 September 2023" in captions
        or "Actions overdue as at 30 September 2023: none." in words
    )
    assert "as at 30 September 2023" in words
    days = [
        int(cell.split("(")[1].split(" ")[0])
        for b in blocks
        if getattr(b, "caption", "").startswith("Actions overdue as at")
        for row in b.rows
        for cell in row
        if isinstance(cell, str) and "days overdue" in cell
    ]
    assert days and max(days) < (CLOSED - date(2022, 1, 1)).days  # counted to 30 September 2023, not today


def test_the_q2_scorecard_does_not_show_the_annual_2023_24_value(example, team):
    blocks = _appendices(example, team, built_on=timezone.localdate())
    cells = [c for b in blocks if type(b).__name__ == "Table" for row in b.rows for c in row if isinstance(c, str)]
    assert not any(c.endswith("(2023-24)") for c in cells)
    assert any(c.endswith("(2022-23)") for c in cells)


def test_public_page_scorecard_api_and_pack_agree_for_every_example_measure(example, client, db):
    """One rule for RAG and direction of travel: every output gives the same words for the same figure."""
    from goldthread.domain.periods import Granularity, Period, YearType
    from goldthread.performance.selectors import scorecard
    from goldthread.reports.public import public_figures

    member = User.objects.create_user(username="as-at-member", role=Role.MEMBER)
    client.force_login(member)
    measures = {m.reference: m for m in Measure.objects.filter(council=example)}
    by_period: dict[str, list] = {}
    for figure in public_figures(example):
        view = measures[figure.reference].parse_period(figure.period)
        if view.year_type is YearType.FINANCIAL and view.granularity is not Granularity.MONTH:
            by_period.setdefault(view.label, []).append(figure)
        elif view.granularity is Granularity.YEAR:  # a calendar or academic year: the quarter it ended in
            quarter = Period.containing(view.end, Granularity.QUARTER, YearType.FINANCIAL)
            by_period.setdefault(quarter.label, []).append(figure)
    compared = set()
    for label, figures in by_period.items():
        view = parse_period(label)
        card = {r.measure.reference: r for r in scorecard(user=member, period=view, council=example).rows}
        api = {
            m["reference"]: m
            for g in client.get("/api/scorecard", {"period": label}).json()["groups"]
            for m in g["measures"]
        }
        ctx = ReportContext(council=example, period=label, audience="cabinet", user=member, as_of=timezone.localdate())
        pack = {
            row[0]: row
            for block in build_report(ReportType.QUARTERLY, ctx).blocks
            if type(block).__name__ == "Table" and block.headers[:5] == ["Ref", "Measure", "Value", "Target", "RAG"]
            for row in block.rows
        }
        for f in figures:
            row = card[f.reference]
            assert (f.status, f.direction, f.direction_last_year) == (
                row.rag_label,
                row.since_previous.words,
                row.since_last_year.words,
            ), f.reference
            assert (api[f.reference]["rag_words"], api[f.reference]["since_previous"]) == (
                row.rag.words,
                row.since_previous.value,
            ), f.reference
            assert pack[f.reference][4] == f.status, f.reference
            assert f"{row.previous_label}: {f.direction}." in pack[f.reference][5], f.reference
            compared.add(f.reference)
    assert {"ASC-01", "CYP-01"} <= compared
    assert len(compared) >= 10
