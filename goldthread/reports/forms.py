from typing import Any, cast

from django import forms
from django.utils import timezone

from goldthread.core.forms import GovukForm, GovukModelForm
from goldthread.domain.periods import Granularity, Period, YearType

from .models import Audience, ReportNarrative
from .services import NARRATIVE_FIELDS


def quarter_choices(count: int = 16) -> list[tuple[str, str]]:
    """Recent financial quarters, newest first."""
    current = Period.containing(timezone.localdate(), Granularity.QUARTER, YearType.FINANCIAL)
    return [(p.label, p.long_label) for p in (current.shifted(-i) for i in range(count))]


class ReportChoiceForm(GovukForm):
    period = forms.ChoiceField(label="Quarter", choices=quarter_choices)
    audience = forms.ChoiceField(label="For", choices=Audience.choices)

    def __init__(self, *args: Any, latest: Period | None = None, **kwargs: Any) -> None:
        """``latest``: the quarter with the newest approved figures, chosen to start with (and offered even
        when it is older than the recent quarters listed)."""
        super().__init__(*args, **kwargs)
        period = cast(forms.ChoiceField, self.fields["period"])  # declared above; ``fields`` holds plain Fields
        choices = quarter_choices()  # what the field's own callable gives now
        period.initial = choices[1][0]  # without approved figures: the last whole quarter
        if latest is not None:
            if latest.label not in {value for value, _ in choices}:
                choices.append((latest.label, latest.long_label))
            period.choices = choices
            period.initial = latest.label


class NarrativeForm(GovukModelForm):
    class Meta(GovukModelForm.Meta):
        model = ReportNarrative
        fields = [f for f in NARRATIVE_FIELDS if f not in {"report_type", "period", "audience"}]
        widgets = {"meeting_date": forms.DateInput()}
