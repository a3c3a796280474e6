"""Demo data of this app for อบต.หนองปรุง, called by `manage.py loaddemo`.

The FY 2565 scores, NACC's recommendation and the working group's analysis are those of
the seed measures report (/work/shared/reference/nongprung-2565-documents.txt). NACC's
per-item OIT results are not in the seed: the ones here are one set consistent with the
published 39.27 and 12.50 (9.1: 7 of 9, 9.2: 2 of 8, 9.3: 2 of 7, 9.4: 1 of 4, 9.5: 2 of 5;
10.1: 2 of 8, 10.2: 0 of 2), choosing as failed the items the seed's analysis names
(executives' participation, organizational culture, stakeholder participation).
"""

from datetime import date
from decimal import Decimal

from assessments.frameworks import load_frameworks
from assessments.models import Assessment, Framework
from assessments.services import (
    ItemResultInput,
    analysis_save,
    assessment_make_public,
    item_results_save,
    published_result_save,
    scores_save,
)

YEAR = 2565

PUBLIC_ON_2565 = date(2022, 9, 30)
# NACC's published total and level, which the pages check the computed total against.
PUBLISHED_2565 = (Decimal("60.61"), "D")

# Indicator 6 is 88.42: the seed's analysis table prints 88.52, a typo (88.42 gives 60.61).
SCORES_2565 = {
    1: "86.52",
    2: "75.34",
    3: "83.35",
    4: "74.51",
    5: "82.38",
    6: "88.42",
    7: "88.91",
    8: "83.96",
    9: "39.27",
    10: "12.50",
}

MET_2565 = {
    "O1", "O2", "O3", "O4", "O5", "O6", "O7",  # 9.1: O8 Q&A, O9 Social Network not met
    "O10", "O14",  # 9.2
    "O18", "O22",  # 9.3
    "O25",  # 9.4
    "O29", "O30",  # 9.5: O33 participation not met
    "O34", "O39",  # 10.1: O35 executives' participation, O38 culture not met
}  # fmt: skip

RECOMMENDATIONS_2565 = (
    "สำนักงาน ป.ป.ช. ได้มีข้อเสนอแนะการประเมินคุณธรรมความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
    "(ITA) ประจำปีงบประมาณ ๒๕๖๕ จึงมีข้อเสนอแนะบางตัวชี้วัดที่จำเป็นต้องให้ความสำคัญในการกำกับดูแล "
    "หรือส่งเสริมการทำงานเพื่อยกระดับคุณภาพในการดำเนินงานเพิ่มขึ้นและพัฒนาอย่างต่อเนื่อง"
)

ANALYSIS_2565 = {
    "IIT": (
        "ผลคะแนน IIT พบว่า หน่วยงานควรสร้างการรับรู้ให้บุคลากรทุกคนภายในหน่วยงานได้รับทราบการทบทวน"
        "นโยบายหรือมาตรการ การป้องกันการทุจริต รวมไปถึงแผนป้องกัน และปราบปรามการทุจริตของหน่วยงาน"
    ),
    "EIT": (
        "ผลคะแนน EIT พบว่า มีประเด็นที่ต้องปรับปรุงในเรื่องคุณภาพการดำเนินงาน ประสิทธิภาพการสื่อสาร "
        "และการปรับปรุงการทำงานการเปิดเผยข้อมูล"
    ),
    "OIT": (
        "ผลคะแนน OIT พบว่า โดยรวมแล้วถือว่าการเปิดเผยข้อมูลของหน่วยงานอยู่ในเกณฑ์ที่ต้องปรับปรุงในเรื่อง"
        "การเปิดเผยข้อมูลต่างๆ บนเว็บไซต์ของหน่วยงานให้ครบถ้วน โดยเป็นการดำเนินงานหรือกิจกรรมของหน่วยงาน"
        "ที่แสดงให้เห็นถึงเรื่องต่างๆ ต่อไปนี้ เช่น เสริมสร้างวัฒนธรรมองค์กรให้เจ้าหน้าที่ของหน่วยงานอย่างมี"
        "ทัศนคติ/ค่านิยมในการปฏิบัติงานอย่างซื่อสัตย์สุจริตชัดเจน การมีส่วนร่วมของผู้บริหารสูงสุดคนปัจจุบัน"
        "โดยแสดงให้เห็นถึงการปรับปรุง พัฒนา และส่งเสริมหน่วยงานด้านคุณธรรมและความโปร่งใส "
        "การเปิดโอกาสให้ผู้มีส่วนได้ส่วนเสีย"
    ),
}


def load(org):
    """Create or refresh this app's demo records for `org`; safe to run again."""
    load_frameworks()
    _load_assessment(org)


def _load_assessment(org):
    """The seed's FY 2565 assessment: scores, OIT item results, recommendations, analysis."""
    framework = Framework.objects.get(year=YEAR)
    assessment = Assessment.objects.filter(organization=org, year=YEAR).first()
    if assessment is None:
        assessment = Assessment.objects.create(organization=org, framework=framework)
    # Each save moves the assessment's version on (and updates `assessment` with it).
    scores_save(
        assessment=assessment,
        scores={number: Decimal(text) for number, text in SCORES_2565.items()},
        version=assessment.version,
    )
    item_results_save(
        assessment=assessment,
        results={
            item.code: ItemResultInput(met=item.code in MET_2565) for item in framework.items()
        },
        version=assessment.version,
    )
    analysis_save(
        assessment=assessment,
        recommendations=RECOMMENDATIONS_2565,
        analyses={code: {"to_improve": text} for code, text in ANALYSIS_2565.items()},
        version=assessment.version,
    )
    total, level = PUBLISHED_2565
    published_result_save(
        assessment=assessment, total=total, level=level, version=assessment.version
    )
    # The organization put its FY 2565 result on its public page when NACC announced it.
    assessment_make_public(assessment=assessment, on=PUBLIC_ON_2565, version=assessment.version)
    return assessment
