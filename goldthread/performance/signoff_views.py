"""The sign-off page: drafts and submitted items of a period, submitted, approved or returned in bulk."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from goldthread.council import permissions
from goldthread.council.selectors import current_council
from goldthread.domain.periods import Granularity, PeriodError, YearType, parse_period

from . import selectors, signoff

ACTIONS = {"submit": "submitted", "approve": "approved", "return": "returned"}


def _may_use(user) -> bool:
    return permissions.can_approve(user) or permissions.can_edit_directorate(user, getattr(user, "directorate", None))


def _period(request, user):
    text = (request.POST.get("period") or request.GET.get("period") or "").strip()
    if not text:
        return selectors.latest_quarter(user), ""
    try:
        return parse_period(text, YearType.FINANCIAL, Granularity.QUARTER), ""
    except PeriodError as exc:
        return selectors.latest_quarter(user), f"'{text}' is not a quarter or financial year, such as 2023-24 Q2: {exc}"


@require_http_methods(["GET", "POST"])
def signoff_page(request):
    user = request.user
    if not _may_use(user):
        raise PermissionDenied("Only the performance team and directorate editors sign figures off.")
    council = current_council()
    period, period_error = _period(request, user)
    if request.method == "POST":
        action = request.POST.get("action", "")
        keys = request.POST.getlist("rows")
        reason = request.POST.get("reason", "").strip()
        error = _check(action, keys, reason)
        if error:
            messages.error(request, error)
        else:
            outcome = signoff.apply_to_rows(keys=keys, action=action, user=user, reason=reason)
            if outcome.done:
                messages.success(request, f"{len(outcome.done)} {ACTIONS[action]}: " + "; ".join(outcome.done) + ".")
            for refusal in outcome.refused:
                messages.error(request, f"Not {ACTIONS[action]}: {refusal}")
        return redirect(reverse("performance:signoff") + "?" + urlencode({"period": period.label}))
    rows = signoff.rows_for(council, period, user)
    return render(
        request,
        "performance/signoff.html",
        {
            "period": period,
            "period_error": period_error,
            "rows": rows,
            "can_approve": permissions.can_approve(user),
            "any_submit": any(r.can_submit for r in rows),
            "any_decide": any(r.can_decide for r in rows),
        },
    )


def _check(action: str, keys: list[str], reason: str) -> str:
    if action not in ACTIONS:
        return "Choose submit, approve or return."
    if not keys:
        return f"Choose the items to be {ACTIONS[action]}."
    if action == "return" and not reason:
        return "Say why the items are being returned."
    return ""
