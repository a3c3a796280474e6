"""The new-order page offers the standard ITA committee order, made for the organization
and the current fiscal year; the admin edits it and nothing is saved before they do."""

from datetime import date

from django.urls import reverse

from committees.models import Committee, Order
from committees.standard import executive_position, standard_order
from itaportal import thai
from itaportal.models import Organization
from tests.committees.conftest import page_form_data

NEW = reverse("committees:create")
FY = thai.fiscal_year(date.today())


def test_the_new_order_page_is_prefilled_with_the_organizations_standard_text(
    login, org, analyst, mayor, office, finance
):
    page = login(analyst).get(NEW)
    assert page.status_code == 200
    form = page.context["form"]
    year = thai.thai_digits(FY)
    subject = form["subject"].value()
    assert subject.startswith("แต่งตั้งคณะกรรมการเพื่อยกระดับผลการประเมินคุณธรรมและความโปร่งใส")
    assert f"ขององค์การบริหารส่วนตำบลทดสอบ ประจำปีงบประมาณ พ.ศ. {year}" in subject
    preamble = form["preamble"].value()
    assert "หนองปรุง" not in preamble + subject
    # The laws and the national strategy keep their years; the order's year is this one.
    assert "พระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. ๒๕๓๗ มาตรา ๕๙" in preamble
    assert "(พ.ศ. ๒๕๖๑ – ๒๕๘๐)" in preamble and f"พ.ศ.{year}" in preamble
    assert form["fiscal_year"].value() == FY
    assert form["signer_position"].value() == mayor.position_title
    assert form["signer_name"].value() == f"{mayor.first_name} {mayor.last_name}"
    names = [f["name"].value() for f in page.context["formset"].forms]
    assert names == [
        "คณะทำงานอำนวยการ",
        "คณะทำงาน",
        "ผู้บริหารที่รับผิดชอบการประเมินของหน่วยงาน",
        "ผู้ดูแลระบบของหน่วยงาน (Admin หน่วยงาน)",
    ]
    html = page.content.decode()
    assert "เริ่มจากข้อความมาตรฐาน" in html
    group = [
        (row["position_title"].value(), row["role"].value())
        for row in page.context["formset"].forms[1].members.forms
    ]
    # The working group: the organization's own department heads.
    assert ("หัวหน้าสำนักปลัด", "คณะทำงาน") in group and ("ผู้อำนวยการกองคลัง", "คณะทำงาน") in group
    assert not Order.objects.exists()  # offering the text saves nothing


def test_saving_the_standard_text_creates_a_draft_with_its_committees(
    login, org, analyst, mayor, office
):
    client = login(analyst)
    data = page_form_data(client.get(NEW))
    data["preamble"] += "\n\nย่อหน้าที่ผู้ดูแลพิมพ์เพิ่ม"
    response = client.post(NEW, data)
    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "committees:detail", args=[order.pk]
    )
    assert order.status == Order.Status.DRAFT and order.number is None
    assert order.fiscal_year == FY and thai.thai_digits(FY) in order.subject
    assert order.preamble_paragraphs[-1] == "ย่อหน้าที่ผู้ดูแลพิมพ์เพิ่ม"
    committees = list(order.committees.order_by("position"))
    assert [c.name for c in committees] == [
        "คณะทำงานอำนวยการ",
        "คณะทำงาน",
        "ผู้บริหารที่รับผิดชอบการประเมินของหน่วยงาน",
        "ผู้ดูแลระบบของหน่วยงาน (Admin หน่วยงาน)",
    ]
    direction = committees[0]
    members = [(m.position_title, m.role) for m in direction.members.order_by("position")]
    assert members[0] == ("นายกองค์การบริหารส่วนตำบลทดสอบ", "หัวหน้าคณะกรรมการ")
    assert ("ปลัดองค์การบริหารส่วนตำบลทดสอบ", "คณะกรรมการ/เลขานุการ") in members
    assert direction.duties.count() == 5
    assert committees[2].kind == Committee.Kind.DESIGNATION


def test_last_years_analysis_names_the_year_before(org):
    _, committees = standard_order(organization=org, fiscal_year=2570)
    first_duty = committees[1].duties[0]
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๙" in first_duty
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๗๐" in committees[1].duties[1]


def test_a_municipality_gets_its_executives_title_and_its_own_law(other_org):
    other_org.kind = Organization.Kind.MUNICIPALITY
    header, committees = standard_order(organization=other_org, fiscal_year=2570)
    assert executive_position(other_org) == "นายกเทศมนตรีตำบลอื่น"
    assert header["signer_position"] == "นายกเทศมนตรีตำบลอื่น" and header["signer_name"] == ""
    assert "พระราชบัญญัติเทศบาล พ.ศ. ๒๔๙๖ มาตรา ๔๘ เตรส" in header["preamble"]
    assert "พระราชบัญญัติสภาตำบล" not in header["preamble"]
    titles = [m.position_title for m in committees[0].members]
    assert titles[:2] == ["นายกเทศมนตรีตำบลอื่น", "รองนายกเทศมนตรีตำบลอื่น คนที่ ๑"]
    assert "ปลัดเทศบาลตำบลอื่น" in titles
    # Without departments entered yet, the usual heads stand in.
    assert [m.position_title for m in committees[1].members][1:4] == [
        "หัวหน้าสำนักปลัด",
        "ผู้อำนวยการกองคลัง",
        "ผู้อำนวยการกองช่าง",
    ]
