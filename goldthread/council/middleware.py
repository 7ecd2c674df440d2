"""Someone whose account has no role yet (a first sign-in through the identity provider) sees one page
saying so, whatever they ask for, until the performance team gives them a role."""

from django.shortcuts import render

from .models import NO_ROLE

# Signing out, and the files the page itself needs, stay reachable.
OPEN_PREFIXES = ("/sign-out", "/static/", "/api/", "/health")


class NoRoleYetMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.role == NO_ROLE
            and not user.is_superuser
            and not request.path_info.startswith(OPEN_PREFIXES)
        ):
            return render(request, "council/no_role_yet.html", status=403)
        return self.get_response(request)
