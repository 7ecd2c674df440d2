from django import forms

from goldthread.core.forms import GovukForm

from .models import DATE_FIELDS, DATE_LABELS


class TimetableForm(GovukForm):
    """Four quarters of five dates each, plus whether they are example dates."""

    is_example = forms.BooleanField(
        label="These are example dates", required=False, help_text="Shown as example on every page and in the API"
    )
    note = forms.CharField(label="Where the dates come from", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for quarter in range(1, 5):
            for name in DATE_FIELDS:
                self.fields[f"q{quarter}_{name}"] = forms.DateField(
                    label=f"Q{quarter}: {DATE_LABELS[name]}", required=name == "values_due", widget=forms.DateInput()
                )

    def quarters(self) -> dict[int, dict]:
        data = self.cleaned_data
        return {q: {name: data.get(f"q{q}_{name}") for name in DATE_FIELDS} for q in range(1, 5)}

    def quarter_fields(self):
        """The bound fields grouped by quarter, for one fieldset each."""
        return [(q, [self[f"q{q}_{name}"] for name in DATE_FIELDS]) for q in range(1, 5)]

    @staticmethod
    def initial_from(ry) -> dict:
        initial = {"is_example": ry.is_example, "note": ry.note}
        for row in ry.periods.all():
            for name in DATE_FIELDS:
                initial[f"q{row.quarter}_{name}"] = getattr(row, name)
        return initial
