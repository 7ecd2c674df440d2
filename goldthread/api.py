"""The JSON API: /api/ (schema /api/openapi.json, docs /api/docs).

Each domain app has its own router in ``<app>/api.py``; permissions are the UI's own
(``goldthread.council.permissions``)."""

from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from goldthread.core.api_conflicts import conflict_body
from goldthread.core.tokens import user_for_token
from goldthread.core.versioning import Conflict


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`, a token made with `goldthread create_token USERNAME`."""

    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="Goldthread API",
    version="1",
    description="Read and write a council's golden thread: priorities, measures, values, targets, "
    "benchmarks, reviews, actions, risks and finance. Authenticate with a personal token.",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
)


@api.exception_handler(Conflict)
def _conflict(request, exc: Conflict):
    """A change based on an old version (409), without a version (428), or racing a create (409)."""
    return api.create_response(request, conflict_body(exc), status=exc.status)


def _mount() -> None:
    from goldthread.benchmarking.api import router as benchmarking
    from goldthread.council.api import router as council
    from goldthread.finance.api import router as finance
    from goldthread.improvement.api import router as improvement
    from goldthread.people.api import router as people
    from goldthread.performance.api import router as performance
    from goldthread.reports.api import router as reports
    from goldthread.risk.api import router as risk

    api.add_router("", council)
    api.add_router("", performance)
    api.add_router("", benchmarking)
    api.add_router("", improvement)
    api.add_router("", risk)
    api.add_router("", finance)
    api.add_router("", people)
    api.add_router("", reports)


_mount()
