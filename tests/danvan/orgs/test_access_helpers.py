"""The one access helper of the views, the role check of the services, and the service helpers
(events, history's user, version check) every app uses."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from danvan.audit import audited, record_event
from danvan.concurrency import ConflictError, check_version, lock_version
from danvan.orgs.access import (
    EDIT_ROLES,
    REVIEW_ROLES,
    Role,
    get_editable,
    get_visible,
    require_role,
    unit_of,
)
from danvan.orgs.models import Unit
from tests import factories


@pytest.mark.django_db
class TestGetVisible:
    def test_a_member_gets_the_object_of_its_subtree(self, tree, make_member):
        viewer = make_member(Role.VIEWER, tree["long_bien"])
        assert get_visible(Unit, viewer, tree["ngoc_thuy"].pk) == tree["ngoc_thuy"]

    def test_outside_the_scope_is_404_like_an_unknown_id(self, tree, make_member):
        editor = make_member(Role.EDITOR, tree["ngoc_thuy"])
        with pytest.raises(Http404):
            get_visible(Unit, editor, tree["cat_linh"].pk)
        with pytest.raises(Http404):
            get_visible(Unit.objects.all(), editor, 10**9)

    def test_extra_lookups_narrow_the_fetch(self, tree, make_member):
        editor = make_member(Role.EDITOR, tree["long_bien"])
        ward = tree["ngoc_thuy"]
        assert get_visible(Unit, editor, ward.pk, parent=tree["long_bien"]) == ward
        with pytest.raises(Http404):  # the id exists, but not under that parent
            get_visible(Unit, editor, ward.pk, parent=tree["sai_dong"])


@pytest.mark.django_db
class TestGetEditable:
    def test_a_read_only_member_gets_403_and_an_outsider_404(self, tree, make_member):
        viewer = make_member(Role.VIEWER, tree["ngoc_thuy"])
        with pytest.raises(PermissionDenied):
            get_editable(Unit, viewer, tree["ngoc_thuy"].pk)
        with pytest.raises(Http404):
            get_editable(Unit, viewer, tree["sai_dong"].pk)

    def test_the_roles_named_replace_the_editing_roles(self, tree, make_member):
        editor = make_member(Role.EDITOR, tree["ngoc_thuy"])
        reviewer = make_member(Role.REVIEWER, tree["long_bien"])
        pk = tree["ngoc_thuy"].pk
        assert get_editable(Unit, editor, pk) == tree["ngoc_thuy"]
        with pytest.raises(PermissionDenied):
            get_editable(Unit, editor, pk, REVIEW_ROLES)
        assert get_editable(Unit, reviewer, pk, REVIEW_ROLES) == tree["ngoc_thuy"]
        assert get_editable(Unit, reviewer, pk, EDIT_ROLES, REVIEW_ROLES) == tree["ngoc_thuy"]

    def test_the_unit_is_found_along_the_models_path_field(self, tree):
        """An opinion's unit is its conference's (`conference__unit__path`)."""
        from tests.dialogues.factories import OpinionFactory

        opinion = OpinionFactory(conference__unit=tree["sai_dong"])
        assert unit_of(opinion) == tree["sai_dong"]
        assert unit_of(tree["sai_dong"]) == tree["sai_dong"]


@pytest.mark.django_db
class TestRequireRole:
    def test_a_role_on_an_ancestor_allows_and_a_sibling_does_not(self, tree, make_member):
        reviewer = make_member(Role.REVIEWER, tree["long_bien"])
        require_role(reviewer, tree["ngoc_thuy"], REVIEW_ROLES)
        require_role(reviewer, tree["ngoc_thuy"], Role.VIEWER, Role.REVIEWER)
        with pytest.raises(PermissionDenied):
            require_role(reviewer, tree["ngoc_thuy"], EDIT_ROLES)
        with pytest.raises(PermissionDenied):
            require_role(reviewer, tree["cat_linh"], REVIEW_ROLES)

    def test_an_anonymous_or_inactive_user_holds_no_role(self, tree, make_member):
        editor = make_member(Role.EDITOR, tree["ngoc_thuy"], is_active=False)
        for user in (AnonymousUser(), editor):
            with pytest.raises(PermissionDenied):
                require_role(user, tree["ngoc_thuy"], EDIT_ROLES)

    def test_the_national_level_is_the_superusers_only(self, tree, make_member):
        admin = make_member(Role.ADMIN, tree["ha_noi"])
        with pytest.raises(PermissionDenied):
            require_role(admin, None, Role.ADMIN)
        require_role(factories.UserFactory(is_superuser=True), None, Role.ADMIN)

    def test_the_system_acts_as_none_and_the_roles_must_be_named(self, tree):
        require_role(None, tree["ngoc_thuy"], EDIT_ROLES)  # the demo seed, the factories
        with pytest.raises(TypeError):
            require_role(None, tree["ngoc_thuy"])


def test_check_version_passes_the_loaded_version_and_none():
    record = SimpleNamespace(version=4)
    assert check_version(record, 4) is record
    assert check_version(record, None) is record
    with pytest.raises(ConflictError) as conflict:
        check_version(record, 3)
    assert conflict.value.current is record


@pytest.mark.django_db
def test_lock_version_reports_a_deleted_row_as_a_conflict(tree):
    gone = factories.UnitFactory(name="Phường Sáp Nhập", parent=tree["long_bien"])
    pk = gone.pk
    gone.delete()
    with pytest.raises(ConflictError) as conflict:
        lock_version(Unit, pk, 1)
    assert conflict.value.current is None


@pytest.mark.django_db
def test_record_event_writes_to_the_subjects_event_log(tree, make_member):
    from tests.dialogues.factories import ConferenceFactory

    officer = make_member(Role.EDITOR, tree["ngoc_thuy"])
    conference = ConferenceFactory(unit=tree["ngoc_thuy"])
    event = record_event(
        conference, officer, "hold", "planned", "held", "Đủ thành phần", attendees=153
    )
    assert event in conference.events.all()
    assert (event.actor, event.action, event.from_state, event.to_state) == (
        officer,
        "hold",
        "planned",
        "held",
    )
    assert (event.reason, event.data) == ("Đủ thành phần", {"attendees": 153})


@pytest.mark.django_db
def test_audited_puts_the_actor_on_the_history_row(tree, make_member):
    officer = make_member(Role.ADMIN, tree["ha_noi"])
    unit = tree["cat_linh"]
    unit.name = "Cát Linh mới"
    audited(unit, officer).save()
    assert unit.history.first().history_user == officer
