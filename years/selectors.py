"""What the home page reads for this app: how far a new organization has set itself up."""

from dataclasses import dataclass

from django.urls import reverse

from assessments.models import Assessment
from itaportal.models import Department, User
from itaportal.thai import current_fiscal_year

# createorg makes no department; a Thai local organization has at least สำนักปลัด and
# กองคลัง, so fewer than two means the list was not entered yet.
MIN_DEPARTMENTS = 2


@dataclass
class SetupStep:
    title: str
    hint: str
    done: bool
    url: str
    action: str  # the link's text


def setup_steps(organization, year=None):
    """The steps that make a new organization ready for its first assessment, each
    ticked from the organization's own data (createorg gives only the name, district,
    province and the first admin)."""
    year = year or current_fiscal_year()
    org = organization
    departments = Department.objects.filter(organization=org).count()
    users = User.objects.filter(organization=org, is_active=True)
    has_users = users.count() > 1
    has_executive = users.filter(role=User.Role.EXECUTIVE).exists()
    has_year = Assessment.objects.filter(organization=org, year=year).exists()
    return [
        SetupStep(
            "ข้อมูลหน่วยงานและโดเมนเว็บไซต์",
            "อำเภอ จังหวัด และโดเมนเว็บไซต์ของหน่วยงานอย่างน้อยหนึ่งโดเมน (ใช้ตรวจลิงก์คำตอบ OIT)",
            bool(org.district.strip() and org.province.strip() and org.domains),
            reverse("organization_settings"),
            "กรอกข้อมูลหน่วยงาน",
        ),
        SetupStep(
            "ตราสัญลักษณ์",
            "ภาพตราของหน่วยงาน ใช้พิมพ์บนคำสั่งและบันทึกข้อความ",
            bool(org.emblem),
            reverse("organization_settings") + "#id_emblem",
            "อัปโหลดตรา",
        ),
        SetupStep(
            "ส่วนราชการ",
            f"อย่างน้อย {MIN_DEPARTMENTS} ส่วนราชการ เช่น สำนักปลัด กองคลัง (มีแล้ว {departments})",
            departments >= MIN_DEPARTMENTS,
            reverse("department_create"),
            "เพิ่มส่วนราชการ",
        ),
        SetupStep(
            "ผู้ใช้งาน",
            "บัญชีของเจ้าหน้าที่แต่ละส่วนราชการ นอกจากผู้ดูแลระบบ",
            has_users,
            reverse("user_list") if has_users else reverse("user_create"),
            "ดูผู้ใช้งาน" if has_users else "เพิ่มผู้ใช้งาน",
        ),
        SetupStep(
            "ผู้บริหาร",
            "ผู้ใช้ที่มีบทบาท “ผู้บริหาร” (นายก) ผู้อนุมัติคำตอบ OIT และลงนามคำสั่ง",
            has_executive,
            reverse("user_create") + "?role=executive",
            "เพิ่มผู้บริหาร",
        ),
        SetupStep(
            f"ปีงบประมาณ {year}",
            "เริ่มปีในระบบ: สร้างกรอบการประเมินและผลการประเมินของปี",
            has_year,
            reverse("years:start"),
            f"เริ่มปีงบประมาณ {year}",
        ),
    ]
