"""JSON API: the council, its directorates and priorities."""

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from .models import Priority
from .selectors import current_council

router = Router(tags=["council"])


class PriorityOut(Schema):
    code: str
    title: str
    description: str
    order: int
    outcomes: list[str]
    measures: list[str]


def _priority_out(p: Priority) -> PriorityOut:
    return PriorityOut(
        code=p.code,
        title=p.title,
        description=p.description,
        order=p.order,
        outcomes=[o.title for o in p.outcomes.all()],
        measures=[m.reference for m in p.measures.all()],
    )


@router.get("/priorities", response=list[PriorityOut])
def list_priorities(request):
    council = current_council()
    qs = Priority.objects.filter(council=council).prefetch_related("outcomes", "measures")
    return [_priority_out(p) for p in qs]


@router.get("/priorities/{code}", response=PriorityOut)
def get_priority(request, code: str):
    p = get_object_or_404(
        Priority.objects.prefetch_related("outcomes", "measures"), council=current_council(), code=code
    )
    return _priority_out(p)
