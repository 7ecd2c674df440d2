"""Scrutiny pages. Thin: permissions from council/permissions.py, reads from selectors, writes through services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from goldthread.core.audit import history_for
from goldthread.core.forms import with_current_version
from goldthread.core.versioning import AlreadyExists, StaleVersion
from goldthread.council import permissions
from goldthread.council.selectors import current_council

from . import selectors, services
from .forms import (
    CommitteeForm,
    MeetingForm,
    MemberForm,
    RecommendationAddForm,
    ReviewStartForm,
    WorkItemForm,
)
from .models import Committee, CommitteeMember, Meeting, WorkItem


def read_council(request):
    permissions.require(permissions.can_read, request.user)
    return current_council()


def visible_committee(request, slug) -> Committee:
    council = read_council(request)
    committee = get_object_or_404(Committee, council=council, slug=slug)
    if not permissions.can_see_committee(request.user, committee):
        raise PermissionDenied("Only the committee's members, Cabinet and officers see its work.")
    return committee


def _managed(request, slug) -> Committee:
    committee = visible_committee(request, slug)
    permissions.require(permissions.can_manage_scrutiny, request.user)
    return committee


def _item(committee, pk) -> WorkItem:
    return get_object_or_404(WorkItem, committee=committee, pk=pk)


def _form_errors(form, exc: ValidationError) -> None:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for field, messages_ in errors.items():
        form.add_error(field if field in form.fields else None, messages_)


def index(request):
    council = read_council(request)
    today = timezone.localdate()
    rows = [
        (c, selectors.next_meeting(c, today), selectors.tracker_summary(selectors.tracker(c, today)))
        for c in selectors.committees_for(council, request.user)
    ]
    can_respond = permissions.can_respond_to_scrutiny(request.user)
    return render(
        request,
        "scrutiny/index.html",
        {
            "rows": rows,
            "can_manage": permissions.can_manage_scrutiny(request.user),
            "can_respond": can_respond,
            "awaiting": selectors.awaiting_response(council, request.user, today) if can_respond else [],
        },
    )


def committee_detail(request, slug):
    committee = visible_committee(request, slug)
    can_manage = permissions.can_manage_scrutiny(request.user)
    return render(
        request,
        "scrutiny/committee.html",
        {
            "committee": committee,
            "seats": committee.members.select_related("user"),
            "meetings": selectors.meetings(committee),
            "items": selectors.programme(committee),
            "can_manage": can_manage,
            "member_form": MemberForm() if can_manage else None,
            "meeting_form": MeetingForm() if can_manage else None,
            "history": history_for(committee) if permissions.can_see_history(request.user) else None,
        },
    )


def committee_form(request, slug=None):
    council = read_council(request)
    permissions.require(permissions.can_manage_scrutiny, request.user)
    committee = get_object_or_404(Committee, council=council, slug=slug) if slug else None
    form = CommitteeForm(
        request.POST or None, instance=committee, initial={"version": committee.version if committee else 0}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in form.fields if f != "version"}
        try:
            if committee is None:
                committee = services.committee_create(council=council, user=request.user, **data)
            else:
                committee.refresh_from_db()
                services.committee_update(
                    committee=committee, user=request.user, version=form.cleaned_data["version"] or 0, **data
                )
        except StaleVersion as exc:
            conflict, committee = exc, exc.current
            form = CommitteeForm(with_current_version(request.POST, exc.current.version), instance=committee)
            form.is_valid()
        except AlreadyExists as exc:
            form.add_error("name", str(exc))
        except ValidationError as exc:  # the same name or address as another of the council's committees
            _form_errors(form, exc)
        else:
            messages.success(request, f"Saved {committee.name}.")
            return redirect("scrutiny:committee", slug=committee.slug)
    return render(
        request,
        "scrutiny/committee_form.html",
        {"form": form, "committee": committee, "conflict": conflict},
        status=409 if conflict else 200,
    )


def member_add(request, slug):
    committee = _managed(request, slug)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            seat = services.member_add(
                committee=committee, user=request.user, member=data["member"], name=data["name"], role=data["role"]
            )
        except AlreadyExists as exc:
            form.add_error("member", str(exc))
        else:
            messages.success(request, f"{seat.display_name} now sits on {committee.name}.")
            return redirect("scrutiny:committee", slug=slug)
    return render(
        request,
        "scrutiny/simple_form.html",
        _simple(committee, form, "Add a member"),
        status=400 if form.errors else 200,
    )


@require_POST
def member_remove(request, slug, seat_id):
    committee = _managed(request, slug)
    seat = get_object_or_404(CommitteeMember, committee=committee, pk=seat_id)
    services.member_remove(seat=seat, user=request.user)
    messages.success(request, f"{seat.display_name} no longer sits on {committee.name}.")
    return redirect("scrutiny:committee", slug=slug)


def meeting_add(request, slug):
    committee = _managed(request, slug)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_add(
                committee=committee, user=request.user, on=form.cleaned_data["date"], note=form.cleaned_data["note"]
            )
        except AlreadyExists as exc:
            form.add_error("date", str(exc))
        else:
            messages.success(request, "Meeting added.")
            return redirect("scrutiny:committee", slug=slug)
    return render(
        request,
        "scrutiny/simple_form.html",
        _simple(committee, form, "Add a meeting"),
        status=400 if form.errors else 200,
    )


@require_POST
def meeting_remove(request, slug, meeting_id):
    committee = _managed(request, slug)
    meeting = get_object_or_404(Meeting, committee=committee, pk=meeting_id)
    services.meeting_remove(meeting=meeting, user=request.user)
    messages.success(request, "Meeting removed.")
    return redirect("scrutiny:committee", slug=slug)


def _simple(committee, form, heading, item=None, button="Save"):
    return {"committee": committee, "form": form, "heading": heading, "item": item, "button": button}


# --- the work programme ------------------------------------------------------------------------------


def item_detail(request, slug, pk):
    committee = visible_committee(request, slug)
    item = _item(committee, pk)
    today = timezone.localdate()
    can_manage = permissions.can_manage_scrutiny(request.user)
    rows = []
    if item.review_id:
        rows = [r for r in selectors.tracker(committee, today) if r.item.pk == item.pk]
    return render(
        request,
        "scrutiny/item.html",
        {
            "committee": committee,
            "item": item,
            "rows": rows,
            "can_manage": can_manage,
            "can_respond": permissions.can_respond_to_scrutiny(request.user),
            "review_form": ReviewStartForm(initial={"title": item.topic})
            if can_manage and not item.review_id
            else None,
            "recommendation_form": RecommendationAddForm() if can_manage and item.review_id else None,
            "history": history_for(item) if permissions.can_see_history(request.user) else None,
        },
    )


def item_form(request, slug, pk=None):
    committee = _managed(request, slug)
    item = _item(committee, pk) if pk else None
    kwargs = {"instance": item, "council": committee.council}
    form = WorkItemForm(request.POST or None, initial={"version": item.version if item else 0}, **kwargs)
    conflict = None
    if request.method == "POST" and form.is_valid():
        links = {n: form.cleaned_data[n] for n in services.ITEM_LINKS}
        data = {f: form.cleaned_data[f] for f in form.fields if f != "version" and f not in services.ITEM_LINKS}
        try:
            if item is None:
                item = services.work_item_create(committee=committee, user=request.user, **links, **data)
            else:
                item.refresh_from_db()
                services.work_item_update(
                    item=item, user=request.user, version=form.cleaned_data["version"] or 0, **links, **data
                )
        except ValidationError as exc:
            _form_errors(form, exc)
        except StaleVersion as exc:
            conflict, item = exc, exc.current
            form = WorkItemForm(with_current_version(request.POST, exc.current.version), **{**kwargs, "instance": item})
            form.is_valid()
        else:
            messages.success(request, f"Saved {item.topic}.")
            return redirect("scrutiny:item", slug=slug, pk=item.pk)
    return render(
        request,
        "scrutiny/item_form.html",
        {"form": form, "committee": committee, "item": item, "conflict": conflict},
        status=409 if conflict else 200,
    )


def review_start(request, slug, pk):
    committee = _managed(request, slug)
    item = _item(committee, pk)
    form = ReviewStartForm(request.POST or None, initial={"title": item.topic})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review = services.review_start(
                item=item,
                user=request.user,
                reference=data["reference"],
                title=data["title"],
                report_received=data["report_received"],
                prefix=data["prefix"],
            )
        except services.ScrutinyError as exc:
            form.add_error("reference", str(exc))
        except (StaleVersion, AlreadyExists) as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, f"{item.topic} is now the scrutiny review {review.reference}.")
            return redirect("scrutiny:item", slug=slug, pk=item.pk)
    context = _simple(committee, form, "Start a scrutiny review", item, "Start the review")
    return render(request, "scrutiny/simple_form.html", context, status=400 if form.errors else 200)


def recommendation_add(request, slug, pk):
    committee = _managed(request, slug)
    item = _item(committee, pk)
    form = RecommendationAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rec = services.recommendation_add(
                item=item, user=request.user, number=data["number"], title=data["title"], text=data["text"]
            )
        except services.ScrutinyError as exc:
            form.add_error("number", str(exc))
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, f"Recommendation {rec.reference} added.")
            return redirect("scrutiny:item", slug=slug, pk=item.pk)
    context = _simple(committee, form, "Add a recommendation to Cabinet", item, "Add the recommendation")
    return render(request, "scrutiny/simple_form.html", context, status=400 if form.errors else 200)
