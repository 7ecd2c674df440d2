"""GOV.UK forms for finance. Money in pounds; percentages in per cent."""

import copy

from django import forms

from goldthread.core.forms import GovukForm, version_field
from goldthread.council import permissions
from goldthread.council.models import Directorate, Service

from .models import DeliveryRag, ReserveKind
from .services import SCENARIO_YEAR_FIELDS

MONEY_HELP = "In pounds, e.g. 80100000"


def _money(label, required=True, help_text=MONEY_HELP):
    return forms.DecimalField(
        label=label, required=required, max_digits=16, decimal_places=2, help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
    )  # fmt: skip


def _percent(label):
    return forms.DecimalField(
        label=label, max_digits=7, decimal_places=3, min_value=-100, max_value=100, initial=0,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
    )  # fmt: skip


def editable_directorates(user, council):
    qs = Directorate.objects.filter(council=council)
    if permissions.can_administer(user):
        return qs
    return qs.filter(pk=getattr(user, "directorate_id", None))


class _DirectorateForm(GovukForm):
    version = version_field()

    def __init__(self, *args, user, council, allow_blank=False, **kwargs):
        # Limit the choices before the GOV.UK mixin validates a bound form (it reads the errors).
        self.base_fields = copy.deepcopy(type(self).base_fields)
        field = self.base_fields["directorate"]
        field.queryset = editable_directorates(user, council)
        field.required = not (allow_blank and permissions.can_administer(user))
        field.empty_label = "Council-wide" if not field.required else None
        if "service" in self.base_fields:
            self.base_fields["service"].queryset = Service.objects.filter(directorate__in=field.queryset)
        super().__init__(*args, **kwargs)


class BudgetLineForm(_DirectorateForm):
    directorate = forms.ModelChoiceField(queryset=Directorate.objects.none())
    service = forms.ModelChoiceField(
        queryset=Service.objects.none(), required=False, empty_label="Whole directorate",
        help_text="Optional: a service within the directorate",
    )  # fmt: skip
    period = forms.CharField(
        label="Month or year", max_length=20,
        help_text="A month such as 2023-06, or a financial year such as 2023-24 when only the annual figure is known",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )  # fmt: skip
    budget = _money("Budget")
    forecast_outturn = _money("Forecast outturn", required=False, help_text="In pounds; leave blank if not known")
    commentary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    reason = forms.CharField(
        label="Reason for the change", required=False, help_text="Needed when changing an approved figure",
    )  # fmt: skip


class SavingsPlanForm(_DirectorateForm):
    directorate = forms.ModelChoiceField(queryset=Directorate.objects.none(), required=False)
    financial_year = forms.CharField(max_length=7, help_text="e.g. 2023-24")
    description = forms.CharField(max_length=300)
    planned = _money("Planned saving")
    delivered = _money("Delivered so far", required=False, help_text="In pounds; leave blank if not known")
    rag = forms.ChoiceField(label="Delivery rating", choices=DeliveryRag.choices)
    rag_reason = forms.CharField(
        label="Reason for the delivery rating", widget=forms.Textarea(attrs={"rows": 3}), required=False,
        help_text="In words: why it is on track, at risk or will not be delivered",
    )  # fmt: skip
    reason = forms.CharField(label="Reason for the change", required=False)


class CapitalSchemeForm(_DirectorateForm):
    directorate = forms.ModelChoiceField(queryset=Directorate.objects.none(), required=False)
    name = forms.CharField(label="Scheme", max_length=300)
    first_year = forms.CharField(max_length=7, help_text="e.g. 2023-24")
    last_year = forms.CharField(max_length=7, required=False, help_text="Leave blank for a one-year scheme")
    budget = _money("Budget")
    spend_to_date = _money("Spend to date", required=False, help_text="In pounds")
    forecast = _money("Forecast", required=False, help_text="In pounds")
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    reason = forms.CharField(label="Reason for the change", required=False)


class ReturnForm(GovukForm):
    reason = forms.CharField(label="Why is it being returned?", widget=forms.Textarea(attrs={"rows": 3}))


