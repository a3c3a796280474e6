"""Queries that pages run on every request, compiled to SQL once per database connection.

Building SQL through the ORM costs more than running it: loading the user with their
organization, department and the layout's annotations took about 1.5 ms of Python per
request, the query itself a tenth of that; on the home page, building and compiling its
querysets was 40 % of the request. Both classes here build the queryset and compile it
once per connection with stand-in values for its parameters, remember where each stand-in
landed among the SQL parameters, and later only substitute the real values:

- `PreparedGet` (the logged-in user, every request) builds the object the way Django's own
  ModelIterable does, so a page receives exactly what `queryset.get(pk=…)` returned;
- `PreparedQuery` hands the compiled SQL to Django's own iterable (model instances with
  their select_related objects, `values()`, `values_list()`), so a caller receives exactly
  what `list(make_queryset(**params))` returns. A prefetch of a one-to-many relation (the
  measures' reports, an assessment's scores) is compiled once too, as "the children of
  the rows this query selects" with the same parameters, and is put where Django's own
  prefetch puts it; other prefetches run as Django runs them.

On PostgreSQL a round trip to the server (80 µs here) costs more than running most of
these statements, so they are sent several at a time where that is known ahead: a query
with its compiled prefetches, and whatever a page said ahead (`PreparedQuery.ahead`: the
home page's panels) with the first prepared query the page runs, in one pipeline.
"""

import copy
import functools
import itertools
import logging
from operator import attrgetter
from typing import NamedTuple

from django.conf import settings
from django.db import connections
from django.db.models import Count, ManyToManyField, ManyToOneRel, Prefetch, Value
from django.db.models.query import get_related_populators
from django.db.models.sql.constants import MULTI

from itaportal.shared import page_state

# A primary key no row has, to find the parameter to substitute in the compiled SQL.
_SENTINEL = -7_850_000_001
# PreparedQuery's stand-ins, one per parameter: 32,100, 32,150, … They fit every integer
# column (Django answers "no rows" without SQL for a value out of a column's range, and
# years are small integers), and are far enough apart that a stand-in changed on its way
# (year - 1) is told from another one; any integer between 32,000 and 32,767 among the
# compiled parameters that is not a stand-in stops the preparation.
_FIRST, _STEP, _LAST = 32_100, 50, 32_767
_MAX_PARAMETERS = (_LAST - _FIRST) // _STEP


_names = itertools.count()
logger = logging.getLogger(__name__)


class _CompiledPerConnection:
    """What is compiled is kept on the database connection object (one per thread)."""

    def __init__(self, make_queryset, using="default"):
        self.make_queryset = make_queryset
        self.using = using
        # Unique for the process's life (an id() could be reused by a later object, which
        # would then find another query's compiled SQL on the connection).
        self.name = f"_prepared_{next(_names)}"

    def _compiled(self, connection):
        compiled = getattr(connection, self.name, None)
        if compiled is None:
            compiled = self._compile()
            setattr(connection, self.name, compiled)
        return compiled

    def _compile(self):
        raise NotImplementedError

    def forget(self):
        for connection in connections.all(initialized_only=True):
            if hasattr(connection, self.name):
                delattr(connection, self.name)


class PreparedGet(_CompiledPerConnection):
    """`make_queryset().get(pk=pk)` (None when there is no such row), compiled once."""

    def _compile(self):
        query = self.make_queryset().order_by().filter(pk=_SENTINEL).query
        compiler = query.get_compiler(using=self.using)
        sql, params = compiler.as_sql()
        positions = [i for i, p in enumerate(params) if p == _SENTINEL]
        if len(positions) != 1:
            raise ValueError("the queryset's primary key filter could not be found")
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        converters = compiler.get_converters(fields)
        return (compiler, sql, list(params), positions[0], converters)

    def __call__(self, pk):
        connection = connections[self.using]
        compiler, sql, params, position, converters = self._compiled(connection)
        params = list(params)
        params[position] = pk
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchmany(2)
        if len(rows) != 1:
            return None
        return self._build(connection, rows[0])

    def fetch_keyed(self, key_sql, key_params, extra_sql, extra_params):
        """(extra value, object) of one statement that selects `extra_sql`'s value and the
        object whose primary key `key_sql` selects, or None when there is no such object.
        Both are scalar subqueries (`SELECT x FROM … WHERE …`)."""
        connection = connections[self.using]
        compiler, sql, params, position, converters = self._compiled(connection)
        parts = sql.split("%s")
        if len(parts) != len(params) + 1 or not sql.startswith("SELECT "):
            raise ValueError("the compiled query's parameters could not be placed")
        keyed = "%s".join(parts[: position + 1]) + f"({key_sql})" + "%s".join(parts[position + 1 :])
        keyed = f"SELECT ({extra_sql}), " + keyed[len("SELECT ") :]
        params = [*extra_params, *params[:position], *key_params, *params[position + 1 :]]
        with connection.cursor() as cursor:
            cursor.execute(keyed, params)
            rows = cursor.fetchmany(2)
        if len(rows) != 1:
            return None
        return rows[0][0], self._build(connection, rows[0][1:])

    def _build(self, connection, row):
        compiler, sql, params, position, converters = self._compiled(connection)
        select, klass_info = compiler.select, compiler.klass_info
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        init_list = [column[0].target.attname for column in select[start:end]]
        if converters:
            row = next(iter(compiler.apply_converters([row], converters)))
        obj = klass_info["model"].from_db(self.using, init_list, row[start:end])
        for populator in get_related_populators(klass_info, select, self.using):
            populator.populate(row, obj)
        for name, position in compiler.annotation_col_map.items():
            setattr(obj, name, row[position])
        return obj


