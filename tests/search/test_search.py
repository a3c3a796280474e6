"""The navigation's search: Thai words found inside longer Thai text, on SQLite and on
PostgreSQL alike, only within the user's organization, paginated, and calm on bad input."""

from datetime import date

import pytest
from django.urls import reverse

from search import selectors, views
from tests.committees.conftest import make_order
from tests.deadlines.conftest import make_memo
from tests.measures import factories

TITLE = "มาตรการส่งเสริมการเปิดเผยข้อมูลการจัดซื้อจัดจ้างต่อสาธารณะ"


@pytest.fixture
def a2565(org, office, finance):
    factories.departments(org)
    return factories.assessment(org, 2565)


@pytest.fixture
def disclosure(a2565, office):
    return factories.measure(a2565, 9, [office], title=TITLE)


def titles(hits, kind=None):
    return [h.title for h in hits if kind is None or h.kind == kind]


def test_a_word_in_the_middle_of_a_measure_title_finds_it(analyst, disclosure):
    # เปิดเผย sits in the middle of the title, with no space around it.
    _terms, hits = selectors.search(analyst, "เปิดเผย")
    assert titles(hits, "measure") == [TITLE]


def test_words_typed_together_are_cut_and_each_must_occur(analyst, disclosure):
    terms, hits = selectors.search(analyst, "ข้อมูลจัดซื้อ")
    assert terms == ["ข้อมูล", "จัดซื้อ"]
    assert titles(hits, "measure") == [TITLE]
    # Words that are all in the title but not next to each other still find it...
    assert titles(selectors.search(analyst, "สาธารณะมาตรการ")[1], "measure") == [TITLE]
    # ...and one word the title lacks finds nothing.
    assert titles(selectors.search(analyst, "เปิดเผยงบประมาณ")[1], "measure") == []


def test_a_word_absent_from_every_text_finds_nothing(analyst, disclosure):
    assert selectors.search(analyst, "ฟุตบอล")[1] == []


def test_another_organization_never_sees_the_measure(outsider, disclosure):
    assert selectors.search(outsider, "เปิดเผย")[1] == []


def test_the_search_page_lists_the_measure_with_a_link(login, staff_office, disclosure):
    response = login(staff_office).get(reverse("search:results"), {"q": "จัดซื้อจัดจ้าง"})
    assert response.status_code == 200
    html = response.content.decode()
    assert TITLE in html
    assert reverse("measures:detail", args=[disclosure.pk]) in html


def test_the_other_organization_gets_an_empty_page_not_the_measure(login, outsider, disclosure):
    response = login(outsider).get(reverse("search:results"), {"q": "เปิดเผย"})
    assert response.status_code == 200
    assert TITLE not in response.content.decode()
    assert "ไม่พบรายการ" in response.content.decode()


def test_it_finds_orders_members_memos_and_oit_items(analyst, org, a2565):
    order = make_order(org, subject="แต่งตั้งคณะทำงานประเมินคุณธรรมและความโปร่งใส")
    make_memo(a2565, [], date(2022, 10, 3), "ขอส่งมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน")
    _terms, hits = selectors.search(analyst, "ความโปร่งใส")
    kinds = {h.kind for h in hits}
    assert {"order", "memo"} <= kinds
    # The committee member named in the order, found by a part of her name.
    members = selectors.search(analyst, "มีสุข")[1]
    assert [h.kind for h in members] == ["member"]
    assert members[0].url == reverse("committees:detail", args=[order.pk])
    # An OIT item of the organization's year, by a word of its title, links to its answer.
    oit = [h for h in selectors.search(analyst, "ประชาสัมพันธ์")[1] if h.kind == "oit"]
    assert [h.url for h in oit] == [reverse("oit:answer", args=[2565, "O7"])]


