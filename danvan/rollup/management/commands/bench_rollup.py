"""Measure roll-up rendering (the PDF, or the .docx with --format docx): cold and warm time
and memory growth over many renders.

`--synthetic N` adds N stand-in metrics (`bench.figure_<n>`, every third a ratio) in this
process only, each running one real grouped query over the units of the scope (the same shape
as an app's metric), to measure a roll-up larger than the apps' own.
"""

import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from danvan import metrics
from danvan.orgs.models import Unit
from danvan.periods import Period
from danvan.rollup import rendering, services
from danvan.rollup.models import Export


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _register(count: int) -> None:
    for index in range(count):
        code = f"bench.figure_{index}"
        ratio = index % 3 == 2

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
        parser.add_argument("--format", default="pdf", choices=sorted(rendering.FORMATS))
        parser.add_argument("--synthetic", type=int, default=0, help="stand-in metrics to add")
        parser.add_argument(
            "--worker",
            action="store_true",
            help="send the renders as exports to the running Celery worker and time them there",
        )

    def handle(self, *args, unit, period, renders, synthetic, worker, **options):
        file_format = options["format"]
        found = Unit.objects.filter(path=unit).first()
        if found is None:
            raise CommandError(f"No unit {unit!r}")
        if worker:
            return self._through_worker(found, Period.parse(period), renders)
        _register(synthetic)
        period = Period.parse(period)
        times, sizes = [], []
        rss_start = _rss_mb()
        rss_after_first = None
        for _n in range(renders):
            started = time.perf_counter()
            sizes.append(len(rendering.rollup_file(found, period, file_format=file_format)))
            times.append(time.perf_counter() - started)
            if rss_after_first is None:
                rss_after_first = _rss_mb()
        warm = times[1:] or times
        self.stdout.write(
            f"{found.title} {period.code}: {len(metrics.all_metrics())} metrics, "
            f"{found.children.count()} child units, {file_format} {sizes[-1] // 1024} KiB\n"
            f"cold {times[0]:.2f} s; warm median {statistics.median(warm):.2f} s, "
            f"max {max(warm):.2f} s over {len(warm)} renders\n"
            f"RSS {rss_start:.0f} MiB before, {rss_after_first:.0f} MiB after the first render, "
            f"{_rss_mb():.0f} MiB after {renders} (growth after warm-up "
            f"{_rss_mb() - rss_after_first:+.0f} MiB)"
        )

    def _through_worker(self, unit, period, renders):
        """One export per render, each with its own number so none is reused; the worker's
        own start and finish times give the render time in a warm worker."""
        actor = get_user_model().objects.filter(is_superuser=True).first()
        started = time.perf_counter()
        ids = [
            services.export_request(
                actor=actor,
                kind=Export.Kind.ROLLUP_PDF,
                unit=unit,
                period=period,
                parameters={"number": f"bench-{time.time_ns()}-{n}"},
            ).pk
            for n in range(renders)
        ]
        while Export.objects.filter(pk__in=ids, status__in=["queued", "running"]).exists():
            time.sleep(0.5)
        wall = time.perf_counter() - started
        done = Export.objects.filter(pk__in=ids, status="done").order_by("pk")
        times = [(e.finished_at - e.started_at).total_seconds() for e in done]
        warm = times[1:] or times
        self.stdout.write(
            f"{unit.title} {period.code} through the worker: {len(times)}/{renders} done in "
            f"{wall:.1f} s; first {times[0]:.2f} s, warm median {statistics.median(warm):.2f} s, "
            f"max {max(warm):.2f} s"
        )
