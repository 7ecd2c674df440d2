"""GOV.UK Design System styling for Django forms, in one place."""

from collections.abc import Callable

from django import forms
from django.db import models
from django.forms.utils import ErrorDict

WIDGET_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.SelectMultiple: "govuk-select gt-select-multiple",
    forms.ClearableFileInput: "govuk-file-upload",
    forms.FileInput: "govuk-file-upload",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.DateInput: "govuk-input govuk-input--width-10",
    forms.NumberInput: "govuk-input govuk-input--width-10",
}


class GovukFormMixin:
    """Adds GOV.UK classes, hints and error links to every widget of a form.

    Styling happens when a field is rendered, not in ``__init__``: a form that narrows a
    field's choices after ``super().__init__()`` must not be validated before that."""

    # From the form class this is mixed into (forms.Form or forms.ModelForm).
    add_prefix: Callable[[str], str]
    _errors: ErrorDict | None

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def __getitem__(self, name):
        self._govuk_style(name, self.fields[name])
        return super().__getitem__(name)

    def _govuk_style(self, name, field) -> None:
        widget = field.widget
        css = next((c for t, c in WIDGET_CLASSES.items() if type(widget) is t), "govuk-input")
        if isinstance(widget, forms.DateInput):
            widget.input_type = "date"
        base = css.split()[0]
        classes = [c for c in widget.attrs.get("class", "").split() if c != f"{base}--error"]
        classes = list(dict.fromkeys([*css.split(), *classes]))
        described = []
        if field.help_text:
            described.append(f"id_{self.add_prefix(name)}-hint")
        # Only a form that has already been validated shows errors.
        if self._errors is not None and name in self._errors:
            described.append(f"id_{self.add_prefix(name)}-error")
            classes.append(f"{base}--error")
        widget.attrs["class"] = " ".join(classes)
        if described:
            widget.attrs["aria-describedby"] = " ".join(described)
        else:
            widget.attrs.pop("aria-describedby", None)


class GovukForm(GovukFormMixin, forms.Form):
    pass


def _formfield(db_field, **kwargs):
    # Web addresses typed without a scheme are https (Django 6's default; say so now).
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    """Write subclasses' Meta as ``class Meta(GovukModelForm.Meta)`` so URL fields assume https."""

    class Meta:
        formfield_callback = _formfield


def version_field() -> forms.IntegerField:
    """The version of the record the form showed, sent back so an older one is refused (0: none)."""
    return forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


def with_current_version(data, version: int):
    """The posted data with the record's current version: after a conflict the form keeps what the
    person typed, and saving it again is a decision taken with the changes in view."""
    data = data.copy()
    data["version"] = str(version)
    return data
