import pytest
from django.conf import settings

from goldthread.benchmarking.areas import import_areas
from goldthread.benchmarking.metric_import import MetricSpec, import_metric_file

DATA = settings.GOLDTHREAD_SHARED_DATA


@pytest.fixture
def register(db):
    return import_areas(DATA / "register" / "uk_local_authorities.csv")


def load(name: str, fmt: str, **spec):
    path = DATA / name
    return import_metric_file(path.read_bytes(), path.name, fmt, MetricSpec(**spec))


@pytest.fixture
def recycling(register):
    return load("recycling/recycling.csv", "tidy", code="RECYCLING", polarity="higher")


@pytest.fixture
def asc(register):
    return load("oflog-asc/asc_values.csv", "oflog")
