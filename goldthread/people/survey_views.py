"""Pages for staff and resident surveys. Every figure shown comes through the suppressing
selectors, so small groups never appear on a page or in an export."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from goldthread.core.audit import history_for
from goldthread.core.safe_cells import csv_writer
from goldthread.core.tabular import ImportRejected, TabularError
from goldthread.council import permissions as perms
from goldthread.council.selectors import current_council

from . import selectors, services
from .forms import ClearForm, FindingForm, QuestionForm, SurveyForm, SurveyPublishForm, SurveyUploadForm, WaveForm
from .models import Survey, SurveyQuestion, SurveyWave


def survey_list(request):
    perms.require(perms.can_see_people_aggregates, request.user)
    return render(
        request,
        "people/survey_list.html",
        {
            "surveys": Survey.objects.filter(council=current_council()),
            "can_manage": perms.can_manage_people(request.user),
        },
    )


def survey_create(request):
    perms.require(perms.can_manage_people, request.user)
    form = SurveyForm(request.POST or None, initial={"minimum_group_size": 10})
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_save(
                council=current_council(), survey=None, data=form.cleaned_data, user=request.user
            )
        except services.PeopleError as exc:
            form.add_error("name", str(exc))
        else:
            messages.success(request, f"{survey.name} was created. Add its questions and waves.")
            return redirect(survey)
    return render(request, "people/survey_form.html", {"form": form})


def survey(request, slug: str):
    perms.require(perms.can_see_people_aggregates, request.user)
    item = get_object_or_404(Survey, council=current_council(), slug=slug)
    can_manage = perms.can_manage_people(request.user)
    question_form = QuestionForm(prefix="question")
    wave_form = WaveForm(prefix="wave")
    if request.method == "POST":
        perms.require(perms.can_manage_people, request.user)
        form: QuestionForm | WaveForm
        save: Callable[..., SurveyQuestion | SurveyWave]
        if request.POST.get("part") == "question":
            question_form = QuestionForm(request.POST, prefix="question")
            form, save = question_form, services.survey_question_add
        else:
            wave_form = WaveForm(request.POST, prefix="wave")
            form, save = wave_form, services.survey_wave_add
        if form.is_valid():
            try:
                save(survey=item, data=form.cleaned_data, user=request.user)
            except services.PeopleError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Saved.")
                return redirect(item)
    return render(
        request,
        "people/survey.html",
        {
            "survey": item,
            "questions": item.questions.all(),
            "waves": item.waves.all(),
            "findings": item.findings.select_related("action", "wave", "question"),
            "can_manage": can_manage,
            "question_form": question_form,
            "wave_form": wave_form,
        },
    )


def _wave(slug, pk):
    return get_object_or_404(
        SurveyWave.objects.select_related("survey"), pk=pk, survey__slug=slug, survey__council=current_council()
    )


def wave(request, slug: str, pk: int):
    perms.require(perms.can_see_people_aggregates, request.user)
    item = _wave(slug, pk)
    survey = item.survey
    can_manage = perms.can_manage_people(request.user)
    return render(
        request,
        "people/wave.html",
        {
            "survey": survey,
            "wave": item,
            "previous": selectors.previous_wave(item),
            "questions": selectors.question_lines(item),
            "themes": selectors.theme_lines(item),
            "tables": [(d, *selectors.group_table(item, d)) for d in selectors.dimensions(item)],
            "has_results": item.results.exists(),
            "can_manage": can_manage,
            "can_publish": perms.can_approve(request.user),
            "upload_form": SurveyUploadForm(prefix="upload"),
            "clear_form": ClearForm(prefix="clear"),
            "finding_form": FindingForm(prefix="finding", survey=survey),
            "publish_form": SurveyPublishForm(prefix="publish", survey=survey),
            "history": history_for(item) if can_manage else None,
        },
    )


def wave_import(request, slug: str, pk: int):
    perms.require(perms.can_manage_people, request.user)
    item = _wave(slug, pk)
    form = SurveyUploadForm(request.POST or None, request.FILES or None, prefix="upload")
    problems = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            count = services.survey_results_import(
                wave=item,
                content=upload.read(),
                filename=upload.name,
                layout=form.cleaned_data["layout"],
                user=request.user,
            )
        except ImportRejected as exc:
            problems = exc.errors
        except (TabularError, services.PeopleError) as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, f"Loaded {count} results." if count else "Those results were already loaded.")
            return redirect(item)
    return render(request, "people/wave_import.html", {"wave": item, "form": form, "problems": problems})


@require_POST
def wave_clear(request, slug: str, pk: int):
    perms.require(perms.can_manage_people, request.user)
    item = _wave(slug, pk)
    form = ClearForm(request.POST, prefix="clear")
    try:
        if not form.is_valid():
            raise services.PeopleError("Say why the results are being cleared")
        services.survey_results_clear(wave=item, reason=form.cleaned_data["reason"], user=request.user)
    except services.PeopleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "The results were cleared.")
    return redirect(item)


def finding_create(request, slug: str, pk: int):
    perms.require(perms.can_manage_people, request.user)
    item = _wave(slug, pk)
    form = FindingForm(request.POST or None, prefix="finding", survey=item.survey)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        finding = services.survey_finding_create(
            survey=item.survey,
            wave=item,
            question=data["question"],
            text=data["text"],
            action_description=data["action_description"],
            directorate=data["directorate"],
            due_date=data["due_date"],
            lead_name=data["lead_name"],
            user=request.user,
        )
        note = f" and action {finding.action.reference}" if finding.action else ""
        messages.success(request, f"The finding{note} was recorded.")
        return redirect(item.survey)
    return render(request, "people/finding_form.html", {"wave": item, "form": form})


@require_POST
def wave_publish(request, slug: str, pk: int):
    perms.require(perms.can_approve, request.user)
    item = _wave(slug, pk)
    form = SurveyPublishForm(request.POST, prefix="publish", survey=item.survey)
    if not form.is_valid():
        messages.error(request, "Choose a question and a measure, and give the period.")
        return redirect(item)
    try:
        value = services.survey_result_publish(wave=item, user=request.user, **form.cleaned_data)
    except services.PeopleError as exc:
        messages.error(request, str(exc))
    else:
        # No value when the overall group had no respondents yet was shown (a minimum group size of 0).
        shown = "no value" if value.value is None else f"{value.value.normalize()}%"
        messages.success(request, f"{value.measure.reference} for {value.period} is now {shown}.")
    return redirect(item)


def wave_export(request, slug: str, pk: int):
    """Every result of the wave as CSV, suppression applied exactly as on the page."""
    perms.require(perms.can_see_people_aggregates, request.user)
    item = _wave(slug, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{item.survey.slug}-{item.pk}-results.csv"'
    writer = csv_writer(response)  # formula-looking text is written inert
    writer.writerow(["question", "theme", "dimension", "group", "n", "n positive", "percent positive", "suppressed"])
    for line in selectors.question_lines(item):
        q, cell = line.question, line.cell
        if cell is not None:
            writer.writerow(_csv_row(q, "overall", cell))
    for dimension in selectors.dimensions(item):
        for q in item.survey.questions.all():
            for cell in selectors.breakdown(item, q, dimension):
                writer.writerow(_csv_row(q, dimension, cell))
    return response


def _csv_row(question, dimension, cell):
    if cell.suppressed:
        return [question.code, question.theme, dimension, cell.group, "", "", "", "yes"]
    return [question.code, question.theme, dimension, cell.group, cell.n, cell.n_positive, cell.percent, "no"]
