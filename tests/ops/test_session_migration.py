"""Who was logged in before the session table got its user column stays logged in."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DjangoStore

from tests.migrating import latest, migrate_to

BEFORE = [("itaportal", "0005_user_must_change_password")]


@pytest.mark.django_db(transaction=True)
def test_live_sessions_of_logged_in_users_move_to_the_new_table(staff_office):
    try:
        migrate_to(BEFORE)
        logged_in = DjangoStore()  # Django's own store: the table before the change
        logged_in[SESSION_KEY] = str(staff_office.pk)
        logged_in["note"] = "ร่างคำตอบ"
        logged_in.create()
        anonymous = DjangoStore()
        anonymous["seen"] = "1"
        anonymous.create()
        DjangoStore.get_model_class().objects.create(
            session_key="x" * 32, session_data="not signed", expire_date=logged_in.get_expiry_date()
        )
        loader = migrate_to(latest())
        assert set(loader.graph.leaf_nodes()) <= set(loader.applied_migrations)
    finally:
        migrate_to(latest())

    from itaportal.models import Session
    from itaportal.sessions import SessionStore

    moved = Session.objects.get()
    assert moved.session_key == logged_in.session_key and moved.user_id == staff_office.pk
    assert SessionStore(logged_in.session_key).load() == {
        SESSION_KEY: str(staff_office.pk),
        "note": "ร่างคำตอบ",
    }
