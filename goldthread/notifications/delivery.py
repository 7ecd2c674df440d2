"""Store a notification and send it: by email at once, or in one digest a day. Sending failures leave the
notification waiting, and the next reminder run tries again.

The emails' text is in ``emails`` and storing and sending them, writes, in ``services`` (every write is a
service); this module names them together, as callers have always used them."""

from .emails import absolute, email_message, link_for
from .services import notify, send_digest, send_now, send_waiting

__all__ = ["absolute", "email_message", "link_for", "notify", "send_digest", "send_now", "send_waiting"]
