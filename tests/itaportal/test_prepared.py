"""Queries compiled once per connection (itaportal.prepared) return what the ORM returns,
for every call's own values, and refuse what they cannot prepare safely."""

from unittest import mock

import pytest
from django.db.models import Count, Prefetch
from django.db.models.sql.compiler import SQLCompiler

from itaportal.models import Department, User
from itaportal.prepared import PreparedCount, PreparedQuery
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def users_of(org, department):
    return (
        User.objects.filter(organization=org, department=department)
        .select_related("organization", "department")
        .order_by("username")
    )


@pytest.fixture
def people(org, other_org, office, finance):
    elsewhere = Department.objects.create(organization=other_org, name="กองช่าง", order=1)
    return [
        make_user("p-office-1", org, User.Role.STAFF, office),
        make_user("p-office-2", org, User.Role.STAFF, office),
        make_user("p-finance", org, User.Role.STAFF, finance),
        make_user("p-other", other_org, User.Role.STAFF, elsewhere),
    ]


def test_model_rows_with_related_objects_are_what_the_orm_returns(people, org, office, finance):
    prepared = PreparedQuery(users_of, "org", "department")
    for department in (office, finance, office):  # the first call's values are not kept
        rows = prepared(org=org.pk, department=department.pk)
        expected = list(users_of(org.pk, department.pk))
        assert [u.pk for u in rows] == [u.pk for u in expected] and rows
        assert [(u.username, u.department.name, u.organization.slug) for u in rows] == [
            (u.username, u.department.name, u.organization.slug) for u in expected
        ]
        assert all(User.department.is_cached(u) for u in rows)
        assert not rows[0]._state.adding and rows[0]._state.db == "default"


def test_values_annotations_and_prefetches_are_what_the_orm_returns(people, org, other_org):
    def per_department(org):
        return (
            User.objects.filter(organization=org)
            .values_list("department__name")
            .annotate(n=Count("pk"))
            .order_by("department__name")
        )

    def departments(org):
        return Department.objects.filter(organization=org).prefetch_related(
            Prefetch("users", queryset=User.objects.order_by("username"))
        )

    counts = PreparedQuery(per_department, "org")
    with_people = PreparedQuery(departments, "org")
    for organization in (org, other_org):
        assert counts(org=organization.pk) == list(per_department(organization.pk))
        assert [
            (d.name, [u.username for u in d.users.all()]) for d in with_people(org=organization.pk)
        ] == [(d.name, [u.username for u in d.users.all()]) for d in departments(organization.pk)]


def test_a_count_is_one_number_also_when_nothing_matches(people, org, office):
    count = PreparedCount(lambda org, department: users_of(org, department), "org", "department")
    assert count(org=org.pk, department=office.pk) == 2
    assert count(org=org.pk, department=office.pk + 1000) == 0


def test_the_sql_is_compiled_once_per_connection(people, org, office, finance):
    prepared = PreparedQuery(users_of, "org", "department")
    prepared(org=org.pk, department=office.pk)
    with mock.patch.object(SQLCompiler, "as_sql", autospec=True) as compile_again:
        assert [u.username for u in prepared(org=org.pk, department=finance.pk)] == ["p-finance"]
    compile_again.assert_not_called()


def test_a_parameter_changed_or_unused_on_its_way_to_the_sql_is_refused(org):
    shifted = PreparedQuery(
        lambda org, year: User.objects.filter(organization=org, pk__gte=year - 1), "org", "year"
    )
    with pytest.raises(ValueError, match="changed"):
        shifted(org=org.pk, year=2570)
    unused = PreparedQuery(lambda org, year: User.objects.filter(organization=org), "org", "year")
    with pytest.raises(ValueError, match="year"):
        unused(org=org.pk, year=2570)


def test_values_must_be_the_named_ints(org, office):
    prepared = PreparedQuery(users_of, "org", "department")
    for bad in ({"org": org.pk}, {"org": org.pk, "department": office.pk, "x": 1}):
        with pytest.raises(TypeError):
            prepared(**bad)
    for value in (None, "1", True, 1.0):
        with pytest.raises(TypeError):
            prepared(org=org.pk, department=value)


def named_like(org, text, start):
    return (
        User.objects.filter(organization=org, first_name__icontains=text)
        .filter(last_name__startswith=start)
        .order_by("username")
    )