class PreparedQuery(_CompiledPerConnection):
    """`list(make_queryset(**params))`, compiled once per database connection.

    Integer parameters that reach the SQL unchanged (ids and years compared with =, >=,
    <=, …) can be prepared; each must be used at least once, and an int is required at
    every call (never None, whose SQL differs: IS NULL). So can text searched for inside
    a column (`patterns`: a str used only with contains, icontains, startswith, …, whose
    SQL is the same for any text). Both are checked: a parameter that Django transformed
    or dropped while compiling raises ValueError at the first call, whatever the
    database, so a wrong query never runs. The queryset must not be sliced by a parameter
    or filtered with a list of them (`__in`): such SQL depends on the values.
    """

    def __init__(self, make_queryset, *names, patterns=(), using="default"):
        if not names or len(set(names) - set(patterns)) > _MAX_PARAMETERS:
            raise ValueError("a prepared query takes one or more named parameters")
        if not set(patterns) <= set(names):
            raise ValueError("a pattern is one of the named parameters")
        super().__init__(make_queryset, using)
        self.names = names
        self.patterns = frozenset(patterns)

    def _compile(self):
        numbers = itertools.count(_FIRST, _STEP)
        stand_ins = {
            name: _pattern_stand_in(i) if name in self.patterns else next(numbers)
            for i, name in enumerate(self.names)
        }
        queryset = self.make_queryset(**stand_ins)
        children, others = [], []
        for lookup in queryset._prefetch_related_lookups:
            child = _ChildQuery.of(queryset, lookup, connections[self.using])
            (others if child is None else children).append(child or lookup)
        if children:
            queryset = queryset._chain()
            queryset._prefetch_related_lookups = tuple(others)
        # A child's own prefetches (a report's evidence) run as Django runs them, with the
        # child rows' ids: compiled as a subquery of a subquery, PostgreSQL's plan for the
        # evidence joined every report before filtering (120 ms on national data).
        return self._compiled_query(queryset, stand_ins), [
            (child, (self._compiled_query(child.queryset, stand_ins), [])) for child in children
        ]

    def _compiled_query(self, queryset, stand_ins):
        compiler = queryset.query.get_compiler(using=self.using)
        sql, params = compiler.as_sql()
        params = list(params)
        positions = {}
        for name, stand_in in stand_ins.items():
            positions[name] = [i for i, p in enumerate(params) if _same(p, stand_in)]
            if not positions[name]:
                raise ValueError(f"parameter {name!r} does not reach the SQL unchanged")
        placed = {i for found in positions.values() for i in found}
        for i, param in enumerate(params):
            if i not in placed and _near_sentinel(param):
                raise ValueError(f"a parameter was changed on its way to the SQL: {param!r}")
        if _PATTERN_MARK in sql:
            raise ValueError("a pattern was written into the SQL itself")
        compiler.get_converters = _kept_converters(compiler.get_converters)
        return (queryset, compiler, sql, params, positions)

    def __call__(self, **values):
        tree = self._compiled(connections[self.using])
        if not self._preparable(tree, values):
            # A value the column cannot hold (a year of 99999 typed into an address): the
            # ORM knows what such a comparison means (no row, or every row).
            return list(self.make_queryset(**values))
        ahead = _reads_ahead()
        fetched = ahead.take(self, values, tree) if ahead is not None else None
        return _run_tree(tree, values, fetched)

    def bound(self, **values):
        """This query with `values`, to call or to say ahead later (`Bound`)."""
        return Bound(self, values)

    def ahead(self, **values):
        """Say that the page will call this query with `values`: inside a page's shared
        reads (a GET or HEAD request, itaportal.shared) it is then read with every other
        query said ahead, in one round trip, when the first prepared query of the page
        runs; the call itself takes the rows read. Elsewhere nothing is done. A query said
        ahead and never called was read for nothing: logged (debug) when the page ends."""
        tree = self._compiled(connections[self.using])
        ahead = _reads_ahead()
        if ahead is not None and self._preparable(tree, values):
            ahead.add(self, values, tree)

    def _preparable(self, tree, values):
        if set(values) != set(self.names):
            raise TypeError(f"a prepared query takes exactly {', '.join(self.names)}")
        for name, value in values.items():
            wanted = str if name in self.patterns else int
            if type(value) is not wanted:
                raise TypeError(f"{name} must be {wanted.__name__}, not {type(value).__name__}")
        positions, params = tree[0][4], tree[0][3]
        return all(
            isinstance(params[i], str) or _fits(values[name], params[i])
            for name, found in positions.items()
            for i in found
        )


