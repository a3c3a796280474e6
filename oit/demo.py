"""Demo OIT answers of FY 2565 for อบต.หนองปรุง, in every state, spread over the four
departments, so that each demo user finds work waiting: the mayor a queue, each
department its drafts and at least one returned answer with the mayor's comment.

`manage.py loaddemo` (ops) calls `load(org)` after assessments.demo has loaded the
FY 2565 framework. Safe to run again: the demo answers are reset to these states, their
history rewritten.
"""

from datetime import timedelta

from django.utils import timezone

from assessments.models import OITItem
from itaportal.demo import department
from itaportal.models import User
from oit.models import AnswerEvent, OITAnswer

YEAR = 2565
SITE = "https://www.nongprung.go.th"
S = OITAnswer.Status
A = AnswerEvent.Action

# code: (department key, status, [(path, label)], where to find it, mayor's comment)
ANSWERS = {
    "O1": (
        "office", S.APPROVED, [("/structure", "แผนผังโครงสร้างส่วนราชการ อบต.หนองปรุง")],
        "หน้าหลัก › ข้อมูลหน่วยงาน › โครงสร้าง", "",
    ),
    "O2": (
        "office", S.APPROVED, [("/executives", "คณะผู้บริหารและหัวหน้าส่วนราชการ")],
        "หน้าหลัก › ข้อมูลหน่วยงาน › คณะผู้บริหาร", "",
    ),
    "O3": (
        "office", S.SUBMITTED, [("/authority", "อำนาจหน้าที่ตาม พ.ร.บ.สภาตำบลฯ")],
        "หน้าหลัก › ข้อมูลหน่วยงาน › อำนาจหน้าที่", "",
    ),
    "O4": (
        "office", S.RETURNED, [("/plan/2561-2565", "แผนพัฒนาท้องถิ่น (พ.ศ. 2561–2565)")],
        "หน้าหลัก › แผนงาน › แผนพัฒนาท้องถิ่น",
        "ลิงก์เป็นแผนฉบับเดิม ขอให้แนบแผนพัฒนาท้องถิ่นฉบับทบทวนที่ใช้ในปี 2565",
    ),
    "O5": (
        "office", S.SUBMITTED, [("/contact", "ข้อมูลการติดต่อ")],
        "หน้าหลัก › ติดต่อเรา", "",
    ),
    "O7": (
        "office", S.DRAFT, [("/news", "ข่าวประชาสัมพันธ์")],
        "หน้าหลัก › ข่าวประชาสัมพันธ์", "",
    ),
    "O18": (
        "finance", S.SUBMITTED, [("/finance/budget-plan-2565", "แผนการใช้จ่ายงบประมาณประจำปี 2565")],
        "หน้าหลัก › ITA › O18", "",
    ),
    "O21": (
        "finance", S.RETURNED,
        [("https://drive.google.com/file/d/demo-o21", "แผนจัดซื้อจัดจ้าง 2565 (Google Drive)")],
        "หน้าหลัก › จัดซื้อจัดจ้าง › แผนการจัดซื้อจัดจ้าง",
        "ไฟล์อยู่บน Google Drive ไม่ใช่เว็บไซต์ของ อบต. กรุณาอัปโหลดขึ้นเว็บไซต์หลักแล้วส่งลิงก์ใหม่",
    ),
    "O22": (
        "finance", S.DRAFT, [("/procurement/announcements", "ประกาศจัดซื้อจัดจ้าง")],
        "หน้าหลัก › จัดซื้อจัดจ้าง › ประกาศ", "",
    ),
    "O23": (
        "finance", S.APPROVED, [("/procurement/monthly-2565", "สรุปผลการจัดซื้อจัดจ้างรายเดือน 2565")],
        "หน้าหลัก › จัดซื้อจัดจ้าง › สรุปผลรายเดือน", "",
    ),
    "O10": (
        "works", S.SUBMITTED, [("/plan/action-2565", "แผนการดำเนินงาน ประจำปี 2565")],
        "หน้าหลัก › แผนงาน › แผนการดำเนินงาน", "",
    ),
    "O13": (
        "works", S.RETURNED, [("/manual/works", "คู่มือการปฏิบัติงานกองช่าง")],
        "หน้าหลัก › คู่มือ",
        "เส้นทางบนเว็บไซต์ไม่ครบ ผู้ประเมินจะหาไม่พบ ขอให้ระบุเมนูย่อยให้ครบทุกขั้น",
    ),
    "O17": ("works", S.DRAFT, [], "", ""),
    "O14": (
        "edu", S.SUBMITTED, [("/service/manual", "คู่มือการให้บริการประชาชน")],
        "หน้าหลัก › บริการประชาชน › คู่มือการให้บริการ", "",
    ),
    "O16": (
        "edu", S.RETURNED, [("/service/survey-2564", "ผลสำรวจความพึงพอใจ ปี 2564")],
        "หน้าหลัก › บริการประชาชน › ผลสำรวจความพึงพอใจ",
        "ผลสำรวจเป็นของปี 2564 ต้องเป็นข้อมูลของปีงบประมาณ 2565",
    ),
    "O15": (
        "edu", S.DRAFT, [("/service/statistics", "สถิติการให้บริการ")],
        "หน้าหลัก › บริการประชาชน › สถิติ", "",
    ),
}  # fmt: skip

