"""A short-lived cache of the rendered scorecard tables.

Working out the scorecard for hundreds of measures takes a few hundred milliseconds; most
people ask for the same period with the same filters. The tables are cached under a key
that changes whenever the data does:

- a generation number, bumped by any database write in this process (signals), so a value
  someone has just entered shows at once;
- a stamp read from the database (counts and latest update times of values, targets,
  measures and the audit trail), so writes made by other processes show at once too;
- and a time limit, for anything else (a priority renamed in another process).
"""

from __future__ import annotations

import hashlib
import threading

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils.safestring import mark_safe

GENERATION_KEY = "goldthread:performance:scorecard:generation"
TIME_LIMIT = 120  # seconds


def bump_generation(**_kwargs) -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.set(GENERATION_KEY, 1, None)


def _generation() -> int:
    return int(cache.get_or_set(GENERATION_KEY, 0, None) or 0)


def data_stamp(council) -> str:
    from goldthread.core.models import Change

    from .models import Measure, MeasureValue, Target

    parts = [
        MeasureValue.objects.filter(measure__council=council).aggregate(n=Count("id"), at=Max("updated_at")),
        Target.objects.filter(measure__council=council).aggregate(n=Count("id"), at=Max("updated_at")),
        Measure.objects.filter(council=council).aggregate(n=Count("id"), top=Max("id")),
        Change.objects.aggregate(at=Max("at"), top=Max("id")),
    ]
    return repr(parts)


def scorecard_key(*, council, period, filters, approved_only: bool) -> str:
    raw = repr((council.pk, period.label, filters, approved_only, _generation(), data_stamp(council)))
    return "goldthread:performance:scorecard:" + hashlib.sha256(raw.encode()).hexdigest()


# When the cache is cold, many people asking at once would all work the scorecard out; a lock
# per key (from a small fixed pool) lets one thread do it while the others wait for its result.
_LOCKS = [threading.Lock() for _ in range(32)]


def lock_for(key: str) -> threading.Lock:
    return _LOCKS[int(key[-8:], 16) % len(_LOCKS)]


def get_or_render(key: str, render) -> str:
    html = get(key)
    if html is not None:
        return html
    with lock_for(key):
        html = get(key)
        if html is None:
            html = render()
            put(key, html)
    return html


def get(key: str) -> str | None:
    html = cache.get(key)
    return None if html is None else mark_safe(html)  # our own rendered template


def put(key: str, html: str) -> None:
    cache.set(key, html, TIME_LIMIT)


def connect() -> None:
    """Any write invalidates the cached tables (called from PerformanceConfig.ready)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    post_save.connect(bump_generation, dispatch_uid="goldthread-scorecard-save")
    post_delete.connect(bump_generation, dispatch_uid="goldthread-scorecard-delete")
    m2m_changed.connect(bump_generation, dispatch_uid="goldthread-scorecard-m2m")
