"""Forms for reviews, recommendations, actions and the recommendation import draft."""

from __future__ import annotations

from django import forms
from django.forms import formset_factory

from goldthread.core.forms import GovukForm, GovukModelForm, version_field
from goldthread.council.models import Directorate, Priority, User
from goldthread.performance.models import Measure

from .models import Action, DeadlineRule, Recommendation, Review
from .reading import SUPPORTED
from .services import RULE_FIELDS

CPC_THEMES = [
    "Local priorities and outcomes",
    "Organisational and place leadership",
    "Governance and culture",
    "Financial planning and management",
    "Capacity for improvement",
]


class ReviewForm(GovukModelForm):
    version = version_field()
    scope_text = forms.CharField(
        label="Scope themes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One theme a line. Left empty for a corporate peer challenge, the five core themes are used.",
    )

    class Meta(GovukModelForm.Meta):
        model = Review
        fields = [
            "reference",
            "title",
            "review_type",
            "reviewing_body",
            "parent",
            "recommendation_prefix",
            "onsite_start",
            "onsite_end",
            "feedback_session",
            "report_received",
            "report_published",
            "summary",
        ]
        widgets = {f: forms.DateInput() for f in Review.DATE_FIELDS} | {"summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Review.objects.filter(council=council)
        if self.instance.pk:
            self.fields["reference"].disabled = True
            self.fields["scope_text"].initial = "\n".join(self.instance.scope_themes)

    def clean(self):
        data = super().clean()
        start, end = data.get("onsite_start"), data.get("onsite_end")
        if start and end and end < start:
            self.add_error("onsite_end", "The last day onsite is before the first.")
        themes = [t.strip() for t in data.get("scope_text", "").splitlines() if t.strip()]
        if not themes and data.get("review_type") == Review.Type.CPC:
            themes = list(CPC_THEMES)
        data["scope_themes"] = themes
        return data


class TeamMemberForm(GovukForm):
    name = forms.CharField(max_length=200)
    role = forms.CharField(max_length=100, help_text="For example Lead peer, Political peer, Officer peer, Shadow peer")
    organisation = forms.CharField(max_length=300, required=False, help_text="Job title and organisation")


class DocumentLinkForm(GovukForm):
    title = forms.CharField(max_length=300)
    url = forms.URLField(label="Web address", max_length=500, assume_scheme="https")


class DeadlineMetForm(GovukForm):
    met_on = forms.DateField(label="Date met", widget=forms.DateInput())
    note = forms.CharField(max_length=300, required=False, help_text="For example where it was published")


class DeadlineRuleForm(GovukModelForm):
    class Meta(GovukModelForm.Meta):
        model = DeadlineRule
        fields = RULE_FIELDS  # the fields the service saves and records in history
        labels = {
            "anchor": "Counted from",
            "months": "Months after",
            "days": "And days after",
            "latest_months": "Window ends: months after (optional)",
            "latest_days": "Window ends: and days after (optional)",
            "season": "Or in a season (optional)",
            "years_after": "Season of the year after the anchor's year by",
            "basis": "Where the rule comes from",
            "source_title": "Source document and section",
            "source_quote": "What the source says, word for word",
        }
        help_texts = {
            "latest_months": "When the source says 'around' or gives a range, the deadline is a window from the "
            "offset above to this one",
            "season": "When the source says, for example, 'in the summer of 2024'; the offsets are then not used",
            "years_after": "0 for the same year as the anchor date, 1 for the year after",
        }
        widgets = {"source_quote": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        if data.get("basis") == DeadlineRule.Basis.SOURCE and not (
            data.get("source_title") and data.get("source_quote")
        ):
            self.add_error(
                "source_quote", "Quote what the source says and name it, or mark the rule as the council's own"
            )
        return data


class RecommendationForm(GovukModelForm):
    version = version_field()

    class Meta(GovukModelForm.Meta):
        model = Recommendation
        fields = ["number", "title", "text", "theme", "response", "response_text", "priorities", "measures", "risks"]
        labels = {"response_text": "The council's response and reasons", "text": "Rest of the wording"}
        help_texts = {"response_text": "Required when the recommendation is partly accepted or not accepted"}
        widgets = {"title": forms.Textarea(attrs={"rows": 2}), "text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priorities"].queryset = Priority.objects.filter(council=council)
        self.fields["measures"].queryset = Measure.objects.all()
        for name in ("priorities", "measures", "risks"):
            self.fields[name].required = False
        self.fields["theme"].widget.attrs["list"] = "theme-options"  # the review's scope themes, as suggestions
        self.fields["theme"].help_text = "One of the review's themes, or your own"

    def clean(self):
        data = super().clean()
        if (
            data.get("response") in (Recommendation.Response.PARTLY, Recommendation.Response.NOT_ACCEPTED)
            and not (data.get("response_text") or "").strip()
        ):
            self.add_error("response_text", "Give the council's reasons: partly accepted and not accepted need them.")
        return data


class ActionForm(GovukModelForm):
    version = version_field()

    class Meta(GovukModelForm.Meta):
        model = Action
        fields = [
            "description",
            "lead",
            "lead_name",
            "directorate",
            "start_date",
            "due_date",
            "status",
            "percent_complete",
        ]
        labels = {"lead": "Lead officer", "lead_name": "Lead role", "percent_complete": "Per cent complete"}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "start_date": forms.DateInput(),
            "due_date": forms.DateInput(),
        }

    def __init__(self, *args, council=None, directorates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = User.objects.filter(is_active=True)
        self.fields["directorate"].queryset = (
            directorates if directorates is not None else Directorate.objects.filter(council=council)
        )
        self.fields["percent_complete"].max_value = 100

    def clean(self):
        data = super().clean()
        start, due = data.get("start_date"), data.get("due_date")
        if start and due and due < start:
            self.add_error("due_date", "The due date is before the start date.")
        if (data.get("percent_complete") or 0) > 100:
            self.add_error("percent_complete", "Per cent complete must be between 0 and 100.")
        return data


class ProgressForm(GovukForm):
    text = forms.CharField(label="Progress made", widget=forms.Textarea(attrs={"rows": 4}))
    on = forms.DateField(label="Date of the update", widget=forms.DateInput())
    status = forms.ChoiceField(choices=Action.Status.choices)
    percent_complete = forms.IntegerField(label="Per cent complete", min_value=0, max_value=100)
    version = version_field()  # the action's


class MilestoneForm(GovukForm):
    prefix = "milestone"

    title = forms.CharField(label="Milestone", max_length=300)
    due_date = forms.DateField(label="Due date", required=False, widget=forms.DateInput())
    version = version_field()  # the action's


class RevisedDueDateForm(GovukForm):
    """Agree a later due date: until it passes, the action is not off track for being past the original one."""

    prefix = "revised"

    revised_due_date = forms.DateField(label="Revised due date", widget=forms.DateInput())
    agreed_by = forms.CharField(
        label="Agreed by", max_length=200, help_text="Who agreed it, for example the Cabinet Member or the board"
    )
    agreed_on = forms.DateField(label="Agreed on", widget=forms.DateInput())
    reason = forms.CharField(label="Why the due date changed", widget=forms.Textarea(attrs={"rows": 3}))


class MilestoneDoneForm(GovukForm):
    done_on = forms.DateField(label="Done on", widget=forms.DateInput())
    version = version_field()  # the milestone's


class EvidenceForm(GovukForm):
    prefix = "evidence"

    title = forms.CharField(label="Evidence title", max_length=300)
    url = forms.URLField(label="Evidence web address", max_length=500, assume_scheme="https")


class ImportUploadForm(GovukForm):
    document = forms.FileField(label="Review document", help_text=f"A {', '.join(SUPPORTED)} file")


class DraftRecommendationForm(GovukForm):
    ref = forms.CharField(label="Number or letter", max_length=10)
    title = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    text = forms.CharField(label="Rest of the wording", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    response = forms.CharField(label="Council response", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    response_status = forms.ChoiceField(label="Response", choices=Recommendation.Response.choices)
    include = forms.BooleanField(label="Import this recommendation", required=False, initial=True)

    def clean(self):
        data = super().clean()
        if (
            data.get("response_status") in (Recommendation.Response.PARTLY, Recommendation.Response.NOT_ACCEPTED)
            and not (data.get("response") or "").strip()
        ):
            self.add_error("response", "Give the council's reasons: partly accepted and not accepted need them.")
        return data


DraftFormSet = formset_factory(DraftRecommendationForm, extra=0)
