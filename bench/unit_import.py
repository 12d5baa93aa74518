"""The 2025 reform's size through the portal's units import (issue 15): 3.321 new communes and
wards, each with its predecessors, from one generated spreadsheet, dry run then confirm.

`DATABASE_URL=… python -m bench.unit_import [communes]` (default 3321). In one transaction
rolled back at the end, so it leaves nothing behind: 34 new provinces and, under 34 old
provinces, ~700 old districts with ~10.000 old communes (bulk inserts, not measured); then
the generated sheet is uploaded (the dry run: file checks, row checks, preview) and
confirmed (every row through `unit_create` and `lineage_record`) as a superuser through the
real views, and each step is timed. The predecessors are 1-4 old communes a new one takes
over (whole / most / part), as in the lists of NQ 1656/NQ-UBTVQH15.
"""

import io
import os
import random
import sys
import time
from datetime import date

PROVINCES = 34
OLD_PER_NEW = (1, 4)


def build(communes: int, rng: random.Random):
    """The old tree (bulk) and the new provinces; returns the sheet's rows."""
    from danvan.orgs.models import Unit

    root = Unit.objects.create(name="Bench 2025", kind="city", code="bench", path="bench", depth=0)
    old_end, new_start = date(2025, 6, 30), date(2025, 7, 1)
    new_provinces, old_communes = [], []
    for p in range(PROVINCES):
        new = Unit(parent=root, kind="province", name=f"Tỉnh mới {p}", code=f"tinh-moi-{p}")
        old = Unit(parent=root, kind="province", name=f"Tỉnh cũ {p}", code=f"tinh-cu-{p}")
        for unit in (new, old):
            unit.path, unit.depth = f"bench/{unit.code}", 1
        new.valid_from, old.valid_to = new_start, old_end
        new_provinces.append(new)
        old_communes.append(old)
    Unit.objects.bulk_create(new_provinces + old_communes)
    old_provinces = old_communes
    districts = []
    for p, province in enumerate(old_provinces):
        for d in range(21):
            code = f"huyen-{p}-{d}"
            districts.append(
                Unit(
                    parent=province,
                    kind="rural_district",
                    name=f"Huyện {p}-{d}",
                    code=code,
                    path=f"{province.path}/{code}",
                    depth=2,
                    valid_to=old_end,
                )
            )
    Unit.objects.bulk_create(districts)
    olds = []
    for district in districts:
        for c in range(14):
            code = f"xa-{c}"
            olds.append(
                Unit(
                    parent=district,
                    kind="commune",
                    name=f"Xã {district.code}-{c}",
                    code=code,
                    path=f"{district.path}/{code}",
                    depth=3,
                    valid_to=old_end,
                )
            )
    Unit.objects.bulk_create(olds, batch_size=2000)
    by_province = {}
    for unit in olds:
        by_province.setdefault(unit.path.split("/")[1], []).append(unit.path)
    shares = ["toàn bộ", "phần lớn", "một phần"]
    rows = []
    for n in range(communes):
        p = n % PROVINCES
        pool = by_province[f"tinh-cu-{p}"]
        taken = rng.sample(pool, rng.randint(*OLD_PER_NEW))
        predecessors = "; ".join(f"{path} ({rng.choice(shares)})" for path in taken)
        rows.append(
            [
                f"bench/tinh-moi-{p}",
                f"Phường Mới Số {n}",
                "",
                "Xã" if n % 3 else "Phường",
                "01/07/2025",
                predecessors,
                "Nghị quyết số 1656/NQ-UBTVQH15",
            ]
        )
    return rows, len(olds) + len(districts) + 2 * PROVINCES


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import translation

    from danvan.excel import write_workbook
    from danvan.orgs.models import Unit, UnitLineage
    from danvan.orgs.resources import unit_columns

    communes = int((argv or sys.argv[1:] or ["3321"])[0])
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    with transaction.atomic():
        started = time.perf_counter()
        rows, old_count = build(communes, random.Random(15))
        root_user = get_user_model().objects.create_superuser("bench-unit-import")
        print(f"set-up: {old_count} old units in {time.perf_counter() - started:.1f} s")
        with translation.override("vi"):
            headers = [c.header for c in unit_columns()]
        content = write_workbook("Đơn vị", headers, rows)
        print(f"sheet: {len(rows)} rows, {len(content) / 1024:.0f} KiB")
        client = Client(HTTP_HOST="localhost")
        client.force_login(root_user)
        root = Unit.objects.get(path="bench")
        url = f"/quan-ly/don-vi/{root.pk}/nhap-excel/"

        started = time.perf_counter()
        upload = io.BytesIO(content)
        upload.name = "don-vi-2025.xlsx"
        preview = client.post(url, {"file": upload})
        dry_run = time.perf_counter() - started
        page = preview.content.decode()
        assert preview.status_code == 200 and 'name="token"' in page, page[-3000:]
        token = page.split('name="token" value="', 1)[1].split('"', 1)[0]
        print(f"dry run (upload, checks, preview): {dry_run:.1f} s")

        started = time.perf_counter()
        done = client.post(url, {"token": token})
        confirm = time.perf_counter() - started
        assert done.status_code == 302, done.content.decode()[-3000:]
        new = Unit.objects.filter(path__startswith="bench/tinh-moi-", depth=2).count()
        links = UnitLineage.objects.filter(successor__path__startswith="bench/tinh-moi-").count()
        assert new == communes, new
        print(f"confirm (every row through the services): {confirm:.1f} s")
        print(f"created {new} units with {links} lineage links")
        print(f"total dry run + confirm: {dry_run + confirm:.1f} s")
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