class Bound(NamedTuple):
    """A prepared query with its values: what a selector decides to read, so that the
    page can say it ahead (`ahead()`) and later read it (`()`) through the one decision."""

    query: PreparedQuery
    values: dict

    def __call__(self):
        return self.query(**self.values)

    def ahead(self):
        self.query.ahead(**self.values)


def _reads_ahead():
    return page_state("reads_ahead", _ReadsAhead)


class _ReadsAhead:
    """The queries a page said it will call (`PreparedQuery.ahead`), until the first
    prepared query of the page runs and they are all read together; then their rows, until
    each is called."""

    def __init__(self):
        self.waiting, self.fetched, self.queries = {}, {}, {}

    @staticmethod
    def _key(query, values):
        return query.name, tuple(sorted(values.items()))

    def add(self, query, values, tree):
        key = self._key(query, values)
        if key not in self.fetched:
            self.waiting[key] = _tree_queries(tree, values)
            self.queries[key] = query

    def take(self, query, values, tree):
        """The rows of `query` for `values`: read with everything said ahead and still
        waiting, or taken from what was read; None when neither (the caller reads)."""
        if self.waiting:
            self.add(query, values, tree)
            self._read()
        return self.fetched.pop(self._key(query, values), None)

    def _read(self):
        waiting, self.waiting = self.waiting, {}
        fetched = iter(_fetch_together([q for queries in waiting.values() for q in queries]))
        for key, queries in waiting.items():
            self.fetched[key] = [next(fetched) for _ in queries]

    def close(self):
        unused = sorted(_where(self.queries[key]) for key in [*self.waiting, *self.fetched])
        if unused:
            logger.debug("read ahead and never called: %s", ", ".join(unused))


def _where(query):
    """Where a prepared query's queryset is made: module and line."""
    make = query.make_queryset
    code = getattr(make, "__code__", None)
    return f"{make.__module__}:{code.co_firstlineno if code else '?'}"


def _kept_converters(get_converters):
    """A compiled query's get_converters, each list of its expressions' converters worked
    out once: they depend on the expressions and the connection only, and Django looked
    them up column by column on every run. The per-call compilers are copies of the
    compiled one and share what is kept; the expressions are kept with it, so that their
    ids stay theirs."""
    kept = {}

    def converters(expressions):
        key = tuple(map(id, expressions))
        found = kept.get(key)
        if found is None:
            found = kept[key] = (get_converters(expressions), tuple(expressions))
        return found[0]

    return converters


def _run_tree(tree, values, fetched=None):
    """A compiled query's rows, with its compiled prefetches attached; from `fetched` (the
    rows of each, read already) when given. The query and its children go to the database
    together (one round trip on PostgreSQL, see `_fetch_together`): the children select by
    the parent's own conditions, not by its rows, so they need not wait for them."""
    compiled, children = tree
    queries = _tree_queries(tree, values)
    if fetched is None:
        fetched = _fetch_together(queries) if children else [None]
    rows = _run(queries[0], fetched[0])
    for (child, _), query, child_rows in zip(children, queries[1:], fetched[1:], strict=True):
        child.attach(rows, _run(query, child_rows))
    return rows


def _tree_queries(tree, values):
    compiled, children = tree
    return [_bound(compiled, values), *(_bound(subtree[0], values) for _, subtree in children)]


