from datetime import date

import pytest

from goldthread.improvement import services
from goldthread.improvement.models import Review


@pytest.fixture
def review(council, users):
    return services.review_create(
        council=council,
        user=users["performance"],
        reference="cpc-2023",
        title="Corporate Peer Challenge 2023",
        review_type=Review.Type.CPC,
        reviewing_body="LGA",
        recommendation_prefix="CPC23",
        onsite_start=date(2023, 11, 21),
        onsite_end=date(2023, 11, 24),
        feedback_session=date(2023, 11, 24),
    )


@pytest.fixture
def recommendation(review, users):
    return services.recommendation_create(
        review=review, user=users["performance"], number="8", title="Review the performance framework"
    )


@pytest.fixture
def action(recommendation, users, directorate):
    return services.action_create(
        description="Add benchmarking to the quarterly report",
        user=users["performance"],
        recommendation=recommendation,
        directorate=directorate,
        lead=users["officer"],
        start_date=date(2024, 1, 1),
        due_date=date(2024, 3, 31),
    )
