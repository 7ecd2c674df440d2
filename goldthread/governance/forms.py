from __future__ import annotations

from django import forms

from goldthread.core.forms import GovukModelForm, version_field
from goldthread.council.models import Priority, User

from .models import Policy
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
