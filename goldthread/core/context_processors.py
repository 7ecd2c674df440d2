from django.conf import settings

from goldthread.council.models import Council

from .middleware import GOVUK_SUPPORTED_SCRIPT


def council(request):
    """The council every page is about, and the navigation for the signed-in person."""
    current = Council.objects.order_by("pk").first()
    return {
        "council": current,
        "govuk_supported_script": GOVUK_SUPPORTED_SCRIPT,
        "navigation": _navigation(request),
        "demo_signins_enabled": settings.DEBUG and getattr(settings, "GOLDTHREAD_DEMO_SIGNINS", True),
    }


# (label, url name, roles that see it; None = everyone signed in)
NAVIGATION = [
    ("Scorecard", "performance:scorecard", None),
    ("Priorities", "council:priorities", None),
    ("Measures", "performance:measures", None),
    ("Benchmarking", "benchmarking:index", None),
    ("Improvement", "improvement:index", None),
    ("Scrutiny", "scrutiny:index", None),
    ("Risk", "risk:index", None),
    ("Finance", "finance:index", None),
    ("People", "people:index", None),
    ("Reports", "reports:index", None),
]


def _navigation(request):
    from django.urls import NoReverseMatch, reverse

    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return []
    items = []
    for label, name, roles in NAVIGATION:
        if roles and user.role not in roles and not user.is_superuser:
            continue
        try:
            href = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"label": label, "href": href, "active": request.path.startswith(href) and href != "/"})
    return items
