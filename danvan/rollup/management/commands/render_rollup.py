"""Render the roll-up report without the web, as a PDF or a Word file (by the --out suffix):
the same code the export task runs, with the time it took."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danvan.orgs.models import Unit
from danvan.periods import Period, PeriodError
from danvan.rollup import rendering


class Command(BaseCommand):
    help = "Render the roll-up report of a unit and period to a PDF or .docx file."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="code path, e.g. ha-noi/long-bien")
        parser.add_argument("--period", required=True, help="2019Q1, 2019S1, 2019N9, 2019")
        parser.add_argument("--out", required=True, help="report.pdf or report.docx")
        parser.add_argument("--number", default="", help="document number, e.g. 481")
        parser.add_argument("--date", default="", help="issue date YYYY-MM-DD (default today)")

    def handle(self, *args, unit, period, out, number, date, **options):
        try:
            period = Period.parse(period)
        except PeriodError as exc:
            raise CommandError(str(exc)) from None
        found = Unit.objects.filter(path=unit.strip("/")).first()
        if found is None:
            raise CommandError(f"No unit with code path {unit!r}.")
        parameters = {
            key: value for key, value in {"number": number, "issued_on": date}.items() if value
        }
        file_format = Path(out).suffix.lower().lstrip(".")
        if file_format not in rendering.FORMATS:
            raise CommandError(f"--out must end in .pdf or .docx, not {out!r}.")
        started = time.perf_counter()
        content = rendering.rollup_file(found, period, parameters, file_format=file_format)
        Path(out).write_bytes(content)
        elapsed = time.perf_counter() - started
        self.stdout.write(f"{out}: {len(content)} bytes in {elapsed:.2f} s")
