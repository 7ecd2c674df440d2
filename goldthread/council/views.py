from django.shortcuts import get_object_or_404, render

from .links import sections_for
from .models import Priority
from .selectors import current_council, priorities_with_counts


def priorities(request):
    council = current_council()
    return render(request, "council/priorities.html", {"priorities": priorities_with_counts(), "the_council": council})


def priority(request, code: str):
    item = get_object_or_404(Priority, council=current_council(), code=code)
    return render(
        request,
        "council/priority.html",
        {"priority": item, "outcomes": item.outcomes.all(), "sections": sections_for(item, request.user)},
    )
