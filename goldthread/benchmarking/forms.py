from django import forms

from goldthread.core.forms import GovukForm

from . import selectors
from .models import PublishedMetric

FORMAT_CHOICES = [
    ("tidy", "Tidy CSV (area_code, area_name, period, value)"),
    ("oflog", "Oflog data explorer CSV (one metric per Code)"),
    ("lginform-csv", "LG Inform Plus data CSV (one column per period)"),
    ("lginform-json", "LG Inform Plus data JSON"),
]


class MetricUploadForm(GovukForm):
    file = forms.FileField(label="File", help_text="CSV, Excel (.xlsx) or, for LG Inform JSON, a .json file")
    file_format = forms.ChoiceField(label="Format", choices=FORMAT_CHOICES)
    code = forms.CharField(
        label="Metric code", required=False, max_length=60,
        help_text="For example RECYCLING. Needed for tidy and LG Inform files; "
        "for an Oflog file, only that Code is imported",
    )  # fmt: skip
    name = forms.CharField(
        label="Metric name", required=False, max_length=300, help_text="Leave blank to use the file's"
    )
    unit = forms.CharField(label="Unit", required=False, max_length=40, help_text="For example %, per 10,000")
    polarity = forms.ChoiceField(
        label="Which direction is better",
        required=False,
        choices=[],
    )
    year_type = forms.ChoiceField(
        label="What a split year such as 2023/24 means",
        choices=[("financial", "Financial year"), ("academic", "Academic year"), ("calendar", "Calendar year")],
    )
    source = forms.CharField(label="Source", required=False, max_length=500)
    licence = forms.CharField(label="Licence", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["polarity"].choices = [
            ("", "Keep as it is (new metrics: no better direction; Oflog codes: Oflog's)"),
            ("higher", "Higher is better"),
            ("lower", "Lower is better"),
            ("none", "No better direction"),
        ]

    def clean(self):
        data = super().clean()
        if data.get("file_format") in {"tidy", "lginform-csv", "lginform-json"} and not data.get("code"):
            self.add_error("code", "Enter a metric code: this format does not name its metric")
        return data


class GroupForm(GovukForm):
    code = forms.SlugField(
        label="Code", max_length=60, help_text="Short and unique, e.g. SEFTON-NN (letters, numbers, hyphens)"
    )
    name = forms.CharField(label="Name", max_length=200, help_text="For example: CIPFA nearest neighbours")
    description = forms.CharField(label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    members_text = forms.CharField(
        label="Members",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="One GSS code or council name per line, e.g. E08000014 or Wirral",
    )
    members_file = forms.FileField(
        label="Or upload members", required=False,
        help_text="A CSV or Excel file with a column 'area_code' (GSS codes) or 'name'; it replaces the list above",
    )  # fmt: skip
    reason = forms.CharField(label="Reason for the change", required=False, max_length=300)

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["code"].disabled = True
        else:
            del self.fields["reason"]


class MeasureLinkForm(GovukForm):
    metric = forms.ModelChoiceField(
        label="Published metric", queryset=PublishedMetric.objects.all(), required=False,
        empty_label="Not linked", help_text="Choose 'Not linked' to remove the link",
    )  # fmt: skip
    group_code = forms.CharField(
        label="Main comparator group",
        max_length=60,
        initial="MD",
        help_text="MD, UA, LBO, CTY, NMD, UPPER, REGION:North West, all, or your group's code",
    )
    second_group_code = forms.CharField(label="Second comparator group", max_length=60, initial="ENG", required=False)

    def clean(self):
        data = super().clean()
        for name in ("group_code", "second_group_code"):
            code = (data.get(name) or "").strip()
            if code:
                try:
                    selectors.group(code)
                except LookupError as exc:
                    self.add_error(name, str(exc))
        return data
