import pytest
from django.urls import reverse

from danvan.orgs.access import Role, has_role
from danvan.orgs.models import Membership, Unit
from tests import factories


def unit_url(unit):
    return reverse("orgs:unit_detail", args=[unit.path])


@pytest.mark.django_db
class TestUnitTree:
    def test_path_is_the_chain_of_ascii_codes(self, tree):
        assert tree["ngoc_thuy"].path == "ha-noi/long-bien/ngoc-thuy"
        assert tree["dong_da"].code == "dong-da"  # "Đ" becomes "d", not dropped
        assert tree["group_1"].depth == 3

    def test_subtree_is_one_query_at_any_depth(self, tree, django_assert_num_queries):
        parent = tree["group_1"]
        for depth in range(4, 12):
            parent = factories.UnitFactory(name=f"Cấp {depth}", parent=parent)
        with django_assert_num_queries(1):
            paths = [unit.path for unit in Unit.objects.subtree(tree["ha_noi"])]
        assert len(paths) == 7 + 8
        with django_assert_num_queries(1):
            assert Unit.objects.subtree(tree["long_bien"]).count() == 4 + 8

    def test_code_is_unique_among_siblings_only(self, tree):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError):
            factories.UnitFactory(name="Ngọc Thụy", parent=tree["long_bien"])
        other = factories.UnitFactory(name="Ngọc Thụy", parent=tree["dong_da"])
        assert other.path == "ha-noi/dong-da/ngoc-thuy"

    def test_title_adds_the_kind_word_once(self, tree):
        assert tree["ngoc_thuy"].title == "Phường Ngọc Thụy"
        assert tree["group_1"].title == "Tổ dân phố 1"


@pytest.mark.django_db
class TestScope:
    def test_a_role_holds_on_the_whole_subtree(self, tree, make_member):
        reviewer = make_member(Role.REVIEWER, tree["long_bien"])
        visible = set(Unit.objects.visible_to(reviewer).values_list("path", flat=True))
        assert visible == {
            "ha-noi/long-bien",
            "ha-noi/long-bien/ngoc-thuy",
            "ha-noi/long-bien/ngoc-thuy/to-dan-pho-1",
            "ha-noi/long-bien/sai-dong",
        }

    def test_edit_scope_follows_the_role(self, tree, make_member):
        viewer = make_member(Role.VIEWER, tree["long_bien"])
        assert not Unit.objects.editable_by(viewer).exists()
        editor = make_member(Role.EDITOR, tree["ngoc_thuy"])
        assert set(Unit.objects.editable_by(editor).values_list("name", flat=True)) == {
            "Ngọc Thụy",
            "Tổ dân phố 1",
        }

    def test_a_similar_prefix_is_not_a_subtree(self, tree, make_member):
        twin = factories.UnitFactory(name="Ngọc Thụy 2", parent=tree["long_bien"])
        assert twin.path == "ha-noi/long-bien/ngoc-thuy-2"
        editor = make_member(Role.EDITOR, tree["ngoc_thuy"])
        assert not Unit.objects.visible_to(editor).filter(pk=twin.pk).exists()
        assert not has_role(editor, twin)

    def test_no_membership_sees_nothing_and_superuser_everything(self, tree):
        nobody = factories.UserFactory()
        assert not Unit.objects.visible_to(nobody).exists()
        root = factories.UserFactory(is_superuser=True)
        assert Unit.objects.visible_to(root).count() == Unit.objects.count()

    def test_inactive_user_sees_nothing(self, tree, make_member):
        user = make_member(Role.REVIEWER, tree["ha_noi"], is_active=False)
        assert not Unit.objects.visible_to(user).exists()


@pytest.mark.django_db
class TestUnitPage:
    def test_ward_editor_sees_own_ward(self, client, tree, login_as):
        login_as(Role.EDITOR, tree["ngoc_thuy"])
        response = client.get(unit_url(tree["ngoc_thuy"]))
        assert response.status_code == 200
        assert "Phường Ngọc Thụy" in response.content.decode()

    @pytest.mark.parametrize("other", ["sai_dong", "long_bien", "cat_linh", "dong_da", "ha_noi"])
    def test_ward_editor_gets_404_outside_scope(self, client, tree, login_as, other):
        login_as(Role.EDITOR, tree["ngoc_thuy"])
        response = client.get(unit_url(tree[other]))
        assert response.status_code == 404
        assert tree[other].name not in response.content.decode()

    def test_unknown_path_is_404_like_a_forbidden_one(self, client, tree, login_as):
        login_as(Role.EDITOR, tree["ngoc_thuy"])
        assert client.get("/don-vi/khong/co/").status_code == 404

    def test_members_are_listed_for_leaders_only(self, client, tree, login_as, make_member):
        make_member(Role.EDITOR, tree["ngoc_thuy"], username="thu.ha")
        login_as(Role.EDITOR, tree["ngoc_thuy"])
        assert "thu.ha" not in client.get(unit_url(tree["ngoc_thuy"])).content.decode()
        login_as(Role.LEADER, tree["ngoc_thuy"])
        assert "Trần Thị Hà" in client.get(unit_url(tree["ngoc_thuy"])).content.decode()

    def test_anonymous_is_sent_to_login(self, client, tree):
        response = client.get(unit_url(tree["ngoc_thuy"]))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_membership_history_records_who_granted(tree):
    from danvan.orgs import services

    admin = factories.UserFactory(username="admin", is_superuser=True)
    user = factories.UserFactory()
    membership = services.membership_grant(
        actor=admin, user=user, unit=tree["ngoc_thuy"], role="editor"
    )
    record = membership.history.get()
    assert record.history_user == admin
    assert record.history_type == "+"
    assert Membership.objects.filter(user=user).count() == 1
    services.membership_grant(actor=admin, user=user, unit=tree["ngoc_thuy"], role="editor")
    assert Membership.objects.filter(user=user).count() == 1
