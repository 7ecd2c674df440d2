"""Who may do what. Every view and API endpoint asks here; nothing decides elsewhere.

Roles: the performance team administers everything; a directorate editor enters values,
commentary, risks, actions and budget lines for their own directorate; members (Cabinet
and Scrutiny) read approved figures; auditors read everything including history; HR
manages people records; officers see their own actions and appraisals.
"""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied

from .models import Role

READ_ALL_ROLES = {Role.PERFORMANCE, Role.EDITOR, Role.MEMBER, Role.AUDITOR, Role.HR, Role.OFFICER}


def role_of(user) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Role.PERFORMANCE if user.is_superuser else user.role


def is_performance_team(user) -> bool:
    return role_of(user) == Role.PERFORMANCE


def can_administer(user) -> bool:
    """Set up priorities, measures, targets, users, reviews: the performance team only."""
    return is_performance_team(user)


def can_read(user) -> bool:
    return role_of(user) in READ_ALL_ROLES


def can_see_history(user) -> bool:
    """The full audit trail: performance team, auditors, and editors (for what they edit)."""
    return role_of(user) in {Role.PERFORMANCE, Role.AUDITOR, Role.EDITOR}


def can_see_unapproved(user) -> bool:
    """Members see only approved figures; officers who enter or check them see drafts too."""
    return role_of(user) in {Role.PERFORMANCE, Role.EDITOR, Role.AUDITOR}


def can_edit_directorate(user, directorate) -> bool:
    """Enter values, commentary, risks, actions or budget lines belonging to ``directorate``."""
    role = role_of(user)
    if role == Role.PERFORMANCE:
        return True
    return role == Role.EDITOR and directorate is not None and user.directorate_id == directorate.pk


def can_edit_measure(user, measure) -> bool:
    return can_edit_directorate(user, measure.directorate)


def can_approve(user) -> bool:
    return is_performance_team(user)


def require(check, *args) -> None:
    """Raise 403 unless ``check(*args)`` holds."""
    if not check(*args):
        raise PermissionDenied("You do not have permission to do that.")


def role_required(*roles: str):
    """View decorator: only these roles (the performance team always passes)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            role = role_of(request.user)
            if role != Role.PERFORMANCE and role not in roles:
                raise PermissionDenied("You do not have permission to see this page.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
