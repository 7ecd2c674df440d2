"""What the people app adds to a priority's page: how many appraisal objectives serve it.
A count per cycle only, never the people, so every role may see it. Cycles that opened after the end of the
page's period are left out."""

from goldthread.council.links import LinkedItem, LinkedSection
from goldthread.council.permissions import can_see_people_aggregates


def appraisal_objectives(priority, user, as_at) -> LinkedSection | None:
    if not can_see_people_aggregates(user):
        return None
    from .models import AppraisalCycle

    items = []
    for cycle in AppraisalCycle.objects.filter(council=priority.council, window_start__lte=as_at.at):
        count = cycle.appraisals.filter(objectives__priority=priority).distinct().count()
        if count:
            noun = "appraisal" if count == 1 else "appraisals"
            items.append(
                LinkedItem(
                    label=f"{cycle.name}: {count} {noun} with objectives for this priority",
                    url=cycle.get_absolute_url(),
                )
            )
    return LinkedSection(heading="Staff appraisal objectives", items=items, order=80)
