"""Who a service acts for, as one type for every app's services and selectors."""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser

from .models import User

#: The person signed in (``request.user``: a User, or AnonymousUser before sign-in), or None when
#: the system itself writes (example loaders, management commands, background jobs).
Actor: TypeAlias = User | AnonymousUser | None
