"""Who looks after which measures, who uploads, and which figures of a revision a reader sees: rules
in council/permissions.py, used by the performance pages."""

from decimal import Decimal
from types import SimpleNamespace

from goldthread.council import permissions
from goldthread.council.models import Role


def test_an_editor_looks_after_their_directorate_and_uploads_for_it(users, make_user, directorate, other_directorate):
    assert permissions.looked_after_directorate_id(users["editor"]) == directorate.pk
    assert permissions.can_upload_values(users["editor"])
    for role in ("member", "auditor"):
        assert permissions.looked_after_directorate_id(users[role]) is None
        assert not permissions.can_upload_values(users[role])
    # the performance team edits every directorate: its own, when it has one, is looked after too
    team = make_user(Role.PERFORMANCE, "team-in-place", directorate_obj=other_directorate)
    assert permissions.looked_after_directorate_id(team) == other_directorate.pk
    assert permissions.looked_after_directorate_id(users["performance"]) is None
    assert permissions.can_upload_values(users["performance"])


def _revision(number, previous, new, value, status, reported=None):
    return SimpleNamespace(
        number=number,
        previous_value=Decimal(previous),
        new_value=Decimal(new),
        measure_value=SimpleNamespace(value=Decimal(value), status=status),
        reported_figure=SimpleNamespace(value=Decimal(reported)) if reported is not None else None,
    )


def test_a_member_sees_a_corrected_figure_only_once_approved(users):
    waiting = _revision(2, "70", "74.4", "70", "submitted", reported="70")
    approved = _revision(2, "70", "74.4", "74.4", "approved", reported="70")
    member, editor = users["member"], users["editor"]
    assert not permissions.can_see_revised_value(member, waiting)
    assert permissions.can_see_revised_value(member, approved)
    assert permissions.can_see_revised_value(editor, waiting)
    # the figure replaced: the reported one, or the first revision's, never a draft in between
    assert permissions.can_see_value_before_revision(member, waiting)
    between = _revision(3, "72", "74.4", "74.4", "approved", reported="70")
    assert not permissions.can_see_value_before_revision(member, between)
    assert permissions.can_see_value_before_revision(editor, between)
