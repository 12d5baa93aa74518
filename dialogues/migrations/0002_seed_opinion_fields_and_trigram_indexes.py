from django.db import migrations

from danvan.search import trigram_index_sql

# The five fields the metrics registry counts by code (dialogues.field_<code>); labels can be
# renamed in the admin, codes must stay.
FIELDS = [
    ("party_building", "Xây dựng Đảng", 10),
    ("socio_economy", "Kinh tế – xã hội", 20),
    ("defence_security", "Quốc phòng – an ninh", 30),
    ("land", "Đất đai, giải phóng mặt bằng", 40),
    ("other", "Lĩnh vực khác", 90),
]
TABLES = ["dialogues_conference", "dialogues_opinion"]


def seed_fields(apps, schema_editor):
    OpinionField = apps.get_model("dialogues", "OpinionField")
    for code, label, order in FIELDS:
        OpinionField.objects.get_or_create(code=code, defaults={"label": label, "order": order})


def trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(trigram_index_sql(table)[0])


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(trigram_index_sql(table)[1])


class Migration(migrations.Migration):
    dependencies = [("dialogues", "0001_conferences_opinions_events")]

    operations = [
        migrations.RunPython(seed_fields, migrations.RunPython.noop),
        migrations.RunPython(trigram_indexes, drop_trigram_indexes),
    ]
