"""Template filters for money: {{ value|m }} is £ million to one decimal place."""

from django import template

from goldthread.finance.formatting import millions, pounds_millions, signed_millions

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
