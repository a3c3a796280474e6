"""Find anything of the user's organization by Thai text.

Thai is written without spaces, so the query is cut into words (`thai.search_terms`) and a
row matches when every word occurs somewhere in its searched fields, anywhere inside the
text: "เปิดเผย" finds "มาตรการส่งเสริมการเปิดเผยข้อมูล". PostgreSQL's full-text parser has
no Thai and would see a whole title as one token, so both databases run the same
substring match (LIKE); on PostgreSQL the search app's migration adds pg_trgm
indexes on UPPER(column) that serve those scans.

Every query is scoped to the user's organization; people (user accounts) are found only
by the agency admin, who is the only one to manage them.
"""

from dataclasses import dataclass

from django.db.models import F, Q
from django.urls import reverse

from assessments.models import ITEM_YEAR, Assessment, OITItem
from committees.models import Member, Order
from itaportal import access, thai
from itaportal.models import User
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


KINDS = {
    "measure": "มาตรการ",
    "oit": "ข้อ OIT และคำตอบ",
    "order": "คำสั่งแต่งตั้ง",
    "member": "กรรมการในคำสั่ง",
    "memo": "บันทึกข้อความ",
    "user": "ผู้ใช้",
}


def _matching(terms, fields, numbers=()):
    """Every term somewhere in one of `fields`. A term with digits matches them in Thai or
    Arabic digits alike (documents write ๒๕๖๕, people type 2565); a term that is a whole
    number also matches the integer fields `numbers` exactly."""
    condition = Q()
    for term in terms:
        forms = {term, thai.thai_digits(term), thai.arabic_digits(term)}
        any_field = Q()
        for name in fields:
            for form in forms:
                any_field |= Q(**{f"{name}__icontains": form})
        plain = thai.arabic_digits(term)
        if plain.isascii() and plain.isdigit() and len(plain) <= 9:
            for name in numbers:
                any_field |= Q(**{name: int(plain)})
        condition &= any_field
    return condition


def _measures(user, terms):
    qs = (
        Measure.objects.filter(assessment__organization=user.organization_id)
        .filter(_matching(terms, ["title", "sub_topic", "weakness"]))
        .select_related("assessment", "indicator")
        .order_by("-assessment__year", "indicator__number", "order", "pk")
    )
    for m in qs[:PER_KIND]:
        yield Hit(
            "measure",
            m.title,
            reverse("measures:detail", args=[m.pk]),
            f"ตัวชี้วัดที่ {m.indicator.number} {m.indicator.name}",
            m.assessment.year,
        )


def _oit(user, terms):
    """Items of the organization's assessment years, found by code or title, and the
    organization's answers found by their text; one hit per item."""
    years = list(
        Assessment.objects.filter(organization=user.organization_id).values_list("year", flat=True)
    )
    items = (
        OITItem.objects.filter(**{f"{ITEM_YEAR}__in": years})
        .filter(_matching(terms, ["code", "title", "group"]))
        .annotate(year=F(ITEM_YEAR))
        .order_by("-year", "number")[:PER_KIND]
    )
    answers = (
        OITAnswer.objects.filter(organization=user.organization_id)
        .filter(_matching(terms, ["where_to_find", "explanation", "review_comment"]))
        .with_year()
        .select_related("item")
        .order_by("-year", "item__number")[:PER_KIND]
    )
    seen = {}
    for item in items:
        seen[(item.year, item.code)] = Hit(
            "oit",
            f"{item.code} {item.title}",
            reverse("oit:answer", args=[item.year, item.code]),
            "",
            item.year,
        )
    for answer in answers:
        key = (answer.year, answer.item.code)
        hit = seen.get(key) or Hit(
            "oit",
            f"{answer.item.code} {answer.item.title}",
            reverse("oit:answer", args=[answer.year, answer.item.code]),
            "",
            answer.year,
        )
        hit.detail = _snippet(
            [answer.where_to_find, answer.explanation, answer.review_comment], terms
        )
        seen[key] = hit
    return sorted(seen.values(), key=lambda h: (-h.year, _code_number(h.title)))[:PER_KIND]


def _code_number(title):
    code = title.split(" ", 1)[0].lstrip("O")
    return int(code) if code.isdigit() else 0


def _orders(user, terms):
    qs = (
        access.scoped(user, Order)
        .filter(_matching(terms, ["subject", "preamble", "signer_name"], ["number", "year"]))
        .order_by("-fiscal_year", "-pk")
    )
    for order in qs[:PER_KIND]:
        number = f"ที่ {order.number}/{order.year}" if order.number else "ร่าง (ยังไม่มีเลขที่)"
        yield Hit(
            "order",
            order.subject,
            reverse("committees:detail", args=[order.pk]),
            f"คำสั่ง{number}",
            order.fiscal_year,
        )


def _members(user, terms):
    qs = (
        Member.objects.filter(committee__order__organization=user.organization_id)
        .filter(_matching(terms, ["position_title", "person_name"]))
        .select_related("committee__order")
        .order_by("-committee__order__fiscal_year", "committee__order_id", "committee_id", "pk")
    )
    for member in qs[:PER_KIND]:
        order = member.committee.order
        name = " ".join(p for p in [member.person_name, member.position_title] if p)
        yield Hit(
            "member",
            name,
            reverse("committees:detail", args=[order.pk]),
            f"{member.committee.name} · {order.subject}",
            order.fiscal_year,
        )


def _memos(user, terms):
    qs = (
        Memo.objects.filter(assessment__organization=user.organization_id)
        .filter(_matching(terms, ["subject", "addressee", "number", "issuing_unit"]))
        .select_related("assessment__organization")
        .order_by("-date", "-pk")
    )
    for memo in qs[:PER_KIND]:
        yield Hit(
            "memo",
            memo.subject,
            reverse("measures:memo_detail", args=[memo.pk]),
            f"ที่ {memo.reference} · {thai.thai_date(memo.date, 'short', 'arabic')}",
            memo.year,
        )


def _users(user, terms):
    if not access.can_manage(user):
        return
    qs = (
        User.objects.filter(organization=user.organization_id)
        .filter(_matching(terms, ["username", "first_name", "last_name", "position_title"]))
        .select_related("department")
        .order_by("first_name", "pk")
    )
    for person in qs[:PER_KIND]:
        yield Hit(
            "user",
            person.display_name or person.username,
            reverse("user_edit", args=[person.pk]),
            " · ".join(p for p in [person.position_title, str(person.department or "")] if p),
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


SOURCES = [_measures, _oit, _orders, _members, _memos, _users]


def search(user, query):
    """(terms, hits) of `query` for `user`: hits of every kind, grouped in KINDS' order.

    No organization, or no words in the query, finds nothing."""
    terms = thai.search_terms(query)
    if not terms or not user.is_authenticated or user.organization_id is None:
        return terms, []
    hits = []
    for source in SOURCES:
        hits.extend(source(user, terms))
    return terms, hits
