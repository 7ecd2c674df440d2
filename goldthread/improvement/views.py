"""Improvement pages. Thin: permissions from council/permissions.py, reads from selectors,
writes through services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from goldthread.core.audit import history_for
from goldthread.core.documents import download_response
from goldthread.core.forms import with_current_version
from goldthread.core.versioning import StaleVersion
from goldthread.council import permissions
from goldthread.council.models import Directorate
from goldthread.council.selectors import current_council
from goldthread.domain.recommendation_parser import NoRecommendationsFound

from . import documents, selectors, services
from .forms import (
    ActionForm,
    DeadlineMetForm,
    DeadlineRuleForm,
    DocumentLinkForm,
    DraftFormSet,
    EvidenceForm,
    ImportUploadForm,
    MilestoneDoneForm,
    MilestoneForm,
    ProgressForm,
    RecommendationForm,
    ReviewForm,
    RevisedDueDateForm,
    TeamMemberForm,
)
from .models import Action, DeadlineRule, Milestone, Recommendation, Review, ReviewMember
from .reading import UnreadableDocument, recommendations_in

DRAFT_SESSION_KEY = "improvement-import-draft"


def _read(request):
    permissions.require(permissions.can_read, request.user)
    return current_council()


def _admin(request):
    permissions.require(permissions.can_administer, request.user)
    return current_council()


def _review(council, ref) -> Review:
    return get_object_or_404(Review, council=council, reference=ref)


def _action(council, ref) -> Action:
    action = get_object_or_404(Action, reference=ref)
    if not selectors.council_actions(council).filter(pk=action.pk).exists():
        raise Http404("No such action")
    return action


def _editable_directorates(user, council):
    directorates = Directorate.objects.filter(council=council)
    if permissions.is_performance_team(user):
        return directorates
    return directorates.filter(pk=user.directorate_id) if user.directorate_id else directorates.none()


# --- reviews ------------------------------------------------------------------------------------


def index(request):
    council = _read(request)
    today = timezone.localdate()
    return render(
        request,
        "improvement/index.html",
        {
            "reviews": selectors.reviews(council),
            "deadlines": selectors.open_deadlines(council, today)[:5],
            "overdue_count": selectors.overdue_actions(council, today).count(),
            "my_count": selectors.my_actions(request.user).count(),
            "can_administer": permissions.can_administer(request.user),
            "can_add_action": permissions.is_performance_team(request.user) or request.user.role == "editor",
        },
    )


def review_form(request, ref=None):
    council = _admin(request)
    review = _review(council, ref) if ref else None
    initial = {"version": review.version if review else 0}
    form = ReviewForm(request.POST or None, instance=review, council=council, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        fields = {f: form.cleaned_data[f] for f in form.Meta.fields if f != "reference" or review is None}
        fields["scope_themes"] = form.cleaned_data["scope_themes"]
        try:
            if review:
                review.refresh_from_db()  # the form wrote onto the instance; history needs the saved values
                services.review_update(
                    review=review, user=request.user, version=form.cleaned_data["version"] or 0, **fields
                )
            else:
                review = services.review_create(council=council, user=request.user, **fields)
        except StaleVersion as exc:
            conflict, review = exc, exc.current
            form = ReviewForm(with_current_version(request.POST, exc.current.version), instance=review, council=council)
            form.is_valid()
        else:
            messages.success(request, f"Saved {review.title}.")
            return redirect("improvement:review", ref=review.reference)
    return render(
        request,
        "improvement/review_form.html",
        {"form": form, "review": review, "conflict": conflict},
        status=409 if conflict else 200,
    )


def review_detail(request, ref):
    council = _read(request)
    review = _review(council, ref)
    can_admin = permissions.can_administer(request.user)
    return render(
        request,
        "improvement/review.html",
        {
            "review": review,
            "deadlines": selectors.review_deadlines(review, timezone.localdate()),
            "recommendations": review.recommendations.prefetch_related("actions", "priorities"),
            "can_administer": can_admin,
            "member_form": TeamMemberForm() if can_admin else None,
            "document_form": DocumentLinkForm() if can_admin else None,
            "history": history_for(review) if permissions.can_see_history(request.user) else None,
        },
    )


@require_POST
def review_member_add(request, ref):
    review = _review(_admin(request), ref)
    form = TeamMemberForm(request.POST)
    if form.is_valid():
        services.review_member_add(review=review, user=request.user, **form.cleaned_data)
        messages.success(request, f"Added {form.cleaned_data['name']} to the team.")
    else:
        messages.error(request, "Team member not added: " + "; ".join(f"{k}: {v[0]}" for k, v in form.errors.items()))
    return redirect("improvement:review", ref=ref)


@require_POST
def review_member_remove(request, ref, member_id):
    review = _review(_admin(request), ref)
    member = get_object_or_404(ReviewMember, pk=member_id, review=review)
    services.review_member_remove(member=member, user=request.user)
    messages.success(request, f"Removed {member.name} from the team.")
    return redirect("improvement:review", ref=ref)


def review_delete(request, ref):
    review = _review(_admin(request), ref)
    if review.recommendations.exists():
        messages.error(
            request, "A review with recommendations cannot be deleted: their references must never be reused."
        )
        return redirect("improvement:review", ref=ref)
    if request.method == "POST":
        title = review.title
        services.review_delete(review=review, user=request.user)
        messages.success(request, f"Deleted {title}.")
        return redirect("improvement:index")
    return render(request, "improvement/review_delete.html", {"review": review})


@require_POST
def review_document_add(request, ref):
    review = _review(_admin(request), ref)
    form = DocumentLinkForm(request.POST)
    if form.is_valid():
        services.review_document_add(review=review, user=request.user, **form.cleaned_data)
        messages.success(request, "Document link added.")
    else:
        messages.error(request, "Link not added: " + "; ".join(f"{k}: {v[0]}" for k, v in form.errors.items()))
    return redirect("improvement:review", ref=ref)


def deadline_met(request, ref, rule_id):
    council = _admin(request)
    review = _review(council, ref)
    rule = get_object_or_404(DeadlineRule, pk=rule_id, review_type=review.review_type)
    form = DeadlineMetForm(request.POST or None, initial={"met_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.deadline_mark_met(review=review, rule=rule, user=request.user, **form.cleaned_data)
        except services.ImprovementError as exc:
            form.add_error("met_on", str(exc))
        else:
            messages.success(request, f"Recorded that '{rule.name}' was met.")
            return redirect("improvement:review", ref=ref)
    return render(request, "improvement/deadline_met.html", {"form": form, "review": review, "rule": rule})


# --- deadlines --------------------------------------------------------------------------------------


def deadlines(request):
    council = _read(request)
    return render(
        request,
        "improvement/deadlines.html",
        {
            "deadlines": selectors.open_deadlines(council, timezone.localdate()),
            "rules": DeadlineRule.objects.all(),
            "can_administer": permissions.can_administer(request.user),
        },
    )


def deadline_rule_form(request, rule_id=None):
    _admin(request)
    rule = get_object_or_404(DeadlineRule, pk=rule_id) if rule_id else None
    form = DeadlineRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        fields = {f: form.cleaned_data[f] for f in form.Meta.fields}
        if rule is not None:
            for name, value in fields.items():  # the form wrote onto the instance: restore, then save with history
                setattr(rule, name, form.initial.get(name, value))
        services.deadline_rule_save(rule=rule, user=request.user, **fields)
        messages.success(request, "Deadline rule saved.")
        return redirect("improvement:deadlines")
    return render(request, "improvement/deadline_rule_form.html", {"form": form, "rule": rule})


# --- recommendations ------------------------------------------------------------------------------


def recommendation_form(request, ref, rec_ref=None):
    council = _admin(request)
    review = _review(council, ref)
    recommendation = get_object_or_404(Recommendation, review=review, reference=rec_ref) if rec_ref else None
    initial = {"version": recommendation.version if recommendation else 0}
    form = RecommendationForm(request.POST or None, instance=recommendation, council=council, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None) or 0
        links = {name: data.pop(name) for name in ("priorities", "measures", "risks")}
        try:
            if recommendation is None:
                recommendation = services.recommendation_create(review=review, user=request.user, **data)
            else:
                recommendation.refresh_from_db()
                services.recommendation_update(
                    recommendation=recommendation, user=request.user, version=version, **data
                )
            services.recommendation_set_links(recommendation=recommendation, user=request.user, **links)
        except services.ImprovementError as exc:
            form.add_error(None, str(exc))
        except StaleVersion as exc:
            conflict, recommendation = exc, exc.current
            form = RecommendationForm(
                with_current_version(request.POST, exc.current.version), instance=recommendation, council=council
            )
            form.is_valid()
        else:
            messages.success(request, f"Saved {recommendation.reference}.")
            return redirect("improvement:recommendation", ref=ref, rec_ref=recommendation.reference)
    return render(
        request,
        "improvement/recommendation_form.html",
        {"form": form, "review": review, "recommendation": recommendation, "conflict": conflict},
        status=409 if conflict else 200,
    )


def recommendation_detail(request, ref, rec_ref):
    council = _read(request)
    review = _review(council, ref)
    recommendation = get_object_or_404(Recommendation, review=review, reference=rec_ref)
    actions = recommendation.actions.select_related("lead", "directorate")
    return render(
        request,
        "improvement/recommendation.html",
        {
            "review": review,
            "recommendation": recommendation,
            "actions": [(a, selectors.action_assessment(a)) for a in actions],
            "can_administer": permissions.can_administer(request.user),
            "can_add_action": permissions.is_performance_team(request.user) or request.user.role == "editor",
            "history": history_for(recommendation) if permissions.can_see_history(request.user) else None,
        },
    )


def import_recommendations(request, ref):
    council = _admin(request)
    review = _review(council, ref)
    if request.method == "POST" and "confirm" in request.POST:
        return _import_confirm(request, review)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    formset = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        try:
            found = recommendations_in(upload.read(), upload.name)
        except (UnreadableDocument, NoRecommendationsFound) as exc:
            form.add_error("document", str(exc))
        else:
            initial = [r.as_dict() | {"response_status": "accepted" if r.response else "pending"} for r in found]
            formset = DraftFormSet(initial=initial, prefix="draft")
    return render(request, "improvement/import.html", {"form": form, "formset": formset, "review": review})


def _import_confirm(request, review):
    formset = DraftFormSet(request.POST, prefix="draft")
    if formset.is_valid():
        items = [f.cleaned_data for f in formset.forms if f.cleaned_data.get("include")]
        if not items:
            messages.error(request, "Nothing imported: no recommendation was ticked.")
            return render(
                request, "improvement/import.html", {"form": ImportUploadForm(), "formset": formset, "review": review}
            )
        try:
            created = services.recommendations_import(review=review, items=items, user=request.user)
        except services.ImprovementError as exc:
            messages.error(request, str(exc))
        else:
            skipped = len(items) - len(created)
            messages.success(
                request,
                f"Imported {len(created)} recommendation(s)." + (f" {skipped} were already there." if skipped else ""),
            )
            return redirect("improvement:review", ref=review.reference)
    return render(
        request, "improvement/import.html", {"form": ImportUploadForm(), "formset": formset, "review": review}
    )


# --- action plans and progress reviews --------------------------------------------------------------


def action_plan(request, ref, fmt=None):
    council = _read(request)
    review = _review(council, ref)
    if fmt:
        if fmt not in ("docx", "xlsx"):
            raise Http404("Action plans download as docx or xlsx")
        return download_response(documents.action_plan_document(review), fmt, f"action-plan-{review.reference}")
    rows = selectors.action_plan(review)
    return render(
        request,
        "improvement/action_plan.html",
        {
            "review": review,
            "rows": [(r, [(a, selectors.action_assessment(a)) for a in r.actions]) for r in rows],
            "totals": selectors.rag_counts([a for r in rows for a in r.actions]),
        },
    )


def progress_review(request, ref, fmt=None):
    council = _read(request)
    review = _review(council, ref)
    if fmt:
        if fmt not in ("docx", "pdf"):
            raise Http404("Progress reviews download as docx or pdf")
        return download_response(documents.progress_review_document(review), fmt, f"progress-review-{review.reference}")
    return render(
        request,
        "improvement/progress_review.html",
        {"review": review, "since": selectors.review_since(review), "rows": selectors.progress_since_review(review)},
    )


# --- actions ------------------------------------------------------------------------------------------


def action_form(request, ref=None, rec_ref=None, action_ref=None):
    council = _read(request)
    recommendation = None
    if rec_ref:
        recommendation = get_object_or_404(
            Recommendation, review__council=council, review__reference=ref, reference=rec_ref
        )
    action = _action(council, action_ref) if action_ref else None
    if action is not None:
        permissions.require(permissions.can_edit_action, request.user, action)
    elif not (permissions.is_performance_team(request.user) or request.user.role == "editor"):
        raise PermissionDenied("You do not have permission to add actions.")
    directorates = _editable_directorates(request.user, council)
    initial = {"version": action.version if action else 0}
    form = ActionForm(request.POST or None, instance=action, directorates=directorates, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in form.Meta.fields}
        if data["directorate"] is None and not permissions.is_performance_team(request.user):
            form.add_error("directorate", "Choose your directorate.")
        else:
            try:
                if action is None:
                    action = services.action_create(user=request.user, recommendation=recommendation, **data)
                else:
                    action.refresh_from_db()
                    services.action_update(
                        action=action, user=request.user, version=form.cleaned_data["version"] or 0, **data
                    )
            except services.ImprovementError as exc:
                form.add_error(None, str(exc))
            except StaleVersion as exc:
                conflict, action = exc, exc.current
                form = ActionForm(
                    with_current_version(request.POST, exc.current.version), instance=action, directorates=directorates
                )
                form.is_valid()
            else:
                messages.success(request, f"Saved action {action.reference}.")
                return redirect("improvement:action", action_ref=action.reference)
    return render(
        request,
        "improvement/action_form.html",
        {"form": form, "action": action, "recommendation": recommendation, "conflict": conflict},
        status=409 if conflict else 200,
    )


def action_detail(request, action_ref):
    council = _read(request)
    return _action_page(request, _action(council, action_ref))


def _action_page(request, action, *, conflict=None, bound=None):
    """The action's page; after a conflict, the form the person sent (``bound``: its context name and
    the form, keeping what they typed) is shown open with what changed since, answering 409."""
    can_progress = permissions.can_update_action_progress(request.user, action)
    can_edit = permissions.can_edit_action(request.user, action)
    today = timezone.localdate()
    progress_initial = {
        "on": today,
        "status": action.status,
        "percent_complete": action.percent_complete,
        "version": action.version,
    }
    context = {
        "action": action,
        "rag": selectors.action_rag(action),
        "assessment": selectors.action_assessment(action, today),
        "lead": selectors.lead_words(action),
        "milestones": action.milestones.all(),
        "updates": action.updates.select_related("user"),
        "evidence": action.evidence.all(),
        "today": today,
        "can_edit": can_edit,
        "can_progress": can_progress,
        "progress_form": ProgressForm(initial=progress_initial) if can_progress else None,
        "milestone_form": MilestoneForm(initial={"version": action.version}) if can_edit else None,
        "revised_form": RevisedDueDateForm(initial={"agreed_on": today}) if action.due_date and can_edit else None,
        "evidence_form": EvidenceForm() if can_progress else None,
        "history": history_for(action) if permissions.can_see_history(request.user) else None,
        "conflict": conflict,
        "open_form": bound[0] if bound else "",
    }
    if bound:
        context[bound[0]] = bound[1]
    return render(request, "improvement/action.html", context, status=409 if conflict else 200)


def _post_to_action(request, action_ref, form_class, apply, *, context_name=""):
    council = _read(request)
    action = _action(council, action_ref)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            apply(action, form.cleaned_data)
        except services.ImprovementError as exc:
            messages.error(request, str(exc))
        except StaleVersion as exc:
            action.refresh_from_db()
            current = exc.current.version if isinstance(exc.current, Action) else None
            kept = None
            if current and context_name:  # keep what was typed, now based on the action as it is
                data = request.POST.copy()
                data[form.add_prefix("version")] = str(current)
                kept = form_class(data)
                kept.is_valid()
            return _action_page(request, action, conflict=exc, bound=(context_name, kept) if kept else None)
        else:
            messages.success(request, "Saved.")
    else:
        messages.error(
            request, "Not saved: " + "; ".join(f"{form.fields[k].label or k}: {v[0]}" for k, v in form.errors.items())
        )
    return redirect("improvement:action", action_ref=action.reference)


@require_POST
def action_progress(request, action_ref):
    def apply(action, data):
        permissions.require(permissions.can_update_action_progress, request.user, action)
        version = data.pop("version", None) or 0
        services.action_add_progress(action=action, user=request.user, version=version, **data)

    return _post_to_action(request, action_ref, ProgressForm, apply, context_name="progress_form")


@require_POST
def action_revise_due(request, action_ref):
    def apply(action, data):
        permissions.require(permissions.can_edit_action, request.user, action)
        services.action_revise_due_date(action=action, user=request.user, **data)

    return _post_to_action(request, action_ref, RevisedDueDateForm, apply)


@require_POST
def action_evidence(request, action_ref):
    def apply(action, data):
        permissions.require(permissions.can_update_action_progress, request.user, action)
        services.evidence_add(action=action, user=request.user, **data)

    return _post_to_action(request, action_ref, EvidenceForm, apply)


@require_POST
def action_milestone(request, action_ref):
    def apply(action, data):
        permissions.require(permissions.can_edit_action, request.user, action)
        version = data.pop("version", None) or 0
        services.milestone_add(action=action, user=request.user, version=version, **data)

    return _post_to_action(request, action_ref, MilestoneForm, apply, context_name="milestone_form")


@require_POST
def milestone_done(request, action_ref, milestone_id):
    def apply(action, data):
        permissions.require(permissions.can_update_action_progress, request.user, action)
        milestone = get_object_or_404(Milestone, pk=milestone_id, action=action)
        version = data.pop("version", None) or 0
        services.milestone_mark_done(milestone=milestone, user=request.user, version=version, **data)

    return _post_to_action(request, action_ref, MilestoneDoneForm, apply)


def my_actions(request):
    _read(request)
    actions = selectors.my_actions(request.user)
    return render(
        request, "improvement/my_actions.html", {"actions": [(a, selectors.action_assessment(a)) for a in actions]}
    )


def overdue(request):
    council = _read(request)
    today = timezone.localdate()
    return render(
        request,
        "improvement/overdue.html",
        {
            "actions": [
                (a, s, s.overdue_days)
                for a in selectors.overdue_actions(council, today)
                for s in [selectors.action_assessment(a, today)]
            ],
            "milestones": [(m, (today - m.due_date).days) for m in selectors.overdue_milestones(council, today)],
        },
    )
