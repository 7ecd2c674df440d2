from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from goldthread.core.audit import history_for
from goldthread.council import permissions
from goldthread.council.selectors import current_council

from . import people, selectors, services
from .forms import PreferencesForm, ReminderSettingsForm
from .models import Notification


def notification_list(request):
    permissions.require(permissions.can_read, request.user)
    show = "unread" if request.GET.get("show") == "unread" else "all"
    items = selectors.notifications_for(request.user)
    if show == "unread":
        items = items.filter(read_at__isnull=True)
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page, "show": show})


@require_POST
def read(request, pk: int):
    note = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.mark_read(notification=note, user=request.user)
    return redirect("notifications:list")


@require_POST
def read_all(request):
    count = services.mark_all_read(user=request.user)
    messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked as read.")
    return redirect("notifications:list")


def preferences(request):
    permissions.require(permissions.can_read, request.user)
    form = PreferencesForm(request.POST or None, current=people.preferences_of(request.user))
    if request.method == "POST" and form.is_valid():
        services.preferences_save(user=request.user, choices=form.cleaned_data)
        messages.success(request, "Your choices were saved.")
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form, "has_email": bool(request.user.email)})


def reminder_settings(request):
    permissions.require(permissions.can_set_reminders, request.user)
    council = current_council()
    conf = selectors.reminder_settings(council)
    initial = {"lead_days": conf.lead_days, "escalate_after_days": conf.escalate_after_days}
    form = ReminderSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.reminder_settings_save(council=council, user=request.user, **form.cleaned_data)
        except services.NotificationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "The reminder settings were saved.")
            return redirect("notifications:settings")
    history = history_for(conf) if conf.pk else []
    return render(request, "notifications/settings.html", {"form": form, "history": history})
