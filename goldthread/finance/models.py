"""Money: budget monitoring, savings, capital, the medium-term financial plan and its scenarios,
council tax referendum limits, reserves and borrowing. Amounts are in pounds."""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from goldthread.core.versioning import Versioned
from goldthread.domain.finance_indicators import variance, variance_percent, variance_words
from goldthread.performance.models import PeriodFields

MONEY: dict[str, Any] = {"max_digits": 16, "decimal_places": 2}
PERCENT: dict[str, Any] = {"max_digits": 7, "decimal_places": 3}


class LineStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Returned"


class Reviewed(Versioned):
    """Entered by a directorate editor, approved or returned (with a reason) by the performance team."""

    status = models.CharField(max_length=10, choices=LineStatus.choices, default=LineStatus.DRAFT)
    return_reason = models.TextField(blank=True)
    is_example = models.BooleanField(default=False, help_text="Illustrative, not a real figure")
    source = models.CharField(max_length=300, blank=True, help_text="Where the figure comes from")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class BudgetLine(Reviewed, PeriodFields):
    """A directorate's (or service's) budget and forecast outturn as at a month ("2023-06"), or for a
    whole financial year ("2023-24") when only the annual figure is known. Variance is derived."""

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="budget_lines")
    directorate = models.ForeignKey("council.Directorate", on_delete=models.PROTECT, related_name="budget_lines")
    service = models.ForeignKey(
        "council.Service", null=True, blank=True, on_delete=models.PROTECT, related_name="budget_lines"
    )
    financial_year = models.CharField(max_length=7, db_index=True, help_text="e.g. 2023-24")
    budget = models.DecimalField(**MONEY)
    forecast_outturn = models.DecimalField(**MONEY, null=True, blank=True)
    commentary = models.TextField(blank=True)

    class Meta:
        ordering = ["financial_year", "period_start", "directorate__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["directorate", "service", "period"],
                condition=Q(service__isnull=False),
                name="budget_line_service_period_unique",
            ),
            models.UniqueConstraint(
                fields=["directorate", "period"],
                condition=Q(service__isnull=True),
                name="budget_line_directorate_period_unique",
            ),
        ]

    def __str__(self) -> str:
        who = self.service or self.directorate
        return f"Budget {who} {self.period}"

    @property
    def variance(self) -> Decimal | None:
        return variance(self.budget, self.forecast_outturn)

    @property
    def variance_percent(self) -> Decimal | None:
        return variance_percent(self.budget, self.forecast_outturn)

    @property
    def variance_words(self) -> str:
        return variance_words(self.budget, self.forecast_outturn)


class DeliveryRag(models.TextChoices):
    GREEN = "green", "On track to deliver"
    AMBER = "amber", "At risk"
    RED = "red", "Will not be delivered in full"
    GREY = "grey", "Not assessed"


class SavingsPlan(Reviewed):
    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="savings_plans")
    directorate = models.ForeignKey(
        "council.Directorate",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="savings_plans",
        help_text="Leave blank for a council-wide saving",
    )
    financial_year = models.CharField(max_length=7, db_index=True)
    description = models.CharField(max_length=300)
    planned = models.DecimalField(**MONEY)
    delivered = models.DecimalField(**MONEY, null=True, blank=True)
    rag = models.CharField("Delivery", max_length=10, choices=DeliveryRag.choices, default=DeliveryRag.GREY)
    rag_reason = models.TextField("Reason for the delivery rating", blank=True)

    class Meta:
        ordering = ["financial_year", "description"]

    def __str__(self) -> str:
        return f"Saving {self.financial_year}: {self.description}"[:300]

    @property
    def shortfall(self) -> Decimal | None:
        return None if self.delivered is None else self.planned - self.delivered


class CapitalScheme(Reviewed):
    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="capital_schemes")
    directorate = models.ForeignKey(
        "council.Directorate", null=True, blank=True, on_delete=models.PROTECT, related_name="capital_schemes"
    )
    name = models.CharField(max_length=300)
    first_year = models.CharField(max_length=7, help_text="e.g. 2023-24")
    last_year = models.CharField(max_length=7, help_text="The same as the first year for a one-year scheme")
    budget = models.DecimalField(**MONEY)
    spend_to_date = models.DecimalField(**MONEY, null=True, blank=True)
    forecast = models.DecimalField(**MONEY, null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["first_year", "name"]

    def __str__(self) -> str:
        return f"Capital {self.name} {self.years}"

    @property
    def years(self) -> str:
        return self.first_year if self.first_year == self.last_year else f"{self.first_year} to {self.last_year}"

    @property
    def variance(self) -> Decimal | None:
        return variance(self.budget, self.forecast)


# --- medium-term financial plan --------------------------------------------------------------


class MtfpPlan(Versioned):
    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="mtfp_plans")
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=200)
    base_year = models.CharField(max_length=7, help_text="The year whose budget was set, e.g. 2023-24")
    base_budget = models.DecimalField("Base budget requirement", **MONEY)
    base_council_tax = models.DecimalField("Council tax in the base year", **MONEY)
    base_business_rates = models.DecimalField("Business rates in the base year", **MONEY, default=0)
    base_grants = models.DecimalField("Grants in the base year", **MONEY, default=0)
    pay_bill = models.DecimalField("Pay bill (pay inflation applies to it)", **MONEY, default=0)
    price_base = models.DecimalField("Spending that price inflation applies to", **MONEY, default=0)
    demand_base = models.DecimalField("Demand-led budgets that demand growth applies to", **MONEY, default=0)
    derivation = models.TextField(blank=True, help_text="Where the figures come from and how they were worked out")
    is_example = models.BooleanField(default=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-base_year", "name"]
        constraints = [models.UniqueConstraint(fields=["council", "code"], name="mtfp_plan_code_unique")]

    def __str__(self) -> str:
        return self.name


class MtfpYear(Versioned):
    plan = models.ForeignKey(MtfpPlan, on_delete=models.CASCADE, related_name="years")
    year = models.CharField(max_length=7)
    other_pressures = models.DecimalField("Other pressures", **MONEY, default=0)
    business_rates_change = models.DecimalField("Change in business rates", **MONEY, default=0)
    grants_change = models.DecimalField("Change in grants", **MONEY, default=0)
    savings = models.DecimalField("New savings", **MONEY, default=0)
    reserves_use = models.DecimalField("Use of reserves", **MONEY, default=0)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["plan", "year"]
        constraints = [models.UniqueConstraint(fields=["plan", "year"], name="mtfp_year_unique")]

    def __str__(self) -> str:
        return f"{self.plan} {self.year}"


class MtfpScenario(Versioned):
    plan = models.ForeignKey(MtfpPlan, on_delete=models.CASCADE, related_name="scenarios")
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="mtfp_scenario_code_unique")]

    def __str__(self) -> str:
        return self.name


