"""Sign-off in bulk: the drafts and submitted items of a period (values, risk reviews, budget lines)
that a person may submit or decide on, and one decision applied to the rows they chose.

Each row carries the version the page showed and goes through the same service as the single
item's page, in its own transaction: a row that changed since is refused and reported, the others
go through."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied

from goldthread.core.versioning import Conflict, StaleVersion, Versioned
from goldthread.council import permissions
from goldthread.domain.periods import Period

from . import services
from .models import MeasureValue, Status
from .services import PerformanceError


@dataclass
class Row:
    kind: str
    obj: Versioned  # a MeasureValue, or a registered participant's item (a RiskReview, a BudgetLine)
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


@dataclass(frozen=True)
class Participant:
    """One kind of item the page lists. Apps above performance (risk reviews, budget lines) register
    theirs in their AppConfig.ready(), as report sections are registered, so this module imports none.

    ``rows(council, period, user)`` lists what ``user`` may submit or decide on; ``load(pk)`` finds an
    item (None if gone); ``apply(obj, action, user, version, reason)`` submits, approves or returns it
    through the item's own service; ``errors`` are that service's refusals, reported per row."""

    kind: str
    order: int
    rows: Callable[..., list[Row]]
    load: Callable[[int], Versioned | None]
    apply: Callable[..., object]
    errors: tuple[type[Exception], ...] = ()


_PARTICIPANTS: dict[str, Participant] = {}


def register(participant: Participant) -> Participant:
    """Add a kind of item to the page; registering it again (a second ready()) is harmless."""
    if _PARTICIPANTS.get(participant.kind, participant) != participant:
        raise ValueError(f"Two sign-off participants are registered as {participant.kind!r}.")
    _PARTICIPANTS[participant.kind] = participant
    return participant


def participants() -> list[Participant]:
    return sorted(_PARTICIPANTS.values(), key=lambda p: p.order)


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


def rows_for(council, period: Period, user) -> list[Row]:
    """What ``user`` may submit or decide on in ``period``: editors their directorate's, the team all."""
    return [row for participant in participants() for row in participant.rows(council, period, user)]


def _load_value(pk: int) -> MeasureValue | None:
    return MeasureValue.objects.select_related("measure__directorate").filter(pk=pk).first()


def _apply_value(obj, action: str, user, version: int, reason: str) -> object:
    return {
        "submit": lambda: services.value_submit(measure_value=obj, user=user, version=version),
        "approve": lambda: services.value_approve(measure_value=obj, user=user, version=version),
        "return": lambda: services.value_return(measure_value=obj, user=user, reason=reason, version=version),
    }[action]()


register(
    Participant(
        kind="value", order=10, rows=_value_rows, load=_load_value, apply=_apply_value, errors=(PerformanceError,)
    )
)


def parse_key(key: str) -> tuple[str, int, int] | None:
    """``kind:pk:version`` as the page sent it; None for anything else."""
    parts = key.split(":")
    if len(parts) != 3 or parts[0] not in _PARTICIPANTS or not parts[1].isdigit() or not parts[2].isdigit():
        return None
    return parts[0], int(parts[1]), int(parts[2])


def _who(exc: StaleVersion) -> str:
    people = ", ".join(dict.fromkeys(str(c.user) if c.user else "the system" for c in exc.changes)) or "someone"
    return f"changed by {people} since you opened the page; look at it again"


def apply_to_rows(*, keys: list[str], action: str, user, reason: str = "") -> Outcome:
    """Apply ``action`` (submit, approve or return) to each chosen row, each on the version shown."""
    outcome = Outcome()
    for key in keys:
        parsed = parse_key(key)
        if parsed is None:
            continue
        kind, pk, version = parsed
        participant = _PARTICIPANTS[kind]
        refusals: tuple[type[Exception], ...] = (*participant.errors, ValueError)
        obj = participant.load(pk)
        if obj is None:
            outcome.refused.append(f"An item you chose no longer exists ({kind} {pk}).")
            continue
        try:
            participant.apply(obj, action, user, version, reason)
        except StaleVersion as exc:
            outcome.refused.append(f"{obj}: {_who(exc)}.")
        except Conflict as exc:
            outcome.refused.append(f"{obj}: {exc}")
        except PermissionDenied:
            outcome.refused.append(f"{obj}: you do not have permission to {action} it.")
        except refusals as exc:
            text = str(exc)
            outcome.refused.append(f"{obj}: {text[:1].lower() + text[1:]}")
        else:
            outcome.done.append(str(obj))
    return outcome
