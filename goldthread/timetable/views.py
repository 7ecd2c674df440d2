from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from goldthread.council import permissions
from goldthread.council.selectors import current_council

from . import selectors
from .forms import TimetableForm
from .models import DATE_FIELDS, DATE_LABELS
from .services import TimetableError, clean_year, timetable_save


def index(request):
    permissions.require(permissions.can_read_timetable, request.user)
    council = current_council()
    new_year_error = ""
    if request.GET.get("new") is not None and permissions.can_edit_timetable(request.user):
        try:
            return redirect("timetable:edit", clean_year(request.GET["new"]))
        except TimetableError as exc:
            new_year_error = str(exc)
    years = list(selectors.years(council))
    chosen = request.GET.get("year") or (years[0].year if years else "")
    ry = next((y for y in years if y.year == chosen), None)
    return render(
        request,
        "timetable/index.html",
        {
            "years": years,
            "ry": ry,
            "chosen": chosen,
            "columns": [(name, DATE_LABELS[name]) for name in DATE_FIELDS],
            "can_edit": permissions.can_edit_timetable(request.user),
            "new_year_error": new_year_error,
            "history": selectors.timetable_history(ry) if ry and permissions.can_see_history(request.user) else None,
        },
    )


def edit(request, year: str):
    permissions.require(permissions.can_edit_timetable, request.user)
    council = current_council()
    try:
        year = clean_year(year)
    except TimetableError as exc:
        raise Http404(str(exc)) from exc
    ry = selectors.timetable_for(council, year)
    initial = TimetableForm.initial_from(ry) if ry else {}
    form = TimetableForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            timetable_save(
                council=council,
                year=year,
                quarters=form.quarters(),
                user=request.user,
                is_example=form.cleaned_data["is_example"],
                note=form.cleaned_data["note"],
            )
        except TimetableError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"The reporting timetable for {year} was saved.")
            return redirect(f"{reverse('timetable:index')}?year={year}")
    return render(request, "timetable/edit.html", {"form": form, "year": year, "ry": ry})
