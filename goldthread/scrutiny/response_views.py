"""The executive's responses and each committee's recommendation tracker. Thin: permissions from
council/permissions.py, reads from selectors, writes through services."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from goldthread.core.forms import with_current_version
from goldthread.core.versioning import StaleVersion
from goldthread.council import permissions
from goldthread.reports.documents import download_response

from . import documents, selectors, services
from .forms import ResponseForm
from .views import read_council, visible_committee

DOWNLOADS = ("docx", "pdf", "xlsx", "html")


def respond(request, rec_ref):
    council = read_council(request)
    recommendation = selectors.scrutiny_recommendation(council, rec_ref)
    if recommendation is None:
        raise Http404("No such scrutiny recommendation")
    item = recommendation.review.scrutiny_item
    committee = item.committee
    if not permissions.can_see_committee(request.user, committee):
        raise PermissionDenied("Only the committee's members, Cabinet and officers see its work.")
    permissions.require(permissions.can_respond_to_scrutiny, request.user)
    needs_action = not recommendation.actions.exists()
    existing = getattr(recommendation, "executive_response", None)
    initial = {"version": recommendation.version, "responding_body": "Cabinet"}
    if existing:
        initial.update(
            response=recommendation.response,
            reasons=recommendation.response_text,
            responded_on=existing.responded_on,
            responding_body=existing.responding_body,
        )
    kwargs = {"council": council, "needs_action": needs_action}
    form = ResponseForm(request.POST or None, initial=initial, **kwargs)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.response_record(
                recommendation=recommendation,
                user=request.user,
                version=data["version"] or 0,
                response=data["response"],
                reasons=data["reasons"],
                responded_on=data["responded_on"],
                responding_body=data["responding_body"],
                action_description=data.get("action_description", ""),
                action_lead=data.get("action_lead"),
                action_directorate=data.get("action_directorate"),
                action_due=data.get("action_due"),
            )
        except StaleVersion as exc:
            conflict, recommendation = exc, exc.current
            form = ResponseForm(with_current_version(request.POST, exc.current.version), **kwargs)
            form.is_valid()
        except services.ScrutinyError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Recorded the response to {recommendation.reference}.")
            return redirect("scrutiny:tracker", slug=committee.slug)
    history = selectors.response_history(recommendation) if permissions.can_see_history(request.user) else None
    return render(
        request,
        "scrutiny/respond.html",
        {
            "form": form,
            "recommendation": recommendation,
            "committee": committee,
            "item": item,
            "conflict": conflict,
            "history": history,
        },
        status=409 if conflict else (400 if form.errors else 200),
    )


def _as_at(request) -> tuple[date, str]:
    """The tracker's date: ``?at=YYYY-MM-DD`` (today or earlier) or today; and an error to show, if any."""
    today = timezone.localdate()
    raw = request.GET.get("at", "").strip()
    if not raw:
        return today, ""
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        return today, f"{raw} is not a date: give it as YYYY-MM-DD. Showing the tracker as at today."
    if day > today:
        return today, "The tracker cannot be shown as at a day still to come. Showing it as at today."
    return day, ""


def tracker(request, slug, fmt=None):
    committee = visible_committee(request, slug)
    at, error = _as_at(request)
    if fmt:
        if fmt not in DOWNLOADS or error:
            raise Http404(error or "The tracker downloads as docx, pdf, xlsx or html")
        return download_response(documents.tracker_document(committee, at), fmt, f"scrutiny-tracker-{committee.slug}")
    rows = selectors.tracker(committee, at)
    return render(
        request,
        "scrutiny/tracker.html",
        {
            "committee": committee,
            "rows": rows,
            "summary": selectors.tracker_summary(rows),
            "at": at,
            "at_query": f"?at={at.isoformat()}" if request.GET.get("at") and not error else "",
            "error": error,
            "can_respond": permissions.can_respond_to_scrutiny(request.user),
        },
        status=400 if error else 200,
    )
