"""Racing creates on PostgreSQL: real concurrent connections, released together by a barrier.

Several clients create the same value, risk review or budget line at the same moment through the
API. Exactly one wins (201); every other gets a clear conflict (409, or 428 for a value that is now
there to be corrected) and nothing escapes as a server error. SQLite takes one writer at a time, so
the race these tests provoke cannot happen there: they run on PostgreSQL (DATABASE_URL)."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date

import pytest
from django.db import connection, connections
from django.test import Client

from goldthread.core.tokens import create_token
from goldthread.finance.models import BudgetLine
from goldthread.performance.models import Measure, MeasureValue
from goldthread.risk import services as risk_services
from goldthread.risk.models import Category, Level, RiskReview

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a race between connections needs PostgreSQL"),
]

CLIENTS = 6


def _race(path: str, bodies: list[dict], token: str) -> Counter:
    """POST each body from its own thread (its own database connection), all released at once."""
    barrier = threading.Barrier(len(bodies))
    statuses: list[int] = []
    errors: list[BaseException] = []

    def one(body):
        client = Client(raise_request_exception=True)
        try:
            barrier.wait()
            response = client.post(path, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
            statuses.append(response.status_code)
            if response.status_code in (409, 428):
                assert response.json()["detail"]
        except BaseException as exc:  # an exception escaping the view is what a 500 would be
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one, args=(body,)) for body in bodies]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    return Counter(statuses)


@pytest.fixture
def token(users):
    return create_token(user=users["performance"])


@pytest.fixture
def measure(council, directorate):
    return Measure.objects.create(
        council=council, reference="CS-01", title="Racing measure", directorate=directorate, frequency="quarterly"
    )


@pytest.fixture
def risk(council, directorate):
    matrix = risk_services.matrix_create_default(user=None)
    category = Category.objects.create(council=council, code="financial", name="Financial", appetite=12)
    register = risk_services.register_for(council=council, level=Level.DIRECTORATE, directorate=directorate)
    scores = {f"{k}_{a}": 3 for k in ("inherent", "current", "target") for a in ("likelihood", "impact")}
    return risk_services.risk_create(
        register=register, user=None, title="Racing", category=category, matrix=matrix, **scores
    )


def test_racing_values(measure, token):
    bodies = [{"period": "2023-24 Q2", "value": str(10 + i)} for i in range(CLIENTS)]
    statuses = _race("/api/measures/CS-01/values", bodies, token)
    assert statuses[201] == 1 and statuses[201] + statuses[409] + statuses[428] == CLIENTS, statuses
    assert MeasureValue.objects.count() == 1


def test_racing_risk_reviews(risk, token):
    bodies = [
        {"date": "2023-12-31", "period": "2023-24 Q3", "likelihood": 2, "impact": 1 + i % 5} for i in range(CLIENTS)
    ]
    statuses = _race(f"/api/risks/{risk.reference}/reviews", bodies, token)
    assert statuses == Counter({201: 1, 409: CLIENTS - 1}), statuses
    assert RiskReview.objects.filter(risk=risk).count() == 1


def test_racing_budget_lines(directorate, token):
    bodies = [{"directorate": directorate.code, "period": "2023-06", "budget": str(1000 + i)} for i in range(CLIENTS)]
    statuses = _race("/api/finance/budget-lines", bodies, token)
    assert statuses == Counter({201: 1, 409: CLIENTS - 1}), statuses
    assert BudgetLine.objects.count() == 1


def test_the_service_turns_a_lost_race_into_a_conflict(risk, users):
    """The same race at the service level: the loser's INSERT waits for the winner's commit and is
    refused by the unique constraint, inside a savepoint, as ``AlreadyExists``."""
    from goldthread.core.versioning import AlreadyExists

    barrier = threading.Barrier(CLIENTS)
    outcomes: list[str] = []

    def one(i):
        try:
            barrier.wait()
            risk_services.review_record(
                risk=risk, user=users["editor"], date=date(2023, 12, 31), period="2023-24 Q3", likelihood=2, impact=2
            )
            outcomes.append("won")
        except AlreadyExists:
            outcomes.append("conflict")
        except BaseException as exc:  # pragma: no cover - what the test exists to catch
            outcomes.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict"] * (CLIENTS - 1) + ["won"], outcomes
