from datetime import date

import pytest

from goldthread.governance import services
from goldthread.governance.models import Policy


@pytest.fixture
def policy(council, users, priority):
    return services.policy_create(
        council=council,
        user=users["performance"],
        title="ICT strategy 2021-2023",
        kind=Policy.Kind.STRATEGY,
        owner=users["officer"],
        owner_title="Chief Technology Officer",
        period_start=date(2021, 1, 1),
        period_end=date(2023, 12, 31),
        review_date=date(2023, 12, 31),
        priorities=[priority],
    )
