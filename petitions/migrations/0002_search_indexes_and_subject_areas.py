from django.db import migrations

from danvan.search import trigram_index_sql

TABLES = ("petitions_letter", "petitions_case")

# The starting list of subject areas; the admin can add, rename or reorder them.
AREAS = [
    ("land", "Đất đai, giải phóng mặt bằng"),
    ("social-policy", "Chính sách xã hội"),
    ("religion", "Tôn giáo"),
    ("urban-order", "Trật tự đô thị, xây dựng"),
    ("environment", "Môi trường"),
    ("officials", "Tác phong, đạo đức cán bộ"),
    ("other", "Khác"),
]


def add_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite (embedded mode) scans; the LIKE query is the same
    for table in TABLES:
        schema_editor.execute(trigram_index_sql(table)[0])


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(trigram_index_sql(table)[1])


def add_areas(apps, schema_editor):
    SubjectArea = apps.get_model("petitions", "SubjectArea")
    for order, (code, name) in enumerate(AREAS, start=1):
        SubjectArea.objects.get_or_create(code=code, defaults={"name": name, "order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_letters_cases_reception")]

    operations = [
        migrations.RunPython(add_trigram_indexes, drop_trigram_indexes),
        migrations.RunPython(add_areas, migrations.RunPython.noop),
    ]