def _bound(compiled, values):
    """(queryset, compiler, sql, params) of a compiled query for `values`."""
    queryset, compiler, sql, params, positions = compiled
    params = list(params)
    for name, found in positions.items():
        for i in found:
            if isinstance(params[i], str):
                # A pattern (`%`, the stand-in, `%`): the text in the stand-in's place,
                # escaped as Django escapes it for LIKE.
                head, _stand_in, tail = params[i].split(_PATTERN_MARK)
                params[i] = head + compiler.connection.ops.prep_for_like_query(values[name]) + tail
            else:
                # The database adapter's own int type when it chose one (psycopg's Int2
                # for a small integer column).
                params[i] = type(params[i])(values[name])
    return queryset, compiler, sql, tuple(params)


def _run(query, fetched=None):
    """The rows of a bound query, built by the queryset's own iterable; from `fetched`
    (its rows, read already) when given."""
    queryset, compiler, sql, params = query
    # A compiler of its own per call (the compiled one stays untouched for the next),
    # answering with the compiled SQL instead of compiling again.
    compiler = copy.copy(compiler)
    compiler.as_sql = lambda *args, **kwargs: (sql, params)
    if fetched is not None:
        compiler.execute_sql = _fetched_rows(compiler, fetched)
    queryset = queryset._chain()
    queryset.query.get_compiler = lambda *args, **kwargs: compiler
    # Evaluated here: a chained copy of this queryset would carry the fixed compiler.
    return list(queryset)


def _fetched_rows(compiler, rows):
    """An execute_sql answering as SQLCompiler.execute_sql(MULTI) does, from rows read."""
    if compiler.has_extra_select:
        rows = [row[: compiler.col_count] for row in rows]

    def execute_sql(result_type=MULTI, chunked_fetch=False, chunk_size=None):
        if result_type != MULTI:
            raise ValueError("rows read ahead answer a query for its rows only")
        return [rows] if rows else []

    return execute_sql


def _fetch_together(queries, using="default"):
    """The rows of each bound query, read in one round trip on PostgreSQL (psycopg's
    pipeline mode: every statement is sent, then every result read). A round trip is
    80 µs here, more than running most of a page's statements takes. Elsewhere (SQLite,
    in-process) one after another. Each statement goes through Django's cursor, so it is
    counted, logged and wrapped as any other."""
    connection = connections[using]
    if connection.vendor != "postgresql" or len(queries) < 2 or not _pipelines():
        return [_fetch_one(connection, sql, params) for _, _, sql, params in queries]
    connection.ensure_connection()
    cursors = []
    try:
        with connection.wrap_database_errors, connection.connection.pipeline():
            for _, _, sql, params in queries:
                cursor = connection.cursor()
                cursors.append(cursor)
                cursor.execute(sql, params)
        with connection.wrap_database_errors:
            return [cursor.fetchall() for cursor in cursors]
    finally:
        for cursor in cursors:
            cursor.close()


def _pipelines():
    """Whether statements go together: settings.DB_PIPELINE, and psycopg's libpq has
    pipeline mode (14 and later)."""
    return getattr(settings, "DB_PIPELINE", True) and _libpq_pipelines()


@functools.cache
def _libpq_pipelines():
    import psycopg

    return psycopg.Pipeline.is_supported()


