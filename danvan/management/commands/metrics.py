"""Show every registered figure for a unit and period, with its breakdown by child unit."""

import json

from django.core.management.base import BaseCommand, CommandError

from danvan import metrics
from danvan.orgs.models import Unit
from danvan.periods import Period, PeriodError


class Command(BaseCommand):
    help = "Print every registered metric for a unit and period, broken down by child unit."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="code path, e.g. ha-noi/long-bien")
        parser.add_argument("--period", required=True, help="2019Q1, 2019S1, 2019N9, 2019, 2019M03")
        parser.add_argument("--metric", action="append", help="only this metric code (repeatable)")
        parser.add_argument("--json", action="store_true", help="machine-readable output")

    def handle(self, *args, unit, period, metric, **options):
        try:
            period = Period.parse(period)
        except PeriodError as exc:
            raise CommandError(str(exc)) from None
        try:
            unit = Unit.objects.get(path=unit.strip("/"))
        except Unit.DoesNotExist:
            raise CommandError(f"No unit with code path {unit!r}.") from None
        chosen = metrics.all_metrics()
        if metric:
            unknown = set(metric) - {m.code for m in chosen}
            if unknown:
                raise CommandError(f"Unknown metric(s): {', '.join(sorted(unknown))}")
            chosen = [m for m in chosen if m.code in metric]
        results = metrics.evaluate_all(unit, period, chosen)
        if options["json"]:
            self._print_json(unit, period, results)
        else:
            self._print_text(unit, period, results)

    def _print_json(self, unit, period, results):
        document = {
            "unit": unit.path,
            "unit_name": unit.title,
            "period": period.code,
            "period_label": period.label,
            "metrics": [result.as_json() for result in results],
        }
        self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))

    def _print_text(self, unit, period, results):
        self.stdout.write(
            self.style.MIGRATE_HEADING(f"{unit.title} — {period.label} ({period.code})")
        )
        for result in results:
            metric = result.metric
            self.stdout.write(
                f"\n{metric.code}  {metric.label}: {result.total.display()} {metric.unit}"
            )
            for line in result.lines:
                self.stdout.write(f"    {line.unit.title:<32} {line.value.display()}")
