"""Writes about the council's own installation, each with its history."""

from axes.models import AccessAttempt
from django.db import transaction

from goldthread.core.audit import jsonable, record_change
from goldthread.core.models import Change

from .selectors import SignInLockout, sign_in_lockout


def sign_in_unlock(*, attempt_id: int, user) -> SignInLockout | None:
    """Unlock the username and address that attempt ``attempt_id`` belongs to, if still locked.

    Their failed attempts are forgotten (every browser's row of the pair), so sign-in starts
    afresh; history keeps who unlocked whom, from where, after how many failures. Returns the
    lockout that was lifted, or None if it had already ended or been unlocked."""
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
