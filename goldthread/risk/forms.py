"""Forms for risks, reviews, controls, actions, movements and assurance sources."""

from typing import cast

from django import forms

from goldthread.core.forms import GovukForm, GovukModelForm, version_field
from goldthread.council.models import Priority, User
from goldthread.improvement.models import Action, Review
from goldthread.performance.models import Measure

from .models import AssuranceArea, AssuranceSource, Band, Category, Control, MatrixLevel, Risk, RiskMatrix

SCORE_KINDS = [("inherent", "Inherent"), ("current", "Current"), ("target", "Target")]


def _level_choices(matrix: RiskMatrix, axis: str) -> list[tuple[int | str, str]]:
    return [("", "Choose")] + [(lv.value, f"{lv.value} – {lv.label}") for lv in matrix.levels.all() if lv.axis == axis]


class RiskForm(GovukModelForm):
    version = version_field()

    class Meta(GovukModelForm.Meta):
        model = Risk
        fields = [
            "title",
            "cause",
            "event",
            "consequence",
            "category",
            "owner",
            "owner_title",
            "priorities",
            "measures",
            "review_frequency",
            "next_review",
        ]
        labels = {"cause": "Cause", "event": "Event (what could happen)", "consequence": "Consequence"}
        widgets = {
            "next_review": forms.DateInput(),
            "cause": forms.Textarea(attrs={"rows": 3}),
            "event": forms.Textarea(attrs={"rows": 3}),
            "consequence": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, council, matrix: RiskMatrix, **kwargs):
        super().__init__(*args, **kwargs)
        # self.fields holds Fields to the type checker; these are the model's choice fields
        cast("forms.ModelChoiceField[Category]", self.fields["category"]).queryset = Category.objects.filter(
            council=council
        )
        cast("forms.ModelChoiceField[User]", self.fields["owner"]).queryset = User.objects.filter(is_active=True)
        self.fields["owner"].required = False
        cast("forms.ModelMultipleChoiceField[Priority]", self.fields["priorities"]).queryset = Priority.objects.filter(
            council=council
        )
        cast("forms.ModelMultipleChoiceField[Measure]", self.fields["measures"]).queryset = Measure.objects.filter(
            council=council
        )
        self.fields["next_review"].required = False
        self.fields["next_review"].help_text = "Leave blank to set it from the review frequency"
        for kind, label in SCORE_KINDS:
            for axis in ("likelihood", "impact"):
                name = f"{kind}_{axis}"
                self.fields[name] = forms.TypedChoiceField(
                    label=f"{label} {axis}", choices=_level_choices(matrix, axis), coerce=int
                )
                if self.instance.pk:
                    self.initial[name] = getattr(self.instance, name)

    def score_fields(self) -> list[str]:
        return [f"{k}_{a}" for k, _ in SCORE_KINDS for a in ("likelihood", "impact")]


class ReviewForm(GovukForm):
    date = forms.DateField(label="Date of the review", widget=forms.DateInput())
    period = forms.CharField(label="Period", help_text='The quarter reviewed, e.g. "2023-24 Q3"', max_length=20)
    likelihood = forms.TypedChoiceField(label="Current likelihood", coerce=int)
    impact = forms.TypedChoiceField(label="Current impact", coerce=int)
    note = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    version = version_field()

    def __init__(self, *args, matrix: RiskMatrix, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["likelihood"]).choices = _level_choices(matrix, "likelihood")
        cast(forms.ChoiceField, self.fields["impact"]).choices = _level_choices(matrix, "impact")


class ControlForm(GovukModelForm):
    version = version_field()

    class Meta(GovukModelForm.Meta):
        model = Control
        fields = ["description", "control_type", "effectiveness", "owner", "owner_title", "last_tested"]
        labels = {"control_type": "Type", "owner_title": "Owner's role (if not a user)"}
        widgets = {"last_tested": forms.DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].required = False
        self.fields["owner"].queryset = User.objects.filter(is_active=True)


class LinkActionsForm(GovukForm):
    actions = forms.ModelMultipleChoiceField(
        label="Mitigating actions",
        queryset=Action.objects.none(),
        required=False,
        help_text="Actions from the improvement plans; hold Ctrl or Cmd to choose more than one",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actions"].queryset = Action.objects.order_by("reference")


class NewActionForm(GovukForm):
    description = forms.CharField(label="What will be done", widget=forms.Textarea(attrs={"rows": 3}))
    lead_name = forms.CharField(label="Lead officer (role)", max_length=200, required=False)
    due_date = forms.DateField(label="Due date", widget=forms.DateInput(), required=False)


class MoveForm(GovukForm):
    to_register = forms.TypedChoiceField(label="Move to register", coerce=int)
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 3}))
    date = forms.DateField(label="Date of the decision", widget=forms.DateInput())

    def __init__(self, *args, registers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_register"].choices = [("", "Choose")] + [(r.pk, str(r)) for r in registers]


class ReasonForm(GovukForm):
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 3}))


class ReturnReviewForm(ReasonForm):
    version = version_field()


class BandForm(GovukModelForm):
    class Meta(GovukModelForm.Meta):
        model = Band
        fields = ["name", "label", "min_score", "max_score"]
        labels = {"min_score": "Lowest score", "max_score": "Highest score"}


class SourceForm(GovukModelForm):
    subject = forms.ChoiceField(label="Key area or corporate risk")

    class Meta(GovukModelForm.Meta):
        model = AssuranceSource
        fields = ["line", "provider", "title", "date", "opinion", "url", "review", "note"]
        labels = {"url": "Link to the report", "review": "Improvement review (if any)", "line": "Line of assurance"}
        widgets = {"date": forms.DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        areas = [(f"area-{a.pk}", a.name) for a in AssuranceArea.objects.filter(council=council)]
        corporate = Risk.objects.filter(register__council=council, register__level="corporate", status="open")
        self.fields["subject"].choices = [
            ("", "Choose"),
            ("Key areas", areas),
            ("Corporate risks", [(f"risk-{r.pk}", str(r)) for r in corporate]),
        ]
        self.fields["review"].queryset = Review.objects.filter(council=council)
        self.fields["review"].required = False
        self.order_fields(["subject", *self.Meta.fields])

    def subject_fields(self) -> dict:
        kind, pk = self.cleaned_data["subject"].split("-", 1)
        if kind == "area":
            return {"area": AssuranceArea.objects.get(pk=pk), "risk": None}
        return {"risk": Risk.objects.get(pk=pk), "area": None}


class CategoryForm(GovukModelForm):
    class Meta(GovukModelForm.Meta):
        model = Category
        fields = ["code", "name", "appetite"]
        labels = {"code": "Short code", "appetite": "Appetite: the highest acceptable current score"}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.council = council


class LevelForm(GovukModelForm):
    class Meta(GovukModelForm.Meta):
        model = MatrixLevel
        fields = ["label", "description"]


class AreaForm(GovukModelForm):
    class Meta(GovukModelForm.Meta):
        model = AssuranceArea
        fields = ["code", "name"]
        labels = {"code": "Short code", "name": "Key area"}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.council = council
