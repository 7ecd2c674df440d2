"""GET /api/search?q=: the same search as the page, with the same permissions."""

from ninja import Router, Schema
from ninja.errors import HttpError

from goldthread.council import permissions

from . import selectors

router = Router(tags=["search"])


class HitOut(Schema):
    kind: str
    reference: str
    title: str
    summary: str
    url: str


class KindOut(Schema):
    kind: str
    label: str
    hits: list[HitOut]


class SearchOut(Schema):
    query: str
    total: int
    kinds: list[KindOut]


@router.get("/search", response=SearchOut)
def search(request, q: str = ""):
    """Measures, risks, actions, recommendations, reviews, committee reports and (for HR and the
    performance team) people whose text matches ``q``, grouped by kind, up to 20 of each."""
    permissions.require(permissions.can_read, request.user, message="You do not have permission to search.")
    if len(q) > selectors.MAX_QUERY:
        raise HttpError(422, f"q: a search is at most {selectors.MAX_QUERY} characters")
    results = selectors.search(request.user, q)
    return {
        "query": results.query,
        "total": results.total,
        "kinds": [{"kind": k.kind, "label": k.label, "hits": [h.__dict__ for h in k.hits]} for k in results.kinds],
    }
