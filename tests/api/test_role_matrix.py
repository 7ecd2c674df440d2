"""The role × endpoint matrix of the JSON API: nothing leaks, nothing is written by those who may not.

The matrix is built from the OpenAPI schema itself, so a new endpoint is covered at once (and fails
until its expectations are written down here):

* every operation refuses a request without a token (401), unless it is listed in ``PUBLIC``;
* every GET, as each role, answers exactly the status ``EXPECTED_GET`` gives it (never a server error),
  and the answer holds nothing the role may not see: figures not yet approved (members, HR and
  officers, as ``permissions.can_see_unapproved`` says), staff records and appraisals (everyone but HR
  and the performance team, as ``permissions.can_manage_people`` says), small groups' rates;
* every write, as each role that may not make it, is refused (``WRITE_CASES``) and changes nothing in
  the database, while the performance team's same request succeeds and does change it, so the refusal
  is about permission and not a malformed request.

The example council holds approved figures only, so ``canaries`` adds some that are not (a draft and a
submitted value, a correction made after its period was reported, draft and submitted budget lines,
savings and capital, submitted and returned risk reviews) and a staff record with an appraisal. Each
carries a text or number that must never appear in an answer to a role that may not see it, and
``test_canaries_reach_those_who_may_see_them`` shows each does reach the roles that may.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection

from goldthread.api import api
from goldthread.core.models import ApiToken, Change
from goldthread.core.tokens import create_token
from goldthread.council import permissions
from goldthread.council.models import Directorate, Priority, Role, User
from goldthread.council.selectors import current_council

ROLES = list(Role.values)
# Mirrors of goldthread.council.permissions (checked by test_expectations_follow_permissions).
SEES_UNAPPROVED = {Role.PERFORMANCE, Role.EDITOR, Role.AUDITOR}  # can_see_unapproved
PEOPLE_MANAGERS = {Role.PERFORMANCE, Role.HR}  # can_manage_people: every staff record and appraisal

# --- the operations, from the schema ------------------------------------------------------------------

SCHEMA = api.get_openapi_schema()
WRITE_METHODS = ("post", "put", "patch", "delete")
OPERATIONS = {
    f"{method.upper()} {path}": (method, path, spec)
    for path, item in SCHEMA["paths"].items()
    for method, spec in item.items()
    if method == "get" or method in WRITE_METHODS
}
GETS = [op for op in OPERATIONS if op.startswith("GET ")]
WRITES = [op for op in OPERATIONS if not op.startswith("GET ")]

# Operations documented as needing no token. None so far: add one here only on purpose.
PUBLIC: set[str] = set()

# --- what each role gets from each GET ------------------------------------------------------------------

EVERYONE = {role: 200 for role in ROLES}  # every role reads (permissions.can_read)
PEOPLE_RECORDS = {role: 200 if role in PEOPLE_MANAGERS else 403 for role in ROLES}  # no staff record of their own

EXPECTED_GET: dict[str, dict[str, int]] = {
    # council
    "GET /api/priorities": EVERYONE,
    "GET /api/priorities/{code}": EVERYONE,
    # performance (members, HR and officers see approved figures only: checked on the content)
    "GET /api/measures": EVERYONE,
    "GET /api/measures/{reference}": EVERYONE,
    "GET /api/measures/{reference}/values": EVERYONE,
    "GET /api/measures/{reference}/targets": EVERYONE,
    "GET /api/scorecard": EVERYONE,
    "GET /api/reported-periods": EVERYONE,
    "GET /api/reported-periods/{period}": EVERYONE,
    # benchmarking (published data)
    "GET /api/areas": EVERYONE,
    "GET /api/areas/{gss_code}": EVERYONE,
    "GET /api/groups": EVERYONE,
    "GET /api/groups/{code}": EVERYONE,
    "GET /api/metrics": EVERYONE,
    "GET /api/metrics/{code}": EVERYONE,
    "GET /api/benchmarks/{metric_code}": EVERYONE,
    # improvement
    "GET /api/reviews": EVERYONE,
    "GET /api/reviews/{ref}": EVERYONE,
    "GET /api/reviews/{ref}/deadlines": EVERYONE,
    "GET /api/deadlines": EVERYONE,
    "GET /api/recommendations": EVERYONE,
    "GET /api/recommendations/{ref}": EVERYONE,
    "GET /api/actions": EVERYONE,
    "GET /api/actions/{ref}": EVERYONE,
    # governance
    "GET /api/policies": EVERYONE,
    "GET /api/best-value": EVERYONE,
    # risk
    "GET /api/risk/registers": EVERYONE,
    "GET /api/risks": EVERYONE,
    "GET /api/risks/{reference}": EVERYONE,
    "GET /api/risks/{reference}/scores": EVERYONE,
    "GET /api/risks/{reference}/controls": EVERYONE,
    "GET /api/risk/assurance-map": EVERYONE,
    "GET /api/risk/summary": EVERYONE,
    # finance (approved figures only for members, HR and officers: checked on the content)
    "GET /api/finance/budget-lines": EVERYONE,
    "GET /api/finance/savings": EVERYONE,
    "GET /api/finance/capital": EVERYONE,
    "GET /api/finance/mtfp": EVERYONE,
    "GET /api/finance/mtfp/{code}": EVERYONE,
    "GET /api/finance/reserves": EVERYONE,
    "GET /api/finance/summary": EVERYONE,
    # people: aggregates (suppressed) for everyone, individual records for HR and the performance team
    "GET /api/people/appraisal-cycles": EVERYONE,
    "GET /api/people/appraisal-cycles/{slug}/completion": EVERYONE,
    "GET /api/people/staff": PEOPLE_RECORDS,
    "GET /api/people/staff/{number}": PEOPLE_RECORDS,
    "GET /api/people/appraisals": PEOPLE_RECORDS,
    "GET /api/people/appraisals/{appraisal_id}": PEOPLE_RECORDS,
    "GET /api/people/surveys": EVERYONE,
    "GET /api/people/surveys/{slug}/waves/{wave_id}/results": EVERYONE,
    "GET /api/people/forums": EVERYONE,
    "GET /api/people/forums/review": EVERYONE,
    "GET /api/people/summary": EVERYONE,
    # reports (committee files: approved figures only, whoever asks)
    "GET /api/reports/{kind}": EVERYONE,
    # background jobs: one's own, or every job for the performance team (permissions.can_see_job);
    # the planted job failed, so it has no file to download
    "GET /api/jobs": EVERYONE,
    "GET /api/search": EVERYONE,
    "GET /api/jobs/{job_id}": {role: 200 if role == Role.PERFORMANCE else 404 for role in ROLES},
    "GET /api/jobs/{job_id}/result": {role: 409 if role == Role.PERFORMANCE else 404 for role in ROLES},
    # the reporting timetable (permissions.can_read_timetable: every role)
    "GET /api/timetable": EVERYONE,
    # member enquiries: every role may ask, each gets only what permissions.can_see_enquiry allows
    "GET /api/member-enquiries": EVERYONE,
    # one enquiry: it does not exist for those who may not see it (permissions.can_see_enquiry)
    "GET /api/member-enquiries/{ref}": {
        role: 200 if role in {Role.PERFORMANCE, Role.AUDITOR} else 404 for role in ROLES
    },
    "GET /api/complaints": EVERYONE,
    # scrutiny: every role may ask; a member gets only the committees they sit on (permissions.can_see_committee)
    "GET /api/committees": EVERYONE,
    "GET /api/scrutiny/recommendations": EVERYONE,
}

# Query parameters to send: every required one, and a few chosen so the answer covers the canaries.
QUERIES: dict[str, dict[str, str]] = {
    "GET /api/benchmarks/{metric_code}": {"period": "2022-23", "group": "MD"},
    "GET /api/finance/summary": {"period": "2024-25"},
    "GET /api/reports/{kind}": {"period": "2024-25"},
    "GET /api/scorecard": {"period": "2024-25"},  # the year of the draft ENV-01 figure
    "GET /api/search": {"q": "waste"},  # finds measures, risks and staff names: the people must not leak
    "GET /api/timetable": {"year": "2023-24"},  # the example council's (example) timetable
}

# --- the canaries: what some roles must never see -------------------------------------------------------

DRAFT_VALUE, SUBMITTED_VALUE, REVISED_VALUE = "41.5937", "58.3719", "77.7331"
UNAPPROVED = [
    "CANARY draft value",
    "CANARY submitted value",
    DRAFT_VALUE,
    SUBMITTED_VALUE,
    REVISED_VALUE,  # a correction to a reported figure, not yet approved
    "CANARY draft budget line",
    "CANARY submitted budget line",
    "CANARY draft saving",
    "CANARY submitted capital scheme",
    "CANARY submitted risk review",
    "CANARY returned risk review",
]
PERSONAL = ["CANARY Personal-Record", "CANARY-0001", "CANARY development needs"]


@pytest.fixture(scope="module")
def canaries(example_council, django_db_blocker):
    """Unapproved figures and a staff record, planted once in the module's example council."""
    with django_db_blocker.unblock():
        planted = _plant()
        # Check the deferred foreign keys of everything loaded so far, once. Otherwise PostgreSQL checks
        # them all again as each test ends (Django's TestCase does), since each test's savepoint is
        # rolled back: 50 ms a test.
        connection.check_constraints()
        return planted


