"""Locking a reported period, and revising a value after it was reported.

When the performance team records that a period's figures went to Cabinet, the figures
members saw are copied as they were (``ReportedFigure``). From then on, entering or correcting
a value in that period needs a reason and is kept as a numbered revision, shown next to the
reported figure: what Cabinet saw is never silently replaced.

The reads are in ``reported`` and the writes in ``services`` (every write is a service); this
module names them together, as callers have always used them."""

from .reported import LockError, is_locked, reported_figure_for, revisions_by_figure
from .services import lock_period, record_revision

__all__ = ["LockError", "is_locked", "lock_period", "record_revision", "reported_figure_for", "revisions_by_figure"]
