"""Django's database sessions, read with one plain SQL statement.

Every logged-in request reads its session; through the ORM the query's compilation cost
more than the query. Writing, expiry, cycling and deleting stay Django's own
(`SESSION_ENGINE = "itaportal.sessions"`).
"""

import logging

from django.contrib.sessions.backends import db
from django.core.exceptions import SuspiciousOperation
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        model = self.model
        using = router.db_for_read(model)
        connection = connections[using]
        quote = connection.ops.quote_name
        sql = "SELECT {data} FROM {table} WHERE {key} = %s AND {expires} > %s".format(
            data=quote(model._meta.get_field("session_data").column),
            table=quote(model._meta.db_table),
            key=quote(model._meta.get_field("session_key").column),
            expires=quote(model._meta.get_field("expire_date").column),
        )
        try:
            key = self.session_key
        except SuspiciousOperation as e:  # as Django's own store reports it
            logging.getLogger(f"django.security.{e.__class__.__name__}").warning(str(e))
            self._session_key = None
            return None
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(sql, [key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return model(session_key=key, session_data=row[0])
