import pytest
from django.contrib.auth.models import Group, Permission

from danvan.orgs.access import Role


@pytest.fixture
def editor(make_member, tree):
    return make_member(Role.EDITOR, tree["ngoc_thuy"], username="canbo.ngocthuy")


@pytest.fixture
def grant_identity_permission():
    """grant_identity_permission(user): give the explicit permission through a group."""

    def grant(user):
        group, _created = Group.objects.get_or_create(name="Xem danh tính")
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label="petitions", codename="view_denunciator_identity"
            )
        )
        user.groups.add(group)
        return user

    return grant
