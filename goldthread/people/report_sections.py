"""The people section of the quarterly pack: aggregates only, suppression applied.

``people_summary(council, period)`` returns plain data (no model objects) so the reports app
can lay it out in Word, PDF, Excel or HTML."""

from __future__ import annotations

from .models import AppraisalCycle, Survey
from .selectors import completion_overall, headline, protected_rates, staff_lines, stood_down


def _period_label(period) -> str | None:
    if period is None:
        return None
    return getattr(period, "label", None) or str(period)


def _cycle_for(council, period) -> AppraisalCycle | None:
    cycles = AppraisalCycle.objects.filter(council=council).order_by("-window_start")
    label = _period_label(period)
    if label:
        year = label.split(" ")[0]  # "2024-25 Q2" reports the 2024-25 cycle
        match = cycles.filter(period=year).first()
        if match is not None:
            return match
    return cycles.first()


def _appraisals(council, period) -> dict | None:
    cycle = _cycle_for(council, period)
    if cycle is None:
        return None
    lines = staff_lines(cycle)
    rate = completion_overall(cycle, lines)
    return {
        "cycle": cycle.name,
        "window_start": cycle.window_start,
        "window_end": cycle.window_end,
        "numerator": rate.numerator,
        "denominator": rate.denominator,
        "percent": rate.percent,
        "by_directorate": [  # the pack goes to members: small groups hidden as on their pages
            {
                "directorate": name,
                "suppressed": r is None,
                "numerator": r.numerator if r else None,
                "denominator": r.denominator if r else None,
                "percent": r.percent if r else None,
            }
            for name, r in protected_rates(cycle, "directorate", lines, protect=True)
        ],
        "synthetic": cycle.council.employees.filter(is_synthetic=True).exists(),
    }


def _surveys(council) -> list[dict]:
    out = []
    for survey in Survey.objects.filter(council=council):
        waves = [w for w in survey.waves.all() if w.results.exists()]
        latest = waves[-1] if waves else None
        out.append(
            {
                "survey": survey.name,
                "kind": survey.get_kind_display(),
                "wave": latest.label if latest else None,
                "respondents": latest.respondents if latest else None,
                "minimum_group_size": survey.minimum_group_size,
                "themes": headline(latest),
            }
        )
    return out


def people_summary(council, period) -> dict:
    """Appraisal completion, survey headline results (suppressed) and meetings stood down."""
    return {
        "period": _period_label(period),
        "appraisals": _appraisals(council, period),
        "surveys": _surveys(council),
        "meetings_stood_down": [
            {"forum": f.name, "change": f.get_state_display(), "on": f.state_changed_on} for f in stood_down(council)
        ],
    }
