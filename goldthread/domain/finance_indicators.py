"""Financial resilience indicators from the Revenue Outturn Summary (RS): plain formulae, no Django.

Lines of the RS form (values in £ thousand):
  805  net revenue expenditure
  890  council tax requirement
  915  other earmarked financial reserves (at 1 April and at 31 March)
  916  unallocated financial reserves (at 1 April and at 31 March)

Every function returns ``None`` when an input is missing or a denominator is not positive,
rather than a misleading number.
"""

from __future__ import annotations

from decimal import Decimal

HUNDRED = Decimal(100)
PLACES = Decimal("0.000001")


def usable_reserves(earmarked: Decimal | None, unallocated: Decimal | None) -> Decimal | None:
    """Other earmarked (915) plus unallocated (916) reserves: what the council can choose to use.
    Schools (911) and public health (914) reserves are ring-fenced and left out."""
    if earmarked is None or unallocated is None:
        return None
    return earmarked + unallocated


def reserves_level(
    earmarked: Decimal | None, unallocated: Decimal | None, net_revenue_expenditure: Decimal | None
) -> Decimal | None:
    """RES-LEVEL: (915 + 916 at 31 March) / net revenue expenditure (805) x 100."""
    reserves = usable_reserves(earmarked, unallocated)
    if reserves is None or net_revenue_expenditure is None or net_revenue_expenditure <= 0:
        return None
    return (reserves / net_revenue_expenditure * HUNDRED).quantize(PLACES)


def reserves_change(at_start: Decimal | None, at_end: Decimal | None) -> Decimal | None:
    """RES-CHANGE: the change in usable reserves (915 + 916) over a year, as a percentage of the
    level at its start (1 April). Negative means reserves were drawn down."""
    if at_start is None or at_end is None or at_start <= 0:
        return None
    return ((at_end - at_start) / at_start * HUNDRED).quantize(PLACES)


def council_tax_share(
    council_tax_requirement: Decimal | None, net_revenue_expenditure: Decimal | None
) -> Decimal | None:
    """CT-SHARE: council tax requirement (890) / net revenue expenditure (805) x 100: how far the
    council depends on its own council tax rather than grants and business rates."""
    if council_tax_requirement is None or net_revenue_expenditure is None or net_revenue_expenditure <= 0:
        return None
    return (council_tax_requirement / net_revenue_expenditure * HUNDRED).quantize(PLACES)


def variance(budget: Decimal | None, forecast: Decimal | None) -> Decimal | None:
    """Forecast outturn less budget: positive is an overspend."""
    if budget is None or forecast is None:
        return None
    return forecast - budget


def variance_percent(budget: Decimal | None, forecast: Decimal | None) -> Decimal | None:
    v = variance(budget, forecast)
    if v is None or not budget:
        return None
    return (v / budget * HUNDRED).quantize(Decimal("0.1"))


def variance_words(budget: Decimal | None, forecast: Decimal | None) -> str:
    v = variance(budget, forecast)
    if v is None:
        return "No forecast"
    if v > 0:
        return "Overspend"
    if v < 0:
        return "Underspend"
    return "On budget"
