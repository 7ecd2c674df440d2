"""Writes for reports: saving the narrative the performance team edits."""

from typing import Any

from goldthread.core.audit import record_change, snapshot
from goldthread.core.models import Change
from goldthread.council.models import User

from .models import ReportNarrative

NARRATIVE_FIELDS = [
    f.name
    for f in ReportNarrative._meta.get_fields()
    if getattr(f, "concrete", False) and f.name not in {"id", "updated_by", "updated_at"}
]


def narrative_save(*, narrative: ReportNarrative, data: dict[str, Any], user: User | None) -> ReportNarrative:
    """Save the edited narrative of a report, keeping what it said before in history."""
    creating = narrative.pk is None
    before = {} if creating else snapshot(ReportNarrative.objects.get(pk=narrative.pk), NARRATIVE_FIELDS)
    for name, value in data.items():
        setattr(narrative, name, value)
    narrative.updated_by = user
    narrative.save()
    record_change(
        obj=narrative,
        user=user,
        action=Change.Action.CREATE if creating else Change.Action.UPDATE,
        before=before,
        after=snapshot(narrative, NARRATIVE_FIELDS),
    )
    return narrative
