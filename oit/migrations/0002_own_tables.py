from django.db import migrations

MOVED = ["oitanswer", "oitanswerattachment", "answerevent"]


def move_content_types(apps, schema_editor):
    """Permissions and admin log entries follow the models to their new app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        old = ContentType.objects.using(db).filter(app_label="assessments", model=model)
        if ContentType.objects.using(db).filter(app_label="oit", model=model).exists():
            old.delete()
        else:
            old.update(app_label="oit")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label="oit", model__in=MOVED).update(
        app_label="assessments"
    )


class Migration(migrations.Migration):
    """The tables taken over from the assessments app get this app's names; every row
    stays (a rename, not a copy)."""

    dependencies = [
        ("oit", "0001_initial"),
        ("assessments", "0005_oit_answers_moved"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="answerevent", table=None),
        migrations.AlterModelTable(name="oitanswer", table=None),
        migrations.AlterModelTable(name="oitanswerattachment", table=None),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
