"""The council's own details and publishing choices, edited by the performance team."""

from django.contrib import messages
from django.shortcuts import redirect, render

from goldthread.core.audit import record_change, snapshot
from goldthread.core.forms import GovukModelForm
from goldthread.core.models import Change

from .models import Council
from .permissions import can_administer, require
from .selectors import current_council

FIELDS = [
    "name",
    "short_name",
    "gss_code",
    "vision_name",
    "vision",
    "website",
    "publish_performance",
    "open_data_licence",
    "allow_self_approval",
]


class CouncilForm(GovukModelForm):
    class Meta(GovukModelForm.Meta):
        model = Council
        fields = FIELDS


def council_update(*, council: Council, data: dict, user) -> Council:
    before = snapshot(council, FIELDS)
    for name, value in data.items():
        setattr(council, name, value)
    council.save()
    record_change(obj=council, user=user, action=Change.Action.UPDATE, before=before, after=snapshot(council, FIELDS))
    return council


def edit(request):
    require(can_administer, request.user)
    council = current_council()
    form = CouncilForm(request.POST or None, instance=Council.objects.get(pk=council.pk))
    if request.method == "POST" and form.is_valid():
        council_update(council=council, data=form.cleaned_data, user=request.user)
        messages.success(request, "The council's details were saved.")
        return redirect("council-settings")
    return render(request, "council/settings.html", {"form": form})