def test_text_searched_inside_a_column_is_a_pattern_escaped_as_django_escapes_it(org, office):
    names = ["สม%ใจ", "สม_ใจ", "สมใจ", "ส\\มใจ", "สม\ue000ใจ", "วิชัย"]
    for i, first_name in enumerate(names):
        make_user(f"p-{i}", org, User.Role.STAFF, office, first_name=first_name, last_name="ดี")
    prepared = PreparedQuery(named_like, "org", "text", "start", patterns=["text", "start"])
    for text in ["%", "_", "ม%ใ", "ม_ใ", "\\", "\ue000", "สมใจ", "ใจ", "", "ไม่มี", "%%"]:
        for start in ("ดี", "ด", "%", "ไม่"):
            expected = [u.username for u in named_like(org.pk, text, start)]
            assert [u.username for u in prepared(org=org.pk, text=text, start=start)] == expected
    with mock.patch.object(SQLCompiler, "as_sql", autospec=True) as compile_again:
        assert [u.first_name for u in prepared(org=org.pk, text="%", start="ดี")] == ["สม%ใจ"]
    compile_again.assert_not_called()


def test_patterns_take_no_integer_stand_in(org, office):
    # Fourteen patterns and two integers: more parameters than there are integer stand-ins.
    names = [f"t{i}" for i in range(14)]

    def every_text(org, department, **texts):
        queryset = User.objects.filter(organization=org, department=department)
        for text in texts.values():
            queryset = queryset.filter(first_name__contains=text)
        return queryset

    make_user("p-long", org, User.Role.STAFF, office, first_name="ก" * 14)
    prepared = PreparedQuery(every_text, "org", "department", *names, patterns=names)
    texts = dict.fromkeys(names, "ก")
    assert [u.username for u in prepared(org=org.pk, department=office.pk, **texts)] == ["p-long"]
    assert prepared(org=org.pk, department=office.pk, **(texts | {"t13": "ข"})) == []


def test_a_pattern_compared_whole_is_refused(org):
    for lookup in ("first_name", "first_name__iexact"):
        whole = PreparedQuery(
            lambda org, text, lookup=lookup: User.objects.filter(
                organization=org, **{lookup: text}
            ),
            "org",
            "text",
            patterns=["text"],
        )
        with pytest.raises(ValueError):
            whole(org=org.pk, text="สมใจ")
    with pytest.raises(TypeError, match="str"):
        PreparedQuery(named_like, "org", "text", "start", patterns=["text", "start"])(
            org=org.pk, text=1, start="ด"
        )
    with pytest.raises(ValueError):
        PreparedQuery(named_like, "org", "text", patterns=["start"])


def test_what_a_call_returns_cannot_be_chained_into_another_query(people, org, office):
    rows = PreparedQuery(users_of, "org", "department")(org=org.pk, department=office.pk)
    assert isinstance(rows, list)


def test_a_distinct_queryset_is_not_counted_this_way(org):
    count = PreparedCount(lambda org: User.objects.filter(organization=org).distinct(), "org")
    with pytest.raises(ValueError):
        count(org=org.pk)


def test_a_value_no_column_can_hold_is_answered_as_the_orm_answers(people, org, office):
    years = PreparedQuery(
        lambda org, year: User.objects.filter(organization=org, department__order__lte=year),
        "org",
        "year",
    )
    for year in (99_999, 2**40, -(2**40)):
        assert [u.pk for u in years(org=org.pk, year=year)] == [
            u.pk for u in User.objects.filter(organization=org.pk, department__order__lte=year)
        ]


def test_a_new_prepared_query_never_finds_another_s_compiled_sql(people, org, office):
    # Objects made and dropped in turn may reuse each other's memory (and id()).
    for _ in range(20):
        PreparedQuery(users_of, "org", "department")(org=org.pk, department=office.pk)
        count = PreparedCount(lambda org: User.objects.filter(organization=org), "org")
        assert count(org=org.pk) == User.objects.filter(organization=org.pk).count()


def departments_with_people(org):
    return (
        Department.objects.filter(organization=org)
        .order_by("name")
        .prefetch_related(Prefetch("users", queryset=User.objects.order_by("-username")))
    )


def test_a_one_to_many_prefetch_is_compiled_once_and_put_where_django_puts_it(
    people, org, other_org, django_assert_num_queries
):
    prepared = PreparedQuery(departments_with_people, "org")
    prepared(org=other_org.pk)
    with mock.patch.object(SQLCompiler, "as_sql", autospec=True) as compile_again:
        with django_assert_num_queries(2):  # the departments, then all their people
            rows = prepared(org=org.pk)
    compile_again.assert_not_called()
    expected = list(departments_with_people(org.pk))
    with django_assert_num_queries(0):
        got = [(d.name, [(u.username, u.department is d) for u in d.users.all()]) for d in rows]
    assert got == [(d.name, [(u.username, True) for u in d.users.all()]) for d in expected] and any(
        people for _, people in got
    )
    # The prefetched manager is still a manager: a filter on it asks the database.
    office = next(d for d in rows if d.users.all())
    first = office.users.all()[0].username
    assert [u.username for u in office.users.filter(username=first)] == [first]


