"""Measure roll-up PDF rendering: cold and warm time and memory growth over many renders.

Until the domain apps register their metrics, `--synthetic N` registers N stand-in metrics
in this process only, each running one real grouped query over the units of the scope
(the same shape as an app's metric), so the document has the size of a real roll-up.
"""

import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from danvan import metrics
from danvan.orgs.models import Unit
from danvan.periods import Period
from danvan.rollup import rendering

CODES = [
    "reports.filed", "reports.late", "reports.approved", "models_catalog.models",
    "models_catalog.recognised", "petitions.letters", "petitions.cases",
    "petitions.cases_resolved", "petitions.visits", "dialogues.conferences",
    "dialogues.opinions", "dialogues.answered_at_conference",
]  # fmt: skip


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _register(count: int) -> None:
    for index in range(count):
        code = CODES[index] if index < len(CODES) else f"bench.figure_{index}"
        ratio = code.endswith(("filed", "approved", "resolved", "conference"))

        def compute(scope, ratio=ratio):
            units = Unit.objects.filter(scope.unit_q("path"))
            if ratio:
                return metrics.ratio_by_unit(units, Count("id"), Count("id") + 1, path_field="path")
            return metrics.sum_by_unit(units, path_field="path", n=Count("id"))

        metrics.register(code, label=code, unit="đv", aggregation="ratio" if ratio else "sum")(
            compute
        )


class Command(BaseCommand):
    help = "Render the roll-up PDF repeatedly; print cold/warm times and memory growth."

    def add_arguments(self, parser):
        parser.add_argument("--unit", default="ha-noi/long-bien")
        parser.add_argument("--period", default="2019Q1")
        parser.add_argument("--renders", type=int, default=50)
        parser.add_argument("--synthetic", type=int, default=0, help="stand-in metrics to add")

    def handle(self, *args, unit, period, renders, synthetic, **options):
        found = Unit.objects.filter(path=unit).first()
        if found is None:
            raise CommandError(f"No unit {unit!r}")
        _register(synthetic)
        period = Period.parse(period)
        times, sizes = [], []
        rss_start = _rss_mb()
        rss_after_first = None
        for _n in range(renders):
            started = time.perf_counter()
            sizes.append(len(rendering.rollup_pdf(found, period)))
            times.append(time.perf_counter() - started)
            if rss_after_first is None:
                rss_after_first = _rss_mb()
        warm = times[1:] or times
        self.stdout.write(
            f"{found.title} {period.code}: {len(metrics.all_metrics())} metrics, "
            f"{found.children.count()} child units, PDF {sizes[-1] // 1024} KiB\n"
            f"cold {times[0]:.2f} s; warm median {statistics.median(warm):.2f} s, "
            f"max {max(warm):.2f} s over {len(warm)} renders\n"
            f"RSS {rss_start:.0f} MiB before, {rss_after_first:.0f} MiB after the first render, "
            f"{_rss_mb():.0f} MiB after {renders} (growth after warm-up "
            f"{_rss_mb() - rss_after_first:+.0f} MiB)"
        )
