"""People and roles: the performance team invites people, gives and changes their role and directorate,
and deactivates accounts. Writes go through goldthread.council.services, which keeps the history."""

from django import forms
from django.contrib import messages
from django.contrib.auth.tokens import default_token_generator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.views.decorators.http import require_POST

from goldthread.core.audit import history_for
from goldthread.core.forms import GovukForm

from .models import ACCOUNT_ROLE_CHOICES, NO_ROLE, Directorate, Role, User
from .oidc import oidc_enabled, password_sign_in_allowed, provider_name
from .permissions import can_manage_accounts, require
from .selectors import accounts, current_council
from .services import AccountError, account_invite, account_set_active, account_update


class AccountRoleForm(GovukForm):
    role = forms.ChoiceField(label="Role", choices=ACCOUNT_ROLE_CHOICES)
    directorate = forms.ModelChoiceField(
        label="Directorate",
        queryset=Directorate.objects.none(),
        required=False,
        empty_label="None (the whole council)",
        help_text="Directorate editors enter figures for this directorate only",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["directorate"].queryset = Directorate.objects.filter(council=current_council())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Role.EDITOR and not cleaned.get("directorate"):
            self.add_error("directorate", "Choose the directorate a directorate editor enters figures for.")
        return cleaned


class InviteForm(AccountRoleForm):
    email = forms.EmailField(label="Email address", max_length=254)
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    field_order = ["email", "first_name", "last_name", "role", "directorate"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(value, label) for value, label in ACCOUNT_ROLE_CHOICES if value != NO_ROLE]


def invitation_link(request, account) -> str:
    """The link in an invitation: set a password (Django's reset token), or sign in through the provider."""
    if not password_sign_in_allowed():
        return f"Sign in with {provider_name()} at {request.build_absolute_uri(reverse('login'))}"
    uid = urlsafe_base64_encode(force_bytes(account.pk))
    path = reverse("account-set-password", args=[uid, default_token_generator.make_token(account)])
    text = f"Choose your password here (the link works once): {request.build_absolute_uri(path)}"
    if oidc_enabled():
        text += f"\n\nOr sign in with {provider_name()} at {request.build_absolute_uri(reverse('login'))}"
    return text


def people(request):
    require(can_manage_accounts, request.user)
    return render(request, "council/people.html", {"accounts": accounts(), "oidc": oidc_enabled()})


def invite(request):
    require(can_manage_accounts, request.user)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account = account_invite(
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                role=data["role"],
                directorate=data["directorate"],
                user=request.user,
                set_password_url=lambda account: invitation_link(request, account),
            )
        except AccountError as exc:
            form.add_error("email", str(exc))
        else:
            messages.success(request, f"{account} was invited: an email with how to sign in went to {account.email}.")
            return redirect("council:people")
    return render(request, "council/person_invite.html", {"form": form})


def person(request, account_id: int):
    require(can_manage_accounts, request.user)
    account = get_object_or_404(User.objects.select_related("directorate"), pk=account_id)
    form = AccountRoleForm(request.POST or None, initial={"role": account.role, "directorate": account.directorate})
    if request.method == "POST" and form.is_valid():
        try:
            account_update(account=account, data=form.cleaned_data, user=request.user)
        except AccountError as exc:
            form.add_error("role", str(exc))
        else:
            messages.success(request, f"{account}'s role and directorate were saved.")
            return redirect("council:person", account_id=account.pk)
    return render(request, "council/person.html", {"account": account, "form": form, "history": history_for(account)})


@require_POST
def set_active(request, account_id: int):
    require(can_manage_accounts, request.user)
    account = get_object_or_404(User, pk=account_id)
    active = request.POST.get("active") == "1"
    try:
        account = account_set_active(account=account, active=active, user=request.user)
    except AccountError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{account} was {'reactivated' if active else 'deactivated'}.")
    return redirect("council:person", account_id=account.pk)
