from django.conf import settings
from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator

from goldthread.council import permissions
from goldthread.council.demo import demo_accounts
from goldthread.council.oidc import oidc_enabled, password_sign_in_allowed, provider_name
from goldthread.council.selectors import current_council
from goldthread.timetable.selectors import returns_due

from . import home as home_work
from .forms import GovukFormMixin


class SignInForm(GovukFormMixin, AuthenticationForm):
    """Django's sign-in form; django-axes (first in AUTHENTICATION_BACKENDS) refuses locked-out attempts."""


PASSWORD_SIGN_IN_OFF = "Signing in with a Goldthread password is turned off. Use your council account."


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # With GOLDTHREAD_PASSWORD_SIGN_IN=0 only the identity provider signs people in.
        if not password_sign_in_allowed():
            return render(request, "core/403.html", {"reason": PASSWORD_SIGN_IN_OFF}, status=403)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["password_sign_in"] = password_sign_in_allowed()
        context["provider_name"] = provider_name() if oidc_enabled() else ""
        context["demo_accounts"] = (
            demo_accounts() if settings.DEBUG and getattr(settings, "GOLDTHREAD_DEMO_SIGNINS", True) else []
        )
        context["demo_password"] = settings.GOLDTHREAD_DEMO_PASSWORD
        return context

    def form_valid(self, form):
        messages.success(self.request, f"Signed in as {form.get_user()}.")
        return super().form_valid(form)


class SetPasswordForm(GovukFormMixin, auth_forms.SetPasswordForm):
    """Choose a password from the link in an invitation (Django's password reset token)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django's own hint is an HTML list; the page says the rules in a sentence instead.
        self.fields["new_password1"].help_text = ""


@method_decorator(login_not_required, name="dispatch")
class SetPasswordView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "registration/set_password.html"
    success_url = reverse_lazy("login")
    reset_url_token = "choose"

    def dispatch(self, *args, **kwargs):
        if not password_sign_in_allowed():
            return render(self.request, "core/403.html", {"reason": PASSWORD_SIGN_IN_OFF}, status=403)
        return super().dispatch(*args, **kwargs)

    def form_valid(self, form):
        messages.success(self.request, "Your password was set. Sign in with your username and new password.")
        return super().form_valid(form)


def home(request):
    from goldthread.performance.selectors import home_summary

    context = home_summary(request.user)
    council = current_council()
    if summary := context.get("performance_summary"):
        context.update(returns_due(council, summary["period"]))
    if council is not None and permissions.can_read(request.user):
        today = timezone.localdate()
        context.update(
            tasks=home_work.work_for(request.user, council, today),
            glance=home_work.at_a_glance(council, request.user, today),
        )
    context["policies_due"] = _policies_due(request.user)
    return render(request, "core/home.html", context)


def _policies_due(user) -> list:
    """The signed-in person's own policies overdue or due soon for review (for the home page panel)."""
    from goldthread.governance.selectors import owned_needing_review

    if not getattr(user, "is_authenticated", False):
        return []
    return owned_needing_review(user, timezone.localdate())


@login_not_required
def health(request):
    """A trivial endpoint for load balancers and the benchmark baseline."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_not_required
def about_data(request):
    return render(request, "core/about_data.html")


def forbidden(request, exception=None):
    return render(request, "core/403.html", {"reason": str(exception or "")}, status=403)


def not_found(request, exception=None):
    return render(request, "core/404.html", status=404)


def server_error(request):
    return render(request, "core/500.html", status=500)