def test_oit_answers_are_found_by_their_text(analyst, org, a2565):
    from assessments.models import OITItem
    from oit.models import OITAnswer

    item = OITItem.objects.in_year(2565).get(code="O14")
    OITAnswer.objects.create(
        organization=org, item=item, where_to_find="หน้าหลัก › ศูนย์ข้อมูลข่าวสาร › คู่มือประชาชน"
    )
    oit = [h for h in selectors.search(analyst, "ศูนย์ข้อมูลข่าวสาร")[1] if h.kind == "oit"]
    assert [h.url for h in oit] == [reverse("oit:answer", args=[2565, "O14"])]
    assert "ศูนย์ข้อมูลข่าวสาร" in oit[0].detail


def test_only_the_agency_admin_finds_user_accounts(analyst, staff_office, staff_finance):
    assert titles(selectors.search(analyst, "staff-finance")[1], "user")
    assert titles(selectors.search(staff_office, "staff-finance")[1], "user") == []


def test_long_results_paginate_with_thai_page_links(login, analyst, a2565, office):
    for n in range(45):
        factories.measure(a2565, 9, [office], title=f"มาตรการเปิดเผยข้อมูลลำดับที่ {n}", order=n)
    client = login(analyst)
    first = client.get(reverse("search:results"), {"q": "เปิดเผย"}).content.decode()
    assert first.count('class="list-group-item list-group-item-action"') == views.PAGE_SIZE
    assert "ถัดไป" in first and "หน้า 1 จาก 3" in first
    assert "q=%E0%B9%80%E0%B8%9B%E0%B8%B4%E0%B8%94" in first  # the words stay in the links
    last = client.get(reverse("search:results"), {"q": "เปิดเผย", "page": 3}).content.decode()
    assert last.count('class="list-group-item list-group-item-action"') == 5


@pytest.mark.parametrize(
    "params",
    [
        {"q": "เปิดเผย", "page": "abc"},
        {"q": "เปิดเผย", "page": "-1"},
        {"q": "เปิดเผย", "page": "9" * 5000},
        {"q": "เปิดเผย", "page": "99999999999999999999"},
        {"q": "เปิด\x00เผย"},
        {"q": "ก" * 10000},
        {"q": "%_\\'\""},
        {"q": ""},
        {},
    ],
)
def test_bad_input_answers_a_normal_page(login, analyst, disclosure, params):
    response = login(analyst).get(reverse("search:results"), params)
    assert response.status_code == 200


def test_percent_and_underscore_are_searched_literally(analyst, disclosure):
    assert selectors.search(analyst, "%")[1] == []
    assert selectors.search(analyst, "_")[1] == []


def test_the_navigation_holds_the_search_box(login, staff_office):
    html = login(staff_office).get(reverse("home")).content.decode()
    assert f'action="{reverse("search:results")}"' in html


def test_postgresql_has_trigram_indexes_for_the_searched_titles(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes exist on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'search_%%_trgm'")
        names = {row[0] for row in cursor.fetchall()}
    assert "search_measure_title_trgm" in names and "search_memo_subject_trgm" in names


def test_the_search_page_runs_a_fixed_number_of_queries(
    login, analyst, a2565, office, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(analyst)
    url = reverse("search:results")
    factories.measure(a2565, 9, [office], title="มาตรการเปิดเผยข้อมูลที่หนึ่ง")
    client.get(url, {"q": "เปิดเผย"})  # warm caches
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"q": "เปิดเผย"})
    for n in range(15):
        factories.measure(a2565, 9, [office], title=f"มาตรการเปิดเผยข้อมูลชุดที่ {n}", order=n + 2)
    with django_assert_max_num_queries(len(few)):
        response = client.get(url, {"q": "เปิดเผย"})
    assert "ชุดที่ 14" in response.content.decode()


def test_postgresql_answers_the_measure_search_from_the_trigram_index(analyst, disclosure):
    from django.db import connection

    from measures.models import Measure
    from search.selectors import _matching, _words

    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes exist on PostgreSQL only")
    qs = Measure.objects.filter(_matching(_words(["เปิดเผย"]), ["title"])).order_by().values("pk")
    with connection.cursor() as cursor:
        # A handful of rows would be scanned anyway: ask the planner what it can use when
        # neither a table scan nor walking another index in order is on the table.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_indexonlyscan = off")
        sql, params = qs.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_measure_title_trgm" in plan, plan


