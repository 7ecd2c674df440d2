"""Measures, values and targets for the performance tests."""

from decimal import Decimal

import pytest

from goldthread.council.models import Priority
from goldthread.domain.periods import parse_period
from goldthread.performance.models import Measure, MeasureValue, Status, Target


@pytest.fixture
def second_priority(council):
    return Priority.objects.create(council=council, code="cleaner-greener", title="Cleaner and greener", order=8)


@pytest.fixture
def make_measure(council, directorate):
    def make(reference="CS-01", **fields):
        fields.setdefault("title", f"Measure {reference}")
        fields.setdefault("directorate", directorate)
        fields.setdefault("frequency", "quarterly")
        fields.setdefault("unit", "percent")
        return Measure.objects.create(council=council, reference=reference, **fields)

    return make


@pytest.fixture
def measure(make_measure, priority):
    m = make_measure("CS-01", title="Short-term support needing no further support", polarity="higher")
    m.priorities.add(priority)
    return m


@pytest.fixture
def other_measure(make_measure, other_directorate):
    return make_measure("PL-01", title="Household waste recycled", directorate=other_directorate)


def add_value(measure, label, value, status=Status.APPROVED, **extra):
    period = measure.parse_period(label)
    obj = MeasureValue(measure=measure, value=Decimal(str(value)), status=status, **extra)
    obj.set_period(period)
    obj.save()
    return obj


def add_target(measure, label, value, is_example=False):
    target = Target(measure=measure, value=Decimal(str(value)), is_example=is_example)
    target.set_period(parse_period(label, measure.year_type, measure.granularity))
    target.save()
    return target
