"""Small, explicit test data for the assessments app: a framework of a few items and OIT
answers in any state. Tests build what they need instead of loading the 43-item fixtures.
"""

from decimal import Decimal

from assessments.models import Framework, Indicator, OITItem, OITSubIndicator, RatingBand
from oit.models import AnswerEvent, OITAnswer

# indicator number -> {sub-indicator code: [(item code, title, required elements)]}
SMALL_OIT = {
    3: {
        "3.1": [
            ("O1", "โครงสร้าง", ["แผนผังโครงสร้าง", "ฝ่ายการเมืองและฝ่ายประจำ"]),
            ("O2", "ข้อมูลผู้บริหาร", []),
        ],
        "3.2": [("O3", "แผนดำเนินงานประจำปี", ["แผนของปีที่ประเมิน"])],
    },
    4: {"4.1": [("O4", "นโยบาย No Gift Policy", []), ("O5", "การประเมินความเสี่ยง", [])]},
}


def make_framework(year=2565, oit=None, titles=None):
    """A framework with IIT (indicator 1, 30 %), EIT (2, 30 %) and OIT (3 and 4, 20 % each).

    `oit` replaces SMALL_OIT; `titles` maps item code -> a different title (to test the
    copy of a year whose items were renamed).
    """
    oit = oit or SMALL_OIT
    titles = titles or {}
    framework = Framework.objects.create(year=year, name=f"ITA {year}")
    iit = framework.instruments.create(code="IIT", name="IIT", weight=Decimal(30), order=1)
    eit = framework.instruments.create(code="EIT", name="EIT", weight=Decimal(30), order=2)
    oit_instrument = framework.instruments.create(
        code="OIT", name="OIT", weight=Decimal(40), order=3
    )
    Indicator.objects.create(
        framework=framework, instrument=iit, number=1, name="การปฏิบัติหน้าที่", weight=Decimal(30)
    )
    Indicator.objects.create(
        framework=framework, instrument=eit, number=2, name="คุณภาพการดำเนินงาน", weight=Decimal(30)
    )
    number = 0
    for indicator_number, subs in oit.items():
        indicator = Indicator.objects.create(
            framework=framework,
            instrument=oit_instrument,
            number=indicator_number,
            name="การเปิดเผยข้อมูล" if indicator_number == 3 else "การป้องกันการทุจริต",
            weight=Decimal(20),
        )
        for order, (code, items) in enumerate(subs.items(), start=1):
            sub = OITSubIndicator.objects.create(
                indicator=indicator, code=code, name=f"ตัวชี้วัดย่อย {code}", order=order
            )
            for item_code, title, elements in items:
                number += 1
                OITItem.objects.create(
                    sub_indicator=sub,
                    code=item_code,
                    number=int(item_code[1:]),
                    title=titles.get(item_code, title),
                    required_elements=list(elements),
                    # Known from the criteria's text, so ticking each one is a rule.
                    elements_confidence=(
                        OITItem.Confidence.ONE_SOURCE if elements else OITItem.Confidence.UNKNOWN
                    ),
                )
    RatingBand.objects.create(framework=framework, label="A", min_total=Decimal(85), order=1)
    RatingBand.objects.create(framework=framework, label="B", min_total=Decimal(75), order=2)
    RatingBand.objects.create(framework=framework, label="F", min_total=Decimal(0), order=3)
    return framework


def item(framework, code):
    return OITItem.objects.in_framework(framework).get(code=code)


def make_answer(
    org, framework, code, department=None, status=OITAnswer.Status.DRAFT, actor=None, **fields
):
    """An answer in `status` with a valid link and path unless given otherwise."""
    fields.setdefault(
        "links",
        [
            {
                "url": f"https://{org.domains[0]}/ita/{code}"
                if org.domains
                else f"https://example.go.th/{code}",
                "label": f"หลักฐาน {code}",
            }
        ],
    )
    fields.setdefault("where_to_find", "หน้าหลัก › ITA › " + code)
    answer = OITAnswer.objects.create(
        organization=org,
        item=item(framework, code),
        department=department,
        status=status,
        updated_by=actor,
        **fields,
    )
    if status != OITAnswer.Status.DRAFT:
        AnswerEvent.objects.create(
            answer=answer,
            action={
                "submitted": AnswerEvent.Action.SUBMIT,
                "approved": AnswerEvent.Action.APPROVE,
                "returned": AnswerEvent.Action.RETURN,
            }[status],
            from_status=OITAnswer.Status.DRAFT,
            to_status=status,
            actor=actor,
        )
    return answer