class ScenarioForm(GovukForm):
    """A scenario's name and, per plan year, its six assumptions."""

    version = version_field()

    name = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    reason = forms.CharField(label="Reason for the change", required=False)

    LABELS = {
        "core_increase": "Council tax increase, core (%)",
        "precept_increase": "Adult social care precept (%)",
        "tax_base_growth": "Tax-base growth (%)",
        "pay_inflation": "Pay inflation (%)",
        "price_inflation": "Price inflation (%)",
        "demand_growth": "Demand growth (%)",
    }

    years: list[str] = []

    @classmethod
    def for_years(cls, years: list[str]):
        """A form class with the six assumption fields for each of ``years``."""
        fields = {
            f"{year}__{key}": _percent(f"{year}: {cls.LABELS[key]}") for year in years for key in SCENARIO_YEAR_FIELDS
        }
        return type("ScenarioYearsForm", (cls,), {**fields, "years": list(years)})

    def year_values(self) -> dict[str, dict]:
        out = {}
        for year in self.years:
            out[year] = {key: self.cleaned_data[f"{year}__{key}"] for key in SCENARIO_YEAR_FIELDS}
        return out

    def grouped(self):
        return [(year, [self[f"{year}__{key}"] for key in SCENARIO_YEAR_FIELDS]) for year in self.years]


class PlanYearForm(GovukForm):
    version = version_field()
    other_pressures = _money("Other pressures")
    business_rates_change = _money("Change in business rates")
    grants_change = _money("Change in grants")
    savings = _money("New savings")
    reserves_use = _money("Use of reserves")
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    reason = forms.CharField(label="Reason for the change", required=False)


class ReserveForm(GovukForm):
    version = version_field()
    financial_year = forms.CharField(max_length=7, help_text="The balance at 31 March at the end of this year")
    kind = forms.ChoiceField(choices=ReserveKind.choices)
    purpose = forms.CharField(max_length=200, required=False, help_text="For an earmarked reserve")
    amount = _money("Amount", help_text="In pounds. For the DSG deficit, the size of the deficit")
    is_forecast = forms.BooleanField(label="This is a forecast", required=False)
    override_ends = forms.CharField(
        label="Statutory override ends", max_length=100, required=False, help_text="For the DSG deficit"
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    source = forms.CharField(max_length=300, required=False)
    reason = forms.CharField(label="Reason for the change", required=False)


class PlanForm(GovukForm):
    version = version_field()
    name = forms.CharField(max_length=200)
    base_year = forms.CharField(max_length=7, help_text="The year whose budget was set, e.g. 2024-25")
    base_budget = _money("Base budget requirement")
    base_council_tax = _money("Council tax in the base year")
    base_business_rates = _money("Business rates in the base year")
    base_grants = _money("Grants in the base year")
    pay_bill = _money("Pay bill", help_text="In pounds: the part of the budget pay inflation applies to")
    price_base = _money("Spending that price inflation applies to")
    demand_base = _money("Demand-led budgets that demand growth applies to")
    derivation = forms.CharField(
        label="Where the figures come from", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    reason = forms.CharField(label="Reason for the change", required=False)


class NewPlanForm(PlanForm):
    code = forms.SlugField(max_length=40, help_text="A short code for the web address, e.g. mtfp-2025-28")
    first_year = forms.CharField(max_length=7, help_text="The plan's first year after the base year, e.g. 2025-26")
    last_year = forms.CharField(max_length=7, help_text="The plan's last year, e.g. 2027-28")

    field_order = ["code", "name", "base_year", "first_year", "last_year"]


class ReferendumLimitForm(GovukForm):
    year = forms.CharField(max_length=7, help_text="e.g. 2026-27")
    authority_class = forms.CharField(max_length=100, initial="Social care authority")
    core_limit = forms.DecimalField(
        label="Core limit (%)", max_digits=7, decimal_places=3, min_value=0,
        help_text="An increase of this much or more needs a referendum, e.g. 3",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
    )  # fmt: skip
    precept_limit = forms.DecimalField(
        label="Adult social care precept limit (%)", max_digits=7, decimal_places=3, min_value=0, initial=0,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
    )  # fmt: skip
    source = forms.CharField(max_length=500, help_text="The referendum principles report for the year")
    reason = forms.CharField(label="Reason for the change", required=False)


class OutturnUploadForm(GovukForm):
    file = forms.FileField(
        label="Revenue Outturn Summary workbook",
        help_text="MHCLG's RS data by local authority for one year, as published (.xlsx), for example "
        "RS_2023-24_data_by_LA.xlsx",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("The file must be an Excel workbook (.xlsx)")
        return upload
