"""Hand the open work of closed units over to their successors (danvan.handover)."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danvan import handover
from danvan.orgs.models import Unit


class Command(BaseCommand):
    help = (
        "List (and with --apply, move) the open work of the units closed before --date to "
        "their successors; --pdf writes the printed list."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", required=True, help="the reform's date, e.g. 2025-07-01")
        parser.add_argument(
            "--choose",
            action="append",
            default=[],
            metavar="OLD=NEW",
            help="where a split unit's work goes (code paths), instead of its largest share",
        )
        parser.add_argument("--apply", action="store_true", help="move the items")
        parser.add_argument("--pdf", help="write the printed list to this file")
        parser.add_argument("--issuer", default="", help="code path of the unit issuing the list")
        parser.add_argument("--reason", default="Bàn giao khi sắp xếp đơn vị hành chính")

    def handle(self, *args, **options):
        try:
            day = date.fromisoformat(options["date"])
            choices = {}
            for pair in options["choose"]:
                old, _sep, new = pair.partition("=")
                choices[Unit.objects.get(path=old.strip("/")).pk] = Unit.objects.get(
                    path=new.strip("/")
                )
        except ValueError as error:
            raise CommandError(f"Bad --date or --choose: {error}") from None
        except Unit.DoesNotExist:
            raise CommandError(f"No unit with the code path in {options['choose']}.") from None
        if options["apply"]:
            rows = handover.handover_run(
                actor=None, day=day, reason=options["reason"], choices=choices
            )
        else:
            rows = handover.plan(day, choices)
        for row in rows:
            self.stdout.write(f"{row.kind.code}\t{row.old.path}\t{row.new.path}\t{row.description}")
        counts = {kind.code: 0 for kind in handover.kinds()}
        for row in rows:
            counts[row.kind.code] += 1
        verb = "moved" if options["apply"] else "to move"
        self.stdout.write(", ".join(f"{code}: {n}" for code, n in counts.items()) + f" ({verb})")
        if options["pdf"]:
            issuer = Unit.objects.filter(path=options["issuer"].strip("/")).first()
            issuer = issuer or Unit.objects.filter(parent__isnull=True).order_by("path").first()
            Path(options["pdf"]).write_bytes(handover.printed_list(rows, day=day, issuer=issuer))
