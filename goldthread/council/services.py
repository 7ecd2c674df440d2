"""Writes about the council's own installation, each with its history."""

import smtplib
from collections.abc import Callable
from typing import Any

from axes.models import AccessAttempt
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q

from goldthread.core.audit import jsonable, record_change, snapshot
from goldthread.core.models import Change
from goldthread.domain.account_rules import leaves_no_performance_team

from . import permissions
from .actors import Actor
from .demo import demo_signins_allowed
from .models import Council, Directorate, Role, User
from .selectors import SignInLockout, sign_in_lockout

# The council's own details and publishing choices.

COUNCIL_FIELDS = [
    "name",
    "short_name",
    "gss_code",
    "vision_name",
    "vision",
    "website",
    "publish_performance",
    "open_data_licence",
    "allow_self_approval",
]


def council_update(*, council: Council, data: dict[str, Any], user: Actor) -> Council:
    """Change the council's details (the performance team), with history."""
    permissions.require(permissions.can_administer, user)
    with transaction.atomic():
        before = snapshot(council, COUNCIL_FIELDS)
        for name, value in data.items():
            setattr(council, name, value)
        council.save()
        record_change(
            obj=council, user=user, action=Change.Action.UPDATE, before=before, after=snapshot(council, COUNCIL_FIELDS)
        )
    return council


def sign_in_unlock(*, attempt_id: int, user: Actor) -> SignInLockout | None:
    """Unlock the username and address that attempt ``attempt_id`` belongs to, if still locked.

    Their failed attempts are forgotten (every browser's row of the pair), so sign-in starts
    afresh; history keeps who unlocked whom, from where, after how many failures. Returns the
    lockout that was lifted, or None if it had already ended or been unlocked."""
    permissions.require(permissions.can_unlock_sign_ins, user)
    with transaction.atomic():
        attempt = AccessAttempt.objects.select_for_update().filter(pk=attempt_id).first()
        if attempt is None:
            return None
        rows = AccessAttempt.objects.select_for_update().filter(
            username=attempt.username, ip_address=attempt.ip_address
        )
        pks = list(rows.values_list("pk", flat=True))  # locks the rows before they are read
        lockout = sign_in_lockout(username=attempt.username, address=attempt.ip_address)
        if lockout is None:
            return None
        record_change(
            obj=attempt,
            user=user,
            action=Change.Action.DELETE,
            before={
                "username": lockout.username,
                "address": lockout.address,
                "failures": lockout.failures,
                "last_failure": jsonable(lockout.last_failure),
            },
            after={},
            reason=f"Sign-in unlocked for {lockout.username} from {lockout.address or 'an unknown address'}",
        )
        AccessAttempt.objects.filter(pk__in=pks).delete()
    return lockout


# People's accounts: invited, given a role and directorate, changed, deactivated. Each write keeps its history.

ACCOUNT_FIELDS = ["username", "email", "first_name", "last_name", "role", "directorate", "is_active"]


class AccountError(ValueError):
    """A change to an account that is not allowed, with the reason to show."""


def _other_active_performance_accounts(account: User) -> int:
    others = User.objects.filter(is_active=True).filter(Q(role=Role.PERFORMANCE) | Q(is_superuser=True))
    if not demo_signins_allowed():
        others = others.filter(is_demo=False)  # demo accounts cannot sign in, so they cannot administer
    return others.exclude(pk=account.pk).count()


def _check_performance_team_kept(account: User, *, role: str, is_active: bool) -> None:
    # Every account that might count is locked, so two simultaneous demotions cannot both pass.
    list(User.objects.select_for_update().filter(Q(role=Role.PERFORMANCE) | Q(is_superuser=True)).values_list("pk"))
    if leaves_no_performance_team(
        other_active_performance_accounts=_other_active_performance_accounts(account),
        is_performance_now=account.is_active and account.is_performance_team,
        stays_performance=is_active and (role == Role.PERFORMANCE or account.is_superuser),
    ):
        raise AccountError(
            f"{account} is the last active performance-team account: give someone else the performance "
            "team role first, or the council could no longer manage Goldthread."
        )


