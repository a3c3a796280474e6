"""Evidence becomes an attachment like the OIT files: the files stored under predictable
names (evidence/<year>/<month>/<measure>-<report>.pdf) move to random names, and each row
gets the content type sniffed from its bytes and the stored size. Every row and every
file's bytes are kept; the reverse keeps the files where they are."""

import django.db.models.deletion
import itaportal.attachments
from django.conf import settings
from django.db import migrations, models

from itaportal.attachments import UNKNOWN_TYPE, move_to_random_name
from itaportal.uploads import files_removed_on_error


def evidence_to_random_names(apps, schema_editor):
    Evidence = apps.get_model("measures", "Evidence")
    with files_removed_on_error() as keep:
        for evidence in Evidence.objects.order_by("pk"):
            if not evidence.file.name or not evidence.file.storage.exists(evidence.file.name):
                continue  # nothing stored to move: the row stays as it is
            content_type = move_to_random_name(
                evidence.file, "evidence", keep=keep, sniff_as=evidence.original_name
            )
            evidence.content_type = content_type or UNKNOWN_TYPE
            evidence.size = evidence.file.storage.size(evidence.file.name)
            evidence.save(update_fields=["file", "content_type", "size"])


class Migration(migrations.Migration):

    dependencies = [
        ('measures', '0002_measure_report_memo_versioned'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='evidence',
            name='content_type',
            field=models.CharField(blank=True, max_length=100, verbose_name='ชนิดไฟล์'),
        ),
        migrations.AlterField(
            model_name='evidence',
            name='file',
            field=models.FileField(max_length=200, upload_to=itaportal.attachments.attachment_upload_to, verbose_name='ไฟล์'),
        ),
        migrations.AlterField(
            model_name='evidence',
            name='original_name',
            field=models.CharField(max_length=255, verbose_name='ชื่อไฟล์เดิม'),
        ),
        migrations.AlterField(
            model_name='evidence',
            name='uploaded_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='อัปโหลดเมื่อ'),
        ),
        migrations.AlterField(
            model_name='evidence',
            name='uploaded_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='อัปโหลดโดย'),
        ),
        migrations.RunPython(evidence_to_random_names, migrations.RunPython.noop),
    ]
