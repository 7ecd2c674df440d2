"""GOV.UK styling of forms: classes, hints and error links, without validating early."""

from django import forms

from goldthread.core.forms import GovukForm


class Example(GovukForm):
    name = forms.CharField(help_text="Your full name")
    colour = forms.ChoiceField(choices=[("red", "Red")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Narrowing choices after __init__ must work: nothing is validated yet.
        self.fields["colour"].choices = [("blue", "Blue")]


def test_fields_get_govuk_classes_and_hint_links():
    html = str(Example()["name"])
    assert 'class="govuk-input"' in html
    assert 'aria-describedby="id_name-hint"' in html


def test_choices_narrowed_after_init_are_the_ones_validated():
    assert Example(data={"name": "Sam", "colour": "blue"}).is_valid()
    assert not Example(data={"name": "Sam", "colour": "red"}).is_valid()


def test_a_field_in_error_is_marked_and_linked_to_its_message():
    form = Example(data={"name": "", "colour": "blue"})
    assert not form.is_valid()
    html = str(form["name"])
    assert "govuk-input--error" in html
    assert "id_name-error" in html
