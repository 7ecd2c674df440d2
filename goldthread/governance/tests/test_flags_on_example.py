"""Flags from the example council's real data: red measures without an action and risks above appetite."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from goldthread.council.models import User
from goldthread.governance import best_value
from goldthread.improvement import services as improvement
from goldthread.improvement.models import Review
from goldthread.performance.models import Measure


@pytest.fixture
def example(db):
    call_command("load_example", skip_benchmarks=True, stdout=io.StringIO())
    return User.objects.create_user(username="pat", password="a-long-test-password", role="performance")


def test_red_measure_flag_goes_when_an_action_answers_it(example):
    user = example
    council = Review.objects.first().council
    flags = best_value.live_flags(council, user, timezone.localdate())
    reds = [f for f in flags if f.key.startswith("red-measure:")]
    assert reds, "the example council has red measures with no action"
    assert any(f.key.startswith("risk:") for f in flags), "the example council has risks above appetite"
    reference = reds[0].key.split(":", 1)[1]
    review = Review.objects.get(reference="cpc-2023")
    recommendation = improvement.recommendation_create(review=review, user=user, number="99", title="Recover it")
    recommendation.measures.add(Measure.objects.get(council=council, reference=reference))
    improvement.action_create(description="Recovery plan", user=user, recommendation=recommendation)
    keys = {f.key for f in best_value.live_flags(council, user, timezone.localdate())}
    assert f"red-measure:{reference}" not in keys
