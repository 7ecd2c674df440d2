"""The people API keeps the pages' permissions: aggregates for everyone, records for a few."""

import pytest

from goldthread.council.models import Role
from goldthread.people.models import Appraisal

from .helpers import cycle, employee


@pytest.fixture
def data(council, directorate):
    c = cycle(council)
    person = employee(council, directorate, "0001")
    return {"cycle": c, "appraisal": Appraisal.objects.create(cycle=c, employee=person)}


@pytest.mark.parametrize("role", Role.values)
def test_aggregates_for_every_role(client_for, data, role):
    client = client_for(role)
    completion = client.get("/api/people/appraisal-cycles/msmw-2023/completion")
    assert completion.status_code == 200
    assert completion.json()["overall"] == {
        "group": "all",
        "suppressed": False,
        "numerator": 0,
        "denominator": 1,
        "percent": "0.0",
    }
    assert client.get("/api/people/summary").status_code == 200
    assert client.get("/api/people/forums/review").status_code == 200
    assert client.get("/api/people/surveys").status_code == 200


@pytest.mark.parametrize("role", Role.values)
def test_individual_records_only_for_hr_and_performance(client_for, data, role):
    client = client_for(role)
    expected = 200 if role in {Role.HR, Role.PERFORMANCE} else 403
    assert client.get("/api/people/staff").status_code == expected
    assert client.get("/api/people/staff/0001").status_code == expected
    assert client.get("/api/people/appraisals").status_code == expected
    assert client.get(f"/api/people/appraisals/{data['appraisal'].pk}").status_code == expected


def test_staff_see_their_own_appraisal_through_the_api(client, data, make_user):
    me = make_user(Role.OFFICER, username="me")
    person = data["appraisal"].employee
    person.user = me
    person.save()
    client.force_login(me)
    body = client.get("/api/people/appraisals").json()
    assert [a["employee_number"] for a in body] == ["0001"]


def test_token_auth_is_needed(client, data):
    assert client.get("/api/people/summary").status_code == 401
