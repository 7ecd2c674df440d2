"""Policy register pages. Thin: permissions from council/permissions.py, reads from selectors,
writes through services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from goldthread.core.audit import history_for
from goldthread.core.forms import with_current_version
from goldthread.core.versioning import AlreadyExists, StaleVersion
from goldthread.council import permissions
from goldthread.council.selectors import current_council

from . import selectors, services
from .forms import PolicyForm
from .models import Policy


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
