"""A small publish/subscribe between apps. An app's services announce what happened here (an item
was submitted, an item was returned); an app above them (notifications) subscribes in its
AppConfig.ready(). So the services need not import the apps that react to them, as
``report_sections.py`` and ``council/links.py`` do for sections and links."""

from __future__ import annotations

from collections.abc import Callable

# Something awaits approval: payload ``obj`` (the item) and ``user`` (who submitted it).
SUBMITTED = "submitted"
# Something was sent back: payload ``obj``, ``user`` (who returned it) and ``reason``.
RETURNED = "returned"

Handler = Callable[..., None]

_HANDLERS: dict[str, list[Handler]] = {}


def subscribe(name: str, handler: Handler) -> Handler:
    """Call ``handler(**payload)`` whenever ``name`` is published. Subscribing the same handler
    again (a second ready()) is harmless: it is still called once."""
    handlers = _HANDLERS.setdefault(name, [])
    if handler not in handlers:
        handlers.append(handler)
    return handler


def publish(name: str, **payload: object) -> None:
    """Tell every subscriber to ``name``, in the order they subscribed, in the caller's transaction."""
    for handler in list(_HANDLERS.get(name, ())):
        handler(**payload)


def subscribers(name: str) -> list[Handler]:
    return list(_HANDLERS.get(name, ()))
