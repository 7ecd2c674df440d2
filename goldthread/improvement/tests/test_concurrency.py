"""Actions and recommendations: a correction made on an older version is refused, keeping what was typed."""

from goldthread.core.versioning import StaleVersion
from goldthread.improvement import services
from goldthread.improvement.models import Action


def test_a_stale_action_update_is_refused_and_changes_nothing(action, users):
    seen = action.version
    services.action_update(action=action, user=users["performance"], version=seen, percent_complete=40)
    stale = Action.objects.get(pk=action.pk)
    try:
        services.action_update(action=stale, user=users["editor"], version=seen, percent_complete=70)
    except StaleVersion as exc:
        assert exc.current.percent_complete == 40 and [c.user for c in exc.changes] == [users["performance"]]
    else:  # pragma: no cover
        raise AssertionError("the stale update was saved")
    assert Action.objects.get(pk=action.pk).percent_complete == 40
