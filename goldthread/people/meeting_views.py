"""Pages for the meetings review: the register of forums, their meetings and the analysis."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from goldthread.core.audit import history_for
from goldthread.core.forms import with_current_version
from goldthread.core.safe_cells import csv_field, csv_writer, new_workbook, workbook_bytes
from goldthread.core.versioning import StaleVersion
from goldthread.council import permissions as perms
from goldthread.council.selectors import current_council

from . import selectors, services
from .forms import ForumForm, MeetingForm, MemberForm, OutcomeForm
from .models import Forum, ForumMember, Meeting


def forum_list(request):
    perms.require(perms.can_read, request.user)
    council = current_council()
    return render(
        request,
        "people/forum_list.html",
        {
            "forums": Forum.objects.filter(council=council).prefetch_related("members"),
            "can_manage": perms.can_manage_forums(request.user),
        },
    )


def forum_edit(request, slug: str | None = None):
    perms.require(perms.can_manage_forums, request.user)
    council = current_council()
    forum = get_object_or_404(Forum, council=council, slug=slug) if slug else None
    # A copy for the form: validating changes the instance, and history needs the old values.
    form = ForumForm(
        request.POST or None,
        instance=Forum.objects.get(pk=forum.pk) if forum else None,
        initial={"version": forum.version if forum else 0},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            forum = services.forum_save(
                council=council,
                forum=forum,
                data=form.cleaned_data,
                user=request.user,
                version=form.cleaned_data["version"] or 0,
            )
        except services.PeopleError as exc:
            form.add_error("name", str(exc))
        except StaleVersion as exc:
            # Keep what the person typed; the form now carries the current version.
            conflict, forum = exc, exc.current
            form = ForumForm(with_current_version(request.POST, forum.version), instance=Forum.objects.get(pk=forum.pk))
            form.is_valid()
        else:
            messages.success(request, f"{forum.name} was saved.")
            return redirect(forum)
    return render(
        request,
        "people/forum_form.html",
        {"form": form, "forum": forum, "conflict": conflict},
        status=409 if conflict else 200,
    )


def forum(request, slug: str):
    perms.require(perms.can_read, request.user)
    council = current_council()
    item = get_object_or_404(Forum, council=council, slug=slug)
    can_manage = perms.can_manage_forums(request.user)
    member_form, meeting_form = MemberForm(prefix="member"), MeetingForm(prefix="meeting")
    if request.method == "POST":
        perms.require(perms.can_manage_forums, request.user)
        part = request.POST.get("part")
        form: MemberForm | MeetingForm
        if part == "member":
            form = member_form = MemberForm(request.POST, prefix="member")
        else:
            form = meeting_form = MeetingForm(request.POST, prefix="meeting")
        if form.is_valid():
            try:
                if part == "member":
                    services.forum_member_add(forum=item, user=request.user, **form.cleaned_data)
                else:
                    services.meeting_record(forum=item, user=request.user, **form.cleaned_data)
            except services.PeopleError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Saved.")
                return redirect(item)
    return render(
        request,
        "people/forum.html",
        {
            "forum": item,
            "members": item.members.all(),
            "meetings": item.meetings.prefetch_related("outcomes__action"),
            "can_manage": can_manage,
            "member_form": member_form,
            "meeting_form": meeting_form,
            "history": history_for(item) if can_manage or perms.can_see_history(request.user) else None,
        },
    )


@require_POST
def member_remove(request, slug: str, pk: int):
    perms.require(perms.can_manage_forums, request.user)
    member = get_object_or_404(ForumMember, pk=pk, forum__slug=slug, forum__council=current_council())
    services.forum_member_remove(member=member, user=request.user)
    messages.success(request, f"{member} was removed.")
    return redirect(member.forum)


def outcome_add(request, slug: str, pk: int):
    perms.require(perms.can_manage_forums, request.user)
    council = current_council()
    meeting = get_object_or_404(
        Meeting.objects.select_related("forum"), pk=pk, forum__slug=slug, forum__council=council
    )
    form = OutcomeForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        services.meeting_outcome_add(meeting=meeting, user=request.user, **form.cleaned_data)
        messages.success(request, "The outcome was recorded.")
        return redirect(meeting.forum)
    return render(request, "people/outcome_form.html", {"meeting": meeting, "form": form})


def review(request):
    perms.require(perms.can_read, request.user)
    council = current_council()
    return render(
        request,
        "people/meetings_review.html",
        {**selectors.review(council), "stood_down": selectors.stood_down(council)},
    )


def _review_tables(council) -> list[tuple[str, list[str], list[list]]]:
    data = selectors.review(council)
    return [
        (
            "Forums",
            ["Forum", "Meetings a year", "Hours", "Members", "Person-hours a year", "Outcomes last year"],
            [
                [f.name, f.meetings_per_year, f.hours, len(f.members), f.person_hours, f.outcomes_last_year]
                for f in data["forums"]
            ],
        ),
        ("People", ["Member", "Hours a year"], [[p, h] for p, h in data["people"]]),
        (
            "Overlaps",
            ["Forum", "Forum", "Members in common", "Share of the smaller forum"],
            [[o.first, o.second, o.count, f"{o.share_of_smaller:.0%}"] for o in data["overlaps"]],
        ),
        (
            "Suggestions",
            ["Forum", "Suggestion", "Merge with", "Reason", "Person-hours a year saved"],
            [[p.forum, p.suggestion.value, p.partner or "", p.reason, p.hours_saved] for p in data["proposals"]],
        ),
    ]


def _safe(value):
    """Spreadsheet-safe text (see goldthread.core.safe_cells); no value is written as an empty cell."""
    return "" if value is None else csv_field(value)


def review_export(request, fmt: str):
    perms.require(perms.can_read, request.user)
    if fmt not in {"csv", "xlsx"}:
        raise Http404("The review can be downloaded as CSV or Excel (xlsx)")
    tables = _review_tables(current_council())
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="meetings-review.csv"'
        writer = csv_writer(response)
        for title, headers, rows in tables:
            writer.writerow([title])
            writer.writerow(headers)
            writer.writerows([[_safe(v) for v in row] for row in rows])
            writer.writerow([])
        return response
    book = new_workbook()
    book.remove(book.active)
    for title, headers, rows in tables:
        sheet = book.create_sheet(title)
        sheet.append(headers)
        for row in rows:
            sheet.append([float(v) if hasattr(v, "as_tuple") else ("" if v is None else v) for v in row])
    response = HttpResponse(
        workbook_bytes(book), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="meetings-review.xlsx"'
    return response
