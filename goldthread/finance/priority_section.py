"""What the finance app shows on a priority's page, and the finance headline on the home page.

Budget lines, savings plans and capital schemes are recorded by directorate and service, not by priority:
nothing in the finance records says which priority a pound serves. So the priority page says that plainly
and gives the council's own position as at the page's period (approved figures, as in the quarterly pack),
rather than sharing money out between priorities by a rule nobody agreed."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils.http import urlencode

from goldthread.council import permissions
from goldthread.council.links import AsAt, LinkedSection
from goldthread.domain.finance_indicators import variance_words
from goldthread.domain.numbers import money
from goldthread.domain.periods import Granularity, Period, YearType

NOT_BY_PRIORITY = (
    "Budgets, savings and capital schemes are recorded by directorate and service, not by priority, so the"
    " money for this priority alone cannot be shown."
)


@dataclass
class Headline:
    text: str
    url: str
    savings: str = ""
    is_example: bool = False


def headline(council, period: Period) -> Headline | None:
    """The forecast outturn against budget at the latest approved position up to the end of ``period`` in
    its financial year, with savings delivery; None when nothing is approved for that year yet."""
    from .selectors import finance_summary

    data = finance_summary(council, period)
    lines = data.forecast_by_directorate
    if not lines:
        return None
    budget = sum((Decimal(line.budget or 0) for line in lines), Decimal(0))
    forecast = sum((Decimal(line.forecast_outturn or 0) for line in lines), Decimal(0))
    gap = forecast - budget
    # "an overspend of £1.2m", "an underspend of £300k", or "on budget"
    position = f"an {variance_words(budget, forecast).lower()} of {money(abs(gap))}" if gap else "on budget"
    text = (
        f"Forecast outturn at {data.position_period}: {money(forecast)} against a budget of {money(budget)}, {position}"
    )
    savings = data.savings
    saved = ""
    if savings.planned:
        delivered = "delivery not yet known" if savings.delivered is None else f"{money(savings.delivered)} delivered"
        saved = f"Savings for {data.financial_year}: {money(savings.planned)} planned, {delivered}"
    url = (
        reverse("finance:position")
        + "?"
        + urlencode({"year": data.financial_year, "period": data.position_period or ""})
    )
    return Headline(text, url, saved, any(line.is_example for line in lines))


def latest_headline(council) -> Headline | None:
    """The headline for the newest approved budget monitoring position (for the home page)."""
    from .models import BudgetLine, LineStatus

    latest = (
        BudgetLine.objects.filter(council=council, status=LineStatus.APPROVED)
        .order_by("-period_end")
        .values_list("period_end", flat=True)
        .first()
    )
    if latest is None:
        return None
    return headline(council, Period.containing(latest, Granularity.QUARTER, YearType.FINANCIAL))


@dataclass
class MoneyData:
    period: str
    headline: Headline | None
    note: str = NOT_BY_PRIORITY
    year: str = ""  # when the quarter has no position but its year does (annual figures only): the year
    year_url: str = ""


def priority_money(priority, user, as_at: AsAt) -> LinkedSection | None:
    if not permissions.can_read(user):
        return None
    data = MoneyData(as_at.label, headline(priority.council, as_at.period))
    year = as_at.period.year_containing(YearType.FINANCIAL)
    if data.headline is None and year != as_at.period and headline(priority.council, year) is not None:
        data.year = year.label
        data.year_url = priority.get_absolute_url() + "?" + urlencode({"period": year.label})
    return LinkedSection(
        heading="Money",
        template="finance/_priority_money.html",
        data=data,
        empty_text=f"No approved budget monitoring up to {as_at.label} yet.",
        order=40,
    )
