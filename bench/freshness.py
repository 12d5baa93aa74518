"""How many stored figures one letter makes stale (docs/bench.md, "Freshness").

`DATABASE_URL=… python -m bench.freshness` on a database holding the demo (`manage.py
seed_demo`): keeps a snapshot of every unit for every period the dashboards offer
(`picker.period_choices`), at the version `snapshots.store` would keep; saves one letter in a
ward through `letter_register` (dated today, then in the demo's year) and counts the
snapshots no longer current. Nothing is kept: it all runs in one transaction rolled back.
The figures themselves are not counted (whether a snapshot is current depends on its version
only); the old global counter made every one of them stale.
"""

import os
import sys
from datetime import date


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from danvan import freshness, picker
    from danvan.orgs.models import Unit
    from danvan.rollup.models import Snapshot
    from petitions import services

    days = [timezone.localdate(), date(2019, 5, 14)]
    ward_path = (argv or sys.argv[1:] or ["ha-noi/long-bien/ngoc-thuy"])[0]
    with transaction.atomic():
        units = list(Unit.objects.all())
        periods = [period for _year, periods in picker.period_choices() for period in periods]
        Snapshot.objects.all().delete()
        now = timezone.now()
        Snapshot.objects.bulk_create(
            Snapshot(unit=unit, period=p.code, signature="bench", computed_at=now)
            for unit in units
            for p in periods
        )
        ward = Unit.objects.get(path=ward_path)
        actor = get_user_model().objects.filter(is_superuser=True).first()
        total = len(units) * len(periods)
        print(f"{len(units)} units × {len(periods)} periods = {total} snapshots")
        for day in days:
            for period in periods:  # all current: the version they would be counted at now
                Snapshot.objects.filter(period=period.code).update(
                    data_version=freshness.version_expression(period)
                )
            services.letter_register(
                actor=actor,
                unit=ward,
                sender=services.Sender("Nguyễn Văn Đo", "Tổ 3"),
                receiving_body="people_committee",
                received_on=day,
                channel="post",
                kind="petition",
                summary="Kiến nghị đo lại ranh giới (bench)",
            )
            stale = []
            for period in periods:
                rows = Snapshot.objects.filter(period=period.code).annotate(
                    now=freshness.version_expression(period)
                )
                stale += [(row.unit_id, period.code) for row in rows if row.data_version < row.now]
            units_stale = sorted({Unit.objects.get(pk=pk).path for pk, _code in stale})
            codes = sorted({code for _pk, code in stale})
            print(
                f"letter of {day:%d/%m/%Y} in {ward.path}: {len(stale)} stale "
                f"({len(units_stale)} units: {', '.join(units_stale)}; periods: {', '.join(codes)})"
            )
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
