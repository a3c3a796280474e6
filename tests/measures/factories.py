"""A small FY framework and assessment for the measures tests.

Everything is get-or-create by natural key, so the factory works whether or not the
assessments app has loaded its own framework fixtures into the test database.
"""

from decimal import Decimal

from assessments.models import (
    Assessment,
    Framework,
    Indicator,
    IndicatorScore,
    InstrumentAnalysis,
    OITItem,
    OITItemResult,
    OITSubIndicator,
    RatingBand,
)
from assessments.models.framework import Instrument
from measures.demo import create_seed_measures
from tests.assessments.seed import SEED_2565

SEED_SCORES = SEED_2565  # indicator 6 is 88.42; the seed's table misprints 88.52
INDICATORS = [
    (1, "การปฏิบัติหน้าที่", "IIT", "6"),
    (2, "การใช้งบประมาณ", "IIT", "6"),
    (3, "การใช้อำนาจ", "IIT", "6"),
    (4, "การใช้ทรัพย์สินของราชการ", "IIT", "6"),
    (5, "การแก้ไขปัญหาการทุจริต", "IIT", "6"),
    (6, "คุณภาพการดำเนินงาน", "EIT", "10"),
    (7, "ประสิทธิภาพการสื่อสาร", "EIT", "10"),
    (8, "การปรับปรุงระบบการทำงาน", "EIT", "10"),
    (9, "การเปิดเผยข้อมูล", "OIT", "20"),
    (10, "การป้องกันการทุจริต", "OIT", "20"),
]
INSTRUMENTS = [
    ("IIT", "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)", "30"),
    ("EIT", "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)", "30"),
    ("OIT", "แบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT)", "40"),
]
# A few OIT items, enough for measures to name them and for failed results.
ITEMS = [
    (9, "9.1", "ข้อมูลพื้นฐาน", [("O7", 7, "ข่าวประชาสัมพันธ์")]),
    (
        9,
        "9.2",
        "การบริหารงาน",
        [("O14", 14, "คู่มือหรือมาตรฐานการให้บริการ"), ("O15", 15, "ข้อมูลเชิงสถิติการให้บริการ")],
    ),
    (
        9,
        "9.5",
        "การส่งเสริมความโปร่งใส",
        [
            ("O32", 32, "ช่องทางการรับฟังความคิดเห็น"),
            ("O33", 33, "การเปิดโอกาสให้เกิดการมีส่วนร่วม"),
        ],
    ),
    (
        10,
        "10.1",
        "การดำเนินการเพื่อป้องกันการทุจริต",
        [("O35", 35, "การมีส่วนร่วมของผู้บริหาร"), ("O36", 36, "การประเมินความเสี่ยงการทุจริตประจำปี")],
    ),
    (
        10,
        "10.2",
        "มาตรการภายในเพื่อป้องกันการทุจริต",
        [
            ("O42", 42, "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"),
            ("O43", 43, "การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"),
        ],
    ),
]
BANDS = [("AA", "95"), ("A", "85"), ("B", "75"), ("C", "65"), ("D", "55"), ("E", "50"), ("F", "0")]


def framework(year):
    fw, created = Framework.objects.get_or_create(
        year=year, defaults={"name": f"ITA {year}", "pass_mark": Decimal(85)}
    )
    instruments = {}
    for order, (code, name, weight) in enumerate(INSTRUMENTS, start=1):
        instruments[code], _ = Instrument.objects.get_or_create(
            framework=fw, code=code, defaults={"name": name, "weight": weight, "order": order}
        )
    for number, name, code, weight in INDICATORS:
        Indicator.objects.get_or_create(
            framework=fw,
            number=number,
            defaults={"name": name, "instrument": instruments[code], "weight": weight},
        )
    for number, code, name, items in ITEMS:
        indicator = Indicator.objects.get(framework=fw, number=number)
        sub, _ = OITSubIndicator.objects.get_or_create(
            indicator=indicator, code=code, defaults={"name": name}
        )
        for item_code, item_number, title in items:
            exists = OITItem.objects.in_framework(fw).filter(code=item_code).exists()
            if not exists:
                OITItem.objects.create(
                    sub_indicator=sub, code=item_code, number=item_number, title=title
                )
    if not fw.rating_bands.exists():
        for order, (label, minimum) in enumerate(BANDS, start=1):
            RatingBand.objects.create(framework=fw, label=label, min_total=minimum, order=order)
    return fw


def assessment(org, year=2565, scores=SEED_SCORES, analysis=True):
    fw = framework(year)
    a, _ = Assessment.objects.get_or_create(
        organization=org,
        framework=fw,
        defaults={
            "recommendations": (
                "หน่วยงานควรเปิดเผยข้อมูลบนเว็บไซต์ให้ครบถ้วนตามตัวชี้วัดการเปิดเผยข้อมูล\n"
                "หน่วยงานควรสร้างการรับรู้ให้บุคลากรทุกคนทราบมาตรการป้องกันการทุจริต"
            )
        },
    )
    for number, score in scores.items():
        IndicatorScore.objects.update_or_create(
            assessment=a,
            indicator=Indicator.objects.get(framework=fw, number=number),
            defaults={"score": Decimal(score)},
        )
    if analysis:
        texts = {
            "IIT": "ผลคะแนน IIT พบว่า หน่วยงานควรสร้างการรับรู้ให้บุคลากรทุกคนภายในหน่วยงาน",
            "EIT": "ผลคะแนน EIT พบว่า มีประเด็นที่ต้องปรับปรุงในเรื่องคุณภาพการดำเนินงาน",
            "OIT": "ผลคะแนน OIT พบว่า การเปิดเผยข้อมูลของหน่วยงานอยู่ในเกณฑ์ที่ต้องปรับปรุง",
        }
        for instrument in fw.instruments.all():
            InstrumentAnalysis.objects.update_or_create(
                assessment=a, instrument=instrument, defaults={"to_improve": texts[instrument.code]}
            )
    return a


def departments(org):
    """office/finance/works/edu departments of `org` (made if missing)."""
    names = {
        "office": ("สำนักปลัด", "หัวหน้าสำนักปลัด"),
        "finance": ("กองคลัง", "ผู้อำนวยการกองคลัง"),
        "works": ("กองช่าง", "ผู้อำนวยการกองช่าง"),
        "edu": ("กองการศึกษา ศาสนา และวัฒนธรรม", "ผู้อำนวยการกองการศึกษา ศาสนาและวัฒนธรรม"),
    }
    found = {}
    for order, (key, (name, head)) in enumerate(names.items(), start=1):
        found[key], _ = org.departments.get_or_create(
            name=name, defaults={"head_title": head, "order": order}
        )
    return found


def seed_measures(org, year=2565, **dates):
    """The seed's five measures on a fresh assessment of `org`: {indicator number: measure}."""
    a = assessment(org, year)
    return create_seed_measures(a, departments(org), **dates)


def fail_items(a, *codes):
    for code in codes:
        item = OITItem.objects.in_framework(a.framework).get(code=code)
        OITItemResult.objects.update_or_create(assessment=a, item=item, defaults={"met": False})


def measure(a, indicator=6, departments=(), **fields):
    """One plain measure on assessment `a`."""
    from measures.models import Measure

    fields.setdefault("title", "มาตรการทดสอบ")
    m = Measure.objects.create(
        assessment=a,
        indicator=Indicator.objects.get(framework=a.framework, number=indicator),
        **fields,
    )
    m.departments.set(departments)
    return m
