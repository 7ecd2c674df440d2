"""Complaints and Ombudsman figures become measures on the scorecard by themselves."""

from __future__ import annotations

import pytest

from goldthread.core.audit import history_for
from goldthread.council.models import Role
from goldthread.enquiries import services
from goldthread.performance.models import Measure, MeasureValue


def value(reference: str, period: str) -> MeasureValue:
    return MeasureValue.objects.get(measure__reference=reference, period=period)


@pytest.fixture
def team(users):
    return users[Role.PERFORMANCE]


def test_complaints_by_stage_and_outcome_become_quarterly_measures(council, directorate, team):
    save = services.complaint_count_save
    save(council=council, user=team, period="2024-25 Q1", stage=1, outcome="upheld", count=6)
    save(council=council, user=team, period="2024-25 Q1", stage=1, outcome="partly", count=3)
    save(council=council, user=team, period="2024-25 Q1", stage=1, outcome="not_upheld", count=11)
    assert value("COMPLAINTS-S1-CLOSED", "2024-25 Q1").value == 20
    rate = value("COMPLAINTS-S1-UPHELD", "2024-25 Q1")
    assert (rate.value, rate.numerator, rate.denominator, rate.status) == (45, 9, 20, "draft")
    assert not MeasureValue.objects.filter(measure__reference__startswith="COMPLAINTS-S2").exists()
    # a correction follows at once
    current = services.ComplaintCount.objects.get(period="2024-25 Q1", stage=1, outcome="not_upheld")
    save(
        council=council, user=team, period="2024-25 Q1", stage=1, outcome="not_upheld", count=1, version=current.version
    )
    assert value("COMPLAINTS-S1-CLOSED", "2024-25 Q1").value == 10
    assert value("COMPLAINTS-S1-UPHELD", "2024-25 Q1").value == 90
    measure = Measure.objects.get(reference="COMPLAINTS-S1-UPHELD")
    assert measure.frequency == "quarterly" and measure.polarity == "lower" and measure.directorate == directorate


def test_a_years_ombudsman_decisions_become_annual_measures(council, directorate, team):
    services.ombudsman_decisions_save(council=council, user=team, span="2023/24", referrals=40, upheld=10)
    assert value("LGSCO-DECIDED", "2023-24").value == 40
    assert value("LGSCO-UPHELD", "2023-24").value == 10
    assert value("LGSCO-UPHELD-RATE", "2023-24").value == 25
    services.ombudsman_decisions_save(council=council, user=team, span="2023/24", referrals=40, upheld=12)
    assert value("LGSCO-UPHELD", "2023-24").value == 12
    assert value("LGSCO-UPHELD-RATE", "2023-24").value == 30


def test_a_span_that_is_not_one_year_stays_off_the_annual_measures(council, directorate, team):
    services.ombudsman_decisions_save(
        council=council, user=team, span="The five years to 2023 (total)", referrals=165, upheld=45
    )
    assert not Measure.objects.filter(reference__startswith="LGSCO-").exists()


def test_saving_the_same_ombudsman_figures_again_writes_no_history(council, directorate, team):
    saved = services.ombudsman_decisions_save(council=council, user=team, span="2022-23", referrals=9, upheld=1)
    services.ombudsman_decisions_save(council=council, user=team, span="2022-23", referrals=9, upheld=1)
    assert history_for(saved).count() == 1
