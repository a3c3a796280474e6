"""Trigram indexes for the search's substring scans, on PostgreSQL only.

Django writes `icontains` as UPPER(column) LIKE UPPER('%word%'), so the indexes are on
UPPER(column): an index on the bare column would never be used.

SQLite has no pg_trgm and scans the rows (its LIKE is fast enough at one organization's
size). On PostgreSQL without the pg_trgm extension, or without the right to create it, the
search still works, by sequential scan: the migration skips the indexes instead of
failing the deployment.
"""

from django.db import migrations, transaction

INDEXES = [
    ("search_measure_title_trgm", "measures_measure", "title"),
    ("search_memo_subject_trgm", "measures_memo", "subject"),
    ("search_order_subject_trgm", "committees_order", "subject"),
    ("search_member_name_trgm", "committees_member", "person_name"),
    ("search_oititem_title_trgm", "assessments_oititem", "title"),
]


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
        try:
            with transaction.atomic(using=connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception:  # no right to create extensions: keep the plain scans
            return
        for name, table, column in INDEXES:
            cursor.execute(
                f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
                f'USING gin (UPPER("{column}") gin_trgm_ops)'
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name, _table, _column in INDEXES:
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0003_evidence_attachment"),
        ("committees", "0003_order_number_blank_while_draft"),
        ("assessments", "0009_oititem_retired"),
    ]

    operations = [migrations.RunPython(create, drop)]
