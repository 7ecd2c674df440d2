"""GOV.UK Design System styling for Django forms, in one place."""

from django import forms

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
    """Adds GOV.UK classes, hints and error links to every widget of a form."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            css = next((c for t, c in WIDGET_CLASSES.items() if type(widget) is t), "govuk-input")
            if isinstance(widget, forms.DateInput):
                widget.input_type = "date"
            widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()
            described = []
            if field.help_text:
                described.append(f"id_{self.add_prefix(name)}-hint")
            if self.is_bound and name in self.errors:
                described.append(f"id_{self.add_prefix(name)}-error")
                widget.attrs["class"] += f" {css.split()[0]}--error"
            if described:
                widget.attrs["aria-describedby"] = " ".join(described)


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass
