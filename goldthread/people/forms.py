import copy
from typing import TYPE_CHECKING

from django import forms

from goldthread.core.forms import GovukForm, GovukModelForm, version_field
from goldthread.council.models import Directorate, Outcome, Priority, User
from goldthread.performance.models import Measure

from .models import CYCLE_FIELDS, FORUM_FIELDS, AppraisalCycle, Forum, MeetingOutcome, Survey, SurveyQuestion

if TYPE_CHECKING:  # annotations only: the form imports it when choices are scoped, as before
    from goldthread.performance.models import Measure


class ScopedChoicesMixin:
    """Set choice querysets before the form is built. GovukFormMixin validates a bound form
    inside __init__ (it reads ``self.errors`` to style fields), so querysets set after
    ``super().__init__`` would come too late for validation."""

    def __init__(self, *args, **kwargs):
        self.base_fields = copy.deepcopy(type(self).base_fields)
        for name, queryset in self.scoped_querysets().items():
            self.base_fields[name].queryset = queryset
        super().__init__(*args, **kwargs)

    def scoped_querysets(self) -> dict:
        return {}


class UploadForm(GovukForm):
    file = forms.FileField(label="File (CSV or Excel .xlsx)")


class SurveyUploadForm(UploadForm):
    layout = forms.ChoiceField(
        label="What the file holds",
        choices=[
            ("raw", "Raw responses: one row per respondent, a column per question and per group"),
            ("aggregated", "Aggregated results: question, group, n, n positive (and optionally dimension)"),
        ],
    )


class CycleForm(GovukModelForm):
    version = version_field()

    class Meta:
        model = AppraisalCycle
        fields = CYCLE_FIELDS


class AppraisalForm(GovukForm):
    version = version_field()
    development_needs = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    wellbeing_conversation = forms.BooleanField(label="A wellbeing conversation was held", required=False)
    wellbeing_conversation_on = forms.DateField(
        label="Date of the wellbeing conversation", required=False, widget=forms.DateInput
    )
    manager_agreed_on = forms.DateField(
        label="Agreed by the manager on", required=False, widget=forms.DateInput, help_text="Leave blank until agreed"
    )


class AcknowledgeForm(GovukForm):
    acknowledged_on = forms.DateField(label="Date you read and accept it", widget=forms.DateInput)


class ObjectiveForm(ScopedChoicesMixin, GovukForm):
    text = forms.CharField(label="Objective", widget=forms.Textarea(attrs={"rows": 3}))
    priority = forms.ModelChoiceField(
        label="Council priority it serves", queryset=Priority.objects.none(), required=False
    )
    outcome = forms.ModelChoiceField(label="Service outcome", queryset=Outcome.objects.none(), required=False)
    version = version_field()  # the appraisal's: an objective changes its status

    def __init__(self, *args, council=None, **kwargs):
        self.council = council
        super().__init__(*args, **kwargs)

    def scoped_querysets(self) -> dict:
        return {
            "priority": Priority.objects.filter(council=self.council),
            "outcome": Outcome.objects.filter(priority__council=self.council).select_related("priority"),
        }


class LinkUserForm(GovukForm):
    account = forms.ModelChoiceField(
        label="Sign-in account",
        queryset=User.objects.order_by("username"),
        required=False,
        help_text="Leave blank to remove the link",
    )


class PeriodForm(GovukForm):
    period = forms.CharField(label="Scorecard period", help_text="e.g. 2024-25", max_length=20)


class SurveyForm(GovukModelForm):
    class Meta:
        model = Survey
        fields = ["name", "kind", "description", "minimum_group_size", "group_columns"]


class QuestionForm(GovukModelForm):
    class Meta:
        model = SurveyQuestion
        fields = ["code", "text", "theme", "answer_type", "positive_answers"]


class WaveForm(GovukForm):
    label = forms.CharField(label="Wave", help_text="e.g. 2023 or Spring 2025", max_length=60)
    fieldwork_start = forms.DateField(label="Fieldwork started", required=False, widget=forms.DateInput)
    fieldwork_end = forms.DateField(label="Fieldwork ended", required=False, widget=forms.DateInput)


class ClearForm(GovukForm):
    reason = forms.CharField(label="Why clear these results?", max_length=300)


class FindingForm(ScopedChoicesMixin, GovukForm):
    question = forms.ModelChoiceField(
        label="Question it is about", queryset=SurveyQuestion.objects.none(), required=False
    )
    text = forms.CharField(label="Finding", widget=forms.Textarea(attrs={"rows": 3}))
    action_description = forms.CharField(
        label="Improvement action",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Creates an action in the improvement plan; leave blank to record the finding only",
    )
    directorate = forms.ModelChoiceField(
        label="Directorate leading it", queryset=Directorate.objects.none(), required=False
    )
    lead_name = forms.CharField(label="Lead officer (role)", max_length=200, required=False)
    due_date = forms.DateField(label="Due by", required=False, widget=forms.DateInput)

    def __init__(self, *args, survey=None, **kwargs):
        self.survey = survey
        super().__init__(*args, **kwargs)

    def scoped_querysets(self) -> dict:
        return {
            "question": self.survey.questions.all(),
            "directorate": Directorate.objects.filter(council=self.survey.council),
        }


class SurveyPublishForm(ScopedChoicesMixin, GovukForm):
    question = forms.ModelChoiceField(label="Question", queryset=SurveyQuestion.objects.none())
    measure: "forms.ModelChoiceField[Measure]" = forms.ModelChoiceField(
        label="Scorecard measure", queryset=None, help_text="Measures in %"
    )
    period = forms.CharField(label="Scorecard period", help_text="e.g. 2023-24", max_length=20)

    def __init__(self, *args, survey=None, **kwargs):
        self.survey = survey
        super().__init__(*args, **kwargs)

    def scoped_querysets(self) -> dict:
        return {
            "question": self.survey.questions.all(),
            "measure": Measure.objects.filter(council=self.survey.council, unit="percent"),
        }


class ForumForm(GovukModelForm):
    version = version_field()

    class Meta:
        model = Forum
        fields = FORUM_FIELDS


class MemberForm(GovukForm):
    person = forms.CharField(label="Member (name or post)", max_length=200)
    organisation = forms.CharField(label="Organisation", max_length=200)


class MeetingForm(GovukForm):
    held_on = forms.DateField(label="Date of the meeting", widget=forms.DateInput)
    notes = forms.CharField(label="Notes", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class OutcomeForm(ScopedChoicesMixin, GovukForm):
    kind = forms.ChoiceField(label="Decision or action", choices=MeetingOutcome.Kind.choices)
    text = forms.CharField(label="What was decided or agreed", widget=forms.Textarea(attrs={"rows": 2}))
    create_action = forms.BooleanField(label="Track this action in the improvement plan", required=False)
    directorate = forms.ModelChoiceField(
        label="Directorate leading it", queryset=Directorate.objects.none(), required=False
    )
    due_date = forms.DateField(label="Due by", required=False, widget=forms.DateInput)

    def __init__(self, *args, council=None, **kwargs):
        self.council = council
        super().__init__(*args, **kwargs)

    def scoped_querysets(self) -> dict:
        return {"directorate": Directorate.objects.filter(council=self.council)}