class ScenarioYear(models.Model):
    scenario = models.ForeignKey(MtfpScenario, on_delete=models.CASCADE, related_name="years")
    year = models.CharField(max_length=7)
    core_increase = models.DecimalField("Council tax increase, core (%)", **PERCENT, default=0)
    precept_increase = models.DecimalField("Adult social care precept (%)", **PERCENT, default=0)
    tax_base_growth = models.DecimalField("Tax-base growth (%)", **PERCENT, default=0)
    pay_inflation = models.DecimalField("Pay inflation (%)", **PERCENT, default=0)
    price_inflation = models.DecimalField("Price inflation (%)", **PERCENT, default=0)
    demand_growth = models.DecimalField("Demand growth (%)", **PERCENT, default=0)

    class Meta:
        ordering = ["scenario", "year"]
        constraints = [models.UniqueConstraint(fields=["scenario", "year"], name="scenario_year_unique")]

    def __str__(self) -> str:
        return f"{self.scenario} {self.year}"


class ReferendumLimit(models.Model):
    """The council tax referendum principle for a year and class of authority: an increase of the
    core limit or more (or of core plus precept limits or more) needs a referendum."""

    year = models.CharField(max_length=7)
    authority_class = models.CharField(
        max_length=100, default="Social care authority", help_text="e.g. Social care authority (county, unitary, MD)"
    )
    core_limit = models.DecimalField("Core limit (%): this much or more needs a referendum", **PERCENT)
    precept_limit = models.DecimalField("Adult social care precept limit (%)", **PERCENT, default=0)
    source = models.CharField(max_length=500)

    class Meta:
        ordering = ["year", "authority_class"]
        constraints = [
            models.UniqueConstraint(fields=["year", "authority_class"], name="referendum_limit_unique"),
        ]

    def __str__(self) -> str:
        return f"Referendum limit {self.year} ({self.authority_class})"


# --- reserves and borrowing ------------------------------------------------------------------


class ReserveKind(models.TextChoices):
    GENERAL = "general", "General fund (unallocated)"
    EARMARKED = "earmarked", "Earmarked"
    SCHOOLS = "schools", "Schools (ring-fenced)"
    PUBLIC_HEALTH = "public_health", "Public health (ring-fenced)"
    DSG_DEFICIT = "dsg_deficit", "Dedicated Schools Grant deficit (unusable reserve)"


class ReserveBalance(Versioned):
    """A reserve's balance at 31 March of ``financial_year`` (actual or forecast). A DSG deficit is
    held as a positive amount of deficit."""

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="reserve_balances")
    financial_year = models.CharField(max_length=7, help_text="Balance at 31 March at the end of this year")
    kind = models.CharField(max_length=20, choices=ReserveKind.choices)
    purpose = models.CharField(max_length=200, blank=True, help_text="For an earmarked reserve; blank for the total")
    amount = models.DecimalField(**MONEY)
    is_forecast = models.BooleanField(default=False)
    override_ends = models.CharField(
        "Statutory override ends",
        max_length=100,
        blank=True,
        help_text="For the DSG deficit: when the accounting override that keeps it off the general fund ends",
    )
    note = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)
    is_example = models.BooleanField(default=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["financial_year", "kind", "purpose"]
        constraints = [
            models.UniqueConstraint(fields=["council", "financial_year", "kind", "purpose"], name="reserve_unique")
        ]

    def __str__(self) -> str:
        what = self.get_kind_display() + (f": {self.purpose}" if self.purpose else "")
        return f"{what} at 31 March, {self.financial_year}"


class Borrowing(models.Model):
    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="borrowing")
    as_at = models.DateField()
    amount = models.DecimalField(**MONEY)
    note = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["as_at"]
        constraints = [models.UniqueConstraint(fields=["council", "as_at"], name="borrowing_unique")]

    def __str__(self) -> str:
        return f"Borrowing at {self.as_at:%-d %B %Y}"


class OutturnImport(models.Model):
    """One Revenue Outturn Summary workbook imported: which year, whether provisional."""

    financial_year = models.CharField(max_length=7, unique=True)
    filename = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64)
    provisional = models.BooleanField(default=False)
    authorities = models.PositiveIntegerField(default=0)
    unmatched = models.JSONField(default=list, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["financial_year"]

    def __str__(self) -> str:
        return f"Revenue outturn {self.financial_year}"
