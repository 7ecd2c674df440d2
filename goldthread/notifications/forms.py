from django import forms

from goldthread.core.forms import GovukForm
from goldthread.domain.reminders import DEFAULT_DELIVERY, KIND_LABELS

from .models import DELIVERY_CHOICES


class PreferencesForm(GovukForm):
    """One choice per kind of notification: at once, daily digest, or in the app only."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in KIND_LABELS.items():
            self.fields[kind.value] = forms.ChoiceField(
                label=label,
                choices=DELIVERY_CHOICES,
                initial=current.get(kind.value, DEFAULT_DELIVERY.value),
                widget=forms.RadioSelect,
            )


class ReminderSettingsForm(GovukForm):
    lead_days = forms.IntegerField(
        label="Days of notice", min_value=0, max_value=60, help_text="Remind people this many days before work is due"
    )
    escalate_after_days = forms.IntegerField(
        label="Copy the director after this many days overdue",
        min_value=1,
        max_value=90,
        help_text="The director of the person's directorate is copied into the reminder",
    )
