import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from danvan.orgs.models import Membership, Unit, UnitLineage, User


def snapshot():
    return {
        "units": sorted(Unit.objects.values_list("path", "name", "valid_to")),
        "lineage": sorted(
            UnitLineage.objects.values_list("successor__path", "predecessor__path", "share")
        ),
        "members": sorted(Membership.objects.values_list("user__username", "unit__path", "role")),
        "passwords": sorted(User.objects.values_list("username", "password")),
    }


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_an_empty_database_with_the_same_records(
    tmp_path, settings, reference_rows
):
    call_command("seed_demo", verbosity=0)
    upload = settings.MEDIA_ROOT / "evidence" / "anh-mo-hinh.jpg"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"\xff\xd8\xff photo")
    before = snapshot()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", out=str(archive), verbosity=0)

    call_command("flush", interactive=False, verbosity=0)
    upload.unlink()
    assert Unit.objects.count() == 0

    call_command("restore", str(archive))
    assert snapshot() == before
    assert upload.read_bytes() == b"\xff\xd8\xff photo"


@pytest.mark.django_db
def test_restore_refuses_a_non_empty_database_and_a_foreign_file(tmp_path, tree):
    archive = tmp_path / "b.tar.gz"
    call_command("backup", out=str(archive), verbosity=0)
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))
    with pytest.raises(CommandError, match="No backup file"):
        call_command("restore", str(tmp_path / "missing.tar.gz"))
