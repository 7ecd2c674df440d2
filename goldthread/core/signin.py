"""django-axes hooks for sign-in protection: which address a request comes from, and the page a
locked-out person sees (named in settings as AXES_CLIENT_IP_CALLABLE and AXES_LOCKOUT_CALLABLE)."""

from datetime import timedelta

from axes.helpers import get_client_username
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from goldthread.council.selectors import sign_in_lockout, sign_in_policy
from goldthread.domain.client_address import client_address as resolve_client_address


def client_address(request) -> str | None:
    """The client's address, from X-Forwarded-For behind GOLDTHREAD_TRUSTED_PROXIES proxies."""
    return resolve_client_address(
        request.META.get("REMOTE_ADDR"), request.META.get("HTTP_X_FORWARDED_FOR"), settings.GOLDTHREAD_TRUSTED_PROXIES
    )


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page: which username, until when, and who can unlock it sooner."""
    username = get_client_username(request, credentials)
    policy = sign_in_policy()
    lockout = sign_in_lockout(username=username, address=getattr(request, "axes_ip_address", None))
    # No lockout row only if it ended a moment ago: a full cool-off from now is then the safe answer.
    locked_until = lockout.locked_until if lockout else timezone.now() + timedelta(minutes=policy.cool_off_minutes)
    context = {
        "username": username or "",
        "policy": policy,
        "locked_until": locked_until,
        "sign_in_url": request.path,
    }
    return render(request, "registration/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
