from datetime import date

import pytest

from goldthread.core.audit import history_for
from goldthread.core.versioning import AlreadyExists
from goldthread.improvement.models import Action
from goldthread.risk import services
from goldthread.risk.models import Band, Risk, RiskMovement, RiskReview


def test_references_count_per_level_and_are_never_reused(corporate, dir_register, service_register, make_risk):
    first = make_risk(corporate)
    assert first.reference == "CR-001"
    assert make_risk(dir_register).reference == "DR-001"
    assert make_risk(service_register).reference == "SR-001"
    first.delete()
    assert make_risk(corporate).reference == "CR-002"


def test_create_writes_history(corporate, make_risk):
    risk = make_risk(corporate, title="Low reserves")
    change = history_for(risk).get()
    assert change.action == "create"
    assert change.changes["title"] == [None, "Low reserves"]


def test_score_off_the_matrix_is_refused_and_nothing_saved(corporate, make_risk):
    with pytest.raises(services.RiskError, match="Current likelihood must be one of"):
        make_risk(corporate, current=(6, 1))
    assert not Risk.objects.exists()


def test_escalation_keeps_reason_date_and_history(dir_register, corporate, service_register, make_risk, users):
    risk = make_risk(dir_register)
    move = services.risk_move(
        risk=risk, to_register=corporate, user=users["performance"], reason="Corporate impact", on=date(2024, 1, 5)
    )
    assert move.direction == RiskMovement.Direction.ESCALATED
    assert move.date == date(2024, 1, 5) and move.reason == "Corporate impact"
    risk.refresh_from_db()
    assert risk.register == corporate and risk.reference == "DR-001"
    back = services.risk_move(risk=risk, to_register=service_register, user=None, reason="Service level again")
    assert back.direction == RiskMovement.Direction.DEESCALATED
    assert [c.reason for c in history_for(risk)][:2] == [
        "De-escalated: Service level again",
        "Escalated: Corporate impact",
    ]


def test_move_needs_reason_and_a_different_register(corporate, make_risk):
    risk = make_risk(corporate)
    with pytest.raises(services.RiskError, match="already on"):
        services.risk_move(risk=risk, to_register=corporate, user=None, reason="x")


def test_review_updates_current_score_and_next_review(corporate, make_risk):
    risk = make_risk(corporate, current=(3, 4))
    services.review_record(risk=risk, user=None, date=date(2023, 12, 31), period="2023-24 q3", likelihood=4, impact=5)
    risk.refresh_from_db()
    assert (risk.current_likelihood, risk.current_impact) == (4, 5)
    assert risk.next_review == date(2024, 3, 31)
    review = RiskReview.objects.get()
    assert review.period == "2023-24 Q3" and review.status == "approved" and review.band.name == "very high"
    with pytest.raises(AlreadyExists, match="already has a review for 2023-24 Q3"):
        services.review_record(risk=risk, user=None, date=date(2024, 1, 2), period="2023-24 Q3", likelihood=1, impact=1)


def test_review_with_bad_period_is_refused(corporate, make_risk):
    risk = make_risk(corporate)
    with pytest.raises(services.RiskError, match="Period"):
        services.review_record(risk=risk, user=None, date=date(2024, 1, 2), period="Q9", likelihood=1, impact=1)
    assert not RiskReview.objects.exists()


def test_close_and_reopen_need_reasons(corporate, make_risk):
    risk = make_risk(corporate)
    with pytest.raises(services.RiskError, match="why"):
        services.risk_close(risk=risk, user=None, reason=" ")
    services.risk_close(risk=risk, user=None, reason="Mitigated", on=date(2024, 2, 1))
    assert risk.status == "closed" and risk.closed_on == date(2024, 2, 1)
    with pytest.raises(services.RiskError, match="closed"):
        services.review_record(risk=risk, user=None, date=date(2024, 3, 1), period="2023-24 Q4", likelihood=1, impact=1)
    services.risk_reopen(risk=risk, user=None, reason="Back again")
    assert risk.status == "open" and risk.closed_on is None


def test_matrix_in_use_cannot_change_but_a_new_version_can(corporate, make_risk, matrix):
    band = matrix.bands.get(name="low")
    make_risk(corporate)
    with pytest.raises(services.RiskError, match="create a new version"):
        services.matrix_update_band(band=band, user=None, name="low", label="Low", min_score=1, max_score=3)
    copy = services.matrix_new_version(matrix=matrix, user=None)
    assert copy.version == 2 and copy.levels.count() == 10 and not copy.in_use
    low = copy.bands.get(name="low")
    with pytest.raises(services.RiskError, match="Score 4 is in no band"):
        services.matrix_update_band(band=low, user=None, name="low", label="Low", min_score=1, max_score=3)
    assert Band.objects.get(pk=low.pk).max_score == 4  # rolled back
    services.matrix_update_band(
        band=copy.bands.get(name="medium"), user=None, name="medium", label="Medium risk", min_score=5, max_score=9
    )


def test_new_mitigating_action_is_an_improvement_action(dir_register, make_risk, directorate):
    risk = make_risk(dir_register)
    action = services.risk_add_action(risk=risk, user=None, description="Open the social care academy")
    assert Action.objects.get() == action
    assert action.directorate == directorate
    assert list(risk.actions.all()) == [action]
    assert history_for(risk).first().changes["actions"] == ["", action.reference]


def test_assurance_source_needs_exactly_one_subject(council):
    with pytest.raises(services.RiskError, match="either"):
        services.assurance_source_add(
            council=council, user=None, line=3, provider="Ofsted", title="Visit", date=date(2023, 8, 1)
        )
