"""Taking the test database to given migrations and back, for the migration tests."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(targets):
    """Migrate the test database to `targets` and return the executor's fresh loader."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()  # what is applied now
    return executor.loader


def latest():
    """The latest migration of every app."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()
