"""Emblems stored as emblems/<slug>.<ext> move to random names, checked and served like
every attached file. The bytes are kept; the reverse keeps the files where they are."""

import itaportal.models
from django.db import migrations, models

from itaportal.attachments import move_to_random_name
from itaportal.uploads import files_removed_on_error


def emblems_to_random_names(apps, schema_editor):
    Organization = apps.get_model("itaportal", "Organization")
    with files_removed_on_error() as keep:
        for org in Organization.objects.exclude(emblem="").order_by("pk"):
            if not org.emblem.storage.exists(org.emblem.name):
                continue  # nothing stored to move: the row stays as it is
            move_to_random_name(org.emblem, "emblems", keep=keep)
            org.save(update_fields=["emblem"])


class Migration(migrations.Migration):

    dependencies = [
        ('itaportal', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='organization',
            name='emblem',
            field=models.ImageField(blank=True, help_text='ภาพตราครุฑหรือตราของหน่วยงาน (PNG หรือ JPEG ไม่เกิน 2 MB)', upload_to=itaportal.models.emblem_upload_to, validators=[itaportal.models.validate_emblem_size, itaportal.models.validate_emblem_image], verbose_name='ตราสัญลักษณ์'),
        ),
        migrations.RunPython(emblems_to_random_names, migrations.RunPython.noop),
    ]
