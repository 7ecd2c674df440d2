"""The optimistic concurrency mechanism itself (goldthread.core.versioning), on a real versioned model."""

from decimal import Decimal

import pytest
from django.db import transaction

from goldthread.core.audit import record_change
from goldthread.core.models import Change
from goldthread.core.versioning import (
    AlreadyExists,
    StaleVersion,
    VersionRequired,
    changes_since,
    claim,
    creating,
    expect,
    parse_version,
    save_versioned,
)
from goldthread.performance.models import Measure, MeasureValue


@pytest.fixture
def value(council, directorate):
    measure = Measure.objects.create(council=council, reference="CS-01", title="A measure", directorate=directorate)
    obj = MeasureValue(measure=measure, value=Decimal("4.1"))
    obj.set_period(measure.parse_period("2023-24 Q2"))
    obj.save()
    return obj


def test_a_new_record_starts_at_version_1_and_every_save_moves_it_on(value):
    assert value.version == 1
    value.commentary = "First"
    value.save()
    assert value.version == 2 and MeasureValue.objects.get().version == 2
    value.status = "submitted"
    value.save(update_fields=["status"])  # a partial save moves it on too
    assert value.version == 3 and MeasureValue.objects.get().version == 3


def test_an_unchecked_save_cannot_lose_a_racing_increment(value):
    other = MeasureValue.objects.get()
    other.save()  # version 2 in the database
    value.save()  # this copy still thinks it is 1: the database adds one to what it holds
    assert value.version == 3


def test_claim_moves_exactly_the_version_seen_once(value):
    with transaction.atomic():
        claim(value, 1)
        value.save()
    assert MeasureValue.objects.get().version == 2
    again = MeasureValue.objects.get()
    again.version = 1  # a second client that read version 1
    with pytest.raises(StaleVersion) as refused:
        claim(again, 1)
    assert refused.value.current.version == 2 and refused.value.seen == 1


def test_claim_is_refused_in_the_database_when_the_copy_in_hand_looks_current(value):
    MeasureValue.objects.filter(pk=value.pk).update(version=5)  # changed behind this copy's back
    with pytest.raises(StaleVersion):
        claim(value, 1)
    assert MeasureValue.objects.get().version == 5


def test_a_change_without_a_version_is_refused(value):
    with pytest.raises(VersionRequired) as refused:
        claim(value, None)
    assert refused.value.status == 428 and "current version is 1" in str(refused.value)


def test_expect_checks_without_writing(value):
    expect(value, 1)
    expect(value, None)
    with pytest.raises(StaleVersion):
        expect(value, 2)
    assert MeasureValue.objects.get().version == 1


def test_changes_since_are_the_history_written_after_the_version_seen(value, users):
    for text in ("One", "Two"):
        before = {"commentary": value.commentary}
        value.commentary = text
        value.save()
        record_change(obj=value, user=users["editor"], action=Change.Action.UPDATE, before=before,
                      after={"commentary": text})  # fmt: skip
    since = changes_since(value, 2)
    assert [c.changes["commentary"] for c in since] == [["One", "Two"]]
    assert len(changes_since(value, 1)) == 2 and changes_since(value, 3) == []
    message = str(StaleVersion(value, 1))
    assert "Editor Tester" in message and "you saw version 1; it is now version 3" in message


def test_creating_a_duplicate_is_a_conflict_and_the_transaction_goes_on(value):
    duplicate = MeasureValue(measure=value.measure, value=Decimal("5"))
    duplicate.set_period(value.measure.parse_period("2023-24 Q2"))
    with transaction.atomic():
        with pytest.raises(AlreadyExists, match="already there"), creating("already there"):
            duplicate.save()
        assert MeasureValue.objects.count() == 1  # the savepoint kept the outer transaction usable


@pytest.mark.parametrize(
    ("raw", "expected"), [("3", 3), (" 7 ", 7), ("", None), (None, None), ("x", None), ("0", None)]
)
def test_parse_version(raw, expected):
    assert parse_version(raw) == expected


def test_save_versioned_claims_saves_and_records_one_history_entry(value, users):
    entry = save_versioned(
        value, user=users["editor"], version=1, fields=["commentary"], changes={"commentary": "Better"}, reason="why"
    )
    stored = MeasureValue.objects.get()
    assert stored.version == 2 and stored.commentary == "Better"
    assert entry.changes == {"commentary": ["", "Better"]} and entry.reason == "why" and entry.user == users["editor"]


def test_save_versioned_refuses_a_stale_version_and_changes_nothing(value, users):
    MeasureValue.objects.get().save()  # someone else: version 2
    with pytest.raises(StaleVersion):
        save_versioned(value, user=users["editor"], version=1, fields=["commentary"], changes={"commentary": "Lost"})
    assert MeasureValue.objects.get().commentary == "" and not Change.objects.exists()


def test_save_versioned_may_require_a_version_and_records_nothing_for_no_change(value, users):
    with pytest.raises(VersionRequired):
        save_versioned(value, user=users["editor"], version=None, fields=["commentary"], require_version=True)
    assert save_versioned(value, user=users["editor"], version=None, fields=["commentary"]) is None
    assert not Change.objects.exists()
