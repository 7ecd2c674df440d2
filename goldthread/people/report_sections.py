"""The people section of the quarterly pack: aggregates only, suppression applied.

``people_summary(council, period)`` returns plain data (no model objects) so the reports app
can lay it out in Word, PDF, Excel or HTML."""

from __future__ import annotations

import datetime as dt

from goldthread.domain.periods import PeriodError, parse_period

from .models import Appraisal, AppraisalCycle, Survey
from .selectors import StaffLine, completion_overall, headline, protected_rates, staff_lines, stood_down


def _period_label(period) -> str | None:
    if period is None:
        return None
    return getattr(period, "label", None) or str(period)


def _period_end(period) -> dt.date | None:
    """The end of the period the pack reports: it says what was known then."""
    if period is None:
        return None
    if hasattr(period, "end"):
        return period.end
    try:
        return parse_period(str(period)).end
    except PeriodError:
        return None


def _cycle_for(council, period) -> AppraisalCycle | None:
    cycles = AppraisalCycle.objects.filter(council=council).order_by("-window_start")
    end = _period_end(period)
    if end is not None:
        cycles = cycles.filter(window_start__lte=end)
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
    lines = _lines_as_at(staff_lines(cycle), _period_end(period))
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


def _lines_as_at(lines: list[StaffLine], end: dt.date | None) -> list[StaffLine]:
    """Staff who had started by ``end``; an appraisal counts as complete once agreed and acknowledged by then."""
    if end is None:
        return lines
    out = []
    for line in lines:
        if line.employee.start_date > end:
            continue
        a = line.appraisal
        done_by_then = (
            a is not None
            and a.status == Appraisal.Status.COMPLETE
            and all(d is not None and d <= end for d in (a.manager_agreed_on, a.employee_acknowledged_on))
        )
        out.append(line if done_by_then or a is None else StaffLine(line.employee, None, line.exclusion))
    return out


def _wave_known_by(wave, end: dt.date | None) -> bool:
    day = wave.fieldwork_end or wave.fieldwork_start
    return end is None or day is None or day <= end


def _surveys(council, end: dt.date | None = None) -> list[dict]:
    out = []
    for survey in Survey.objects.filter(council=council):
        every = list(survey.waves.all())
        waves = [w for w in every if _wave_known_by(w, end) and w.results.exists()]
        if every and not any(_wave_known_by(w, end) for w in every):
            continue  # the survey's first wave came later
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
    """Appraisal completion, survey headline results (suppressed) and meetings stood down, as at the end of
    ``period``: staff who had started, appraisals completed, survey waves in the field and forums changed by then."""
    end = _period_end(period)
    return {
        "period": _period_label(period),
        "appraisals": _appraisals(council, period),
        "surveys": _surveys(council, _period_end(period)),
        "meetings_stood_down": [
            {"forum": f.name, "change": f.get_state_display(), "on": f.state_changed_on}
            for f in stood_down(council)
            if end is None or (f.state_changed_on and f.state_changed_on <= end)
        ],
    }
