"""The priority page's list of risks, each with its current score and band in words."""

from goldthread.council import permissions
from goldthread.council.links import LinkedItem, LinkedSection

from .models import Risk


def priority_risks(priority, user) -> LinkedSection | None:
    if not permissions.can_read(user):
        return None

    items = []
    risks = (
        Risk.objects.filter(priorities=priority, status=Risk.Status.OPEN)
        .select_related("register__directorate", "register__service", "matrix")
        .prefetch_related("matrix__bands")
    )
    for risk in risks:
        band = risk.current_band
        detail = f"{risk.register}: current score {risk.current_score} ({band.label if band else 'no band'})"
        if risk.is_example_score:
            detail += ", example score"
        items.append(LinkedItem(label=f"{risk.reference} {risk.title}", url=risk.get_absolute_url(), detail=detail))
    return LinkedSection(
        heading="Risks", items=items, empty_text="No open risks are linked to this priority.", order=20
    )
