"""The services check the permission themselves, whoever calls them (a view, the API, a command)."""

import pytest
from django.core.exceptions import PermissionDenied

from goldthread.risk import services
from goldthread.risk.models import Category, Control


def test_an_editor_changes_their_own_directorates_risks_only(users, make_risk, dir_register, other_register):
    editor = users["editor"]
    own, other = make_risk(dir_register, title="Ours"), make_risk(other_register, title="Theirs")
    services.control_add(risk=own, user=editor, description="Monthly check", control_type="detective")
    with pytest.raises(PermissionDenied):
        services.control_add(risk=other, user=editor, description="Not ours")
    with pytest.raises(PermissionDenied):
        services.risk_update(risk=other, user=editor, title="Renamed")
    with pytest.raises(PermissionDenied):
        services.risk_create(register=other_register, user=editor, title="New")
    assert list(Control.objects.values_list("description", flat=True)) == ["Monthly check"]
    other.refresh_from_db()
    assert other.title == "Theirs"


def test_only_the_performance_team_sets_categories(council, users):
    with pytest.raises(PermissionDenied):
        services.category_save(council=council, user=users["editor"], code="legal", name="Legal", appetite=8)
    services.category_save(council=council, user=users["performance"], code="legal", name="Legal", appetite=8)
    assert Category.objects.filter(code="legal").count() == 1
