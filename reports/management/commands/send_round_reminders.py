from django.core.management.base import BaseCommand

from reports.reminders import send_round_reminders


class Command(BaseCommand):
    help = "Create the deadline reminders of reporting rounds now (same code as the daily task)."

    def handle(self, *args, **options):
        sent = send_round_reminders()
        self.stdout.write(f"{sent} reminder(s) created.")