def _plant() -> dict:
    from goldthread.benchmarking.example import RECYCLING
    from goldthread.benchmarking.metric_import import import_metric_file
    from goldthread.domain.periods import parse_period
    from goldthread.finance import services as finance
    from goldthread.finance.models import CapitalScheme, LineStatus, MtfpPlan, SavingsPlan
    from goldthread.improvement.models import Action, Recommendation, Review
    from goldthread.jobs.kinds import pack_request
    from goldthread.jobs.services import job_fail, job_request
    from goldthread.people.models import Appraisal, AppraisalCycle, Employee, SurveyWave
    from goldthread.performance import locks
    from goldthread.performance import services as performance
    from goldthread.performance.models import Measure
    from goldthread.reports.models import ReportType
    from goldthread.risk.models import Risk, RiskReview

    council = current_council()
    boss = User.objects.create_user(username="matrix-boss", role=Role.PERFORMANCE)
    place = Directorate.objects.get(council=council, code="place")
    childrens = Directorate.objects.get(council=council, code="childrens")

    # Performance: a draft and a submitted ENV-01 value; 2023-24 reported, then ORG-01 corrected (a draft).
    env = Measure.objects.get(council=council, reference="ENV-01")
    performance.value_record(measure=env, period="2024-25", value=DRAFT_VALUE, commentary=UNAPPROVED[0], user=boss)
    submitted = performance.value_record(
        measure=env, period="2025-26", value=SUBMITTED_VALUE, commentary=UNAPPROVED[1], user=boss
    )
    performance.value_submit(measure_value=submitted, user=boss)
    locks.lock_period(council=council, period=parse_period("2023-24"), reported_to="Cabinet (role matrix)", user=boss)
    org = Measure.objects.get(council=council, reference="ORG-01")
    performance.value_record(
        measure=org, period="2023-24", value=REVISED_VALUE, user=boss, reason="Corrected after it was reported"
    )

    # Finance: a draft line for Place, a submitted one for Children's, a draft saving, a submitted scheme.
    def line(directorate, commentary):
        return finance.budget_line_save(
            council=council, user=boss, directorate=directorate, period_text="2024-05",
            budget=Decimal("1234.00"), forecast_outturn=Decimal("1300.00"), commentary=commentary,
        )  # fmt: skip

    draft_line = line(place, "CANARY draft budget line")
    submitted_line = finance.submit(obj=line(childrens, "CANARY submitted budget line"), user=boss)
    SavingsPlan.objects.create(
        council=council, directorate=place, financial_year="2024-25", description="CANARY draft saving",
        planned=Decimal("1000.00"),
    )  # fmt: skip
    CapitalScheme.objects.create(
        council=council, directorate=place, name="CANARY submitted capital scheme", first_year="2024-25",
        last_year="2024-25", budget=Decimal("5000.00"), status=LineStatus.SUBMITTED,
    )  # fmt: skip

    # Risk: a submitted review of CR-001 and a returned (draft) one of CR-003, neither approved.
    for reference, status, note in [
        ("CR-001", RiskReview.Status.SUBMITTED, "CANARY submitted risk review"),
        ("CR-003", RiskReview.Status.DRAFT, "CANARY returned risk review"),
    ]:
        risk = Risk.objects.get(reference=reference)
        RiskReview.objects.create(
            risk=risk, date=date(2024, 3, 28), period="2023-24 Q4", matrix=risk.matrix,
            likelihood=1, impact=1, note=note, status=status,
        )  # fmt: skip

    # People: a staff record with an appraisal.
    cycle = AppraisalCycle.objects.filter(council=council).first()
    person = Employee.objects.create(
        council=council, employee_number=PERSONAL[1], name=PERSONAL[0], job_title="Matrix tester",
        directorate=place, start_date=date(2020, 1, 6),
    )  # fmt: skip
    appraisal = Appraisal.objects.create(
        cycle=cycle, employee=person, development_needs=PERSONAL[2], status=Appraisal.Status.OBJECTIVES_SET
    )

    # Jobs: a committee pack the performance team asked for, which failed (so it can be retried).
    pack = pack_request(
        report_type=ReportType.QUARTERLY, period="2023-24 Q2", audience="cabinet", fmt="pdf", as_of=date(2024, 1, 1)
    )
    job = job_fail(job=job_request(user=boss, request=pack), message="The matrix's job failed.")

    # Benchmarking: one published metric (the example is loaded without them).
    data = settings.GOLDTHREAD_SHARED_DATA / "recycling" / "recycling.csv"
    import_metric_file(data.read_bytes(), data.name, "tidy", RECYCLING)

    # Member enquiries: an open one nobody is routed, and one answered (so it can be closed).
    from goldthread.enquiries import services as enquiries

    councillor = User.objects.create_user(username="matrix-councillor", role=Role.MEMBER)
    open_enquiry = enquiries.enquiry_raise(
        council=council, member=councillor, ward="Ford", subject=ENQUIRIES[0], text="x"
    )
    answered = enquiries.enquiry_raise(council=council, member=councillor, ward="Ford", subject=ENQUIRIES[1], text="x")
    enquiries.enquiry_respond(enquiry=answered, user=boss, response="Answered", version=answered.version)

    wave = SurveyWave.objects.filter(survey__council=council).select_related("survey").first()
    action_with_updates = Action.objects.filter(updates__isnull=False).first()
    place_action = Action.objects.filter(directorate=place, lead=None).first()
    return {
        "ids": {  # a real identifier for each path parameter, by the path segment before it
            ("priorities", "code"): Priority.objects.filter(council=council).first().code,
            ("measures", "reference"): env.reference,
            ("reported-periods", "period"): "2023-24",
            ("areas", "gss_code"): "E08000014",
            ("groups", "code"): "MD",
            ("metrics", "code"): "RECYCLING",
            ("benchmarks", "metric_code"): "RECYCLING",
            ("reviews", "ref"): Review.objects.filter(council=council).first().reference,
            ("recommendations", "ref"): Recommendation.objects.filter(review__council=council).first().reference,
            ("actions", "ref"): action_with_updates.reference,
            ("risks", "reference"): "CR-001",
            ("mtfp", "code"): MtfpPlan.objects.get(council=council).code,
            ("appraisal-cycles", "slug"): cycle.slug,
            ("staff", "number"): person.employee_number,
            ("appraisals", "appraisal_id"): str(appraisal.pk),
            ("surveys", "slug"): wave.survey.slug,
            ("waves", "wave_id"): str(wave.pk),
            ("reports", "kind"): "quarterly",
            ("jobs", "job_id"): str(job.pk),
            ("member-enquiries", "ref"): open_enquiry.reference,
        },
        "draft_line": str(draft_line.pk),
        "submitted_line": str(submitted_line.pk),
        "place_action": place_action.reference,
        "plan": MtfpPlan.objects.get(council=council).code,
        "job": str(job.pk),
        "enquiries": (open_enquiry.reference, answered.reference),
        # a scrutiny recommendation the executive has not answered yet (the example's third)
        "scrutiny_pending": Recommendation.objects.filter(review__scrutiny_item__isnull=False, response="pending")
        .order_by("reference")
        .first()
        .reference,
    }


