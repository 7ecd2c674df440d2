"""Who a service acts for, as one type for every app's services and selectors."""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from .models import User

#: The person signed in (``request.user``: a User, or AnonymousUser before sign-in), or None when
#: the system itself writes (example loaders, management commands, background jobs).
Actor: TypeAlias = User | AnonymousUser | None


class SignedInRequest(HttpRequest):
    """The request of a page only signed-in people reach (LoginRequiredMiddleware sends everyone else to
    sign in), or of an API call (authenticated by token or session), so ``request.user`` is a User.
    An annotation only: Django makes a plain HttpRequest."""

    user: User
