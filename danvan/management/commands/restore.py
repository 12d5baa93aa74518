"""Restore a backup made by `backup` into a migrated, empty database (or --force to replace)."""

import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from danvan.orgs.models import Unit, User


class Command(BaseCommand):
    help = "Restore the database and uploaded files from a backup .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a file written by `manage.py backup`")
        parser.add_argument("--force", action="store_true", help="empty the database first")

    def handle(self, *args, archive, force=False, **options):
        source = Path(archive)
        if not source.is_file():
            raise CommandError(f"No backup file at {source}.")
        if (Unit.objects.exists() or User.objects.exists()) and not force:
            raise CommandError("The database is not empty; use --force to replace its content.")
        with tempfile.TemporaryDirectory() as folder, tarfile.open(source, "r:gz") as backup:
            backup.extractall(folder, filter="data")  # refuses absolute paths and "../"
            dump = Path(folder) / "db.json"
            if not dump.exists():
                raise CommandError(f"{source} is not a backup of this portal (no db.json).")
            with transaction.atomic():
                if force:
                    call_command("flush", interactive=False, verbosity=0)
                call_command("loaddata", str(dump), verbosity=0)
            media = Path(folder) / "media"
            if media.exists():
                self._copy_tree(media, Path(settings.MEDIA_ROOT))
        self.stdout.write(self.style.SUCCESS(f"Restored from {source}"))

    @staticmethod
    def _copy_tree(source: Path, target: Path) -> None:
        for path in source.rglob("*"):
            destination = target / path.relative_to(source)
            if path.is_dir():
                destination.mkdir(parents=True, exist_ok=True)
            else:
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(path.read_bytes())