# --- writes: who is refused what ------------------------------------------------------------------------


def refused(**overrides: int) -> dict[str, int]:
    """Everyone but the performance team gets 403, or the status given (404 where the target is hidden)."""
    return {role: overrides.get(role, 403) for role in ROLES if role != Role.PERFORMANCE}


# A draft or submitted budget line does not exist for those who see approved figures only.
LINE_HIDDEN = refused(**{role: 404 for role in ROLES if role not in SEES_UNAPPROVED})

# An enquiry does not exist for those who may not see it; auditors see every one but change none.
ENQUIRY_HIDDEN = refused(**{role: 404 for role in ROLES if role != Role.AUDITOR})
ENQUIRIES = ("Matrix open enquiry", "Matrix answered enquiry")

# Someone else's job does not exist for anyone but the performance team (permissions.can_see_job).
JOB_HIDDEN = refused(**{role: 404 for role in ROLES})


@dataclass(frozen=True)
class Write:
    label: str  # what it does, when an operation has several cases ("approve", "return")
    path: Callable[[dict], dict]  # canaries -> {path parameter: value}
    body: dict | Callable[[], dict]  # or read when sent (a change to a record sends the version it read)
    refused: dict[str, int]  # role -> the status that role gets (editors edit children's services only)
    ok: int = 200  # what the performance team gets for the same request
    query: dict = field(default_factory=dict)
    by: str = Role.PERFORMANCE  # the role whose same request succeeds (the control)
    also_by: tuple[str, ...] = ()  # other roles whose same request succeeds too (each a control)

    def payload(self) -> dict:
        return self.body() if callable(self.body) else self.body


