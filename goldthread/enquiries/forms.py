from django import forms
from django.core.files.uploadedfile import UploadedFile

from goldthread.core.forms import GovukForm, version_field
from goldthread.council.models import Directorate, Role, User
from goldthread.domain.periods import Granularity, PeriodError, YearType, parse_period

from .models import ComplaintCount
from .services import MOST_WORKING_DAYS

MOST_UPLOAD_BYTES = 5 * 1024 * 1024


class RaiseForm(GovukForm):
    ward = forms.CharField(max_length=100, help_text="The ward the enquiry is about")
    subject = forms.CharField(max_length=200)
    text = forms.CharField(label="Your enquiry", widget=forms.Textarea(attrs={"rows": 6}))


class RouteForm(GovukForm):
    version = version_field()
    directorate = forms.ModelChoiceField(queryset=Directorate.objects.none())
    officer = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, help_text="Leave empty to let the directorate's editors answer"
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["directorate"].queryset = council.directorates.order_by("name")
        self.fields["officer"].queryset = User.objects.filter(
            role__in=[Role.OFFICER, Role.EDITOR], is_active=True
        ).order_by("last_name", "first_name")


class RespondForm(GovukForm):
    version = version_field()
    response = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}))
    responded_on = forms.DateField(
        label="Date answered",
        required=False,
        widget=forms.DateInput(),
        help_text="For example, 2025-03-27. Leave empty for today",
    )


class CloseForm(GovukForm):
    version = version_field()


class ComplaintCountForm(GovukForm):
    period = forms.CharField(max_length=20, help_text="A financial quarter, for example 2024-25 Q1")
    stage = forms.TypedChoiceField(choices=ComplaintCount.Stage.choices, coerce=int)
    outcome = forms.ChoiceField(choices=ComplaintCount.Outcome.choices)
    count = forms.IntegerField(min_value=0, label="Number of complaints")

    def clean_period(self):
        text = self.cleaned_data["period"]
        try:
            period = parse_period(text, YearType.FINANCIAL, Granularity.QUARTER)
        except PeriodError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return period.label


class OmbudsmanUploadForm(GovukForm):
    file = forms.FileField(
        label="File (CSV or Excel .xlsx)",
        help_text="Columns: area_code, area_name, period, complaints_decided, upheld (one row per council and year)",
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        # A year of every council is a few hundred rows: 5 MB is far more, and refused before it is read.
        if upload.size > MOST_UPLOAD_BYTES:
            raise forms.ValidationError(f"The file must be smaller than {MOST_UPLOAD_BYTES // (1024 * 1024)} MB")
        return upload


class EnquirySettingsForm(GovukForm):
    version = version_field()
    response_working_days = forms.IntegerField(
        label="Working days to answer a member enquiry",
        min_value=1,
        max_value=MOST_WORKING_DAYS,
        help_text="Weekends and England and Wales bank holidays do not count. Applies to enquiries raised from now"
        " on: an enquiry keeps the due date it was given",
    )
    measure_directorate = forms.ModelChoiceField(
        label="Directorate that owns the computed measures",
        queryset=Directorate.objects.none(),
        required=False,
        help_text="For the measures Goldthread makes (enquiries on time, complaints, Ombudsman): those it has"
        " made already move to it too."
        " Leave empty for the first directorate by name",
    )
    reason = forms.CharField(label="Reason for the change", required=False, max_length=300)

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure_directorate"].queryset = council.directorates.order_by("name")
