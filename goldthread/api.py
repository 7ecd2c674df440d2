"""The JSON API: /api/ (schema /api/openapi.json, docs /api/docs).

Each domain app has its own router in ``<app>/api.py``; permissions are the UI's own
(``goldthread.council.permissions``)."""

import functools
import json
import logging

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from ninja import NinjaAPI, Swagger
from ninja.errors import ValidationError
from ninja.security import HttpBearer, django_auth

from goldthread.core.api_conflicts import conflict_body
from goldthread.core.tokens import user_for_token
from goldthread.core.versioning import Conflict
from goldthread.domain.text import sentence_case

logger = logging.getLogger("goldthread.api")


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`, a token made with `goldthread create_token USERNAME`."""

    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


def docs_need_sign_in(view):
    """The docs page and the schema: open where GOLDTHREAD_PUBLIC_API_DOCS is on (the default
    outside production), otherwise for a signed-in person or a valid token only."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if getattr(settings, "GOLDTHREAD_PUBLIC_API_DOCS", True) or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() == "bearer" and user_for_token(token.strip()) is not None:
            return view(request, *args, **kwargs)
        if request.path_info.endswith(".json"):
            return JsonResponse({"detail": "Sign in, or send a token, to read the API schema."}, status=401)
        return redirect_to_login(request.get_full_path())

    return wrapped


class CouncilSwagger(Swagger):
    """django-ninja's Swagger UI in a page of our own: a language, a main landmark and a heading (WCAG 3.1.1,
    and axe's landmark rules), which django-ninja's bare page lacks."""

    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {"swagger_settings": json.dumps(self.settings, indent=1), "api": api}
        return render(request, "core/api_docs.html", context)


api = NinjaAPI(
    docs=CouncilSwagger(),
    title="Goldthread API",
    version="1",
    description="Read and write a council's golden thread: priorities, measures, values, targets, "
    "benchmarks, reviews, actions, risks and finance. Authenticate with a personal token.",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
    docs_decorator=docs_need_sign_in,
)


# The API answers JSON whatever goes wrong: never an HTML page, never a traceback.
@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Not Found"}, status=404)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    detail = str(exc) or "You do not have permission to do that."
    return api.create_response(request, {"detail": detail}, status=403)


@api.exception_handler(ValidationError)
def _invalid_request(request, exc):
    return api.create_response(request, {"detail": exc.errors}, status=422)


@api.exception_handler(DjangoValidationError)
def _invalid_data(request, exc):
    return api.create_response(request, {"detail": "; ".join(exc.messages)}, status=422)


@api.exception_handler(Exception)
def _server_error(request, exc):
    logger.error("API error on %s %s", request.method, request.path, exc_info=exc)
    detail = "Sorry, there is a problem with the service. It has been logged; try again later."
    return api.create_response(request, {"detail": detail}, status=500)


@api.exception_handler(Conflict)
def _conflict(request, exc: Conflict):
    """A change based on an old version (409), without a version (428), or racing a create (409)."""
    return api.create_response(request, conflict_body(exc), status=exc.status)


def _unprocessable(request: HttpRequest, exc: ValueError) -> HttpResponse:
    """A service refused the change (422), saying why in its own words."""
    return api.create_response(request, {"detail": str(exc)}, status=422)


def _unprocessable_sentence(request: HttpRequest, exc: ValueError) -> HttpResponse:
    """As _unprocessable, for services that word their errors to follow a field name ("the value ...")."""
    return api.create_response(request, {"detail": sentence_case(str(exc))}, status=422)


def _domain_errors() -> None:
    """The apps' service errors, answered here once rather than caught in every router."""
    from goldthread.finance.services import FinanceError
    from goldthread.improvement.services import ImprovementError
    from goldthread.performance.services import PerformanceError
    from goldthread.risk.services import RiskError

    # ninja's ExcHandler type lets a handler be given the exception class, but NinjaAPI.on_exception
    # only ever passes the raised instance, which is what these handlers take.
    for error in (FinanceError, ImprovementError, RiskError):
        api.add_exception_handler(error, _unprocessable)  # type: ignore[arg-type]
    api.add_exception_handler(PerformanceError, _unprocessable_sentence)  # type: ignore[arg-type]


def _mount() -> None:
    from goldthread.benchmarking.api import router as benchmarking
    from goldthread.council.api import router as council
    from goldthread.enquiries.api import router as enquiries
    from goldthread.finance.api import router as finance
    from goldthread.governance.api import router as governance
    from goldthread.improvement.api import router as improvement
    from goldthread.jobs.api import router as jobs
    from goldthread.people.api import router as people
    from goldthread.performance.api import router as performance
    from goldthread.reports.api import router as reports
    from goldthread.risk.api import router as risk
    from goldthread.scrutiny.api import router as scrutiny
    from goldthread.search.api import router as search
    from goldthread.timetable.api import router as timetable

    api.add_router("", council)
    api.add_router("", performance)
    api.add_router("", benchmarking)
    api.add_router("", improvement)
    api.add_router("", governance)
    api.add_router("", risk)
    api.add_router("", finance)
    api.add_router("", people)
    api.add_router("", reports)
    api.add_router("", jobs)
    api.add_router("", search)
    api.add_router("", timetable)
    api.add_router("", enquiries)
    api.add_router("", scrutiny)


_mount()
_domain_errors()