def test_a_sliced_parent_gets_only_its_own_children(people, org):
    def first_department(org):
        return departments_with_people(org)[:1]

    rows = PreparedQuery(first_department, "org")(org=org.pk)
    expected = list(first_department(org.pk))
    assert [(d.pk, [u.pk for u in d.users.all()]) for d in rows] == [
        (d.pk, [u.pk for u in d.users.all()]) for d in expected
    ]


def test_a_many_to_many_prefetch_is_compiled_once_too(
    people, org, other_org, django_assert_num_queries
):
    from django.contrib.auth.models import Group

    reviewers, editors = Group.objects.create(name="ผู้ตรวจ"), Group.objects.create(name="ผู้แก้")
    reviewers.user_set.add(people[0], people[2])
    editors.user_set.add(people[0], people[3])

    def with_groups(org):
        return (
            User.objects.filter(organization=org)
            .order_by("username")
            .prefetch_related(Prefetch("groups", queryset=Group.objects.order_by("-name")))
        )

    prepared = PreparedQuery(with_groups, "org")
    prepared(org=other_org.pk)
    with mock.patch.object(SQLCompiler, "as_sql", autospec=True) as compile_again:
        with django_assert_num_queries(2):
            rows = prepared(org=org.pk)
    compile_again.assert_not_called()
    with django_assert_num_queries(0):
        got = [(u.username, [g.name for g in u.groups.all()]) for u in rows]
    assert got == [(u.username, [g.name for g in u.groups.all()]) for u in with_groups(org.pk)]
    assert got[0] == ("p-finance", ["ผู้ตรวจ"]) and ("p-office-1", ["ผู้แก้", "ผู้ตรวจ"]) in got


def test_nested_prefetches_still_run_as_django_runs_them(people, org, office):
    def with_colleagues(org):
        return (
            User.objects.filter(organization=org)
            .order_by("username")
            .prefetch_related(
                Prefetch("department__users", queryset=User.objects.order_by("username"))
            )
        )

    rows = PreparedQuery(with_colleagues, "org")(org=org.pk)
    expected = list(with_colleagues(org.pk))
    assert [[p.pk for p in u.department.users.all()] for u in rows] == [
        [p.pk for p in u.department.users.all()] for u in expected
    ]


def test_a_prefetch_s_own_prefetches_run_as_django_runs_them(
    people, org, other_org, django_assert_num_queries
):
    from django.contrib.auth.models import Group

    Group.objects.create(name="ผู้ตรวจ").user_set.add(people[0], people[2])

    def departments(org):
        people = User.objects.order_by("username").prefetch_related("groups")
        return (
            Department.objects.filter(organization=org)
            .order_by("name")
            .prefetch_related(Prefetch("users", queryset=people))
        )

    prepared = PreparedQuery(departments, "org")
    prepared(org=other_org.pk)
    with django_assert_num_queries(3):  # departments, their people, the people's groups
        rows = prepared(org=org.pk)
    with django_assert_num_queries(0):
        got = [
            [(u.username, [g.name for g in u.groups.all()]) for u in d.users.all()] for d in rows
        ]
    assert got == [
        [(u.username, [g.name for g in u.groups.all()]) for u in d.users.all()]
        for d in departments(org.pk)
    ]
    assert ("p-office-1", ["ผู้ตรวจ"]) in [p for people in got for p in people]


def test_postgresql_keeps_a_prepared_statements_generic_plan(db):
    """Left to choose (plan_cache_mode=auto), PostgreSQL plans a prepared statement with its
    values five times and then, for some statements, on every run; settings ask it to keep
    the generic plan, made once per connection."""
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "postgresql" or "prepare_threshold" not in settings.DATABASES[
        "default"
    ].get("OPTIONS", {}):
        pytest.skip("statements are prepared on PostgreSQL with DB_PREPARE on only")
    from itaportal.models import User

    for n in range(8):
        list(User.objects.filter(username=f"plan-{n}", last_name="แผน"))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements "
            "WHERE statement LIKE %s",
            ["%itaportal_user%username%last_name%"],
        )
        plans = cursor.fetchall()
    assert plans and all(custom == 0 and generic > 0 for generic, custom in plans)


def test_a_compiled_querys_converters_are_worked_out_once(org, office):
    """Django looks up each column's converters on every run; a compiled query keeps them,
    and its rows still come converted (dates, booleans, decimals)."""
    make_user("p-conv", org, "staff", office)
    prepared = PreparedQuery(lambda org: User.objects.filter(organization=org), "org")
    assert [u.username for u in prepared(org=org.pk)] == ["p-conv"]
    with mock.patch.object(SQLCompiler, "get_converters", wraps=None) as looked_up:
        rows = prepared(org=org.pk)
        rows += prepared(org=org.pk)
    looked_up.assert_not_called()
    assert {type(u.date_joined).__name__ for u in rows} == {"datetime"}
    assert {type(u.is_active) for u in rows} == {bool}


