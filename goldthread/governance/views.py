"""Policy register pages. Thin: permissions from council/permissions.py, reads from selectors,
writes through services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from goldthread.core.audit import history_for
from goldthread.core.documents import download_response
from goldthread.core.forms import with_current_version
from goldthread.core.versioning import AlreadyExists, StaleVersion
from goldthread.council import permissions
from goldthread.council.selectors import current_council
from goldthread.domain import best_value as best_value_rules

from . import best_value as best_value_selectors
from . import documents, selectors, services
from .forms import EvidenceForm, FlagDecisionForm, PolicyForm, ThemeForm
from .models import EvidenceLink, Policy


def _read(request):
    permissions.require(permissions.can_read, request.user)
    return current_council()


def register(request):
    council = _read(request)
    today = timezone.localdate()
    return render(
        request,
        "governance/register.html",
        {
            "policies": selectors.register(council, today),
            "today": today,
            "can_edit": permissions.can_edit_policies(request.user),
        },
    )


def policy_detail(request, pk):
    council = _read(request)
    policy = get_object_or_404(Policy, council=council, pk=pk)
    return render(
        request,
        "governance/policy.html",
        {
            "policy": policy,
            "state": selectors.state_of(policy, timezone.localdate()),
            "can_review": permissions.can_review_policy(request.user, policy),
            "history": history_for(policy) if permissions.can_see_history(request.user) else None,
        },
    )


def policy_form(request, pk=None):
    council = _read(request)
    policy = get_object_or_404(Policy, council=council, pk=pk) if pk else None
    if policy is None:
        permissions.require(permissions.can_edit_policies, request.user)
    elif not permissions.can_review_policy(request.user, policy):
        raise PermissionDenied("Only the performance team or the policy's owner may change it.")
    review_only = policy is not None and not permissions.can_edit_policies(request.user)
    kwargs = {"instance": policy, "council": council, "review_only": review_only}
    form = PolicyForm(request.POST or None, initial={"version": policy.version if policy else 0}, **kwargs)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in form.fields if f not in ("version", "priorities")}
        priorities = form.cleaned_data.get("priorities")
        try:
            if policy is None:
                policy = services.policy_create(council=council, user=request.user, priorities=priorities, **data)
            else:
                policy.refresh_from_db()
                services.policy_update(
                    policy=policy,
                    user=request.user,
                    version=form.cleaned_data["version"] or 0,
                    priorities=priorities,
                    **data,
                )
        except StaleVersion as exc:
            conflict, policy = exc, exc.current
            form = PolicyForm(with_current_version(request.POST, exc.current.version), **{**kwargs, "instance": policy})
            form.is_valid()
        except AlreadyExists as exc:
            form.add_error("title", str(exc))
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, f"Saved {policy.title}.")
            return redirect("governance:policy", pk=policy.pk)
    return render(
        request,
        "governance/policy_form.html",
        {"form": form, "policy": policy, "conflict": conflict},
        status=409 if conflict else 200,
    )


# --- Best Value self-assessment ------------------------------------------------------------------


def _theme_code(theme: str) -> str:
    if theme not in best_value_rules.THEME_CODES:
        raise Http404("No such Best Value theme")
    return theme


def best_value(request, fmt=None):
    council = _read(request)
    today = timezone.localdate()
    if fmt:
        if fmt not in ("docx", "pdf", "xlsx"):
            raise Http404("The assessment downloads as docx, pdf or xlsx")
        return download_response(
            documents.assessment_document(council, request.user, today), fmt, "best-value-self-assessment"
        )
    return render(
        request,
        "governance/best_value.html",
        {
            "rows": best_value_selectors.assessment(council, request.user, today),
            "guidance": best_value_rules.GUIDANCE,
            "can_assess": permissions.can_assess_best_value(request.user),
        },
    )


def best_value_theme(request, theme):
    council = _read(request)
    code = _theme_code(theme)
    today = timezone.localdate()
    row = next(r for r in best_value_selectors.assessment(council, request.user, today) if r.theme.code == code)
    can_assess = permissions.can_assess_best_value(request.user)
    theme_form = evidence_form = None
    conflict = None
    status = 200
    if can_assess:
        entry = row.assessment
        theme_form = ThemeForm(
            request.POST if request.POST.get("form") == "theme" else None,
            initial={"version": entry.version, "rating": entry.rating, "narrative": entry.narrative},
        )
        evidence_form = EvidenceForm(request.POST if request.POST.get("form") == "evidence" else None, council=council)
    elif request.method == "POST":
        raise PermissionDenied("Only the performance team may change the self-assessment.")
    if request.method == "POST" and request.POST.get("form") == "theme" and theme_form.is_valid():
        try:
            services.theme_save(
                council=council,
                theme=code,
                user=request.user,
                version=theme_form.cleaned_data["version"] or 0,
                rating=theme_form.cleaned_data["rating"],
                narrative=theme_form.cleaned_data["narrative"],
            )
        except StaleVersion as exc:
            conflict, status = exc, 409
            theme_form = ThemeForm(with_current_version(request.POST, exc.current.version))
            theme_form.is_valid()
        else:
            messages.success(request, f"Saved {row.theme.name}.")
            return redirect("governance:best-value-theme", theme=code)
    if request.method == "POST" and request.POST.get("form") == "evidence" and evidence_form.is_valid():
        data = evidence_form.cleaned_data
        try:
            services.evidence_add(
                council=council,
                theme=code,
                user=request.user,
                kind=data["kind"],
                reference=data["reference"],
                title=data["title"],
                url=data["url"],
            )
        except AlreadyExists as exc:
            evidence_form.add_error("reference", str(exc))
        else:
            messages.success(request, "Evidence linked.")
            return redirect("governance:best-value-theme", theme=code)
    return render(
        request,
        "governance/best_value_theme.html",
        {
            "row": row,
            "theme_form": theme_form,
            "evidence_form": evidence_form,
            "flag_forms": [
                (
                    f,
                    FlagDecisionForm(
                        initial={"key": f.key, "version": f.decision.version if f.decision else 0},
                        prefix=f"flag{i}",
                    )
                    if can_assess
                    else None,
                )
                for i, f in enumerate(row.flags)
            ],
            "conflict": conflict,
            "history": history_for(row.assessment)
            if row.assessment.pk and permissions.can_see_history(request.user)
            else None,
        },
        status=status,
    )


@require_POST
def evidence_remove(request, theme, link_id):
    council = _read(request)
    permissions.require(permissions.can_assess_best_value, request.user)
    link = get_object_or_404(EvidenceLink, pk=link_id, assessment__council=council, assessment__theme=theme)
    services.evidence_remove(link=link, user=request.user)
    messages.success(request, "Evidence link removed.")
    return redirect("governance:best-value-theme", theme=theme)


def flag_decide(request, theme):
    council = _read(request)
    code = _theme_code(theme)
    permissions.require(permissions.can_assess_best_value, request.user)
    if request.method != "POST":
        return redirect("governance:best-value-theme", theme=code)
    prefix = request.POST.get("prefix", "")
    form = FlagDecisionForm(request.POST, prefix=prefix or None)
    flag = None
    if form.is_valid():
        flag = best_value_selectors.find_flag(council, request.user, timezone.localdate(), form.cleaned_data["key"])
        if flag is None or flag.theme != code:
            form.add_error(None, "That flag no longer applies: the data behind it has changed.")
        else:
            try:
                services.flag_decide(
                    council=council,
                    key=flag.key,
                    theme=code,
                    user=request.user,
                    decision=form.cleaned_data["decision"],
                    reason=form.cleaned_data["reason"].strip(),
                    version=form.cleaned_data["version"] or 0,
                )
            except StaleVersion as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"Recorded your decision on: {flag.title}.")
                return redirect("governance:best-value-theme", theme=code)
    return render(
        request,
        "governance/flag_decision.html",
        {"form": form, "flag": flag, "theme": best_value_rules.theme(code)},
        status=400,
    )
