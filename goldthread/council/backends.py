from django.contrib.auth.backends import ModelBackend

from .demo import demo_signins_allowed


class CouncilBackend(ModelBackend):
    """Django's own sign-in, but demo accounts are refused unless DEBUG is on."""

    def user_can_authenticate(self, user):
        if getattr(user, "is_demo", False) and not demo_signins_allowed():
            return False
        return super().user_can_authenticate(user)
