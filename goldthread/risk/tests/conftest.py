import pytest

from goldthread.council.models import Service
from goldthread.risk import services
from goldthread.risk.models import Category, Level


@pytest.fixture
def matrix(db):
    return services.matrix_create_default(user=None)


@pytest.fixture
def category(council):
    return Category.objects.create(council=council, code="financial", name="Financial", appetite=12)


@pytest.fixture
def corporate(council):
    return services.register_for(council=council, level=Level.CORPORATE)


@pytest.fixture
def dir_register(council, directorate):
    return services.register_for(council=council, level=Level.DIRECTORATE, directorate=directorate)


@pytest.fixture
def other_register(council, other_directorate):
    return services.register_for(council=council, level=Level.DIRECTORATE, directorate=other_directorate)


@pytest.fixture
def service_register(council, directorate):
    service = Service.objects.create(directorate=directorate, code="social-care", name="Children's social care")
    return services.register_for(council=council, level=Level.SERVICE, service=service)


@pytest.fixture
def make_risk(matrix, category):
    def make(register, title="A risk", current=(3, 4), **extra):
        fields = {
            "title": title,
            "category": category,
            "matrix": matrix,
            "inherent_likelihood": 5,
            "inherent_impact": 5,
            "current_likelihood": current[0],
            "current_impact": current[1],
            "target_likelihood": 2,
            "target_impact": 2,
        } | extra
        return services.risk_create(register=register, user=None, **fields)

    return make
