"""The resilience page on the published figures: the area register and the three Revenue Outturn
workbooks bundled in goldthread/data, ranked by the benchmarking app's own statistics."""

from decimal import Decimal
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from goldthread.benchmarking.areas import import_areas
from goldthread.benchmarking.models import MetricValue
from goldthread.council.models import Role
from goldthread.finance.example import RS_DIR, RS_FILES
from goldthread.finance.resilience import resilience

DATA = settings.GOLDTHREAD_SHARED_DATA


@pytest.fixture
def outturn(db):
    import_areas(DATA / "register" / "uk_local_authorities.csv")
    call_command("import_revenue_outturn", *(str(DATA / RS_DIR / name) for name in RS_FILES), stdout=StringIO())


def _by_hand(code: str, period: str, gss: str) -> tuple[int, int]:
    """Rank (higher is better, ties share the best rank) and count among metropolitan districts."""
    values = list(
        MetricValue.objects.filter(metric__code=code, period=period, area__la_type="MD", value__isnull=False)
        .exclude(area__end_date__lte="2017-04-01")
        .values_list("area__gss_code", "value")
    )
    mine = dict(values)[gss]
    return 1 + sum(1 for _, v in values if v > mine), len(values)


def test_ranks_the_council_among_metropolitan_districts_from_the_published_workbooks(outturn, council, client_for):
    data = resilience(council, "MD")
    assert data.group_found and data.periods == ["2015-16", "2016-17", "2017-18"]
    cell = next(r for r in data.rows if r.metric.code == "RES-LEVEL").cells[-1]
    assert round(cell.value, 2) == Decimal("14.07")  # (25,220 + 9,132) / 244,222 at 31 March 2018
    assert (cell.rank, cell.n, cell.quartile) == (35, 36, "bottom")
    assert (cell.rank, cell.n) == _by_hand("RES-LEVEL", "2017-18", "E08000014")
    page = client_for(Role.MEMBER).get(reverse("finance:resilience")).content.decode()
    assert "Rank 35 of 36, bottom quartile" in page and "Figures for 2017-18 are provisional." in page
    assert "Open Government Licence v3.0" in page and "(Other earmarked reserves (line 915)" in page


def test_an_unknown_group_is_named_and_the_councils_own_figures_still_show(sefton_area, client_for):
    call_command("import_revenue_outturn", str(DATA / RS_DIR / RS_FILES[-1]), stdout=StringIO())
    page = client_for(Role.MEMBER).get(reverse("finance:resilience") + "?group=XYZ").content.decode()
    assert 'no statistics for comparator group "XYZ"' in page and "14.1" in page and "Rank " not in page
