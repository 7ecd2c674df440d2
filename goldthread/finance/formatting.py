"""Money as councils write it in reports: £ million to one decimal place."""

from decimal import ROUND_HALF_UP, Decimal

MILLION = Decimal(1_000_000)


def millions(value, places: int = 1) -> str:
    if value is None:
        return ""
    q = Decimal(1).scaleb(-places)
    return f"{(Decimal(value) / MILLION).quantize(q, rounding=ROUND_HALF_UP):,}"


def signed_millions(value, places: int = 1) -> str:
    if value is None:
        return ""
    text = millions(value, places)
    return text if text.startswith("-") or Decimal(value) == 0 else f"+{text}"


def pounds_millions(value, places: int = 1) -> str:
    """ "£80.1 m"; negative as "−£5.0 m"."""
    if value is None:
        return "Not known"
    text = millions(abs(Decimal(value)), places)
    return f"-£{text} m" if Decimal(value) < 0 else f"£{text} m"
