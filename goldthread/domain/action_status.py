"""An action's status as the dates say it is, shown beside the status its owner reports.

Plain functions, no Django. Past its due date and not complete means off track, unless a revised
due date was agreed and has not passed either."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# The statuses an owner can report (the values of improvement's Action.Status).
NOT_STARTED = "not_started"
ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"
COMPLETE = "complete"
BAU = "bau"

CLOSED = frozenset({COMPLETE, BAU})
STATUS_WORDS = {
    NOT_STARTED: "Not started",
    ON_TRACK: "On track",
    AT_RISK: "At risk",
    OFF_TRACK: "Off track",
    COMPLETE: "Complete",
    BAU: "Closed as business as usual",
}
STATUS_RAG = {
    NOT_STARTED: "grey",
    ON_TRACK: "green",
    AT_RISK: "amber",
    OFF_TRACK: "red",
    COMPLETE: "green",
    BAU: "grey",
}


@dataclass(frozen=True)
class ActionAssessment:
    reported: str  # what the owner last reported
    status: str  # what the dates say
    due: date | None  # the due date that counts: the agreed revised one, or the original
    overdue_days: int  # 0 unless past the due date that counts and not complete
    revised: bool  # a revised due date was agreed

    @property
    def rag(self) -> str:
        return STATUS_RAG[self.status]

    @property
    def words(self) -> str:
        return STATUS_WORDS[self.status]

    @property
    def reported_words(self) -> str:
        return STATUS_WORDS[self.reported]

    @property
    def is_overdue(self) -> bool:
        return self.overdue_days > 0

    @property
    def differs(self) -> bool:
        return self.status != self.reported

    @property
    def reason(self) -> str:
        if not self.is_overdue:
            return ""
        days = f"{self.overdue_days} day{'s' if self.overdue_days != 1 else ''}"
        which = "revised due date" if self.revised else "due date"
        return f"{days} past its {which} and not complete"


def assess_action(*, reported: str, due: date | None, revised_due: date | None = None, as_of: date) -> ActionAssessment:
    """The status the dates give on ``as_of``: off track once the due date that counts (the agreed
    revised date if there is one) has passed and the action is not complete or closed; otherwise
    what the owner reports."""
    if reported not in STATUS_WORDS:
        raise ValueError(f"Unknown action status: {reported!r}")
    counts = revised_due or due
    overdue = 0
    if counts is not None and reported not in CLOSED and counts < as_of:
        overdue = (as_of - counts).days
    return ActionAssessment(
        reported=reported,
        status=OFF_TRACK if overdue else reported,
        due=counts,
        overdue_days=overdue,
        revised=revised_due is not None,
    )