def noting_pipelines(piped):
    """An execute wrapper that notes in `piped`, for each statement on PostgreSQL, whether
    it went in a pipeline."""
    from django.db import connection

    def note(execute, sql, params, many, context):
        if connection.vendor == "postgresql":
            from psycopg import pq

            piped.append(connection.connection.pgconn.pipeline_status != pq.PipelineStatus.OFF)
        return execute(sql, params, many, context)

    return note


def test_a_query_and_its_compiled_prefetches_go_to_postgresql_together(
    people, org, other_org, django_assert_num_queries
):
    """Each round trip to the database costs more than most of a page's statements take to
    run: a query and the children it prefetches are sent in one pipeline and read after.
    They are still counted one by one, and the rows are what the ORM returns, also when
    there is no parent row (the children are then read for nothing, and attached to no
    one)."""
    from django.db import connection

    from itaportal.models import Organization

    piped = []
    note_pipeline = noting_pipelines(piped)
    prepared = PreparedQuery(departments_with_people, "org")
    empty = Organization.objects.create(name="องค์การบริหารส่วนตำบลว่าง", slug="empty-org")
    prepared(org=other_org.pk)
    with connection.execute_wrapper(note_pipeline), django_assert_num_queries(2):
        rows = prepared(org=org.pk)
    with django_assert_num_queries(2):
        assert prepared(org=empty.pk) == []
    assert [(d.pk, [u.pk for u in d.users.all()]) for d in rows] == [
        (d.pk, [u.pk for u in d.users.all()]) for d in departments_with_people(org.pk)
    ] and any(d.users.all() for d in rows)
    if connection.vendor == "postgresql":
        assert piped == [True, True]
    # Without prefetches a query goes alone, as Django sends it.
    piped.clear()
    with connection.execute_wrapper(note_pipeline):
        PreparedQuery(users_of, "org", "department")(org=org.pk, department=people[0].department_id)
    assert piped == ([False] if connection.vendor == "postgresql" else [])


def test_queries_said_ahead_are_read_together_and_each_call_takes_its_rows(
    people, org, other_org, office, finance, django_assert_num_queries, caplog
):
    """A page says ahead what its parts will read (`ahead`): the first prepared query the
    page runs reads them all (one round trip on PostgreSQL), and each later call takes its
    own rows without a query. Read for nothing is logged when the page ends."""
    import logging

    from itaportal.shared import shared_reads

    by_department = PreparedQuery(users_of, "org", "department")
    departments = PreparedQuery(departments_with_people, "org")
    caplog.set_level(logging.DEBUG, logger="itaportal.prepared")
    with shared_reads():
        by_department.bound(org=org.pk, department=office.pk).ahead()
        departments.ahead(org=org.pk)
        # Its own and the two said ahead (the departments with their people: two queries).
        with django_assert_num_queries(4):
            finance_people = by_department(org=org.pk, department=finance.pk)
        with django_assert_num_queries(0):
            office_people = by_department(org=org.pk, department=office.pk)
            found = [(d.pk, [u.pk for u in d.users.all()]) for d in departments(org=org.pk)]
        with django_assert_num_queries(1):  # taken once: a second call reads again
            assert by_department(org=org.pk, department=office.pk) == office_people
    assert [u.pk for u in office_people] == [u.pk for u in users_of(org.pk, office.pk)]
    assert [u.pk for u in finance_people] == [u.pk for u in users_of(org.pk, finance.pk)]
    assert found == [(d.pk, [u.pk for u in d.users.all()]) for d in departments_with_people(org.pk)]
    assert "never called" not in caplog.text

    with shared_reads():
        departments.ahead(org=other_org.pk)
        by_department(org=org.pk, department=office.pk)
    assert "read ahead and never called: tests.itaportal.test_prepared:" in caplog.text
    # Outside a page nothing is said ahead.
    with django_assert_num_queries(0):
        departments.ahead(org=org.pk)
    with django_assert_num_queries(2):
        departments(org=org.pk)


def test_db_pipeline_off_sends_a_query_and_its_prefetches_one_after_another(
    people, org, settings, django_assert_num_queries
):
    from django.db import connection

    settings.DB_PIPELINE = False
    piped = []
    prepared = PreparedQuery(departments_with_people, "org")
    with connection.execute_wrapper(noting_pipelines(piped)), django_assert_num_queries(2):
        rows = prepared(org=org.pk)
    assert [(d.pk, [u.pk for u in d.users.all()]) for d in rows] == [
        (d.pk, [u.pk for u in d.users.all()]) for d in departments_with_people(org.pk)
    ]
    assert not any(piped)
