"""Four eyes for sign-off, shared by values, risk reviews and budget lines.

Who entered an item is read from its history (the last create, change or import of its figures),
so it needs no extra column and is right for items entered before this rule existed."""

from __future__ import annotations

from goldthread.council.models import Council
from goldthread.domain.signoff import is_own_entry, may_decide

from .audit import history_for
from .models import Change

ENTRY_ACTIONS = (Change.Action.CREATE, Change.Action.UPDATE, Change.Action.IMPORT, Change.Action.REVISE)
OWN_DECISION_NOTE = "Decided by the person who entered it (the council allows this for small teams)"


def entered_by_id(obj) -> int | None:
    """The user who last entered or changed the item's figures (None if not recorded)."""
    entry = history_for(obj).filter(action__in=ENTRY_ACTIONS).order_by("-at", "-id").first()
    return entry.user_id if entry is not None else None


def allows_own_decisions() -> bool:
    council = Council.objects.order_by("pk").only("allow_self_approval").first()
    return bool(council and council.allow_self_approval)


def decision_note(obj, user, *, error, verb: str) -> str:
    """The note history keeps for this decision ('' normally), or ``error`` when the person who
    entered the item tries to decide on it and the council does not allow that."""
    entered = entered_by_id(obj)
    decider = getattr(user, "pk", None)
    if not is_own_entry(entered, decider):
        return ""
    if not may_decide(entered_by=entered, decided_by=decider, allow_own=allows_own_decisions()):
        raise error(
            f"You entered {obj} yourself, so someone else must {verb} it (four eyes). Ask another member"
            " of the performance team."
        )
    return OWN_DECISION_NOTE
