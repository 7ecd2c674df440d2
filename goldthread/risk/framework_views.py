"""Pages for the scoring matrices (versioned configuration) and the assurance map."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from goldthread.core.audit import history_for
from goldthread.council import permissions as perms
from goldthread.council.selectors import current_council

from . import selectors, services
from .forms import AreaForm, BandForm, CategoryForm, LevelForm, SourceForm
from .models import AssuranceSource, Band, Category, MatrixLevel, RiskMatrix


def matrices(request):
    perms.require(perms.can_read, request.user)
    return render(
        request,
        "risk/matrices.html",
        {
            "matrices": RiskMatrix.objects.prefetch_related("bands"),
            "categories": Category.objects.filter(council=current_council()),
            "can_administer": perms.can_administer(request.user),
        },
    )


def matrix(request, version: int):
    perms.require(perms.can_read, request.user)
    item = get_object_or_404(RiskMatrix.objects.prefetch_related("levels", "bands"), version=version)
    return render(
        request,
        "risk/matrix.html",
        {
            "matrix": item,
            "likelihoods": [lv for lv in item.levels.all() if lv.axis == "likelihood"],
            "impacts": [lv for lv in item.levels.all() if lv.axis == "impact"],
            "problems": item.problems(),
            "can_administer": perms.can_administer(request.user),
            "history": history_for(item) if perms.can_see_history(request.user) else None,
        },
    )


@require_POST
def matrix_new_version(request, version: int):
    perms.require(perms.can_administer, request.user)
    item = get_object_or_404(RiskMatrix, version=version)
    copy = services.matrix_new_version(matrix=item, user=request.user)
    messages.success(request, f"Version {copy.version} was made as a copy of version {item.version}: edit it here.")
    return redirect(copy)


def band_edit(request, pk: int):
    perms.require(perms.can_administer, request.user)
    band = get_object_or_404(Band, pk=pk)
    if band.matrix.in_use:
        messages.error(request, f"{band.matrix} is in use by existing scores: create a new version to change it.")
        return redirect(band.matrix)
    form = BandForm(request.POST or None, instance=Band.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.matrix_update_band(band=band, user=request.user, **form.cleaned_data)
        except services.RiskError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "The band was saved.")
            return redirect(band.matrix)
    return render(request, "risk/band_form.html", {"form": form, "band": band})


def assurance(request):
    perms.require(perms.can_read, request.user)
    council = current_council()
    as_of = date.today()
    try:
        as_of = date.fromisoformat(request.GET.get("as_of", "")) if request.GET.get("as_of") else as_of
    except ValueError:
        messages.error(request, "The date must be a real date, for example 2023-12-31: showing today instead.")
    rows = selectors.assurance_map(council, as_of)
    return render(
        request,
        "risk/assurance.html",
        {
            "rows": rows,
            "as_of": as_of,
            "lines": AssuranceSource.Line.choices,
            "gaps": [r for r in rows if r.has_gap],
            "can_add": perms.can_administer(request.user),
        },
    )


def source_add(request):
    perms.require(perms.can_administer, request.user)
    council = current_council()
    form = SourceForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "subject"} | form.subject_fields()
        try:
            services.assurance_source_add(council=council, user=request.user, **fields)
        except (services.RiskError, ValidationError) as exc:
            form.add_error(None, exc.messages[0] if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, "The source of assurance was added.")
            return redirect("risk:assurance")
    return render(request, "risk/source_form.html", {"form": form})


def category_edit(request, pk: int | None = None):
    perms.require(perms.can_administer, request.user)
    council = current_council()
    category = get_object_or_404(Category, pk=pk, council=council) if pk else None
    form = CategoryForm(request.POST or None, instance=Category.objects.get(pk=pk) if pk else None, council=council)
    if request.method == "POST" and form.is_valid():
        services.category_save(council=council, user=request.user, category=category, **form.cleaned_data)
        messages.success(request, "The category and its appetite were saved.")
        return redirect("risk:matrices")
    return render(
        request, "risk/plain_form.html", {"form": form, "heading": "Change a category" if pk else "Add a category"}
    )


def level_edit(request, pk: int):
    perms.require(perms.can_administer, request.user)
    level = get_object_or_404(MatrixLevel, pk=pk)
    if level.matrix.in_use:
        messages.error(request, f"{level.matrix} is in use by existing scores: create a new version to change it.")
        return redirect(level.matrix)
    form = LevelForm(request.POST or None, instance=MatrixLevel.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        services.matrix_update_level(level=level, user=request.user, **form.cleaned_data)
        messages.success(request, "The scale point was saved.")
        return redirect(level.matrix)
    heading = f"Change {level.get_axis_display().lower()} {level.value}"
    return render(request, "risk/plain_form.html", {"form": form, "heading": heading})


def area_add(request):
    perms.require(perms.can_administer, request.user)
    council = current_council()
    form = AreaForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        services.assurance_area_add(council=council, user=request.user, **form.cleaned_data)
        messages.success(request, "The key area was added to the assurance map.")
        return redirect("risk:assurance")
    return render(request, "risk/plain_form.html", {"form": form, "heading": "Add a key area"})
