"""Budget lines on the period sign-off page (in performance): listed, submitted, approved or returned
in bulk. Registered in FinanceConfig.ready(), so the page imports nothing from finance."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from goldthread.council import permissions
from goldthread.domain.numbers import money
from goldthread.domain.periods import Period
from goldthread.performance.signoff import Participant, Row

from . import services
from .models import BudgetLine, LineStatus
from .services import FinanceError


def budget_rows(council, period: Period, user) -> list[Row]:
    lines = BudgetLine.objects.filter(
        Q(status__in=[LineStatus.DRAFT, LineStatus.RETURNED, LineStatus.SUBMITTED]),
        council=council,
        period_start__gte=period.start,
        period_end__lte=period.end,
    ).select_related("directorate", "service")
    rows = []
    for line in lines.order_by("period_start", "directorate__name"):
        can_edit = permissions.can_edit_directorate(user, line.directorate)
        if not (can_edit or permissions.can_approve(user)):
            continue
        forecast = f", forecast {money(line.forecast_outturn)}" if line.forecast_outturn is not None else ""
        rows.append(
            Row(
                "budget",
                line,
                f"Budget line: {line.service or line.directorate}, {line.period}",
                f"Budget {money(line.budget)}{forecast}",
                line.status,
                str(line.directorate),
                reverse("finance:item", args=["budget", line.pk]),
                can_submit=can_edit and line.status in (LineStatus.DRAFT, LineStatus.RETURNED),
                can_decide=permissions.can_approve(user) and line.status == LineStatus.SUBMITTED,
            )  # fmt: skip
        )
    return rows


def load_line(pk: int) -> BudgetLine | None:
    return BudgetLine.objects.select_related("directorate").filter(pk=pk).first()


def apply_to_line(obj, action: str, user, version: int, reason: str) -> object:
    return {
        "submit": lambda: services.submit(obj=obj, user=user, version=version),
        "approve": lambda: services.approve(obj=obj, user=user, version=version),
        "return": lambda: services.return_for_changes(obj=obj, user=user, reason=reason, version=version),
    }[action]()


PARTICIPANT = Participant(
    kind="budget", order=30, rows=budget_rows, load=load_line, apply=apply_to_line, errors=(FinanceError,)
)
