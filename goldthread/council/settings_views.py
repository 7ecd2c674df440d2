"""The council's own details and publishing choices, edited by the performance team, and the
sign-in lockouts they can lift."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from goldthread.core.forms import GovukModelForm

from .models import Council
from .permissions import can_administer, can_unlock_sign_ins, require
from .selectors import current_council, sign_in_lockouts, sign_in_policy, sign_in_unlocks
from .services import COUNCIL_FIELDS, council_update, sign_in_unlock


class CouncilForm(GovukModelForm):
    class Meta(GovukModelForm.Meta):
        model = Council
        fields = COUNCIL_FIELDS


def edit(request):
    require(can_administer, request.user)
    council = current_council()
    form = CouncilForm(request.POST or None, instance=Council.objects.get(pk=council.pk))
    if request.method == "POST" and form.is_valid():
        council_update(council=council, data=form.cleaned_data, user=request.user)
        messages.success(request, "The council's details were saved.")
        return redirect("council-settings")
    return render(request, "council/settings.html", {"form": form})


def lockouts(request):
    require(can_unlock_sign_ins, request.user)
    return render(
        request,
        "council/sign_in_lockouts.html",
        {
            "lockouts": sign_in_lockouts(),
            "unlocks": sign_in_unlocks(),
            "policy": sign_in_policy(),
        },
    )


@require_POST
def unlock(request, attempt_id: int):
    require(can_unlock_sign_ins, request.user)
    lockout = sign_in_unlock(attempt_id=attempt_id, user=request.user)
    if lockout is None:
        messages.info(request, "That lockout had already ended or been unlocked: nothing was changed.")
    else:
        where = f"from {lockout.address}" if lockout.address else "again"
        messages.success(request, f"{lockout.username or 'The username'} can sign in {where}.")
    return redirect("council:sign-in-lockouts")