def _fetch_one(connection, sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class _ChildQuery:
    """A prefetch of a one-to-many or a many-to-many relation (`Prefetch("reports",
    queryset=…)`, "departments"), read as the children of whatever rows the parent query
    selects, so that its SQL depends on the parent's parameters only, not on how many rows
    there were. The rows come back with their parent's id as Django's own prefetch reads
    them (the foreign key; for many-to-many the link table's column, selected as Django
    selects it)."""

    def __init__(self, queryset, leaf_queryset, accessor, cache_name, parent_key, back=None):
        self.queryset, self.leaf_queryset = queryset, leaf_queryset
        self.accessor, self.cache_name, self.parent_key = accessor, cache_name, parent_key
        self.back = back  # the children's foreign key to the parent (one-to-many)

    @classmethod
    def of(cls, parent, lookup, connection):
        prefetch = lookup if isinstance(lookup, Prefetch) else Prefetch(lookup)
        name = prefetch.prefetch_through
        if "__" in name or prefetch.to_attr or prefetch.prefetch_to != name:
            return None
        try:
            relation = parent.model._meta.get_field(name)
        except Exception:
            return None  # a GenericRelation or a property: left to Django
        leaf = prefetch.queryset
        children = leaf if leaf is not None else relation.related_model._default_manager.all()
        # The parent's rows as a subquery: its order only matters when it is sliced.
        selected = parent.values("pk")
        if not parent.query.is_sliced:
            selected = selected.order_by()
        selected._prefetch_related_lookups = ()
        pk = parent.model._meta.pk
        if type(relation) is ManyToOneRel and relation.get_accessor_name() == name:
            field = relation.field
            if field.target_field != pk:
                return None
            children = children.filter(**{f"{field.name}__in": selected})
            key = attrgetter(field.attname)
            return cls(children, leaf, name, relation.cache_name, key, back=field)
        if type(relation) is ManyToManyField:
            # As ManyRelatedManager.get_prefetch_querysets builds it.
            link = relation.remote_field.through._meta.get_field(relation.m2m_field_name())
            if len(link.local_related_fields) != 1 or link.target_field != pk:
                return None
            column = link.local_related_fields[0]
            selects = f"_prefetch_related_val_{column.attname}"
            qn = connection.ops.quote_name
            children = (
                children._next_is_sticky()
                .filter(**{f"{relation.related_query_name()}__in": selected})
                .extra(select={selects: f"{qn(link.model._meta.db_table)}.{qn(column.column)}"})
            )
            return cls(children, leaf, name, relation.name, attrgetter(selects))
        return None

    def attach(self, parents, children):
        """Where Django's prefetch puts them: each parent's related manager answers
        `.all()` from these rows, and (one-to-many) each child knows its parent."""
        by_parent = {}
        for child in children:
            by_parent.setdefault(self.parent_key(child), []).append(child)
        for parent in parents:
            own = by_parent.get(parent.pk, [])
            if self.back is not None:
                for child in own:
                    if not self.back.is_cached(child):
                        setattr(child, self.back.name, parent)
            manager = getattr(parent, self.accessor)
            # As django.db.models.query.prefetch_one_level does.
            if self.leaf_queryset is not None:
                queryset = manager._apply_rel_filters(self.leaf_queryset)
            else:
                queryset = manager.get_queryset()
            queryset._result_cache = own
            queryset._prefetch_done = True
            if not hasattr(parent, "_prefetched_objects_cache"):
                parent._prefetched_objects_cache = {}
            parent._prefetched_objects_cache[self.cache_name] = queryset


def attach_children(parents, name, children):
    """Give `parents` the rows of their one-to-many relation `name` read by a query of
    their own (`children`), where Django's prefetch_related would put them. For the
    children of rows that are themselves prefetched: compiled as a subquery of a
    subquery, PostgreSQL planned them badly (see _compile)."""
    if not parents:
        return
    relation = parents[0]._meta.get_field(name)
    field = relation.field
    _ChildQuery(None, None, name, relation.cache_name, attrgetter(field.attname), field).attach(
        parents, children
    )


class PreparedCount(PreparedQuery):
    """`make_queryset(**params).count()`, compiled once per database connection."""

    def __init__(self, make_queryset, *names, using="default"):
        super().__init__(lambda **params: _counted(make_queryset(**params)), *names, using=using)

    def __call__(self, **values):
        rows = super().__call__(**values)
        return rows[0] if rows else 0


def _counted(queryset):
    if queryset.query.distinct or queryset.query.is_sliced:
        raise ValueError("count a distinct or sliced queryset through the ORM")
    # A constant is never grouped by, so this is one row: SELECT COUNT(id) … WHERE ….
    return (
        queryset.order_by()
        .annotate(_all=Value(1))
        .values("_all")
        .annotate(n=Count("pk"))
        .values_list("n", flat=True)
    )


def _fits(value, param):
    """Whether `value` fits the integer type the compiled parameter has: psycopg's Int2
    for a small integer column, else a 32-bit integer (ids beyond go through the ORM)."""
    bound = 2**15 if type(param).__name__ == "Int2" else 2**31
    return -bound <= value < bound


# A pattern's stand-in while compiling: a character of Unicode's private use area, which
# LIKE's escaping leaves as it is. (A value holding it later is only substituted in.)
_PATTERN_MARK = "\ue000"


def _pattern_stand_in(i):
    return f"{_PATTERN_MARK}{i}{_PATTERN_MARK}"


def _same(param, stand_in):
    if isinstance(stand_in, str):
        # Only as a LIKE pattern: %text%, text% or %text (an exact comparison, iexact or
        # a transformed text would need the value itself, or differ by database).
        return (
            isinstance(param, str)
            and stand_in in param
            and param.replace(stand_in, "", 1) in ("%%", "%")
        )
    return isinstance(param, int) and not isinstance(param, bool) and param == stand_in


def _near_sentinel(param):
    if isinstance(param, str):
        return _PATTERN_MARK in param
    if isinstance(param, bool) or not isinstance(param, int | float):
        return False
    return 32_000 <= param <= _LAST
