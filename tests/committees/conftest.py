"""Orders to work on, and the POST data of the order editing page."""

from datetime import date

import pytest

from committees.models import Committee, Order
from committees.services import CommitteeData, MemberData, committees_replace
from tests.conftest import sent_form_data


def make_order(org, number=98, year=2565, committees=None, **fields):
    order = Order.objects.create(
        organization=org,
        number=number,
        year=year,
        subject=fields.pop("subject", "แต่งตั้งคณะกรรมการ ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๕"),
        fiscal_year=fields.pop("fiscal_year", year),
        preamble=fields.pop("preamble", "ย่อหน้าแรกของเหตุผล\n\nย่อหน้าที่สองอาศัยอำนาจ"),
        signed_on=fields.pop("signed_on", date(2022, 1, 17)),
        signer_prefix="ด.ต.",
        signer_name="สนธยา คงสนิท",
        signer_position="นายกองค์การบริหารส่วนตำบลทดสอบ",
        **fields,
    )
    if committees is None:
        committees = [
            CommitteeData(
                name="คณะทำงานอำนวยการ",
                members=[
                    MemberData("นายกองค์การบริหารส่วนตำบลทดสอบ", "หัวหน้าคณะกรรมการ"),
                    MemberData("ปลัดองค์การบริหารส่วนตำบลทดสอบ", "คณะกรรมการ/เลขานุการ"),
                ],
                duties=["ให้คำปรึกษา แนะนำ", "กำกับดูแลการประเมิน"],
            ),
            CommitteeData(
                name="คณะทำงาน",
                members=[MemberData("นักวิเคราะห์นโยบายและแผน", "คณะทำงาน/เลขานุการ", "นางสาวใจดี มีสุข")],
                duties=["วิเคราะห์ผลการประเมิน"],
            ),
        ]
    committees_replace(order=order, committees=committees)
    return order


@pytest.fixture
def order(org):
    return make_order(org)


def member_fields(members, initial_forms=0):
    """A committee's member rows as the page posts them (keys after the committee's
    prefix). `members` is written as lines `ตำแหน่ง | บทบาท | ชื่อ` for short tests, or
    given as (position_title, role, person_name) tuples."""
    if isinstance(members, str):
        members = [
            [part.strip() for part in line.replace("\t", "|").split("|")]
            for line in members.splitlines()
        ]
    data = {
        "members-TOTAL_FORMS": str(len(members)),
        "members-INITIAL_FORMS": str(initial_forms),
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "200",
    }
    for index, parts in enumerate(members):
        title, role, person = (list(parts) + ["", ""])[:3]
        data.update(
            {
                f"members-{index}-ORDER": str(index + 1),
                f"members-{index}-position_title": title,
                f"members-{index}-role": role,
                f"members-{index}-person_name": person,
            }
        )
    return data


def committee_fields(name, members, duties="", kind=Committee.Kind.BOARD, heading="มีหน้าที่ ดังต่อไปนี้"):
    return {
        "name": name,
        "kind": kind,
        **member_fields(members),
        "duties_heading": heading,
        "duties": duties,
    }


def form_data(committees, initial_forms=0, version="", **header):
    """The POST of the editing page: the header fields plus the committees formset."""
    data = {
        "number": "12",
        "year": "2566",
        "fiscal_year": "2566",
        "subject": "แต่งตั้งคณะกรรมการ ITA",
        "preamble": "เหตุผลของคำสั่ง",
        "closing": "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป",
        "signed_on": "2023-01-10",
        "signer_prefix": "นาย",
        "signer_name": "ผู้ลงนาม ทดสอบ",
        "signer_position": "นายกองค์การบริหารส่วนตำบลทดสอบ",
        "status": "draft",
        "version": str(version),
        "committees-TOTAL_FORMS": str(len(committees)),
        "committees-INITIAL_FORMS": str(initial_forms),
        "committees-MIN_NUM_FORMS": "0",
        "committees-MAX_NUM_FORMS": "1000",
    }
    data.update(header)
    for index, committee in enumerate(committees):
        committee = {"ORDER": str(index + 1), **committee}
        for key, value in committee.items():
            data[f"committees-{index}-{key}"] = value
    return data


def page_form_data(response):
    """What the browser would send back from the page's order form, untouched."""
    return sent_form_data(response.content, "#order-form")
