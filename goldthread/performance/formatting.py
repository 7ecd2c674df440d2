"""How values are written for people: units, decimal places, thousands separators."""

from decimal import ROUND_HALF_UP, Decimal


def format_value(value: Decimal | None, unit: str, decimal_places: int = 1, rate_per: int | None = None) -> str:
    if value is None:
        return "No data"
    if unit == "yesno":
        return "Yes" if value else "No"
    quantum = Decimal(1).scaleb(-decimal_places)
    rounded = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{decimal_places}f}"
    if unit == "percent":
        return f"{text}%"
    if unit == "gbp":
        return f"-£{text[1:]}" if text.startswith("-") else f"£{text}"
    if unit == "days":
        return f"{text} days"
    if unit == "rate" and rate_per:
        return f"{text} per {rate_per:,}"
    return text