def account_invite(
    *,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    directorate: Directorate | None,
    user: Actor,
    set_password_url: Callable[[User], str],
) -> User:
    """Make an account for ``email`` and send the invitation. ``set_password_url(account)`` is the link
    in the email (a password reset token), or None when people sign in only through the provider."""
    permissions.require(permissions.can_manage_accounts, user)
    email = email.strip()
    if User.objects.filter(email__iexact=email).exists():
        raise AccountError(f"There is already an account for {email}.")
    username = email.lower()[:150]
    if User.objects.filter(username=username).exists():
        raise AccountError(f"There is already an account with the username {username}.")
    with transaction.atomic():
        account = User(username=username, email=email, first_name=first_name, last_name=last_name, role=role)
        account.directorate = directorate
        account.set_unusable_password()
        account.save()
        record_change(
            obj=account,
            user=user,
            action=Change.Action.CREATE,
            after=_account_snapshot(account),
            reason=f"Invited by {user}",
        )
        link = set_password_url(account)
        try:
            send_mail(
                subject="You have been invited to Goldthread",
                message=_invitation_text(account, inviter=user, link=link),
                from_email=None,
                recipient_list=[account.email],
            )
        except (OSError, smtplib.SMTPException) as exc:  # the account is not kept without its invitation
            raise AccountError(
                f"The invitation email to {email} could not be sent ({exc}); no account was made."
            ) from exc
    return account


def _invitation_text(account: User, *, inviter: Actor, link: str) -> str:
    return (
        f"Hello {account.first_name or account.email},\n\n"
        f"{inviter} has invited you to Goldthread, the council's performance system, as "
        f"{account.get_role_display()}.\n\n"
        f"{link}\n\n"
        "If you were not expecting this, you can ignore this email.\n"
    )


def _account_snapshot(account: User) -> dict[str, Any]:
    return snapshot(account, ACCOUNT_FIELDS)


def account_create_at_first_sign_in(
    *, username: str, email: str, first_name: str, last_name: str, role: str, provider: str
) -> User:
    """The account of someone signing in through the council's identity provider for the first time.
    The provider vouched for them (no person makes it, so no permission to check); history says so."""
    with transaction.atomic():
        account = User.objects.create_user(username, email=email, first_name=first_name, last_name=last_name, role=role)
        record_change(
            obj=account,
            user=None,
            action=Change.Action.CREATE,
            after=_account_snapshot(account),
            reason=f"First sign-in with {provider}",
        )
    return account


def account_update(*, account: User, data: dict[str, Any], user: Actor, reason: str = "") -> User:
    """Change an account's role, directorate, name or email; refused if it would leave no performance team.
    ``user`` None: the system (a role from the provider's groups at sign-in)."""
    if user is not None:
        permissions.require(permissions.can_manage_accounts, user)
    with transaction.atomic():
        account = User.objects.select_for_update().get(pk=account.pk)
        _check_performance_team_kept(account, role=data.get("role", account.role), is_active=account.is_active)
        before = _account_snapshot(account)
        for name, value in data.items():
            setattr(account, name, value)
        account.save()
        record_change(
            obj=account,
            user=user,
            action=Change.Action.UPDATE,
            before=before,
            after=_account_snapshot(account),
            reason=reason,
        )
    return account


def account_set_active(*, account: User, active: bool, user: Actor) -> User:
    """Deactivate (cannot sign in, by password, provider or API token) or reactivate an account.
    ``user`` None: the system."""
    if user is not None:
        permissions.require(permissions.can_manage_accounts, user)
    with transaction.atomic():
        account = User.objects.select_for_update().get(pk=account.pk)
        if account.is_active == active:
            return account
        if account.pk == getattr(user, "pk", None) and not active:
            raise AccountError("You cannot deactivate your own account.")
        _check_performance_team_kept(account, role=account.role, is_active=active)
        before = _account_snapshot(account)
        account.is_active = active
        account.save(update_fields=["is_active"])
        record_change(
            obj=account,
            user=user,
            action=Change.Action.UPDATE,
            before=before,
            after=_account_snapshot(account),
            reason="Reactivated" if active else "Deactivated",
        )
    return account
