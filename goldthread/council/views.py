from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .links import AsAt, PeriodChoiceError, chosen_period, default_period, period_choices, sections_for
from .models import Priority
from .selectors import current_council, priorities_with_counts


def priorities(request):
    council = current_council()
    return render(request, "council/priorities.html", {"priorities": priorities_with_counts(), "the_council": council})


def priority(request, code: str):
    """A priority as at the period in ``?period=`` (default: the latest quarter with figures): each app's
    section from the registered providers (council/links.py)."""
    council = current_council()
    item = get_object_or_404(Priority, council=council, code=code)
    today = timezone.localdate()
    latest = default_period(council, request.user, today)
    try:
        asked = request.GET.get("period", "").strip()
        period = chosen_period(asked, council, request.user, today) if asked else latest
    except PeriodChoiceError as exc:
        context = {"priority": item, "error": str(exc), "asked": request.GET.get("period", "")}
        context["period_choices"] = period_choices(latest)
        return render(request, "council/priority.html", context, status=400)
    as_at = AsAt(period, today)
    return render(
        request,
        "council/priority.html",
        {
            "priority": item,
            "outcomes": item.outcomes.all(),
            "as_at": as_at,
            "period_choices": period_choices(max(latest, period)),
            "sections": sections_for(item, request.user, as_at),
        },
    )
