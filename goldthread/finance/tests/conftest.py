"""Finance test helpers: the Sefton area, a budget line, a loaded example plan."""

from decimal import Decimal

import pytest

from goldthread.benchmarking.models import Area, AreaCode
from goldthread.finance import services


@pytest.fixture
def sefton_area(db):
    area = Area.objects.create(
        gss_code="E08000014", registry_code="SFT", name="Sefton", official_name="Sefton MBC", la_type="MD",
        ecode="E4304",
    )  # fmt: skip
    AreaCode.objects.create(area=area, kind=AreaCode.Kind.GSS, value="E08000014")
    AreaCode.objects.create(area=area, kind=AreaCode.Kind.ECODE, value="E4304")
    wirral = Area.objects.create(
        gss_code="E08000015", registry_code="WRL", name="Wirral", official_name="Wirral MBC", la_type="MD"
    )
    AreaCode.objects.create(area=wirral, kind=AreaCode.Kind.ECODE, value="E4305")  # matched by ecode only
    return area


@pytest.fixture
def draft_line(council, directorate, users):
    return services.budget_line_save(
        council=council, user=users["editor"], directorate=directorate, period_text="2023-06",
        budget=Decimal("80100000"), forecast_outturn=Decimal("85100000"), commentary="Placements",
    )  # fmt: skip
