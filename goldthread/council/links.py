"""What links to a priority. Each domain app registers a provider in its AppConfig.ready(),
so the priority page shows everything on the golden thread without knowing every app."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class LinkedItem:
    label: str
    url: str
    detail: str = ""  # e.g. "Off target", "Score 16 (high)", "Due 31 March 2024"


@dataclass
class LinkedSection:
    heading: str
    items: list[LinkedItem] = field(default_factory=list)
    empty_text: str = "None linked yet."
    order: int = 50


Provider = Callable[..., LinkedSection | None]  # (priority, user) -> section
_PROVIDERS: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def sections_for(priority, user) -> list[LinkedSection]:
    sections = [s for s in (p(priority, user) for p in _PROVIDERS) if s is not None]
    return sorted(sections, key=lambda s: (s.order, s.heading))
