"""Pages for member enquiries and the complaints figures. Thin: permissions ask council/permissions.py,
writes go through services, reads through selectors."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from goldthread.core.audit import history_for
from goldthread.core.forms import with_current_version
from goldthread.core.tabular import ImportRejected, TabularError
from goldthread.core.versioning import Conflict, StaleVersion
from goldthread.council import permissions
from goldthread.council.actors import SignedInRequest
from goldthread.council.selectors import current_council

from . import selectors, services
from .forms import (
    CloseForm,
    ComplaintCountForm,
    EnquirySettingsForm,
    OmbudsmanUploadForm,
    RaiseForm,
    RespondForm,
    RouteForm,
)
from .holidays import last_year_held
from .measures import BENCHMARKS
from .models import Enquiry, OmbudsmanImport


def _read(request):
    permissions.require(permissions.can_read, request.user)
    return current_council()


def _enquiry(request, council, ref) -> Enquiry:
    """The enquiry, or 404 when it does not exist or the person may not see it (no hint it exists)."""
    enquiry = get_object_or_404(Enquiry, council=council, reference=ref)
    if not permissions.can_see_enquiry(request.user, enquiry):
        raise Http404("No such enquiry")
    return enquiry


def index(request):
    council = _read(request)
    enquiries = selectors.enquiries_for(request.user, council)
    today = timezone.localdate()
    quarter = services.quarter_of(today)
    show_timeliness = permissions.can_see_all_enquiries(request.user) or permissions.role_of(request.user) == "editor"
    return render(
        request,
        "enquiries/index.html",
        {
            "enquiries": enquiries,
            "overdue": selectors.overdue(enquiries, today).count(),
            "can_raise": permissions.can_raise_enquiry(request.user),
            "working_days": services.enquiry_settings(council).response_working_days,
            "quarter": quarter,
            "previous_quarter": quarter.previous(),
            "by_directorate": selectors.timeliness_by_directorate(council, quarter.previous())
            if show_timeliness
            else None,
            "measure_reference": services.TIMELINESS_REFERENCE,
            "can_edit_settings": permissions.can_edit_enquiry_settings(request.user),
        },
    )


def raise_enquiry(request):
    council = _read(request)
    permissions.require(permissions.can_raise_enquiry, request.user)
    form = RaiseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enquiry = services.enquiry_raise(council=council, member=request.user, **form.cleaned_data)
        except (services.EnquiryError, Conflict) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Raised {enquiry.reference}. A response is due by {enquiry.due_on:%-d %B %Y}.")
            return redirect("enquiries:enquiry", ref=enquiry.reference)
    return render(
        request,
        "enquiries/raise.html",
        {"form": form, "working_days": services.enquiry_settings(council).response_working_days},
    )


def detail(request, ref):
    council = _read(request)
    enquiry = _enquiry(request, council, ref)
    return render(request, "enquiries/enquiry.html", _detail_context(request, council, enquiry))


def _detail_context(request, council, enquiry, **forms):
    user = request.user
    open_ = enquiry.status != Enquiry.Status.CLOSED
    initial = {"version": enquiry.version}
    context = {
        "enquiry": enquiry,
        "route_form": RouteForm(
            initial={**initial, "directorate": enquiry.directorate_id, "officer": enquiry.officer_id},
            council=council,
            prefix="route",
        )
        if open_ and permissions.can_route_enquiry(user)
        else None,
        "respond_form": RespondForm(initial={**initial, "response": enquiry.response}, prefix="respond")
        if open_ and permissions.can_respond_to_enquiry(user, enquiry)
        else None,
        "close_form": CloseForm(initial=initial, prefix="close")
        if enquiry.status == Enquiry.Status.RESPONDED and permissions.can_close_enquiry(user, enquiry)
        else None,
        "holidays_until": last_year_held(),
        "history": history_for(enquiry) if permissions.can_see_history(user) or enquiry.member_id == user.pk else None,
    }
    context.update({k: v for k, v in forms.items() if k != "conflict"})
    context["conflict"] = forms.get("conflict")
    return context


def _write(request, ref, form_class, form_name, action, form_kwargs=None):
    prefix = form_name.removesuffix("_form")
    council = _read(request)
    enquiry = _enquiry(request, council, ref)
    if request.method != "POST":
        return redirect("enquiries:enquiry", ref=enquiry.reference)
    extra = {**(form_kwargs(council) if form_kwargs else {}), "prefix": prefix}
    form = form_class(request.POST, **extra)
    if form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None) or 0
        try:
            action(enquiry=enquiry, user=request.user, version=version, **data)
        except services.EnquiryError as exc:
            form.add_error(None, str(exc))
        except StaleVersion as exc:
            posted = request.POST.copy()
            posted[f"{prefix}-version"] = str(exc.current.version)
            form = form_class(posted, **extra)
            form.is_valid()
            context = _detail_context(request, council, exc.current, **{form_name: form, "conflict": exc})
            return render(request, "enquiries/enquiry.html", context, status=409)
        else:
            messages.success(request, f"Saved {enquiry.reference}.")
            return redirect("enquiries:enquiry", ref=enquiry.reference)
    enquiry.refresh_from_db()
    return render(request, "enquiries/enquiry.html", _detail_context(request, council, enquiry, **{form_name: form}))


def route(request, ref):
    permissions.require(permissions.can_route_enquiry, request.user)
    return _write(request, ref, RouteForm, "route_form", services.enquiry_route, form_kwargs=lambda c: {"council": c})


def respond(request, ref):
    return _write(request, ref, RespondForm, "respond_form", services.enquiry_respond)


def close(request, ref):
    return _write(request, ref, CloseForm, "close_form", services.enquiry_close)


def complaints(request):
    council = _read(request)
    can_edit = permissions.can_edit_complaints(request.user)
    form = ComplaintCountForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        permissions.require(permissions.can_edit_complaints, request.user)
        if form.is_valid():
            existing = selectors.complaint_count(
                council, **{k: form.cleaned_data[k] for k in ("period", "stage", "outcome")}
            )
            try:
                saved = services.complaint_count_save(
                    council=council,
                    user=request.user,
                    version=existing.version if existing else None,
                    **form.cleaned_data,
                )
            except services.EnquiryError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"Saved {saved}: {saved.count}.")
                return redirect("enquiries:complaints")
    return render(
        request,
        "enquiries/complaints.html",
        {
            "summary": selectors.complaints_summary(council),
            "form": form,
            "can_upload": can_edit,
            "measures": selectors.computed_measures(council),
        },
    )


def ombudsman_upload(request: SignedInRequest) -> HttpResponse:
    """The Ombudsman's annual statistics per council: checked in full, then imported or refused."""
    council = _read(request)
    permissions.require(permissions.can_edit_complaints, request.user)
    form = OmbudsmanUploadForm(request.POST or None, request.FILES or None)
    problems = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            done = services.ombudsman_import(
                council=council, user=request.user, content=upload.read(), filename=upload.name
            )
        except ImportRejected as exc:
            problems = exc.errors
        except (TabularError, services.EnquiryError) as exc:
            form.add_error("file", str(exc))
        else:
            own = f"; {council.short_name}'s own years: {done.own_years}" if done.own_years else ""
            messages.success(request, f"Imported {done.rows} rows for {done.areas} councils ({done.periods}){own}.")
            return redirect("enquiries:ombudsman_upload")
    return render(
        request,
        "enquiries/ombudsman_upload.html",
        {
            "form": form,
            "problems": problems,
            "imports": OmbudsmanImport.objects.filter(council=council).select_related("imported_by")[:20],
            "metrics": sorted(BENCHMARKS.values()),
            "council": council,
        },
    )


def enquiry_settings(request: SignedInRequest) -> HttpResponse:
    """How many working days an enquiry has, and who owns the computed measures (performance team)."""
    council = _read(request)
    permissions.require(permissions.can_edit_enquiry_settings, request.user)
    current = services.enquiry_settings(council)
    initial = {
        "version": current.version,
        "response_working_days": current.response_working_days,
        "measure_directorate": current.measure_directorate_id,
    }
    form = EnquirySettingsForm(request.POST or None, initial=initial, council=council)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.enquiry_settings_save(
                council=council,
                user=request.user,
                response_working_days=data["response_working_days"],
                measure_directorate=data["measure_directorate"],
                version=data["version"] or 0,
                reason=data["reason"],
            )
        except services.EnquiryError as exc:
            form.add_error(None, str(exc))
        except StaleVersion as exc:
            conflict, current = exc, exc.current
            form = EnquirySettingsForm(with_current_version(request.POST, exc.current.version), council=council)
            form.is_valid()
        else:
            messages.success(request, "Saved the member enquiry settings.")
            return redirect("enquiries:settings")
    return render(
        request,
        "enquiries/settings.html",
        {"form": form, "settings": current, "conflict": conflict, "history": history_for(current)},
        status=409 if conflict else 200,
    )
