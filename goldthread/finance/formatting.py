"""Money as councils write it in reports (£ million to one decimal place): the one money formatter is in
goldthread.domain.numbers; these names are what the finance pages and templates use."""

from decimal import Decimal

from goldthread.domain.numbers import millions, money_millions, percent

__all__ = ["millions", "percent", "pounds_millions", "signed_millions"]


def signed_millions(value, places: int = 1) -> str:
    if value is None:
        return ""
    text = millions(value, places)
    return text if text.startswith("-") or Decimal(value) == 0 else f"+{text}"


def pounds_millions(value, places: int = 1) -> str:
    """ "£80.1m"; negative as "-£5.0m" (the same as the committee packs)."""
    return money_millions(value, places)
