from django.contrib.auth.backends import ModelBackend

from .demo import demo_signins_allowed
from .oidc import password_sign_in_allowed


class CouncilBackend(ModelBackend):
    """Django's own sign-in, but demo accounts are refused unless DEBUG is on, and every password is
    refused when GOLDTHREAD_PASSWORD_SIGN_IN=0 (the sign-in page, the Django admin's, anywhere)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not password_sign_in_allowed():
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def user_can_authenticate(self, user):
        if getattr(user, "is_demo", False) and not demo_signins_allowed():
            return False
        return super().user_can_authenticate(user)
