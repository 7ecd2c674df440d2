"""Risk reviews on the period sign-off page (in performance): listed, approved or returned in bulk.
Registered in RiskConfig.ready(), so the page imports nothing from risk."""

from __future__ import annotations

from goldthread.council import permissions
from goldthread.domain.periods import Period
from goldthread.performance.signoff import Participant, Row

from . import services
from .models import RiskReview
from .services import RiskError


def review_rows(council, period: Period, user) -> list[Row]:
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


def load_review(pk: int) -> RiskReview | None:
    return RiskReview.objects.select_related("risk__register").filter(pk=pk).first()


def apply_to_review(obj, action: str, user, version: int, reason: str) -> object:
    if action == "submit":
        raise ValueError("a risk review is submitted when it is recorded")
    if action == "approve":
        return services.review_approve(review=obj, user=user, version=version)
    return services.review_return(review=obj, user=user, reason=reason, version=version)


PARTICIPANT = Participant(
    kind="review", order=20, rows=review_rows, load=load_review, apply=apply_to_review, errors=(RiskError,)
)
