from __future__ import annotations

from django import forms
from django.utils import timezone

from goldthread.core.forms import GovukForm, GovukModelForm, version_field
from goldthread.council.models import Directorate, Priority, Role, User
from goldthread.domain import scrutiny as rules
from goldthread.performance.models import Measure
from goldthread.risk.models import Risk

from .models import Committee, CommitteeMember, WorkItem

DATE = forms.DateInput(attrs={"type": "date"})


def _people():
    return User.objects.filter(is_active=True).order_by("last_name", "first_name", "username")


class CommitteeForm(GovukModelForm):
    version = version_field()

    class Meta(GovukModelForm.Meta):
        model = Committee
        fields = ["name", "slug", "kind", "remit", "frequency", "timetable_meeting", "order"]
        widgets = {"remit": forms.Textarea(attrs={"rows": 3})}


class MemberForm(GovukForm):
    member = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, label="Person", help_text="Someone who signs in to Goldthread"
    )
    name = forms.CharField(
        max_length=200, required=False, label="Or their name", help_text="For someone who does not sign in"
    )
    role = forms.ChoiceField(choices=CommitteeMember.Role.choices, initial=CommitteeMember.Role.MEMBER)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = _people()

    def clean(self):
        data = super().clean()
        if not data.get("member") and not (data.get("name") or "").strip():
            self.add_error("member", "Choose a person who signs in, or give the name of someone who does not.")
        return data


class MeetingForm(GovukForm):
    date = forms.DateField(widget=DATE, label="Date of the meeting")
    note = forms.CharField(max_length=200, required=False, help_text="e.g. Budget scrutiny")


class WorkItemForm(GovukModelForm):
    version = version_field()

    class Meta(GovukModelForm.Meta):
        model = WorkItem
        fields = [
            "topic",
            "description",
            "item_type",
            "status",
            "lead_member",
            "lead_member_name",
            "start_date",
            "meeting_date",
            "end_date",
            "priorities",
            "measures",
            "risks",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "start_date": DATE,
            "meeting_date": DATE,
            "end_date": DATE,
        }

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_member"].queryset = _people().filter(role=Role.MEMBER)
        self.fields["priorities"].queryset = Priority.objects.filter(council=council)
        self.fields["measures"].queryset = Measure.objects.filter(council=council).order_by("reference")
        self.fields["risks"].queryset = Risk.objects.order_by("reference")
        for name in ("priorities", "measures", "risks"):
            self.fields[name].required = False

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The report cannot be due before the work starts.")
        return data


class ReviewStartForm(GovukForm):
    reference = forms.SlugField(max_length=40, help_text="Stable for ever, e.g. scrutiny-reporting-2024")
    title = forms.CharField(max_length=300)
    # The form's metaclass moves declared fields into base_fields, so this does not replace BaseForm.prefix.
    prefix = forms.CharField(  # type: ignore[assignment]
        max_length=20, required=False, label="Recommendation prefix", help_text="e.g. OSC24 gives OSC24-R01"
    )
    report_received = forms.DateField(
        widget=DATE,
        required=False,
        label="Date Cabinet received the report",
        help_text="The executive has two months from this date to respond",
    )


class RecommendationAddForm(GovukForm):
    number = forms.CharField(max_length=10, help_text="As the committee's report numbers it: 1, 2, A ...")
    title = forms.CharField(max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, label="Rest of the wording")


RESPONSE_CHOICES = [
    (rules.ACCEPTED, "Accepted"),
    (rules.PARTLY, "Partly accepted"),
    (rules.REJECTED, "Rejected"),
]


class ResponseForm(GovukForm):
    version = version_field()
    response = forms.ChoiceField(choices=RESPONSE_CHOICES, widget=forms.RadioSelect, label="The executive's response")
    reasons = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Required when the recommendation is partly accepted or rejected",
    )
    responded_on = forms.DateField(widget=DATE, label="Date of the response")
    responding_body = forms.CharField(max_length=200, initial="Cabinet", label="Responded by")
    action_description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Action",
        help_text="What will be done: needed when the recommendation is accepted or partly accepted",
    )
    action_lead = forms.ModelChoiceField(queryset=User.objects.none(), required=False, label="Lead officer")
    action_directorate = forms.ModelChoiceField(
        queryset=Directorate.objects.none(), required=False, label="Directorate"
    )
    action_due = forms.DateField(widget=DATE, required=False, label="Action due")

    def __init__(self, *args, council=None, needs_action=True, **kwargs):
        super().__init__(*args, **kwargs)
        if needs_action:
            self.fields["action_lead"].queryset = _people()
            self.fields["action_directorate"].queryset = Directorate.objects.filter(council=council)
        else:  # the recommendation has its actions already: they are tracked on their own pages
            for name in ("action_description", "action_lead", "action_directorate", "action_due"):
                del self.fields[name]
        self.needs_action = needs_action

    def clean(self):
        data = super().clean()
        response = data.get("response")
        if response in (rules.PARTLY, rules.REJECTED) and not (data.get("reasons") or "").strip():
            self.add_error("reasons", "Give the reasons: a recommendation partly accepted or rejected needs them.")
        on = data.get("responded_on")
        if on and on > timezone.localdate():
            self.add_error("responded_on", "The date of the response cannot be in the future.")
        if self.needs_action and response in rules.TAKEN_FORWARD and not (data.get("action_description") or "").strip():
            self.add_error("action_description", "Describe the action that will carry out what was accepted.")
        due = data.get("action_due")
        if self.needs_action and on and due and due < on:
            self.add_error("action_due", "The action cannot be due before the response that agreed it.")
        return data
