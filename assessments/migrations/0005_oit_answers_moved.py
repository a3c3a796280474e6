from django.db import migrations


class Migration(migrations.Migration):
    """The OIT answers now belong to the oit app (its 0001 takes them over with their
    tables); here they only leave this app's state. No table is touched."""

    dependencies = [
        ("assessments", "0004_indicator_instrument_restrict"),
        ("oit", "0001_initial"),
        ("audit", "0003_oit_answers_moved"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="AnswerEvent"),
                migrations.DeleteModel(name="OITAnswerAttachment"),
                migrations.DeleteModel(name="OITAnswer"),
            ],
            database_operations=[],
        ),
    ]
