"""Four eyes: who may decide on (approve or return) an entry.

A figure is submitted before it is approved, and the person who entered it does not decide on it,
unless the council allows that for a small team (and history then says so)."""

from __future__ import annotations

from collections.abc import Hashable

SUBMITTED = "submitted"


def is_own_entry(entered_by: Hashable | None, decided_by: Hashable | None) -> bool:
    """The decider is the person who entered the figures (unknown authors are nobody's own)."""
    return entered_by is not None and decided_by is not None and entered_by == decided_by


def may_decide(*, entered_by: Hashable | None, decided_by: Hashable | None, allow_own: bool) -> bool:
    """Whether ``decided_by`` may approve or return what ``entered_by`` entered."""
    return allow_own or not is_own_entry(entered_by, decided_by)


def may_approve(*, status: str, entered_by: Hashable | None, decided_by: Hashable | None, allow_own: bool) -> bool:
    """Only a submitted entry is approved, and then only by someone who may decide on it."""
    return status == SUBMITTED and may_decide(entered_by=entered_by, decided_by=decided_by, allow_own=allow_own)
