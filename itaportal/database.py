"""What each new database connection is told when it opens (connection_created).

With DB_PREPARE on, psycopg prepares a page's statements on the server (settings). Left
to choose (plan_cache_mode=auto), PostgreSQL plans a prepared statement with its values
five times, then keeps the generic plan only if its estimated cost is not above theirs;
otherwise it plans with the values on every run. On national data two statements of the
benchmarked pages did so, the approval queue's answers among them: 1 ms of planning on
every request for 0.13 ms of running the generic plan. The generic plans of every
statement were timed against per-value ones (docs/DEPLOY.md), so each connection keeps
them. A SET rather than a startup option: PgBouncer refuses startup options it does not
track.
"""

from django.db.backends.signals import connection_created
from django.dispatch import receiver


@receiver(connection_created, dispatch_uid="keep-generic-plans")
def keep_generic_plans(sender, connection, **kwargs):
    if connection.vendor != "postgresql":
        return
    if connection.settings_dict.get("OPTIONS", {}).get("prepare_threshold") is None:
        return
    with connection.cursor() as cursor:
        cursor.execute("SET plan_cache_mode = force_generic_plan")
