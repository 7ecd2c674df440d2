"""How figures are written for people, once for the whole product: measure values in their units, money as
councils write it in reports (£1.2m, £850k), percentages and counts ("1 measure", "3 measures").

Every rounding here is half-up (2.45 -> 2.5), as people round by hand, never Python's round-half-even.
Plain Python, no Django."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

#: A figure as the apps hold it: a model's Decimal, or an int or float from arithmetic.
Figure = Decimal | int | float

MILLION = Decimal(1_000_000)
THOUSAND = Decimal(1_000)


def rounded(value: Figure, places: int) -> Decimal:
    """``value`` to ``places`` decimals, half-up."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def number(value: Figure, places: int = 0) -> str:
    """1234.5 -> "1,235" (places=0) or "1,234.5" (places=1)."""
    return f"{rounded(value, places):,.{places}f}"


def format_value(value: Decimal | None, unit: str, decimal_places: int = 1, rate_per: int | None = None) -> str:
    """A measure's value in its unit: "33.0%", "£12.50", "4.5 days", "12.1 per 10,000", "Yes"."""
    if value is None:
        return "No data"
    if unit == "yesno":
        return "Yes" if value else "No"
    text = number(value, decimal_places)
    if unit == "percent":
        return f"{text}%"
    if unit == "gbp":
        return f"-£{text[1:]}" if text.startswith("-") else f"£{text}"
    if unit == "days":
        return f"{text} days"
    if unit == "rate" and rate_per:
        return f"{text} per {rate_per:,}"
    return text


def millions(value: Figure | None, places: int = 1) -> str:
    """Pounds as millions without the sign: 80_050_000 -> "80.1"."""
    if value is None:
        return ""
    return number(Decimal(str(value)) / MILLION, places)


def money(value: Figure | None, places: int = 1) -> str:
    """Pounds as councils write them in reports: "£80.1m", "£850k", "£120"; negative "-£5.0m"."""
    if value is None:
        return "–"
    amount = Decimal(str(value))
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if rounded(amount / MILLION, places) >= 1:
        return f"{sign}£{number(amount / MILLION, places)}m"
    if rounded(amount / THOUSAND, 0) >= 1:
        return f"{sign}£{number(amount / THOUSAND, 0)}k"
    return f"{sign}£{number(amount, 0)}"


def money_millions(value: Figure | None, places: int = 1) -> str:
    """Always in millions, for tables of budgets: "£80.1m", "-£5.0m", "£0.4m"."""
    if value is None:
        return "Not known"
    amount = Decimal(str(value))
    text = millions(abs(amount), places)
    return f"-£{text}m" if amount < 0 and text.strip("0.") else f"£{text}m"


def percent(value: Figure | None, places: int = 1) -> str:
    """69.84 -> "69.8%"."""
    return "–" if value is None else f"{number(value, places)}%"


def count(n: int, singular: str, plural: str | None = None) -> str:
    """ "1 measure", "0 measures", "2 measures"; never "1 measures"."""
    return f"{n:,} {singular if n == 1 else (plural or singular + 's')}"
