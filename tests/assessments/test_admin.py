"""The operator's admin: frameworks edited, copied, exported and imported without code;
a framework in use never loses rows silently."""

from pathlib import Path

from django.contrib import admin
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from assessments.admin import ItemInline, OITItemForm
from assessments.models import Framework, OITItem, OITSubIndicator

ROOT = Path(__file__).resolve().parents[2]


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_operator_sees_frameworks_and_their_rows(login, operator, frameworks, scored2565):
    client = login(operator)
    fw = frameworks[2565]
    for url in (
        reverse("admin:assessments_framework_changelist"),
        reverse("admin:assessments_framework_change", args=[fw.pk]),
        reverse("admin:assessments_oititem_changelist"),
        reverse(
            "admin:assessments_oitsubindicator_change", args=[fw.items().first().sub_indicator_id]
        ),
        reverse("admin:assessments_indicator_change", args=[fw.indicators.get(number=9).pk]),
        reverse("admin:assessments_assessment_changelist"),
        reverse("admin:assessments_framework_import"),
    ):
        assert client.get(url).status_code == 200, url


def test_deleting_a_framework_in_use_is_refused_in_thai(login, operator, frameworks, scored2565):
    client = login(operator)
    fw = frameworks[2565]
    response = client.get(reverse("admin:assessments_framework_delete", args=[fw.pk]))
    assert response.status_code == 302
    assert any("มีผลการประเมินของหน่วยงานใช้อยู่" in m for m in messages_of(response))
    response = client.post(
        reverse("admin:assessments_framework_delete", args=[fw.pk]), {"post": "yes"}
    )
    assert Framework.objects.filter(pk=fw.pk).exists()


