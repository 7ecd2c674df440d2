from __future__ import annotations

from django import forms

from goldthread.core.forms import GovukForm, GovukModelForm, version_field
from goldthread.council.models import Priority, User

from .best_value import resolve_evidence
from .models import EvidenceLink, FlagDecision, Policy, ThemeAssessment
from .services import REVIEW_FIELDS

DATE = forms.DateInput(attrs={"type": "date"})


class PolicyForm(GovukModelForm):
    version = version_field()

    class Meta(GovukModelForm.Meta):
        model = Policy
        fields = [
            "title",
            "kind",
            "status",
            "owner",
            "owner_title",
            "approving_body",
            "approved_on",
            "period_start",
            "period_end",
            "review_date",
            "priorities",
            "document_url",
            "notes",
        ]
        widgets = {
            "approved_on": DATE,
            "period_start": DATE,
            "period_end": DATE,
            "review_date": DATE,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, council=None, review_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priorities"].queryset = Priority.objects.filter(council=council)
        self.fields["priorities"].required = False
        self.fields["owner"].queryset = User.objects.filter(is_active=True).order_by("username")
        if review_only:  # the owner updates only the review fields of their own policy
            for name in list(self.fields):
                if name not in (*REVIEW_FIELDS, "version"):
                    del self.fields[name]

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The period covered must end on or after the day it starts.")
        return data


class ThemeForm(GovukForm):
    version = version_field()
    rating = forms.ChoiceField(choices=[("", "Not rated yet"), *ThemeAssessment.Rating.choices], required=False)
    narrative = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), required=False)


class EvidenceForm(GovukForm):
    kind = forms.ChoiceField(choices=EvidenceLink.Kind.choices, label="Kind of record")
    reference = forms.CharField(
        max_length=200, help_text="The record's reference (e.g. CPC23-R01, CR-001) or, for a policy, its title"
    )

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council

    def clean(self):
        data = super().clean()
        if data.get("kind") and data.get("reference"):
            try:
                data["title"], data["url"] = resolve_evidence(self.council, data["kind"], data["reference"])
            except LookupError as exc:
                self.add_error("reference", str(exc))
        return data


class FlagDecisionForm(GovukForm):
    version = version_field()
    key = forms.CharField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=FlagDecision.Decision.choices, widget=forms.RadioSelect)
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def clean(self):
        data = super().clean()
        if data.get("decision") == FlagDecision.Decision.DISMISSED and not (data.get("reason") or "").strip():
            self.add_error("reason", "Say why the flag is dismissed.")
        return data
