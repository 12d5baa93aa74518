from django.db import migrations

from danvan.search import trigram_index_sql

FORWARD, BACKWARD = trigram_index_sql("reports_report")


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_reports_initial")]

    operations = [migrations.RunPython(forward, backward)]