def _version(model: str, **lookup) -> int:
    """The record's version as a client would have read it just before writing."""
    return apps.get_model(model).objects.get(**lookup).version


def _value_version(period: str) -> int:
    return _version("performance.MeasureValue", measure__reference="ENV-01", period=period)


def _review_version(reference: str, period: str) -> int:
    return _version("risk.RiskReview", risk__reference=reference, period=period)


def _line_version(label: str) -> int:
    return _version("finance.BudgetLine", commentary=label)


def _enquiry_version(subject: str) -> int:
    return _version("enquiries.Enquiry", subject=subject)


# A member who sits on no committee does not see its recommendations; auditors and HR read them but do not
# respond (permissions.can_respond_to_scrutiny: officers, editors, the performance team and Cabinet do).
SCRUTINY_RESPONDERS = (Role.EDITOR, Role.OFFICER)
SCRUTINY_REFUSED = {Role.MEMBER: 404, Role.AUDITOR: 403, Role.HR: 403}


WRITE_CASES: dict[str, list[Write]] = {
    "POST /api/measures/{reference}/values": [
        Write(
            "",
            lambda c: {"reference": "ENV-01"},
            lambda: {"period": "2024-25", "value": "44.1", "version": _value_version("2024-25")},
            refused(),
        ),
    ],
    "POST /api/measures/{reference}/values/{period}/decision": [
        Write(
            "submit",
            lambda c: {"reference": "ENV-01", "period": "2024-25"},
            lambda: {"decision": "submit", "version": _value_version("2024-25")},
            refused(),
        ),
        Write(
            "approve",
            lambda c: {"reference": "ENV-01", "period": "2025-26"},
            lambda: {"decision": "approve", "version": _value_version("2025-26")},
            refused(),
        ),
        Write(
            "return",
            lambda c: {"reference": "ENV-01", "period": "2025-26"},
            lambda: {"decision": "return", "reason": "Check the tonnage", "version": _value_version("2025-26")},
            refused(),
        ),
    ],
    "POST /api/actions/{ref}/progress": [
        Write("", lambda c: {"ref": c["place_action"]}, {"text": "Matrix progress"}, refused(), ok=201),
    ],
    "POST /api/risks/{reference}/reviews": [
        Write(
            "",
            lambda c: {"reference": "CR-002"},
            {"date": "2024-06-28", "period": "2024-25 Q1", "likelihood": 2, "impact": 2},
            refused(),
            ok=201,
        ),
    ],
    "POST /api/risks/{reference}/reviews/{period}/decision": [
        Write(
            "approve",
            lambda c: {"reference": "CR-001", "period": "2023-24 Q4"},
            lambda: {"decision": "approve", "version": _review_version("CR-001", "2023-24 Q4")},
            refused(),
        ),
        Write(
            "return",
            lambda c: {"reference": "CR-001", "period": "2023-24 Q4"},
            lambda: {
                "decision": "return",
                "reason": "Likelihood is understated",
                "version": _review_version("CR-001", "2023-24 Q4"),
            },
            refused(),
        ),
    ],
    "POST /api/finance/budget-lines": [
        Write("", lambda c: {}, {"directorate": "place", "period": "2024-06", "budget": "1000"}, refused(), ok=201),
    ],
    "POST /api/finance/budget-lines/{line_id}/review": [
        Write(
            "submit",
            lambda c: {"line_id": c["draft_line"]},
            lambda: {"action": "submit", "version": _line_version("CANARY draft budget line")},
            LINE_HIDDEN,
        ),
        Write(
            "approve",
            lambda c: {"line_id": c["submitted_line"]},
            lambda: {"action": "approve", "version": _line_version("CANARY submitted budget line")},
            LINE_HIDDEN,
        ),
        Write(
            "return",
            lambda c: {"line_id": c["submitted_line"]},
            lambda: {"action": "return", "reason": "Recheck", "version": _line_version("CANARY submitted budget line")},
            LINE_HIDDEN,
        ),
    ],
    "POST /api/member-enquiries": [
        Write(
            "",
            lambda c: {},
            {"ward": "Ford", "subject": "Matrix enquiry", "text": "Raised through the API"},
            {role: 403 for role in ROLES if role != Role.MEMBER},
            ok=201,
            by=Role.MEMBER,  # members raise enquiries, nobody else
        ),
    ],
    "PATCH /api/member-enquiries/{ref}": [
        Write(
            "route",
            lambda c: {"ref": c["enquiries"][0]},
            lambda: {"directorate": "corporate", "version": _enquiry_version(ENQUIRIES[0])},
            ENQUIRY_HIDDEN,
        ),
    ],
    "POST /api/member-enquiries/{ref}/response": [
        Write(
            "",
            lambda c: {"ref": c["enquiries"][0]},
            lambda: {"response": "Matrix answer", "version": _enquiry_version(ENQUIRIES[0])},
            ENQUIRY_HIDDEN,
        ),
    ],
    "POST /api/member-enquiries/{ref}/close": [
        Write(
            "",
            lambda c: {"ref": c["enquiries"][1]},
            lambda: {"version": _enquiry_version(ENQUIRIES[1])},
            ENQUIRY_HIDDEN,
        ),
    ],
    "POST /api/scrutiny/recommendations/{ref}/response": [
        Write(
            "",
            lambda c: {"ref": c["scrutiny_pending"]},
            lambda: {
                "response": "accepted",
                "responded_on": "2024-04-25",
                "action_description": "Matrix action",
                "version": _version(
                    "improvement.Recommendation", response="pending", review__scrutiny_item__isnull=False
                ),
            },
            SCRUTINY_REFUSED,
            also_by=SCRUTINY_RESPONDERS,
        ),
    ],
    "POST /api/jobs/{job_id}/retry": [
        Write("", lambda c: {"job_id": c["job"]}, {}, JOB_HIDDEN, ok=202),
    ],
    "PUT /api/finance/mtfp/{code}/scenarios/{scenario_code}": [
        Write(
            "",
            lambda c: {"code": c["plan"], "scenario_code": "matrix"},
            {"name": "Matrix scenario", "years": {"2024-25": {"core_increase": "1.99"}}},
            refused(),
        ),
    ],
}