# How each final state was reached, as (action, from, to, actor role).
PATHS = {
    S.DRAFT: [],
    S.SUBMITTED: [(A.SUBMIT, S.DRAFT, S.SUBMITTED, "staff")],
    S.APPROVED: [
        (A.SUBMIT, S.DRAFT, S.SUBMITTED, "staff"),
        (A.APPROVE, S.SUBMITTED, S.APPROVED, "mayor"),
    ],
    S.RETURNED: [
        (A.SUBMIT, S.DRAFT, S.SUBMITTED, "staff"),
        (A.RETURN, S.SUBMITTED, S.RETURNED, "mayor"),
    ],
}
STAFF = {
    "office": "staff-office",
    "finance": "staff-finance",
    "works": "staff-works",
    "edu": "staff-edu",
}


def load(org):
    """Create or reset the demo OIT answers of FY 2565 for `org`."""
    items = {i.code: i for i in OITItem.objects.in_year(YEAR).filter(code__in=list(ANSWERS))}
    if not items:
        return []
    users = {u.username: u for u in User.objects.filter(organization=org)}
    analyst, mayor = users.get("analyst"), users.get("mayor")
    now = timezone.now()
    answers = []
    for n, (code, (dept, status, links, where, comment)) in enumerate(ANSWERS.items()):
        if code not in items:
            continue
        staff = users.get(STAFF[dept]) or analyst
        answer, _ = OITAnswer.objects.update_or_create(
            organization=org,
            item=items[code],
            defaults={
                "department": department(org, dept),
                "status": status,
                "links": [
                    {"url": url if url.startswith("http") else SITE + url, "label": label}
                    for url, label in links
                ],
                "where_to_find": where,
                "explanation": "",
                "element_evidence": (
                    {str(i): "link:1" for i in range(1, len(items[code].required_elements) + 1)}
                    if links and status != S.DRAFT
                    else {}
                ),
                "needs_new_evidence": False,
                "review_comment": comment,
                "copied_from": None,
                "version": 1 + len(PATHS[status]),
                "updated_by": mayor if status in (S.APPROVED, S.RETURNED) else staff,
                "approved_at": now - timedelta(days=1) if status == S.APPROVED else None,
            },
        )
        answer.events.all().delete()
        at = now - timedelta(days=10 - n % 5)
        assigned = AnswerEvent.objects.create(
            answer=answer, action=A.ASSIGN, from_status=S.DRAFT, to_status=S.DRAFT,
            actor=analyst, comment=f"มอบหมายให้ {answer.department.name}",
        )  # fmt: skip
        AnswerEvent.objects.filter(pk=assigned.pk).update(at=at)
        for step, (action, before, after, who) in enumerate(PATHS[status], start=1):
            event = AnswerEvent.objects.create(
                answer=answer,
                action=action,
                from_status=before,
                to_status=after,
                actor=mayor if who == "mayor" else staff,
                comment=comment if action == A.RETURN else "",
            )
            # Spread the demo history over the last days so it reads like real work.
            AnswerEvent.objects.filter(pk=event.pk).update(at=at + timedelta(hours=step))
        answers.append(answer)
    return answers
