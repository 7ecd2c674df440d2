"""Sign-off in bulk: the drafts and submitted items of a period (values, risk reviews, budget lines)
that a person may submit or decide on, and one decision applied to the rows they chose.

Each row carries the version the page showed and goes through the same service as the single
item's page, in its own transaction: a row that changed since is refused and reported, the others
go through."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from goldthread.core.versioning import Conflict, StaleVersion, Versioned
from goldthread.council import permissions
from goldthread.domain.numbers import money
from goldthread.domain.periods import Period

from .models import MeasureValue, Status

KINDS = ("value", "review", "budget")


@dataclass
class Row:
    kind: str
    obj: Versioned  # a MeasureValue, RiskReview or BudgetLine
    label: str
    figure: str
    status: str
    directorate: str
    url: str
    can_submit: bool
    can_decide: bool

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.obj.pk}:{self.obj.version}"


@dataclass
class Outcome:
    done: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def _value_rows(council, period: Period, user) -> list[Row]:
    values = MeasureValue.objects.filter(
        measure__council=council,
        period_start__gte=period.start,
        period_end__lte=period.end,
        status__in=[Status.DRAFT, Status.SUBMITTED],
    ).select_related("measure__directorate")
    rows = []
    for v in values.order_by("measure__reference", "period_start"):
        can_edit = permissions.can_edit_measure(user, v.measure)
        if not (can_edit or permissions.can_approve(user)):
            continue
        rows.append(
            Row(
                "value",
                v,
                f"{v.measure.reference} {v.measure.title}, {v.period}",
                v.measure.format_value(v.value),
                v.status,
                str(v.measure.directorate),
                v.measure.get_absolute_url(),
                can_submit=can_edit and v.status == Status.DRAFT,
                can_decide=permissions.can_approve(user) and v.status == Status.SUBMITTED,
            )  # fmt: skip
        )
    return rows


def _review_rows(council, period: Period, user) -> list[Row]:
    from goldthread.risk.models import RiskReview

    reviews = RiskReview.objects.filter(
        risk__register__council=council,
        date__gte=period.start,
        date__lte=period.end,
        status=RiskReview.Status.SUBMITTED,
    ).select_related("risk__register__directorate", "risk__register__service__directorate", "matrix")
    rows = []
    for r in reviews.order_by("risk__reference", "date"):
        if not (permissions.can_edit_risk(user, r.risk) or permissions.can_approve(user)):
            continue
        owner = r.risk.register.owning_directorate
        rows.append(
            Row(
                "review",
                r,
                f"{r.risk.reference} {r.risk.title}, review {r.period}",
                f"Likelihood {r.likelihood}, impact {r.impact} (score {r.score})",
                r.status,
                str(owner) if owner else "Corporate",
                r.risk.get_absolute_url(),
                can_submit=False,
                can_decide=permissions.can_approve(user),
            )  # fmt: skip
        )
    return rows


def _budget_rows(council, period: Period, user) -> list[Row]:
    from django.urls import reverse

    from goldthread.finance.models import BudgetLine, LineStatus

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


def rows_for(council, period: Period, user) -> list[Row]:
    """What ``user`` may submit or decide on in ``period``: editors their directorate's, the team all."""
    return [
        *_value_rows(council, period, user),
        *_review_rows(council, period, user),
        *_budget_rows(council, period, user),
    ]


def _load(kind: str, pk: int):
    if kind == "value":
        return MeasureValue.objects.select_related("measure__directorate").filter(pk=pk).first()
    if kind == "review":
        from goldthread.risk.models import RiskReview

        return RiskReview.objects.select_related("risk__register").filter(pk=pk).first()
    from goldthread.finance.models import BudgetLine

    return BudgetLine.objects.select_related("directorate").filter(pk=pk).first()


def _apply(kind: str, obj, action: str, user, version: int, reason: str) -> object:
    if kind == "value":
        from . import services

        return {
            "submit": lambda: services.value_submit(measure_value=obj, user=user, version=version),
            "approve": lambda: services.value_approve(measure_value=obj, user=user, version=version),
            "return": lambda: services.value_return(measure_value=obj, user=user, reason=reason, version=version),
        }[action]()
    if kind == "review":
        from goldthread.risk import services as risk

        if action == "submit":
            raise ValueError("a risk review is submitted when it is recorded")
        if action == "approve":
            return risk.review_approve(review=obj, user=user, version=version)
        return risk.review_return(review=obj, user=user, reason=reason, version=version)
    from goldthread.finance import services as finance

    return {
        "submit": lambda: finance.submit(obj=obj, user=user, version=version),
        "approve": lambda: finance.approve(obj=obj, user=user, version=version),
        "return": lambda: finance.return_for_changes(obj=obj, user=user, reason=reason, version=version),
    }[action]()


def parse_key(key: str) -> tuple[str, int, int] | None:
    """``kind:pk:version`` as the page sent it; None for anything else."""
    parts = key.split(":")
    if len(parts) != 3 or parts[0] not in KINDS or not parts[1].isdigit() or not parts[2].isdigit():
        return None
    return parts[0], int(parts[1]), int(parts[2])


def _who(exc: StaleVersion) -> str:
    people = ", ".join(dict.fromkeys(str(c.user) if c.user else "the system" for c in exc.changes)) or "someone"
    return f"changed by {people} since you opened the page; look at it again"


def apply_to_rows(*, keys: list[str], action: str, user, reason: str = "") -> Outcome:
    """Apply ``action`` (submit, approve or return) to each chosen row, each on the version shown."""
    from goldthread.finance.services import FinanceError
    from goldthread.risk.services import RiskError

    from .services import PerformanceError

    outcome = Outcome()
    for key in keys:
        parsed = parse_key(key)
        if parsed is None:
            continue
        kind, pk, version = parsed
        obj = _load(kind, pk)
        if obj is None:
            outcome.refused.append(f"An item you chose no longer exists ({kind} {pk}).")
            continue
        try:
            _apply(kind, obj, action, user, version, reason)
        except StaleVersion as exc:
            outcome.refused.append(f"{obj}: {_who(exc)}.")
        except Conflict as exc:
            outcome.refused.append(f"{obj}: {exc}")
        except PermissionDenied:
            outcome.refused.append(f"{obj}: you do not have permission to {action} it.")
        except (PerformanceError, RiskError, FinanceError, ValueError) as exc:
            text = str(exc)
            outcome.refused.append(f"{obj}: {text[:1].lower() + text[1:]}")
        else:
            outcome.done.append(str(obj))
    return outcome
