from django.db import migrations, models


def fill_period_dates(apps, schema_editor):
    from danvan.periods import Period

    Export = apps.get_model("rollup", "Export")
    for export in Export.objects.filter(period_start__isnull=True).only("pk", "period"):
        period = Period.parse(export.period)
        Export.objects.filter(pk=export.pk).update(period_start=period.start, period_end=period.end)


class Migration(migrations.Migration):
    dependencies = [("rollup", "0002_export_search")]

    operations = [
        migrations.AddField(
            model_name="export",
            name="period_start",
            field=models.DateField(editable=False, null=True, verbose_name="period start"),
        ),
        migrations.AddField(
            model_name="export",
            name="period_end",
            field=models.DateField(editable=False, null=True, verbose_name="period end"),
        ),
        migrations.RunPython(fill_period_dates, migrations.RunPython.noop),
    ]
