"""Forms for entering values and targets, uploading files and defining measures.

Each field is checked with the same rules the services use, so a mistake is reported on the
field it belongs to."""

from django import forms

from goldthread.core.forms import GovukForm, GovukModelForm, version_field
from goldthread.council.models import Directorate, Priority, Service, User
from goldthread.domain.text import sentence_case

from .models import Measure
from .services import PerformanceError, clean_value, parse_number, period_for


class _MeasureBound:
    def __init__(self, *args, measure: Measure, **kwargs):
        self.measure = measure
        super().__init__(*args, **kwargs)

    def clean_period(self):
        try:
            return period_for(self.measure, self.cleaned_data["period"])
        except PerformanceError as exc:
            raise forms.ValidationError(_sentence(exc)) from exc

    def clean_value(self):
        try:
            return clean_value(self.measure, self.cleaned_data["value"])
        except PerformanceError as exc:
            raise forms.ValidationError(_sentence(exc)) from exc


def _set_hint(form, name: str, text: str) -> None:
    form.fields[name].help_text = text  # GovukFormMixin links it to the input when the field is rendered


def _sentence(exc: Exception) -> str:
    return sentence_case(str(exc))


class ValueForm(_MeasureBound, GovukForm):
    period = forms.CharField(label="Period", max_length=30)
    value = forms.CharField(label="Value", max_length=40)
    numerator = forms.CharField(label="Numerator (optional)", max_length=40, required=False)
    denominator = forms.CharField(label="Denominator (optional)", max_length=40, required=False)
    commentary = forms.CharField(
        label="Commentary",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the figure shows and why, and what is being done about it",
    )
    source = forms.CharField(label="Source (optional)", max_length=300, required=False)
    reason = forms.CharField(
        label="Reason for the change",
        required=False,
        max_length=500,
        help_text="Needed when you correct a value that has been approved, or one in a period already"
        " reported to a committee",
    )
    version = version_field()

    def __init__(self, *args, measure: Measure, **kwargs):
        super().__init__(*args, measure=measure, **kwargs)
        _set_hint(self, "period", _period_hint(measure))
        if measure.unit == "yesno":
            _set_hint(self, "value", "Yes or No")
        if measure.numerator_label:
            self.fields["numerator"].label = f"Numerator: {measure.numerator_label} (optional)"
        if measure.denominator_label:
            self.fields["denominator"].label = f"Denominator: {measure.denominator_label} (optional)"

    def _number(self, name):
        try:
            return parse_number(self.cleaned_data.get(name), column=name)
        except PerformanceError as exc:
            raise forms.ValidationError(_sentence(exc)) from exc

    def clean_numerator(self):
        return self._number("numerator")

    def clean_denominator(self):
        number = self._number("denominator")
        if number == 0:
            raise forms.ValidationError("The denominator cannot be 0")
        return number


def _period_hint(measure: Measure) -> str:
    return {
        "monthly": "A month, for example 2023-06 or June 2023",
        "quarterly": "A quarter, for example 2023-24 Q2",
        "annual": "A year, for example 2023-24" if measure.year_type != "calendar" else "A year, for example 2023",
    }[measure.frequency]


class TargetForm(_MeasureBound, GovukForm):
    period = forms.CharField(label="Period", max_length=30)
    value = forms.CharField(label="Target", max_length=40)
    is_example = forms.BooleanField(
        label="This is an example target, not one the council has set",
        required=False,
        help_text="Example targets are labelled 'example' wherever they are shown",
    )
    until_changed = forms.BooleanField(
        label="Keep this target until it is changed",
        required=False,
        help_text="It then applies to later periods without a target of their own, shown as carried forward",
    )
    note = forms.CharField(label="Note (optional)", max_length=300, required=False)
    reason = forms.CharField(label="Reason for the change (optional)", max_length=500, required=False)
    version = version_field()

    def __init__(self, *args, measure: Measure, **kwargs):
        super().__init__(*args, measure=measure, **kwargs)
        _set_hint(self, "period", _period_hint(measure))


class ReturnForm(GovukForm):
    reason = forms.CharField(
        label="Why is the value being returned?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="The directorate sees this in the value's history",
    )
    version = version_field()


class UploadForm(GovukForm):
    file = forms.FileField(
        label="Upload a file",
        help_text="A CSV or Excel (.xlsx) file with the columns measure_reference, period and value, and "
        "optionally numerator, denominator, commentary and source",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError("The file must be smaller than 5 MB")
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError("The selected file must be a CSV or an Excel (.xlsx) file")
        return upload


class MeasureForm(GovukModelForm):
    priorities = forms.ModelMultipleChoiceField(
        queryset=Priority.objects.none(), required=False, label="Priorities this measure contributes to"
    )
    reason = forms.CharField(label="Reason for the change (optional)", max_length=500, required=False)

    class Meta(GovukModelForm.Meta):
        model = Measure
        fields = [
            "reference",
            "title",
            "definition",
            "unit",
            "rate_per",
            "polarity",
            "frequency",
            "year_type",
            "directorate",
            "service",
            "owner",
            "data_source",
            "numerator_label",
            "denominator_label",
            "rollup",
            "decimal_places",
            "amber_tolerance",
            "change_tolerance",
            "minimum",
            "maximum",
            "priorities",
            "is_active",
            "notes",
        ]
        widgets = {"definition": forms.Textarea(attrs={"rows": 4}), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["directorate"].queryset = Directorate.objects.filter(council=council)
        self.fields["service"].queryset = Service.objects.filter(directorate__council=council)
        self.fields["owner"].queryset = User.objects.filter(is_active=True)
        self.fields["priorities"].queryset = Priority.objects.filter(council=council)
        if self.instance.pk:
            self.fields["priorities"].initial = list(self.instance.priorities.all())
        else:
            del self.fields["reason"]

    def clean_reference(self):
        return self.cleaned_data["reference"].strip()

    def clean(self):
        data = super().clean()
        low, high = data.get("minimum"), data.get("maximum")
        if low is not None and high is not None and low > high:
            self.add_error("maximum", "The maximum must not be below the minimum")
        return data


class LockForm(GovukForm):
    period = forms.CharField(
        label="Period reported",
        max_length=30,
        help_text="A financial quarter or year, for example 2023-24 Q2",
    )
    reported_to = forms.CharField(
        label="Reported to",
        max_length=200,
        help_text="The meeting and its date, for example Cabinet, 7 December 2023",
    )