# Writes every signed-in role may make: each role's request succeeds and changes the database.
OPEN_WRITES: dict[str, Write] = {
    "POST /api/reports/{kind}/jobs": Write("", lambda c: {"kind": "quarterly"}, {"period": "2023-24 Q2"}, {}, ok=202),
}

# --- helpers --------------------------------------------------------------------------------------------

PARAMETER = re.compile(r"\{(\w+)\}")


def _url(path: str, values: dict[str, str]) -> str:
    return PARAMETER.sub(lambda m: str(values[m.group(1)]), path)


def _get_url(op: str, c: dict) -> tuple[str, dict]:
    """The operation's path with real identifiers, and its query."""
    _method, path, spec = OPERATIONS[op]
    segments = path.split("/")
    values = {}
    for i, segment in enumerate(segments):
        found = PARAMETER.fullmatch(segment)
        if found:
            key = (segments[i - 1], found.group(1))
            if key not in c["ids"]:
                pytest.fail(f"{op}: no identifier for {{{key[1]}}} after /{key[0]}/: add one to canaries()['ids']")
            values[found.group(1)] = c["ids"][key]
    query = QUERIES.get(op, {})
    for parameter in spec.get("parameters", []):
        if parameter["in"] == "query" and parameter.get("required") and parameter["name"] not in query:
            pytest.fail(f"{op} needs the query parameter {parameter['name']!r}: add it to QUERIES")
    return _url(path, values), query


