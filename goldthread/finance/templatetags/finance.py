"""Template filters for money and percentages, written by goldthread.domain.numbers: {{ value|m }} is
£ million to one decimal place, {{ value|pounds_m }} "£80.1m", {{ value|percent }} "6.2%"."""

from django import template

from goldthread.finance.formatting import millions, percent, pounds_millions, signed_millions

register = template.Library()


@register.filter
def m(value):
    return millions(value)


@register.filter
def signed_m(value):
    return signed_millions(value)


@register.filter
def pounds_m(value):
    return pounds_millions(value)


@register.filter(name="percent")
def percent_filter(value):
    return percent(value)
