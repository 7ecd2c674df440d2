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


class NarrativeForm(GovukModelForm):
    class Meta(GovukModelForm.Meta):
        model = ReportNarrative
        fields = [f for f in NARRATIVE_FIELDS if f not in {"report_type", "period", "audience"}]
        widgets = {"meeting_date": forms.DateInput()}
