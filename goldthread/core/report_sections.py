"""The report sections each domain app offers. An app builds its sections in ``<app>/appendix.py``
and registers them by name in its AppConfig.ready() (as ``council/links.py`` does for priority
pages); the reports app lists, per report, which named sections it has and in what order, and asks
here for them. So the reports app imports no domain app, and a domain app imports no report."""

from __future__ import annotations

from goldthread.core.report_context import AppendixBuilder

_SECTIONS: dict[str, AppendixBuilder] = {}


class UnknownSection(LookupError):
    pass


def register(name: str, builder: AppendixBuilder) -> AppendixBuilder:
    """Offer ``builder`` as the section ``name`` (e.g. "risk.corporate_risks"). Registering the same
    builder again (a second ready()) is harmless; another builder under a taken name is a mistake."""
    if _SECTIONS.get(name, builder) is not builder:
        raise ValueError(f"Two report sections are registered as {name!r}.")
    _SECTIONS[name] = builder
    return builder


def section(name: str) -> AppendixBuilder:
    try:
        return _SECTIONS[name]
    except KeyError:
        raise UnknownSection(f"No app registers the report section {name!r}: is its app in INSTALLED_APPS?") from None


def sections(names: list[str]) -> list[AppendixBuilder]:
    return [section(name) for name in names]


def registered() -> list[str]:
    return sorted(_SECTIONS)