def _auth(token: str | None) -> dict:
    return {"Authorization": f"Bearer {token}"} if token else {}


def _send(client, method: str, url: str, token: str | None, body: dict | None = None, query: dict | None = None):
    if method == "get":
        return client.get(url, query or {}, headers=_auth(token))
    return client.generic(
        method.upper(),
        url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""),
        json.dumps(body or {}),
        content_type="application/json",
        headers=_auth(token),
    )


def _text(response) -> str:
    """Everything the answer says, including inside a .docx or .xlsx (zipped XML)."""
    content = response.content
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            return "\n".join(z.read(name).decode("utf-8", "replace") for name in z.namelist())
    return content.decode("utf-8", "replace")


def _forbidden(role: str) -> list[str]:
    return (UNAPPROVED if role not in SEES_UNAPPROVED else []) + (PERSONAL if role not in PEOPLE_MANAGERS else [])


def _snapshot() -> dict:
    """Row counts of every goldthread table, and every row of the tables the API writes to."""
    from goldthread.finance.models import BudgetLine, CapitalScheme, MtfpScenario, SavingsPlan, ScenarioYear
    from goldthread.improvement.models import Action, ProgressUpdate
    from goldthread.performance.models import MeasureValue, ValueRevision
    from goldthread.risk.models import Risk, RiskReview

    enquiry = apps.get_model("enquiries.Enquiry")
    counts = {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m.__module__.startswith("goldthread.") and not m._meta.proxy
    }
    rows = {
        m._meta.label: list(m.objects.order_by("pk").values())
        for m in [
            MeasureValue,
            ValueRevision,
            Action,
            ProgressUpdate,
            Risk,
            RiskReview,
            BudgetLine,
            SavingsPlan,
            CapitalScheme,
            MtfpScenario,
            ScenarioYear,
            enquiry,
            apps.get_model("improvement.Recommendation"),
        ]  # fmt: skip
    }
    rows[ApiToken._meta.label] = list(ApiToken.objects.order_by("pk").values_list("pk", "user_id", "revoked_at"))
    return {"counts": counts, "rows": rows}


# --- content checks, for the operations whose answer depends on the role ---------------------------------


def _only_approved(role, data, c):
    if role not in SEES_UNAPPROVED:
        items = data if isinstance(data, list) else [data]
        shown = sorted({item["status"] for item in items})
        assert set(shown) <= {"approved"}, f"{role} may see approved figures only, got {shown}"


def _scorecard(role, data, c):
    assert data["approved_only"] is (role not in SEES_UNAPPROVED)


def _completion(role, data, c):
    from goldthread.people.selectors import SMALL_TEAM

    if role not in PEOPLE_MANAGERS:
        for rate in data["by_directorate"] + data["by_service"]:
            if not rate["suppressed"]:
                assert rate["denominator"] >= SMALL_TEAM, f"{role} sees the completion rate of a small group: {rate}"


def _survey_results(role, data, c):
    from goldthread.people.models import SurveyWave

    minimum = SurveyWave.objects.get(pk=c["ids"][("waves", "wave_id")]).survey.minimum_group_size
    for question in data:
        for cell in question["results"]:
            if cell["suppressed"]:
                assert cell["n"] is None and cell["n_positive"] is None and cell["percent_positive"] is None, cell
            else:
                assert cell["n"] >= minimum, f"a group of {cell['n']} shown (minimum {minimum}): {cell}"


def _revisions(role, data, c):
    from goldthread.performance.models import MeasureValue

    if role in SEES_UNAPPROVED:
        return
    for figure in data["figures"]:
        value = MeasureValue.objects.get(measure__reference=figure["measure"], period=figure["figure_period"])
        for revision in figure["revisions"]:
            if value.status != "approved":
                assert revision["new_value"] is None, f"{role} sees an unapproved correction: {revision}"


CONTENT_CHECKS = {
    "GET /api/measures/{reference}/values": _only_approved,
    "GET /api/risks/{reference}/scores": _only_approved,
    "GET /api/finance/budget-lines": _only_approved,
    "GET /api/finance/savings": _only_approved,
    "GET /api/finance/capital": _only_approved,
    "GET /api/scorecard": _scorecard,
    "GET /api/reported-periods/{period}": _revisions,
    "GET /api/people/appraisal-cycles/{slug}/completion": _completion,
    "GET /api/people/surveys/{slug}/waves/{wave_id}/results": _survey_results,
}

