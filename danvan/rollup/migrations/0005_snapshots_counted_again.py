"""Stored figures kept the number of the old global data version; the versions per unit and
period (danvan.freshness) start again from 0, so a stored number would look current. The
snapshots are a cache: drop them, pages count them again."""

from django.db import migrations


def drop_snapshots(apps, schema_editor):
    apps.get_model("rollup", "Snapshot").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("rollup", "0004_snapshot"),
        ("danvan", "0003_figures_version_per_unit_and_month"),
    ]

    operations = [migrations.RunPython(drop_snapshots, migrations.RunPython.noop)]
