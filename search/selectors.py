"""Find anything of the user's organization by Thai text.

Thai is written without spaces, so the query is cut into words (`thai.search_terms`) and a
row matches when every word occurs somewhere in its searched fields, anywhere inside the
text: "เปิดเผย" finds "มาตรการส่งเสริมการเปิดเผยข้อมูล". PostgreSQL's full-text parser has
no Thai and would see a whole title as one token, so both databases run the same
substring match (LIKE); on PostgreSQL the search app's migration adds pg_trgm
indexes on UPPER(column) that serve those scans.

Every query is scoped to the user's organization; people (user accounts) are found only
by the agency admin, who is the only one to manage them.

A query's SQL depends only on its shape (how many words, and which hold digits), so each
source's queries are compiled once per shape and process (`itaportal.prepared`), and every
kind's rows are read together: one round trip on PostgreSQL.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import F, Q, Subquery

from assessments.models import ITEM_YEAR, Assessment, OITItem
from committees.models import Member, Order
from itaportal import access, thai
from itaportal.kept_urls import kept_reverse
from itaportal.models import User
from itaportal.prepared import PreparedQuery
from measures.models import Measure, Memo
from oit.models import OITAnswer

# Each kind returns at most this many rows: a query that matches more is too wide to read,
# and the page says so.
PER_KIND = 100


@dataclass
class Hit:
    kind: str
    title: str
    url: str
    detail: str = ""
    year: int | None = None

    @property
    def label(self):
        return KINDS[self.kind]


KINDS = {
    "measure": "มาตรการ",
    "oit": "ข้อ OIT และคำตอบ",
    "order": "คำสั่งแต่งตั้ง",
    "member": "กรรมการในคำสั่ง",
    "memo": "บันทึกข้อความ",
    "user": "ผู้ใช้",
}


def _words(terms):
    """Each term's forms and number: a term with digits matches them in Thai or Arabic
    digits alike (documents write ๒๕๖๕, people type 2565), and a term that is a whole
    number also matches integer fields (an order's number) exactly; else None."""
    words = []
    for term in terms:
        plain = thai.arabic_digits(term)
        forms = tuple(dict.fromkeys([term, thai.thai_digits(term), plain]))
        number = int(plain) if plain.isascii() and plain.isdigit() and len(plain) <= 9 else None
        words.append((forms, number))
    return words


def _matching(words, fields, numbers=()):
    """Every word somewhere in one of `fields` (in any of its forms), or equal to one of
    the integer fields `numbers`."""
    condition = Q()
    for forms, number in words:
        any_field = Q()
        for name in fields:
            for form in forms:
                any_field |= Q(**{f"{name}__icontains": form})
        if number is not None:
            for name in numbers:
                any_field |= Q(**{name: number})
        condition &= any_field
    return condition


def _rows(rows_of, searched, ordering, shown, numbers=()):
    """A kind's query `(organization, words)`: the rows of `rows_of(organization)` in which
    every word is in one of the `searched` fields (or equals one of the integer fields
    `numbers`), in `ordering`, as the `shown` columns, at most PER_KIND of them."""

    def query(organization, words):
        return (
            rows_of(organization)
            .filter(_matching(words, searched, numbers))
            .order_by(*ordering)
            .values_list(*shown)[:PER_KIND]
        )

    # A prepared query takes only the parameters it uses: the words' numbers, or not.
    query.by_number = bool(numbers)
    return query


_measures = _rows(
    lambda organization: Measure.objects.filter(assessment__organization=organization),
    searched=["title", "sub_topic", "weakness"],
    ordering=["-assessment__year", "indicator__number", "order", "pk"],
    shown=["pk", "title", "indicator__number", "indicator__name", "assessment__year"],
)


def _measure_hits(terms, measures):
    for pk, title, number, name, year in measures:
        yield Hit(
            "measure",
            title,
            kept_reverse("measures:detail", (pk,)),
            f"ตัวชี้วัดที่ {number} {name}",
            year,
        )


def _items_of_years(organization):
    """The items of the organization's assessment years, each with its `year`."""
    years = Assessment.objects.filter(organization=organization).values("year")
    return OITItem.objects.filter(**{f"{ITEM_YEAR}__in": Subquery(years)}).annotate(
        year=F(ITEM_YEAR)
    )


# Items found by code or title, and the organization's answers found by their text.
_oit_items = _rows(
    _items_of_years,
    searched=["code", "title", "group"],
    ordering=["-year", "number"],
    shown=["year", "code", "title"],
)
_oit_answers = _rows(
    lambda organization: OITAnswer.objects.filter(organization=organization).with_year(),
    searched=["where_to_find", "explanation", "review_comment"],
    ordering=["-year", "item__number"],
    shown=["year", "item__code", "item__title", "where_to_find", "explanation", "review_comment"],
)


def _oit_hits(terms, items, answers):
    """One hit per item; an answer found by its text shows the words around them."""
    seen = {}

    def hit(year, code, title):
        if (year, code) not in seen:
            url = kept_reverse("oit:answer", (year, code))
            seen[(year, code)] = Hit("oit", f"{code} {title}", url, "", year)
        return seen[(year, code)]

    for year, code, title in items:
        hit(year, code, title)
    for year, code, title, *texts in answers:
        hit(year, code, title).detail = _snippet(texts, terms)
    return sorted(seen.values(), key=lambda h: (-h.year, _code_number(h.title)))[:PER_KIND]


def _code_number(title):
    code = title.split(" ", 1)[0].lstrip("O")
    return int(code) if code.isdigit() else 0


_orders = _rows(
    lambda organization: Order.objects.filter(organization=organization),
    searched=["subject", "preamble", "signer_name"],
    numbers=["number", "year"],
    ordering=["-fiscal_year", "-pk"],
    shown=["pk", "subject", "number", "year", "fiscal_year"],
)


def _order_hits(terms, orders):
    for pk, subject, number, year, fiscal_year in orders:
        numbered = f"ที่ {number}/{year}" if number else "ร่าง (ยังไม่มีเลขที่)"
        yield Hit(
            "order",
            subject,
            kept_reverse("committees:detail", (pk,)),
            f"คำสั่ง{numbered}",
            fiscal_year,
        )


_members = _rows(
    lambda organization: Member.objects.filter(committee__order__organization=organization),
    searched=["position_title", "person_name"],
    ordering=["-committee__order__fiscal_year", "committee__order_id", "committee_id", "pk"],
    shown=[
        "person_name",
        "position_title",
        "committee__name",
        "committee__order_id",
        "committee__order__subject",
        "committee__order__fiscal_year",
    ],
)


def _member_hits(terms, members):
    for person_name, position_title, committee, order, subject, fiscal_year in members:
        yield Hit(
            "member",
            " ".join(p for p in [person_name, position_title] if p),
            kept_reverse("committees:detail", (order,)),
            f"{committee} · {subject}",
            fiscal_year,
        )


_memos = _rows(
    lambda organization: Memo.objects.filter(assessment__organization=organization),
    searched=["subject", "addressee", "number", "issuing_unit"],
    ordering=["-date", "-pk"],
    shown=[
        "pk",
        "subject",
        "assessment__organization__memo_prefix",
        "number",
        "date",
        "assessment__year",
    ],
)


def _memo_hits(terms, memos):
    for pk, subject, prefix, number, date, year in memos:
        yield Hit(
            "memo",
            subject,
            kept_reverse("measures:memo_detail", (pk,)),
            f"ที่ {Memo.reference_of(prefix, number)} · {thai.thai_date(date, 'short', 'arabic')}",
            year,
        )


_users = _rows(
    lambda organization: User.objects.filter(organization=organization),
    searched=["username", "first_name", "last_name", "position_title"],
    ordering=["first_name", "pk"],
    shown=[
        "pk",
        "username",
        "name_prefix",
        "first_name",
        "last_name",
        "position_title",
        "department__name",
    ],
)


def _user_hits(terms, people):
    for pk, username, prefix, first_name, last_name, position_title, department in people:
        yield Hit(
            "user",
            User.name_as_printed(prefix, first_name, last_name) or username,
            kept_reverse("user_edit", (pk,)),
            " · ".join(p for p in [position_title, department] if p),
        )


def _snippet(texts, terms, width=80):
    """A short piece of the first text that holds a term, for the result list."""
    for text in texts:
        for term in terms:
            at = text.lower().find(term.lower())
            if at >= 0:
                start = max(0, at - width // 2)
                piece = text[start : start + width].replace("\n", " ")
                return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")
    return ""


@dataclass(frozen=True)
class Source:
    """One kind of hit: its queries (`_rows`), how their rows become hits (`(terms,
    *rows)` → hits), and who may find it."""

    queries: tuple[Callable, ...]
    hits: Callable
    shown_to: Callable = lambda user: True


# In KINDS' order.
SOURCES = [
    Source((_measures,), _measure_hits),
    Source((_oit_items, _oit_answers), _oit_hits),
    Source((_orders,), _order_hits),
    Source((_members,), _member_hits),
    Source((_memos,), _memo_hits),
    Source((_users,), _user_hits, access.can_manage),
]

# Queries of more words than this are compiled for each search: their shapes are many and
# rare, and a prepared query takes a bounded number of parameters. So are shapes met once
# a process keeps this many prepared queries (a few shapes cover what people type).
PREPARED_WORDS = 4
PREPARED_LIMIT = 256
_prepared = {}


def _read(query, organization, words):
    """`query` for the organization and the words, to read (`()`) or say ahead
    (`.ahead()`): compiled once per shape of the words."""
    shape = tuple((len(forms), number is not None) for forms, number in words)
    if len(words) > PREPARED_WORDS or (
        (query, shape) not in _prepared and len(_prepared) >= PREPARED_LIMIT
    ):
        return _Unprepared(query(organization, words))
    values = {"organization": organization, **_parameters(words)}
    prepared = _prepared.get((query, shape))
    if prepared is None:

        def make(organization, **params):
            return query(organization, _words_of(shape, params))

        prepared = PreparedQuery(
            make, *values, patterns=[name for name in values if name.startswith("w")]
        )
        _prepared[(query, shape)] = prepared
    return prepared.bound(**values)


# A prepared query's parameters for the words: w{word}_{form} (patterns), n{word} (numbers).
def _parameters(words):
    values = {}
    for i, (forms, number) in enumerate(words):
        values.update({f"w{i}_{j}": form for j, form in enumerate(forms)})
        if number is not None:
            values[f"n{i}"] = number
    return values


def _words_of(shape, params):
    """The words that `_parameters` gave `params` for: `_words`' result again."""
    return [
        (tuple(params[f"w{i}_{j}"] for j in range(forms)), params[f"n{i}"] if numbered else None)
        for i, (forms, numbered) in enumerate(shape)
    ]


@dataclass(frozen=True)
class _Unprepared:
    """A queryset read as a `Bound` is: said ahead (nothing to do) and then read."""

    queryset: object

    def ahead(self):
        pass

    def __call__(self):
        return list(self.queryset)


def search(user, query):
    """(terms, hits) of `query` for `user`: hits of every kind, grouped in KINDS' order.

    No organization, or no words in the query, finds nothing."""
    terms = thai.search_terms(query)
    if not terms or not user.is_authenticated or user.organization_id is None:
        return terms, []
    words = _words(terms)
    texts = [(forms, None) for forms, _ in words]
    reads = [
        (
            source,
            [
                _read(kind_query, user.organization_id, words if kind_query.by_number else texts)
                for kind_query in source.queries
            ],
        )
        for source in SOURCES
        if source.shown_to(user)
    ]
    for _, queries in reads:
        for read in queries:
            read.ahead()
    found = []
    for source, queries in reads:
        found.extend(source.hits(terms, *(read() for read in queries)))
    return terms, found
