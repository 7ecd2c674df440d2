from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from goldthread.core.audit import history_for
from goldthread.core.versioning import StaleVersion
from goldthread.council.models import Role
from goldthread.domain.periods import Period
from goldthread.enquiries import selectors, services
from goldthread.enquiries.models import Enquiry
from goldthread.performance.models import MeasureValue


@pytest.fixture
def member(make_user):
    return make_user(Role.MEMBER, "cllr-a")


@pytest.fixture
def officer(make_user):
    return make_user(Role.OFFICER, "officer-a")


def raise_one(council, member, raised_on=date(2024, 12, 20)):
    return services.enquiry_raise(
        council=council,
        member=member,
        ward="Linacre",
        subject="Fly-tipping",
        text="Bags on Knowsley Road",
        raised_on=raised_on,
    )


def test_raise_sets_a_due_date_in_working_days_over_christmas(council, member):
    enquiry = raise_one(council, member)
    # Friday 20 Dec 2024 + 10 working days, skipping 25, 26 Dec and 1 Jan: Wednesday 8 January 2025
    assert enquiry.due_on == date(2025, 1, 8)
    assert enquiry.reference == "ME-00001"
    assert history_for(enquiry).count() == 1


def test_only_members_raise(council, users):
    with pytest.raises(PermissionDenied):
        raise_one(council, users[Role.OFFICER])


def test_route_respond_close_with_history_and_versions(council, directorate, member, officer, users):
    enquiry = raise_one(council, member)
    services.enquiry_route(
        enquiry=enquiry, user=users[Role.PERFORMANCE], directorate=directorate, officer=officer, version=1
    )
    with pytest.raises(StaleVersion):
        services.enquiry_respond(enquiry=Enquiry.objects.get(), user=officer, response="Cleared", version=1)
    enquiry = Enquiry.objects.get()
    services.enquiry_respond(
        enquiry=enquiry, user=officer, response="Cleared", responded_on=date(2025, 1, 6), version=enquiry.version
    )
    services.enquiry_close(enquiry=enquiry, user=member, version=enquiry.version)
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.CLOSED and enquiry.answered_on_time
    changes = list(history_for(enquiry).order_by("at", "id"))
    assert len(changes) == 4
    assert changes[2].changes["status"] == ["open", "responded"]
    assert changes[2].user == officer


def test_another_officer_cannot_respond(council, directorate, member, officer, make_user, users):
    enquiry = raise_one(council, member)
    services.enquiry_route(
        enquiry=enquiry, user=users[Role.PERFORMANCE], directorate=directorate, officer=officer, version=1
    )
    stranger = make_user(Role.OFFICER, "officer-b")
    with pytest.raises(PermissionDenied):
        services.enquiry_respond(enquiry=enquiry, user=stranger, response="x", version=enquiry.version)


def test_timeliness_measure_is_computed_from_real_enquiries(council, directorate, member, officer, users):
    pt = users[Role.PERFORMANCE]
    # three enquiries due in 2024/25 Q4 (January to March 2025)
    made = [raise_one(council, member, raised_on=date(2025, 1, day)) for day in (6, 7, 8)]
    for enquiry in made:
        services.enquiry_route(enquiry=enquiry, user=pt, directorate=directorate, officer=officer, version=1)
    first, second, _third = (Enquiry.objects.get(pk=e.pk) for e in made)
    services.enquiry_respond(enquiry=first, user=officer, response="Done", responded_on=first.due_on, version=2)
    value = MeasureValue.objects.get(measure__reference=services.TIMELINESS_REFERENCE, period="2024-25 Q4")
    # the other two are past their due date (today is after March 2025) and unanswered: 1 of 3
    assert (value.numerator, value.denominator) == (1, 3)
    assert float(value.value) == pytest.approx(33.3)
    assert value.status == "draft"
    services.enquiry_respond(enquiry=second, user=officer, response="Done", responded_on=date(2025, 3, 31), version=2)
    value.refresh_from_db()
    assert (value.numerator, value.denominator) == (1, 3)  # answered, but late
    figures = selectors.timeliness(council, Period.financial_quarter(2024, 4))
    assert figures.on_time == 1 and figures.counted == 3
