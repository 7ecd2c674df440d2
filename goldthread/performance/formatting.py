"""How values are written for people: the one formatter lives in goldthread.domain.numbers."""

from goldthread.domain.numbers import format_value

__all__ = ["format_value"]
