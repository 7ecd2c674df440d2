"""How a notification speaks of the thing it is about, and where to link: no figures, only what and where."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from goldthread.finance.models import BudgetLine, CapitalScheme, SavingsPlan
from goldthread.performance.models import MeasureValue
from goldthread.risk.models import RiskReview

FINANCE_KINDS = {BudgetLine: ("budget", "budget line"), SavingsPlan: ("savings", "savings plan"),
                 CapitalScheme: ("capital", "capital scheme")}  # fmt: skip


@dataclass(frozen=True)
class About:
    key: str
    what: str
    link: str


def describe(obj) -> About:
    if isinstance(obj, MeasureValue):
        m = obj.measure
        return About(f"value:{obj.pk}", f"the {obj.period} value of {m.reference} {m.title}", m.get_absolute_url())
    if isinstance(obj, RiskReview):
        risk = obj.risk
        return About(
            f"riskreview:{obj.pk}", f"the {obj.period} review of risk {risk.reference}", risk.get_absolute_url()
        )
    for model, (kind, words) in FINANCE_KINDS.items():
        if isinstance(obj, model):
            return About(f"{kind}:{obj.pk}", f"the {words} {obj}", reverse("finance:item", args=[kind, obj.pk]))
    raise TypeError(f"Goldthread does not notify about {type(obj).__name__}")
