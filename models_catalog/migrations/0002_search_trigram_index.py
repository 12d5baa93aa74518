"""Fast diacritic-insensitive search on PostgreSQL: a trigram index on search_text."""

from django.db import migrations

from danvan.search import trigram_index_sql

TABLE = "models_catalog_practicemodel"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(trigram_index_sql(TABLE)[0])


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(trigram_index_sql(TABLE)[1])


class Migration(migrations.Migration):
    dependencies = [("models_catalog", "0001_catalogue")]

    operations = [migrations.RunPython(forward, backward)]
