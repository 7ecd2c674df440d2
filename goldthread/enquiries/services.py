"""Every change to member enquiries and complaints figures, each writing history with ``record_change``.
Each function checks permission itself (council/permissions.py), so the pages and the API share it."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from goldthread.benchmarking import services as benchmarking
from goldthread.benchmarking.metric_import import AreaMatcher
from goldthread.benchmarking.models import MeasureBenchmark, PublishedMetric
from goldthread.benchmarking.selectors import BUILTIN_GROUPS, council_area
from goldthread.core.audit import record_change, snapshot
from goldthread.core.models import Change
from goldthread.core.versioning import claim, creating, expect, save_versioned
from goldthread.council import permissions
from goldthread.council.actors import Actor
from goldthread.council.models import Council, Directorate, Role, User
from goldthread.domain.complaints import percent_upheld, upheld_share
from goldthread.domain.periods import Granularity, Period, PeriodError, YearType, parse_period
from goldthread.domain.working_days import add_working_days
from goldthread.performance import services as performance
from goldthread.performance.models import Frequency, Measure, MeasureValue, Unit

from . import measures
from .holidays import bank_holidays
from .models import ComplaintCount, Enquiry, EnquirySettings, OmbudsmanDecisions, OmbudsmanImport
from .ombudsman import SOURCE as OMBUDSMAN_SOURCE
from .ombudsman import check_ombudsman_file, import_ombudsman_rows
from .selectors import timeliness

ENQUIRY_FIELDS = [
    "reference",
    "member",
    "ward",
    "subject",
    "text",
    "raised_on",
    "due_on",
    "directorate",
    "officer",
    "status",
    "response",
    "responded_on",
    "responded_by",
]
TIMELINESS_REFERENCE = "MEMBER-ENQ-ON-TIME"
SYSTEM_USERNAME = "goldthread-computed"


class EnquiryError(ValueError):
    """A change that cannot be made, with the reason in words."""


def enquiry_settings(council: Council) -> EnquirySettings:
    found, _ = EnquirySettings.objects.get_or_create(council=council)
    return found


def due_date(council: Council, raised_on: date) -> date:
    return add_working_days(raised_on, enquiry_settings(council).response_working_days, bank_holidays())


def _next_reference() -> str:
    last = Enquiry.objects.order_by("-id").values_list("reference", flat=True).first()
    number = int(last.split("-")[1]) + 1 if last else 1
    return f"ME-{number:05d}"


def _required(**texts: str) -> None:
    for name, text in texts.items():
        if not (text or "").strip():
            raise EnquiryError(f"Enter the {name.replace('_', ' ')}")
        if "\x00" in text:  # no database text may hold it: say so rather than fail
            raise EnquiryError(f"The {name.replace('_', ' ')} holds a NUL character: remove it")
        limit = _LIMITS.get(name)
        if limit is not None and len(text.strip()) > limit:
            raise EnquiryError(f"The {name.replace('_', ' ')} is {len(text.strip())} characters: {limit} at most")


_LIMITS = {"ward": 100, "subject": 200}  # the columns' lengths (models.Enquiry)


def enquiry_raise(
    *, council: Council, member: User, ward: str, subject: str, text: str, raised_on: date | None = None
) -> Enquiry:
    """A member raises an enquiry; it is due a number of working days later (the council's setting)."""
    permissions.require(permissions.can_raise_enquiry, member)
    _required(ward=ward, subject=subject, text=text)
    raised_on = raised_on or timezone.localdate()
    with transaction.atomic(), creating("that enquiry reference was taken just now: try again"):
        enquiry = Enquiry.objects.create(
            council=council,
            reference=_next_reference(),
            member=member,
            ward=ward.strip(),
            subject=subject.strip(),
            text=text.strip(),
            raised_on=raised_on,
            due_on=due_date(council, raised_on),
        )
        record_change(obj=enquiry, user=member, action=Change.Action.CREATE, after=snapshot(enquiry, ENQUIRY_FIELDS))
    return enquiry


def _save(enquiry: Enquiry, *, user: Actor, version: int | None, changes: dict[str, Any], reason: str = "") -> Enquiry:
    save_versioned(
        enquiry,
        user=user,
        version=version,
        fields=ENQUIRY_FIELDS,
        changes=changes,
        reason=reason,
        require_version=True,
    )
    return enquiry


def enquiry_route(
    *, enquiry: Enquiry, user: Actor, directorate: Directorate | None, officer: User | None = None, version: int | None
) -> Enquiry:
    """Triage: send the enquiry to a directorate and (optionally) an officer in it."""
    permissions.require(permissions.can_route_enquiry, user)
    expect(enquiry, version)
    if directorate is None or directorate.council_id != enquiry.council_id:
        raise EnquiryError("Choose a directorate of this council")
    if officer is not None and officer.role not in {Role.OFFICER, Role.EDITOR}:
        raise EnquiryError(f"{officer.get_full_name() or officer} is not an officer or editor: choose an officer")
    if enquiry.status == Enquiry.Status.CLOSED:
        raise EnquiryError(f"{enquiry.reference} is closed: it cannot be routed")
    return _save(enquiry, user=user, version=version, changes={"directorate": directorate, "officer": officer})


def enquiry_respond(
    *, enquiry: Enquiry, user: Actor, response: str, responded_on: date | None = None, version: int | None
) -> Enquiry:
    """The officer answers. The quarter's timeliness figure is recomputed at once."""
    permissions.require(permissions.can_respond_to_enquiry, user, enquiry)
    expect(enquiry, version)
    _required(response=response)
    if enquiry.status == Enquiry.Status.CLOSED:
        raise EnquiryError(f"{enquiry.reference} is closed: it cannot be answered")
    responded_on = responded_on or timezone.localdate()
    if responded_on < enquiry.raised_on:
        raise EnquiryError(f"The response date cannot be before the enquiry was raised ({enquiry.raised_on:%d %B %Y})")
    if responded_on > timezone.localdate():
        raise EnquiryError("The response date cannot be in the future")
    with transaction.atomic():
        _save(
            enquiry,
            user=user,
            version=version,
            changes={
                "response": response.strip(),
                "responded_on": responded_on,
                "responded_by": user,
                "status": Enquiry.Status.RESPONDED,
            },
        )
        record_timeliness(enquiry.council, quarter_of(enquiry.due_on))
    return enquiry


def enquiry_close(*, enquiry: Enquiry, user: Actor, version: int | None) -> Enquiry:
    """The member (or the performance team) closes an answered enquiry."""
    permissions.require(permissions.can_close_enquiry, user, enquiry)
    expect(enquiry, version)
    if enquiry.status != Enquiry.Status.RESPONDED:
        raise EnquiryError(f"{enquiry.reference} has not been answered yet: it can be closed once it is")
    return _save(enquiry, user=user, version=version, changes={"status": Enquiry.Status.CLOSED})


# --- timeliness: a measure on the scorecard ----------------------------------------------------------


def quarter_of(day: date) -> Period:
    return Period.containing(day, Granularity.QUARTER, YearType.FINANCIAL)


def system_user() -> User:
    """The account computed figures are written as (it cannot sign in): history says they were computed."""
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"role": Role.PERFORMANCE, "first_name": "Goldthread", "last_name": "(computed)", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def timeliness_measure(council: Council) -> Measure:
    """The council's measure "Member enquiries answered on time", made the first time it is needed."""
    existing = Measure.objects.filter(council=council, reference=TIMELINESS_REFERENCE).first()
    if existing is not None:
        return existing
    chosen = _measure_owner(council, enquiry_settings(council).measure_directorate)
    if chosen is None:
        raise EnquiryError(f"{council} has no directorate to own the member enquiries measure")
    return performance.measure_create(
        council=council,
        user=system_user(),
        reference=TIMELINESS_REFERENCE,
        title="Member enquiries answered on time",
        definition=(
            "Of the member enquiries due in the quarter that have been answered or are past their due date,"
            " the percentage answered by the due date (working days, excluding England and Wales bank holidays)."
        ),
        unit=Unit.PERCENT,
        polarity="higher",
        frequency=Frequency.QUARTERLY,
        year_type=YearType.FINANCIAL,
        directorate=chosen,
        data_source="Goldthread member enquiries (computed)",
        numerator_label="Answered by the due date",
        denominator_label="Due in the quarter, answered or past the due date",
        decimal_places=1,
    )


def record_timeliness(council: Council, period: Period, *, today: date | None = None) -> MeasureValue | None:
    """Write the quarter's value (a draft) computed from the enquiries due in it; None when none count yet."""
    figures = timeliness(council, period, today=today)
    if figures.counted == 0 or figures.percent is None:
        return None
    return performance.value_record(
        measure=timeliness_measure(council),
        period=period,
        value=Decimal(figures.percent).quantize(Decimal("0.1")),
        numerator=figures.on_time,
        denominator=figures.counted,
        source="Computed from member enquiries",
        user=system_user(),
        reason="Recomputed from member enquiries",
    )


# --- complaints and the Ombudsman ------------------------------------------------------------------


def complaint_count_save(
    *, council: Council, user: Actor, period: str, stage: int, outcome: str, count: int, version: int | None = None
) -> ComplaintCount:
    permissions.require(permissions.can_edit_complaints, user)
    if count < 0:
        raise EnquiryError("The number of complaints cannot be negative")
    fields = ["period", "stage", "outcome", "count"]
    existing = ComplaintCount.objects.filter(council=council, period=period, stage=stage, outcome=outcome).first()
    with transaction.atomic():
        if existing is None:
            with creating(f"{period} stage {stage} {outcome} was entered just now by someone else"):
                obj = ComplaintCount.objects.create(
                    council=council, period=period, stage=stage, outcome=outcome, count=count
                )
            record_change(obj=obj, user=user, action=Change.Action.CREATE, after=snapshot(obj, fields))
        else:
            before = snapshot(existing, fields)
            claim(existing, version)
            existing.count = count
            existing.save()
            record_change(
                obj=existing, user=user, action=Change.Action.UPDATE, before=before, after=snapshot(existing, fields)
            )
            obj = existing
        record_complaints(council, period)
    return obj


def ombudsman_decisions_save(
    *, council: Council, user: Actor, span: str, referrals: int, upheld: int, source: str = "", is_example: bool = False
) -> OmbudsmanDecisions:
    permissions.require(permissions.can_edit_complaints, user)
    if upheld > referrals:
        raise EnquiryError(f"Upheld ({upheld}) cannot be more than the referrals decided ({referrals})")
    fields = ["span", "referrals", "upheld", "source", "is_example"]
    with transaction.atomic():
        obj, created = OmbudsmanDecisions.objects.get_or_create(
            council=council,
            span=span,
            defaults={"referrals": referrals, "upheld": upheld, "source": source, "is_example": is_example},
        )
        if created:
            record_change(obj=obj, user=user, action=Change.Action.CREATE, after=snapshot(obj, fields))
        elif snapshot(obj, fields) != {
            "span": span,
            "referrals": referrals,
            "upheld": upheld,
            "source": source,
            "is_example": is_example,
        }:
            before = snapshot(obj, fields)
            obj.referrals, obj.upheld, obj.source, obj.is_example = referrals, upheld, source, is_example
            obj.save()
            record_change(obj=obj, user=user, action=Change.Action.UPDATE, before=before, after=snapshot(obj, fields))
        record_ombudsman(council, obj)
    return obj


# --- complaints and Ombudsman figures as measures on the scorecard ------------------------------------


def computed_measure(council: Council, spec: measures.ComputedMeasure) -> Measure:
    """The council's measure ``spec``, made (as the computing account) the first time it is needed."""
    existing = Measure.objects.filter(council=council, reference=spec.reference).first()
    if existing is not None:
        return existing
    chosen = _measure_owner(council, enquiry_settings(council).measure_directorate)
    if chosen is None:
        raise EnquiryError(f"{council} has no directorate to own the measure {spec.reference}")
    return performance.measure_create(council=council, user=system_user(), directorate=chosen, **spec.fields())


def _record(
    council: Council,
    spec: measures.ComputedMeasure,
    period: Period,
    value: Decimal,
    *,
    source: str,
    numerator: int | None = None,
    denominator: int | None = None,
) -> MeasureValue:
    return performance.value_record(
        measure=computed_measure(council, spec),
        period=period,
        value=value,
        numerator=numerator,
        denominator=denominator,
        source=source,
        user=system_user(),
        reason=source.replace("Computed", "Recomputed", 1),
    )


def record_complaints(council: Council, period_label: str) -> list[MeasureValue]:
    """Write the quarter's complaints measures (drafts) from its figures: per stage, how many were
    closed and the share upheld in full or in part."""
    period = parse_period(period_label, YearType.FINANCIAL, Granularity.QUARTER)
    written = []
    for stage, (closed_spec, upheld_spec) in measures.COMPLAINTS.items():
        counts = dict(
            ComplaintCount.objects.filter(council=council, period=period_label, stage=stage).values_list(
                "outcome", "count"
            )
        )
        if not counts:
            continue
        share = upheld_share(counts)  # partly upheld counts as upheld
        source = "Computed from the complaints figures"
        written.append(_record(council, closed_spec, period, Decimal(share.decided), source=source))
        if share.percent is not None:
            written.append(
                _record(
                    council,
                    upheld_spec,
                    period,
                    share.percent,
                    source=source,
                    numerator=share.upheld,
                    denominator=share.decided,
                )  # fmt: skip
            )
    return written


def ombudsman_year(span: str) -> Period | None:
    """The financial year a span of Ombudsman figures is for, or None when it is not one year (the
    seed's five-year total, say: that one is on the scorecard as GOV-01 and GOV-02)."""
    try:
        period = parse_period(span, YearType.FINANCIAL, Granularity.YEAR)
    except PeriodError:
        return None
    return period if period.granularity is Granularity.YEAR else None


def record_ombudsman(council: Council, decisions: OmbudsmanDecisions) -> list[MeasureValue]:
    """Write a year's Ombudsman decisions as measures (drafts): decided, upheld and the upheld rate."""
    year = ombudsman_year(decisions.span)
    if year is None:
        return []
    source = "Computed from the Ombudsman decisions"
    written = [
        _record(council, measures.OMBUDSMAN_DECIDED, year, Decimal(decisions.referrals), source=source),
        _record(council, measures.OMBUDSMAN_UPHELD, year, Decimal(decisions.upheld), source=source),
    ]
    rate = percent_upheld(decisions.upheld, decisions.referrals)
    if rate is not None:  # no referrals decided: no rate, not 0%
        written.append(
            _record(
                council,
                measures.OMBUDSMAN_UPHELD_RATE,
                year,
                rate,
                source=source,
                numerator=decisions.upheld,
                denominator=decisions.referrals,
            )  # fmt: skip
        )
    return written


def link_ombudsman_benchmarks(council: Council, user: User) -> list[MeasureBenchmark]:
    """Benchmark the council's Ombudsman measures against the published metrics they match, as any
    measure with a published metric is (a link somebody already set is left as it is)."""
    area = council_area(council)
    # Compared with councils of its own kind, and with every English council (the Ombudsman's remit).
    group = area.la_type if area is not None and area.la_type in BUILTIN_GROUPS else "ENG"
    linked = []
    for reference, code in measures.BENCHMARKS.items():
        measure = Measure.objects.filter(council=council, reference=reference).first()
        metric = PublishedMetric.objects.filter(code=code).first()
        if measure is None or metric is None or MeasureBenchmark.objects.filter(measure=measure).exists():
            continue
        linked.append(
            benchmarking.measure_link_set(
                measure=measure, metric=metric, group_code=group, second_group_code="ENG", user=user
            )
        )
    return linked


def ombudsman_import(*, council: Council, user: User, content: bytes, filename: str) -> OmbudsmanImport:
    """Upload the Ombudsman's annual statistics per council (tidy layout): every row is checked and
    nothing is written unless all are good. Every council's figures become the published metrics
    LGSCO_DECIDED and LGSCO_UPHELD_RATE (benchmarking); this council's own years become its Ombudsman
    decisions and so its measures, linked to those metrics."""
    permissions.require(permissions.can_edit_complaints, user)
    rows = check_ombudsman_file(content, filename)
    area, matcher = council_area(council), AreaMatcher()
    # The council's own rows, whether the file names it by GSS code or by name.
    own = [r for r in rows if area is not None and matcher.match(r.area_code, r.area_name) == area.pk]
    with transaction.atomic():
        import_ombudsman_rows(rows, user=user)
        years = []
        for r in own:
            year = ombudsman_year(r.period)
            span = year.label if year else r.period
            ombudsman_decisions_save(
                council=council, user=user, span=span, referrals=r.decided, upheld=r.upheld,
                source=f"{OMBUDSMAN_SOURCE} ({filename})"[:300],
            )  # fmt: skip
            years.append(span)
        link_ombudsman_benchmarks(council, user)
        record = OmbudsmanImport.objects.create(
            council=council,
            filename=filename[:300],
            sha256=hashlib.sha256(content).hexdigest(),
            rows=len(rows),
            areas=len({r.area_code or r.area_name for r in rows}),
            periods=", ".join(sorted({r.period for r in rows}))[:300],
            own_years=", ".join(sorted(years))[:300],
            imported_by=user,
        )
        record_change(
            obj=record,
            user=user,
            action=Change.Action.IMPORT,
            after=snapshot(record, ["filename", "sha256", "rows", "areas", "periods", "own_years"]),
            reason=f"Ombudsman statistics uploaded from {filename}",
        )
    return record


# --- the council's settings for member enquiries ------------------------------------------------------

SETTINGS_FIELDS = ["response_working_days", "measure_directorate"]
MOST_WORKING_DAYS = 60  # about three months: a longer wait is not an answer to a councillor


def enquiry_settings_save(
    *,
    council: Council,
    user: User,
    response_working_days: int,
    measure_directorate: Directorate | None,
    version: int | None,
    reason: str = "",
) -> EnquirySettings:
    """Change how many working days an enquiry has (from the next one raised: an enquiry keeps the due
    date it was given) and which directorate owns the computed measures: those the council has already
    move to it in the same transaction, each with its own history."""
    permissions.require(permissions.can_edit_enquiry_settings, user)
    found = enquiry_settings(council)
    expect(found, version)
    owner_before = _measure_owner(council, found.measure_directorate)
    if not 1 <= response_working_days <= MOST_WORKING_DAYS:
        raise EnquiryError(f"Give between 1 and {MOST_WORKING_DAYS} working days")
    if measure_directorate is not None and measure_directorate.council_id != council.pk:
        raise EnquiryError("Choose a directorate of this council")
    with transaction.atomic():
        before = snapshot(found, SETTINGS_FIELDS)
        claim(found, version)
        found.response_working_days = response_working_days
        found.measure_directorate = measure_directorate
        found.save()
        record_change(
            obj=found,
            user=user,
            action=Change.Action.UPDATE,
            before=before,
            after=snapshot(found, SETTINGS_FIELDS),
            reason=reason.strip(),
        )
        owner = _measure_owner(council, measure_directorate)
        if owner is not None and owner != owner_before:
            _move_computed_measures(council, owner, user=user, reason=reason.strip())
    return found


def computed_references() -> list[str]:
    """The measures Goldthread computes for the council from enquiries, complaints and Ombudsman figures."""
    complaints = [spec.reference for pair in measures.COMPLAINTS.values() for spec in pair]
    ombudsman = [measures.OMBUDSMAN_DECIDED, measures.OMBUDSMAN_UPHELD, measures.OMBUDSMAN_UPHELD_RATE]
    return [TIMELINESS_REFERENCE, *complaints, *(spec.reference for spec in ombudsman)]


def _measure_owner(council: Council, chosen: Directorate | None) -> Directorate | None:
    """Who owns the computed measures: the directorate chosen, or the first by name (as when they are made)."""
    return chosen or council.directorates.order_by("name").first()


def _move_computed_measures(council: Council, owner: Directorate, *, user: User, reason: str) -> list[Measure]:
    """Give the council's existing computed measures to ``owner`` (call inside the settings' transaction)."""
    why = f"The member enquiry settings give the computed measures to {owner.name}" + (f": {reason}" if reason else "")
    moving = Measure.objects.filter(council=council, reference__in=computed_references()).exclude(directorate=owner)
    return [
        performance.measure_update(measure=measure, user=user, directorate=owner, reason=why)
        for measure in moving.order_by("reference")
    ]
