"""Django's database sessions, read together with the logged-in user in one statement.

Every logged-in request reads its session and then its user. The session table keeps the
user's id beside the signed data (`itaportal.models.Session`), so one statement returns
both the session's data and the user's row, built exactly as `itaportal.auth` loads the
user (itaportal/prepared.py); the authentication middleware (itaportal/auth.py) hands that
user to Django's own `auth.get_user`, which still checks the session's backend and its
password hash. A session without a user (a visitor who has not logged in) is read with a
second, plain statement. Writing, expiry, cycling and deleting stay Django's own
(`SESSION_ENGINE = "itaportal.sessions"`).
"""

import logging

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import db
from django.core.exceptions import SuspiciousOperation
from django.db import connections, router
from django.utils import timezone

logger = logging.getLogger(__name__)


class SessionStore(db.SessionStore):
    # The user read with the session (None until then, or when it has none).
    loaded_user = None

    @classmethod
    def get_model_class(cls):
        from itaportal.models import Session

        return Session

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        user_id = data.get(SESSION_KEY)
        session.user_id = int(user_id) if str(user_id).isdigit() else None
        return session

    def _get_session_from_db(self):
        model = self.get_model_class()
        using = router.db_for_read(model)
        connection = connections[using]
        try:
            key = self.session_key
        except SuspiciousOperation as e:  # as Django's own store reports it
            logging.getLogger(f"django.security.{e.__class__.__name__}").warning(str(e))
            self._session_key = None
            return None
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        column = _columns(connection, model)
        where = f"WHERE {column['key']} = %s AND {column['expires']} > %s"
        found = _with_user(
            f"SELECT {column['user']} FROM {column['table']} {where}",
            f"SELECT {column['data']} FROM {column['table']} {where}",
            [key, now],
        )
        if found is not None:
            data, self.loaded_user = found
        else:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {column['data']} FROM {column['table']} {where}", [key, now]
                )
                row = cursor.fetchone()
            if row is None:
                self._session_key = None
                return None
            data = row[0]
        return model(session_key=key, session_data=data)


def _columns(connection, model):
    quote = connection.ops.quote_name
    field = model._meta.get_field
    return {
        "table": quote(model._meta.db_table),
        "key": quote(field("session_key").column),
        "expires": quote(field("expire_date").column),
        "data": quote(field("session_data").column),
        "user": quote(field("user_id").column),
    }


def _with_user(user_id_sql, data_sql, params):
    """(session data, user) in one statement, or None (no session, or no user in it)."""
    from itaportal.auth import logged_in_user

    try:
        return logged_in_user.fetch_keyed(user_id_sql, params, data_sql, params)
    except ValueError:
        logger.exception("the session and the user could not be read together")
        return None
