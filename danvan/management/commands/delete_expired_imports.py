"""Delete uploads previewed but never confirmed once IMPORT_STASH_MINUTES have passed.

With a worker, Celery beat does this every 15 minutes (danvan.tasks.delete_expired_imports);
in embedded mode (no beat) run it from cron, e.g. `*/15 * * * * make -C /srv/danvan
expire-imports`. Each new upload also sweeps the expired ones."""

from django.core.management.base import BaseCommand

from danvan import imports


class Command(BaseCommand):
    help = "Delete import uploads previewed but not confirmed within IMPORT_STASH_MINUTES."

    def handle(self, *args, **options):
        deleted = imports.delete_expired_stashes()
        self.stdout.write(f"{deleted} expired import upload(s) deleted.")
