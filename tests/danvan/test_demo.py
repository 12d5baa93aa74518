import pytest
from django.core.management import call_command

from danvan.orgs.models import IssuingBody, Membership, Unit, UnitLineage, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(capsys):
    call_command("seed_demo")
    return capsys.readouterr().out


def names_under(path):
    return set(Unit.objects.filter(parent__path=path).values_list("name", flat=True))


def test_demo_tree_has_the_units_of_the_source_articles(seeded):
    assert len(names_under("ha-noi/long-bien")) == 14
    assert {"Bồ Đề", "Ngọc Thụy", "Việt Hưng", "Đức Giang"} <= names_under("ha-noi/long-bien")
    assert Unit.objects.get(path="ha-noi/long-bien/duc-giang").title == "Phường Đức Giang"
    groups = Unit.objects.filter(parent__path="ha-noi/long-bien/ngoc-thuy")
    assert groups.count() == 38
    assert groups.filter(path="ha-noi/long-bien/ngoc-thuy/to-dan-pho-38").exists()
    assert len(names_under("ha-noi/dong-da")) == 21
    assert Unit.objects.get(path="ha-noi/dong-da/o-cho-dua").name == "Ô Chợ Dừa"
    hoang_mai = Unit.objects.filter(parent__path="nghe-an/hoang-mai")
    assert (
        hoang_mai.filter(kind="ward").count() == 5 and hoang_mai.filter(kind="commune").count() == 5
    )


def test_post_2025_wards_record_their_lineage(seeded):
    bo_de = Unit.objects.get(path="ha-noi/phuong-bo-de")
    links = {link.predecessor.path: link.share for link in bo_de.predecessor_links.all()}
    assert links["ha-noi/long-bien/ngoc-lam"] == UnitLineage.Share.WHOLE
    assert links["ha-noi/long-bien/ngoc-thuy"] == UnitLineage.Share.MOST
    assert Unit.objects.get(path="ha-noi/long-bien").valid_to.isoformat() == "2025-06-30"


def test_issuing_bodies_and_demo_logins(seeded):
    body = IssuingBody.objects.get(unit__path="ha-noi/long-bien")
    assert (body.superior_name, body.name, body.symbol) == (
        "QUẬN ỦY LONG BIÊN",
        "BAN DÂN VẬN",
        "BDVQU",
    )
    ward = IssuingBody.objects.get(unit__path="ha-noi/long-bien/ngoc-thuy")
    assert (ward.superior_name, ward.name) == ("ĐẢNG ỦY PHƯỜNG NGỌC THỤY", "KHỐI DÂN VẬN")
    editor = User.objects.get(username="canbo.ngocthuy")
    assert editor.check_password("danvan-demo-2019")
    assert Membership.objects.filter(
        user=editor, unit__path="ha-noi/long-bien/ngoc-thuy", role="editor"
    ).exists()
    assert "canbo.ngocthuy" in seeded and "danvan-demo-2019" in seeded


def test_seeding_twice_changes_nothing(seeded):
    counts = (
        Unit.objects.count(),
        UnitLineage.objects.count(),
        IssuingBody.objects.count(),
        Membership.objects.count(),
        User.objects.count(),
    )
    call_command("seed_demo")
    assert counts == (
        Unit.objects.count(),
        UnitLineage.objects.count(),
        IssuingBody.objects.count(),
        Membership.objects.count(),
        User.objects.count(),
    )
