"""Security headers every response carries."""

import base64
import hashlib

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as _LoginRequired
from django.http import JsonResponse
from django.shortcuts import render

# GOV.UK Frontend's script is loaded from our own origin; no inline script is used anywhere,
# except that GOV.UK Frontend needs `govuk-frontend-supported` set on <body> by a tiny
# script whose hash is allowed here.
GOVUK_SUPPORTED_SCRIPT = "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');"  # noqa: E501
GOVUK_SUPPORTED_SCRIPT_HASH = (
    "sha256-" + base64.b64encode(hashlib.sha256(GOVUK_SUPPORTED_SCRIPT.encode()).digest()).decode()
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or (
            "default-src 'self'; "
            f"script-src 'self' '{GOVUK_SUPPORTED_SCRIPT_HASH}'; "
            "style-src 'self'; img-src 'self' data:; font-src 'self'; "
            "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'"
        )

    def __call__(self, request):
        response = self.get_response(request)
        # The API docs page loads its own assets; leave its policy to django-ninja.
        if not request.path.startswith("/api/docs"):
            response.headers.setdefault("Content-Security-Policy", self.policy)
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response


class LoginRequiredMiddleware(_LoginRequired):
    """Every page needs a signed-in person, except those marked ``login_not_required``.
    The JSON API answers 401 itself (token or session), so it is left to django-ninja."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class RejectNulBytesMiddleware:
    """A NUL byte is never meaningful in a path, query string, form or JSON body, and PostgreSQL
    refuses it in text: answer 400 (JSON on the API, a page elsewhere) rather than letting it reach
    a query and fail as a server error. Uploaded files are left to their readers (an .xlsx is binary)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _request_has_nul(request):
            message = "The request contains a NUL character (byte 0x00), which is not allowed."
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return render(request, "core/400.html", {"reason": message}, status=400)
        return self.get_response(request)


def _request_has_nul(request) -> bool:
    # the decoded path holds the path parameters (a %00 in the address arrives here as a NUL)
    if "\x00" in request.path_info or _has_nul(request.GET):
        return True
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        return _has_nul(request.POST)
    if request.content_type == "application/json":
        return b"\\u0000" in request.body or b"\x00" in request.body
    return False


def _has_nul(query_dict):
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in query_dict.lists())