def test_deleting_an_item_of_a_year_in_use_is_refused(login, operator, frameworks, scored2565):
    client = login(operator)
    item = frameworks[2565].items().get(code="O43")
    response = client.post(
        reverse("admin:assessments_oititem_delete", args=[item.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert any("ลบ O43" in m for m in messages_of(response))
    assert OITItem.objects.filter(pk=item.pk).exists()


def test_bulk_deleting_items_of_a_year_in_use_is_refused(login, operator, frameworks, scored2565):
    client = login(operator)
    items = frameworks[2565].items().filter(code__in=["O42", "O43"])
    response = client.post(
        reverse("admin:assessments_oititem_changelist"),
        {"action": "delete_selected", "_selected_action": [i.pk for i in items], "post": "yes"},
    )
    assert response.status_code == 302
    assert any("มีผลการประเมินของหน่วยงานใช้อยู่" in m for m in messages_of(response))
    assert frameworks[2565].items().count() == 43


def test_an_unused_year_may_lose_an_item_in_the_admin(login, operator, frameworks):
    client = login(operator)
    item = frameworks[2566].items().get(code="O43")
    response = client.post(
        reverse("admin:assessments_oititem_delete", args=[item.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not OITItem.objects.filter(pk=item.pk).exists()


def inline_data(formset, delete_index):
    data = {
        f"{formset.prefix}-TOTAL_FORMS": str(len(formset.forms)),
        f"{formset.prefix}-INITIAL_FORMS": str(len(formset.forms)),
    }
    for i, form in enumerate(formset.forms):
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if name == "required_elements":
                value = "\n".join(value or [])
            if value is not None and name != "DELETE":
                data[f"{formset.prefix}-{i}-{name}"] = getattr(value, "pk", value)
        if i == delete_index:
            data[f"{formset.prefix}-{i}-DELETE"] = "on"
    return data


def test_ticking_delete_in_an_inline_of_a_year_in_use_is_refused(operator, frameworks, scored2565):
    sub = OITSubIndicator.objects.get(indicator__framework=frameworks[2565], code="10.2")
    request = RequestFactory().get("/")
    request.user = operator
    inline = ItemInline(OITSubIndicator, admin.site)
    FormSet = inline.get_formset(request, sub)
    data = inline_data(FormSet(instance=sub), delete_index=1)
    formset = FormSet(data, instance=sub)
    assert not formset.is_valid()
    assert "มีผลการประเมินของหน่วยงานใช้อยู่" in " ".join(formset.non_form_errors())


def test_copy_to_a_new_year_asks_the_year_and_copies(login, operator, frameworks):
    client = login(operator)
    changelist = reverse("admin:assessments_framework_changelist")
    source = frameworks[2566]
    page = client.post(changelist, {"action": "copy_to_new_year", "_selected_action": [source.pk]})
    assert page.status_code == 200
    assert "ปีงบประมาณใหม่" in page.content.decode()
    response = client.post(
        changelist,
        {"action": "copy_to_new_year", "_selected_action": [source.pk], "year": "2570"},
    )
    new = Framework.objects.get(year=2570)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:assessments_framework_change", args=[new.pk])
    assert new.provisional and new.items().count() == 43


def test_export_gives_a_yaml_file_that_the_import_reads(login, operator, frameworks):
    client = login(operator)
    response = client.post(
        reverse("admin:assessments_framework_changelist"),
        {"action": "export_yaml", "_selected_action": [frameworks[2566].pk]},
    )
    assert response["Content-Disposition"] == 'attachment; filename="ita-2566.yaml"'
    text = response.content.decode()
    assert "year: 2566" in text and "ผ่านดีเยี่ยม" in text
    upload = SimpleUploadedFile("ita.yaml", text.replace("year: 2566", "year: 2570").encode())
    response = client.post(reverse("admin:assessments_framework_import"), {"file": upload})
    assert response.status_code == 302
    assert Framework.objects.get(year=2570).items().count() == 43


def test_the_import_page_shows_every_problem_and_saves_nothing(login, operator, db):
    client = login(operator)
    upload = SimpleUploadedFile("bad.yaml", b"year: 2570\ninstruments: []\nindicators: []\n")
    response = client.post(reverse("admin:assessments_framework_import"), {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert "ต้องมีเครื่องมือการประเมินอย่างน้อยหนึ่งรายการ" in page
    assert "ต้องมีตัวชี้วัดอย่างน้อยหนึ่งตัว" in page
    assert not Framework.objects.exists()


def test_the_provisional_2568_file_uploads_through_the_admin(login, operator, db):
    path = ROOT / "fixtures/provisional/ita-2568.yaml"
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    response = login(operator).post(reverse("admin:assessments_framework_import"), {"file": upload})
    assert response.status_code == 302
    framework = Framework.objects.get(year=2568)
    assert framework.provisional and framework.items().count() == 26


def test_agency_users_cannot_reach_the_admin(login, analyst, frameworks):
    response = login(analyst).get(reverse("admin:assessments_framework_changelist"))
    assert response.status_code == 302


def item_form_data(item, **changes):
    data = {
        "sub_indicator": item.sub_indicator_id,
        "code": item.code,
        "number": item.number,
        "title": item.title,
        "group": item.group,
        "required_elements": "\n".join(item.required_elements),
        "evidence_period": item.evidence_period,
        "elements_confidence": item.elements_confidence,
        "elements_source": item.elements_source,
    }
    data.update(changes)
    return data


def test_the_item_page_shows_the_elements_one_per_line(login, operator, frameworks):
    item = frameworks[2566].items().get(code="O24")
    response = login(operator).get(reverse("admin:assessments_oititem_change", args=[item.pk]))
    form = response.context["adminform"].form
    assert form["required_elements"].value() == "\n".join(item.required_elements)
    assert len(item.required_elements) == 3
    page = response.content.decode()
    assert "<textarea" in page and "6 เดือนแรกของปี พ.ศ. 2566" in page
    assert "✅ ยืนยันแล้ว" in page  # the confidence, with its Thai label


def test_the_operator_edits_an_items_elements_confidence_and_source(login, operator, frameworks):
    item = frameworks[2566].items().get(code="O4")
    assert item.required_elements == []
    response = login(operator).post(
        reverse("admin:assessments_oititem_change", args=[item.pk]),
        item_form_data(
            item,
            required_elements="\n  แสดงแผนยุทธศาสตร์ของหน่วยงาน  \r\nมีระยะเวลาของแผน\n\n",
            elements_confidence="one_source",
            elements_source="สำเนาเกณฑ์ของ อปท. แห่งหนึ่ง",
        ),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.required_elements == ["แสดงแผนยุทธศาสตร์ของหน่วยงาน", "มีระยะเวลาของแผน"]
    assert item.elements_confidence == OITItem.Confidence.ONE_SOURCE
    assert item.elements_source == "สำเนาเกณฑ์ของ อปท. แห่งหนึ่ง"


def test_blank_lines_between_elements_and_repeated_elements_are_refused_in_thai(
    login, operator, frameworks
):
    item = frameworks[2566].items().get(code="O27")
    before = list(item.required_elements)
    response = login(operator).post(
        reverse("admin:assessments_oititem_change", args=[item.pk]),
        item_form_data(item, required_elements="ข้อ แรก\n\nข้อสอง\nข้อ  แรก"),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["required_elements"]
    assert errors == [
        "บรรทัดที่ 2 ว่าง: เขียนหนึ่งองค์ประกอบต่อหนึ่งบรรทัด กรุณาลบบรรทัดว่างออก",
        "บรรทัดที่ 4 ซ้ำกับบรรทัดที่ 1: องค์ประกอบแต่ละข้อต้องไม่ซ้ำกัน",
    ]
    item.refresh_from_db()
    assert item.required_elements == before


def test_emptying_the_textarea_removes_every_element(db):
    form = OITItemForm(data={"required_elements": "  \n \n"})
    form.is_valid()
    assert "required_elements" not in form.errors
    assert form.cleaned_data["required_elements"] == []


def test_the_framework_page_links_each_item_to_the_page_that_edits_its_elements(
    login, operator, frameworks
):
    framework = frameworks[2566]
    item = framework.items().get(code="O24")
    page = login(operator).get(reverse("admin:assessments_framework_change", args=[framework.pk]))
    html = page.content.decode()
    assert reverse("admin:assessments_oititem_change", args=[item.pk]) in html
    assert "องค์ประกอบ 3 ข้อ · ✅ ยืนยันแล้ว" in html
    assert html.count('class="oit-item-links"') == 1
    assert html.count("/admin/assessments/oititem/") >= 43


def test_the_sub_indicator_page_edits_elements_as_lines_too(login, operator, frameworks):
    sub = OITSubIndicator.objects.get(indicator__framework=frameworks[2566], code="9.4")
    page = login(operator).get(reverse("admin:assessments_oitsubindicator_change", args=[sub.pk]))
    html = page.content.decode()
    assert "6 เดือนแรกของปี พ.ศ. 2566</textarea>" in html
    assert '["' not in html  # no raw JSON lists in the form


def test_an_item_can_only_move_within_its_own_year(login, operator, frameworks):
    item = frameworks[2566].items().get(code="O4")
    other_year = OITSubIndicator.objects.get(indicator__framework=frameworks[2565], code="9.1")
    response = login(operator).post(
        reverse("admin:assessments_oititem_change", args=[item.pk]),
        item_form_data(item, sub_indicator=other_year.pk),
    )
    assert response.status_code == 200
    assert "sub_indicator" in response.context["adminform"].form.errors
    item.refresh_from_db()
    assert item.sub_indicator.indicator.framework_id == frameworks[2566].pk