# --- the tests ------------------------------------------------------------------------------------------


def test_the_matrix_lists_every_operation():
    """Every GET in the schema has its expectations, every write its cases; none is left over."""
    missing = [op for op in GETS if op not in EXPECTED_GET] + [
        op for op in WRITES if op not in WRITE_CASES and op not in OPEN_WRITES
    ]
    stale = [op for op in [*EXPECTED_GET, *WRITE_CASES, *OPEN_WRITES, *PUBLIC] if op not in OPERATIONS]
    assert not missing, f"add these operations to EXPECTED_GET or WRITE_CASES in {__name__}: {missing}"
    assert not stale, f"these operations are no longer in the schema; remove them: {stale}"
    assert all(set(EXPECTED_GET[op]) == set(ROLES) for op in GETS), "give every role a status"


def test_the_schema_served_is_the_one_tested(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    served = {f"{m.upper()} {p}" for p, item in response.json()["paths"].items() for m in item if m != "parameters"}
    assert served == set(OPERATIONS)


def test_expectations_follow_permissions():
    """The role sets above say what goldthread.council.permissions says."""
    for role in ROLES:
        user = User(username=f"matrix-{role}", role=role)
        assert permissions.can_read(user), role
        assert (role in SEES_UNAPPROVED) == permissions.can_see_unapproved(user), role
        assert (role in PEOPLE_MANAGERS) == permissions.can_manage_people(user), role


@pytest.mark.parametrize("op", list(OPERATIONS), ids=[f"{op} as anonymous" for op in OPERATIONS])
def test_without_a_token_the_answer_is_401(op, canaries, client, db):
    method, path, spec = OPERATIONS[op]
    if method == "get":
        url, query = _get_url(op, canaries)
        body = None
    else:
        case = (WRITE_CASES.get(op) or [OPEN_WRITES.get(op) or Write("", lambda c: {}, {}, {})])[0]
        values = case.path(canaries)
        url = _url(path, {k: values.get(k, "x") for k in PARAMETER.findall(path)})
        query, body = case.query, case.payload()
    public = op in PUBLIC
    assert ("security" not in spec) == public, f"{op}: the schema and PUBLIC disagree on whether it needs a token"
    before = _snapshot() if method != "get" else None
    response = _send(client, method, url, None, body, query)
    assert response.status_code == (200 if public else 401), response.content[:300]
    if before is not None:
        assert _snapshot() == before, f"{op} without a token changed the database"


def _get_params():
    for op in GETS:
        for role in ROLES:
            yield pytest.param(op, role, id=f"{op} as {role}")


@pytest.mark.parametrize(("op", "role"), list(_get_params()))
def test_each_role_reads_what_it_may_and_nothing_more(op, role, canaries, tokens, client):
    if op not in EXPECTED_GET:
        pytest.fail(f"{op} is not in EXPECTED_GET: add it, with the status each role should get")
    url, query = _get_url(op, canaries)
    response = _send(client, "get", url, tokens[role], query=query)
    expected = EXPECTED_GET[op][role]
    assert response.status_code == expected, f"{op} as {role}: {response.status_code}, {response.content[:300]!r}"
    text = _text(response)
    leaked = [needle for needle in _forbidden(role) if needle in text]
    assert not leaked, f"{op} shows {role} what they may not see: {leaked}"
    if response.status_code == 200 and op in CONTENT_CHECKS:
        CONTENT_CHECKS[op](role, response.json(), canaries)


def _write_params():
    for op in WRITES:
        if op in OPEN_WRITES:
            continue
        cases = WRITE_CASES.get(op) or [None]
        for case in cases:
            label = f"{op} ({case.label})" if case and case.label else op
            for role in ROLES:
                if role == (case.by if case else Role.PERFORMANCE) or (case and role in case.also_by):
                    continue
                yield pytest.param(op, case, role, id=f"{label} as {role}")


@pytest.mark.parametrize(("op", "case", "role"), list(_write_params()))
def test_a_role_that_may_not_write_is_refused_and_nothing_changes(op, case, role, canaries, tokens, client):
    if case is None:
        pytest.fail(f"{op} has no case in WRITE_CASES: add one, with the status each role should get")
    method, path, _spec = OPERATIONS[op]
    url = _url(path, case.path(canaries))
    before, changes = _snapshot(), Change.objects.count()
    response = _send(client, method, url, tokens[role], case.payload(), case.query)
    assert response.status_code == case.refused[role], f"{role}: {response.status_code}, {response.content[:300]!r}"
    assert Change.objects.count() == changes, f"{op} as {role} recorded a change"
    assert _snapshot() == before, f"{op} as {role} changed the database"
    leaked = [needle for needle in _forbidden(role) if needle in _text(response)]
    assert not leaked, f"{op} told {role} what they may not see: {leaked}"


def _control_params():
    for op in WRITES:
        for case in WRITE_CASES.get(op) or []:
            label = f"{op} ({case.label})" if case.label else op
            for role in (case.by, *case.also_by):
                yield pytest.param(op, case, role, id=f"{label} as {role}")


@pytest.mark.parametrize(("op", "case", "role"), list(_control_params()))
def test_the_same_write_by_the_performance_team_succeeds(op, case, role, canaries, tokens, client):
    """The control: the refused requests above are well formed; only the role made the difference."""
    method, path, _spec = OPERATIONS[op]
    before = _snapshot()
    url = _url(path, case.path(canaries))
    response = _send(client, method, url, tokens[role], case.payload(), case.query)
    assert response.status_code == case.ok, response.content[:300]
    assert _snapshot() != before, f"{op} succeeded but changed nothing"


@pytest.mark.parametrize(("op", "role"), [(op, role) for op in OPEN_WRITES for role in ROLES])
def test_a_write_open_to_every_role_succeeds_for_each(op, role, canaries, tokens, client):
    case = OPEN_WRITES[op]
    method, path, _spec = OPERATIONS[op]
    before = _snapshot()
    response = _send(client, method, _url(path, case.path(canaries)), tokens[role], case.body, case.query)
    assert response.status_code == case.ok, f"{role}: {response.status_code}, {response.content[:300]!r}"
    assert _snapshot() != before, f"{op} as {role} succeeded but changed nothing"


SIGHTINGS = [  # (a GET, what it shows those who may see it, who may)
    ("GET /api/measures/{reference}/values", "CANARY draft value", SEES_UNAPPROVED),
    ("GET /api/measures/{reference}/values", SUBMITTED_VALUE, SEES_UNAPPROVED),
    ("GET /api/scorecard", DRAFT_VALUE, SEES_UNAPPROVED),
    ("GET /api/reported-periods/{period}", REVISED_VALUE, SEES_UNAPPROVED),
    ("GET /api/finance/budget-lines", "CANARY draft budget line", SEES_UNAPPROVED),
    ("GET /api/finance/budget-lines", "CANARY submitted budget line", SEES_UNAPPROVED),
    ("GET /api/finance/savings", "CANARY draft saving", SEES_UNAPPROVED),
    ("GET /api/finance/capital", "CANARY submitted capital scheme", SEES_UNAPPROVED),
    ("GET /api/people/staff", "CANARY Personal-Record", PEOPLE_MANAGERS),
    ("GET /api/people/appraisals", "CANARY development needs", PEOPLE_MANAGERS),
]


@pytest.mark.parametrize("role", ROLES, ids=[f"as {role}" for role in ROLES])
def test_canaries_reach_those_who_may_see_them(role, canaries, tokens, client):
    """The control for the leak checks: each canary is there for the roles allowed it, so its absence
    elsewhere means something."""
    for op, needle, allowed in SIGHTINGS:
        url, query = _get_url(op, canaries)
        shown = needle in _text(_send(client, "get", url, tokens[role], query=query))
        assert shown is (role in allowed), f"{op} as {role}: {needle!r} {'shown' if shown else 'missing'}"


def test_a_manager_sees_their_own_team_only(canaries, client, db):
    """An officer with staff beneath them sees those records and appraisals, and no one else's."""
    from goldthread.people.models import Appraisal, Employee

    council = current_council()
    staff = list(Employee.objects.filter(council=council).values_list("pk", "manager_id", "employee_number"))
    beneath = {pk: set() for pk, _m, _n in staff}
    for pk, manager, _n in staff:
        if manager:
            beneath[manager].add(pk)

    def team(pk):
        found, frontier = {pk}, [pk]
        while frontier:
            frontier = [r for p in frontier for r in beneath[p] if r not in found]
            found.update(frontier)
        return found

    # a middle manager: someone beneath them, someone above them
    manager = next(pk for pk, boss, _n in staff if boss and beneath[pk])
    mine = team(manager)
    numbers = {pk: n for pk, _m, n in staff}
    user = User.objects.create_user(username="matrix-manager", role=Role.OFFICER)
    Employee.objects.filter(pk=manager).update(user=user)
    token = create_token(user=user)

    listed = _send(client, "get", "/api/people/staff", token).json()
    assert {e["employee_number"] for e in listed} == {numbers[pk] for pk in mine}
    appraisals = _send(client, "get", "/api/people/appraisals", token).json()
    expected = set(Appraisal.objects.filter(employee__in=mine).values_list("pk", flat=True))
    assert {a["id"] for a in appraisals} == expected
    outsider = next(pk for pk in numbers if pk not in mine)
    assert _send(client, "get", f"/api/people/staff/{numbers[outsider]}", token).status_code == 403
    assert _send(client, "get", f"/api/people/staff/{numbers[next(iter(mine - {manager}))]}", token).status_code == 200
    other = Appraisal.objects.exclude(employee__in=mine).first()
    assert _send(client, "get", f"/api/people/appraisals/{other.pk}", token).status_code == 403
