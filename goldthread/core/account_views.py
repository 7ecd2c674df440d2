"""A person's own API tokens: make one (shown once), see when each was last used, revoke."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .forms import GovukForm
from .models import ApiToken
from .tokens import create_token, revoke_token


class TokenForm(GovukForm):
    name = forms.CharField(
        label="What is the token for?", max_length=100, help_text="For example: the corporate dashboard export"
    )


def tokens(request):
    new_token = None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new_token = create_token(user=request.user, name=form.cleaned_data["name"])
        form = TokenForm()
    return render(
        request,
        "core/tokens.html",
        {"form": form, "new_token": new_token, "tokens": ApiToken.objects.filter(user=request.user)},
    )


@require_POST
def revoke(request, token_id: int):
    if revoke_token(token_id=token_id, user=request.user):
        messages.success(request, "The token was revoked. Anything using it can no longer reach the API.")
    return redirect("account-tokens")
