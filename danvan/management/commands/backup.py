"""Back up the database and the uploaded files into one .tar.gz (restore with `restore`).

The database goes in as Django's JSON dump, so a backup taken on PostgreSQL restores on
PostgreSQL or SQLite alike. For a very large PostgreSQL database, pg_dump/pg_restore are
faster; see README "Backup and restore".
"""

import io
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from danvan import imports

# Rebuilt by migrations, or transient: not worth restoring.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]


def _without_import_stashes(member: tarfile.TarInfo) -> tarfile.TarInfo | None:
    """Uploads waiting for an import's confirmation are transient and may hold a
    denunciator's name: they are not copied (leaving out the folder skips its files)."""
    if member.name == f"media/{imports.STASH_DIR_NAME}":
        return None
    return member


README = """Dân vận portal backup, written by `manage.py backup` on {stamp}.

Contents:
- db.json: every record of the database as Django's JSON dump (units, people and roles,
  reports, letters and cases with their history, conferences, models, exports), except
  what migrations rebuild or what is transient: {excluded}.
  Denunciators' identities are in it: keep this archive as confidential as the database.
- media/: the uploaded files (evidence, attachments, rendered PDFs), except the folder
  media/{stash}/ of Excel uploads waiting for an import's confirmation: those are deleted
  after IMPORT_STASH_MINUTES and never enter a backup.
- README.txt: this file.

Restore into an empty database with `manage.py restore <this file>`.
"""


class Command(BaseCommand):
    help = "Write the database and the uploaded files to a .tar.gz backup."

    def add_arguments(self, parser):
        parser.add_argument(
            "--out", help="file to write (default: var/backups/danvan-<time>.tar.gz)"
        )

    def handle(self, *args, out=None, **options):
        target = Path(out) if out else self._default_path()
        target.parent.mkdir(parents=True, exist_ok=True)
        dump = io.StringIO()
        call_command(
            "dumpdata",
            natural_foreign=True,
            natural_primary=True,
            exclude=EXCLUDED,
            indent=None,
            stdout=dump,
        )
        data = dump.getvalue().encode("utf-8")
        with tarfile.open(target, "w:gz") as archive:
            info = tarfile.TarInfo("db.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            readme = README.format(
                stamp=timezone.localtime().isoformat(timespec="seconds"),
                excluded=", ".join(EXCLUDED),
                stash=imports.STASH_DIR_NAME,
            ).encode("utf-8")
            info = tarfile.TarInfo("README.txt")
            info.size = len(readme)
            archive.addfile(info, io.BytesIO(readme))
            media = Path(settings.MEDIA_ROOT)
            if media.exists():
                archive.add(media, arcname="media", filter=_without_import_stashes)
        self.stdout.write(self.style.SUCCESS(f"Backup written to {target}"))
        return str(target)

    def _default_path(self) -> Path:
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        return Path(settings.VAR_DIR) / "backups" / f"danvan-{stamp}.tar.gz"
