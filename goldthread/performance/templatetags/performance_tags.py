from django import template

register = template.Library()


@register.filter
def measure_value(value, measure):
    """A figure written the way its measure is: "33.0%", "£1,250.00", "Yes"."""
    return measure.format_value(value)