def test_digits_match_in_thai_or_arabic_and_an_order_by_its_number(analyst, org):
    order = make_order(org, number=98, year=2565, subject="แต่งตั้งคณะทำงาน ITA ประจำปี พ.ศ. ๒๕๖๕")
    for query in ("2565", "๒๕๖๕", "98", "๙๘"):
        hits = [h for h in selectors.search(analyst, query)[1] if h.kind == "order"]
        assert [h.url for h in hits] == [reverse("committees:detail", args=[order.pk])], query
    assert [h for h in selectors.search(analyst, "97")[1] if h.kind == "order"] == []


@pytest.fixture
def everything(org, a2565, office, disclosure, staff_finance):
    from assessments.models import OITItem
    from oit.models import OITAnswer

    make_order(org, number=98, year=2565, subject="แต่งตั้งคณะทำงาน ITA ประจำปี พ.ศ. ๒๕๖๕")
    make_memo(a2565, [], date(2022, 10, 3), "ขอส่งมาตรการเปิดเผยข้อมูล ปี 2565", number="98")
    OITAnswer.objects.create(
        organization=org,
        item=OITItem.objects.in_year(2565).get(code="O14"),
        where_to_find="หน้าหลัก › ข้อมูลข่าวสาร › คู่มือ 100% ฉบับ_2565",
    )


# Shapes: one word, digits typed either way, a whole number, an item code, two words,
# text that LIKE must escape, and more words than are prepared.
SHAPES = [
    "เปิดเผย",
    "2565",
    "๙๘",
    "O14",
    "ข้อมูล ข่าวสาร",
    "100% ฉบับ_2565",
    "staff-finance",
    "มาตรการ เปิดเผย ข้อมูล จัดซื้อ สาธารณะ",
]


def test_prepared_searches_find_what_the_orm_finds(analyst, everything, monkeypatch):
    prepared = [selectors.search(analyst, query) for query in SHAPES]
    assert all(hits for _terms, hits in prepared)
    monkeypatch.setattr(selectors, "PREPARED_WORDS", 0)
    assert [selectors.search(analyst, query) for query in SHAPES] == prepared


def test_a_search_of_a_shape_met_before_is_not_compiled_again(analyst, outsider, everything):
    from unittest import mock

    from django.db.models.sql.compiler import SQLCompiler

    selectors.search(analyst, "เปิดเผย")
    with mock.patch.object(SQLCompiler, "as_sql", autospec=True) as compile_again:
        assert titles(selectors.search(analyst, "จัดซื้อ")[1], "measure") == [TITLE]
        # The same compiled SQL, another organization: nothing of this one.
        assert selectors.search(outsider, "จัดซื้อ")[1] == []
    compile_again.assert_not_called()


def test_shapes_beyond_the_limit_are_compiled_for_each_search(analyst, everything, monkeypatch):
    expected = selectors.search(analyst, "ข้อมูล ข่าวสาร")
    monkeypatch.setattr(selectors, "_prepared", {})
    monkeypatch.setattr(selectors, "PREPARED_LIMIT", 3)
    assert selectors.search(analyst, "ข้อมูล ข่าวสาร") == expected
    assert len(selectors._prepared) == 3


def test_the_widest_prepared_shape_compiles(analyst, org, a2565, office):
    # As many words as are prepared, each a whole number with digits in both forms.
    factories.measure(a2565, 9, [office], title="แผนปี 2561 2562 2563 2564")
    query = "2561 2562 2563 ๒๕๖๔"
    words = selectors._words(selectors.thai.search_terms(query))
    assert len(words) == selectors.PREPARED_WORDS and all(n for _forms, n in words)
    assert titles(selectors.search(analyst, query)[1], "measure") == ["แผนปี 2561 2562 2563 2564"]


def test_every_kind_is_read_in_one_round_trip_after_the_session(
    login, analyst, everything, round_trips
):
    client = login(analyst)
    url = reverse("search:results")
    page = client.get(url, {"q": "2565"})
    assert page.status_code == 200 and "๒๕๖๕" in page.content.decode()
    assert round_trips(lambda: client.get(url, {"q": "2565"})) in (None, 2)
