"""Reads about the council and its priorities."""

from dataclasses import dataclass
from datetime import datetime

from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from goldthread.core.models import Change

from .models import NO_ROLE, Council, Priority, User


def current_council() -> Council:
    """The council this installation serves (one per installation)."""
    council = Council.objects.order_by("pk").first()
    if council is None:
        raise Http404("No council is set up yet: run `goldthread load_example` or create one.")
    return council


def priorities_with_counts() -> QuerySet[Priority]:
    from django.db.models import Count

    return Priority.objects.filter(council=current_council()).annotate(
        measure_count=Count("measures", distinct=True), outcome_count=Count("outcomes", distinct=True)
    )


# --- Sign-in lockouts (django-axes) ------------------------------------------------------------
# A lockout is one username from one client address (settings.AXES_LOCKOUT_PARAMETERS) with at
# least AXES_FAILURE_LIMIT failures within the cool-off. axes keeps one row per username, address
# and browser, so a lockout may span several rows: their failures add up, as axes counts them.


@dataclass(frozen=True)
class SignInPolicy:
    failure_limit: int
    cool_off_minutes: int


@dataclass(frozen=True)
class SignInLockout:
    attempt_id: int  # one of its rows, to name the lockout in an unlock request
    username: str
    address: str | None
    failures: int
    last_failure: datetime
    locked_until: datetime


@dataclass(frozen=True)
class SignInUnlock:
    at: datetime
    by: str
    username: str
    address: str | None
    failures: int


def sign_in_policy() -> SignInPolicy:
    """How many failures lock a username out from an address, and for how long (as configured)."""
    return SignInPolicy(
        failure_limit=get_failure_limit(None, None),
        cool_off_minutes=max(1, round(get_cool_off().total_seconds() / 60)),
    )


def _lockouts(attempts: QuerySet[AccessAttempt]) -> list[SignInLockout]:
    cool_off = get_cool_off()
    groups = (
        attempts.filter(attempt_time__gte=timezone.now() - cool_off)
        .values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last_failure=Max("attempt_time"), attempt_id=Max("id"))
        .filter(failures__gte=get_failure_limit(None, None))
        .order_by("-last_failure", "username")
    )
    return [
        SignInLockout(
            attempt_id=g["attempt_id"],
            username=g["username"] or "",
            address=g["ip_address"],
            failures=g["failures"],
            last_failure=g["last_failure"],
            locked_until=g["last_failure"] + cool_off,
        )
        for g in groups
    ]


def sign_in_lockouts() -> list[SignInLockout]:
    """Everyone locked out of signing in now, newest first."""
    return _lockouts(AccessAttempt.objects.all())


def sign_in_lockout(*, username: str | None, address: str | None) -> SignInLockout | None:
    """The lockout of ``username`` from ``address``, if there is one now."""
    found = _lockouts(AccessAttempt.objects.filter(username=username, ip_address=address))
    return found[0] if found else None


def sign_in_unlocks(limit: int = 50) -> list[SignInUnlock]:
    """Who unlocked which sign-in and when, newest first, from the audit trail."""
    changes = Change.objects.filter(
        content_type=ContentType.objects.get_for_model(AccessAttempt), action=Change.Action.DELETE
    ).select_related("user")[:limit]
    return [
        SignInUnlock(
            at=c.at,
            by=str(c.user) if c.user else "Unknown",
            username=c.changes.get("username", [""])[0] or "",
            address=c.changes.get("address", [None])[0],
            failures=c.changes.get("failures", [0])[0] or 0,
        )
        for c in changes
    ]


def accounts() -> QuerySet[User]:
    """Everyone who can or could sign in, with their directorate, for the People and roles page."""
    from .models import User

    return User.objects.select_related("directorate").order_by("-is_active", "last_name", "first_name", "username")


def accounts_without_role_count() -> int:
    return User.objects.filter(role=NO_ROLE, is_active=True).count()
