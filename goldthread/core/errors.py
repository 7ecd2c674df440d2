"""The error pages (Django's handler400/403/404/500): GOV.UK pages for people, JSON for the API.

Anything under /api/ answers JSON, whatever went wrong, so an API client never has to read an
HTML page. The 500 page is rendered without the request's context processors: the failure
may be the database, and the page must not need it."""

import logging

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader

from .middleware import GOVUK_SUPPORTED_SCRIPT

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"

MESSAGES = {
    400: "The request could not be understood.",
    403: "You do not have permission to do that.",
    404: "Not Found",
    500: "Sorry, there is a problem with the service. It has been logged; try again later.",
}


def _is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def _json(status: int, detail: str = "") -> JsonResponse:
    return JsonResponse({"detail": detail or MESSAGES[status]}, status=status)


def bad_request(request, exception=None):
    if _is_api(request):
        return _json(400)
    return render(request, "core/400.html", status=400)


def forbidden(request, exception=None):
    reason = str(exception or "")
    if _is_api(request):
        return _json(403, reason)
    return render(request, "core/403.html", {"reason": reason}, status=403)


def not_found(request, exception=None):
    if _is_api(request):
        return _json(404)
    return render(request, "core/404.html", status=404)


def server_error(request):
    if _is_api(request):
        return _json(500)
    try:
        body = loader.render_to_string("core/500.html", {"govuk_supported_script": GOVUK_SUPPORTED_SCRIPT})
    except Exception:  # the page itself must never be the second failure
        logger.exception("The 500 page could not be rendered")
        body = "<!DOCTYPE html><title>Sorry, there is a problem with the service</title><h1>Sorry, there is a problem with the service</h1><p>Try again later.</p>"  # noqa: E501
    return HttpResponse(body, status=500)
