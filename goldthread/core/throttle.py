"""Sign-in throttling: too many failures for one username or address locks sign-in for a while."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import LoginFailure


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")[:64]


def is_locked_out(username: str, address: str) -> bool:
    since = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    recent = LoginFailure.objects.filter(at__gte=since)
    limit = settings.LOGIN_FAILURE_LIMIT
    return (
        recent.filter(username=username.lower()).count() >= limit or recent.filter(address=address).count() >= limit * 4
    )


def record_failure(username: str, address: str) -> None:
    LoginFailure.objects.create(username=username.lower()[:150], address=address)


def clear_failures(username: str) -> None:
    LoginFailure.objects.filter(username=username.lower()).delete()
