"""The demo organization อบต.หนองปรุง and its users (see `manage.py loaddemo`)."""

from django.conf import settings

from itaportal.models import Department, Organization, User

ORGANIZATION = {
    "slug": "nongprung",
    "name": "องค์การบริหารส่วนตำบลหนองปรุง",
    "short_name": "อบต.หนองปรุง",
    "kind": Organization.Kind.SAO,
    "district": "เขาย้อย",
    "province": "เพชรบุรี",
    "memo_prefix": "พบ ๗๕๘๐๑",
    "website": "https://www.nongprung.go.th/",
    "website_domains": "nongprung.go.th",
}

DEPARTMENTS = [
    ("office", "สำนักปลัด", "หัวหน้าสำนักปลัด"),
    ("finance", "กองคลัง", "ผู้อำนวยการกองคลัง"),
    ("works", "กองช่าง", "ผู้อำนวยการกองช่าง"),
    ("edu", "กองการศึกษา ศาสนา และวัฒนธรรม", "ผู้อำนวยการกองการศึกษา ศาสนาและวัฒนธรรม"),
]

# username, role, department key, prefix, first, last, position
USERS = [
    ("analyst", User.Role.ADMIN, "office", "นางสาว", "วิภาวรรณ", "ใจดี", "นักวิเคราะห์นโยบายและแผน"),
    ("mayor", User.Role.EXECUTIVE, None, "นาย", "สนธยา", "คงสนิท", "นายกองค์การบริหารส่วนตำบลหนองปรุง"),
    ("staff-office", User.Role.STAFF, "office", "นาย", "สมชาย", "ทองดี", "นักจัดการงานทั่วไป"),
    ("staff-finance", User.Role.STAFF, "finance", "นาง", "สถาพร", "กลิ่นโพธิ์กลับ", "ผู้อำนวยการกองคลัง"),
    ("staff-works", User.Role.STAFF, "works", "นาย", "สมบัติ", "ทับล้อม", "ผู้อำนวยการกองช่าง"),
    (
        "staff-edu",
        User.Role.STAFF,
        "edu",
        "นางสาว",
        "ชุตติกาญจน์",
        "ดั่งสท้าน",
        "ผู้อำนวยการกองการศึกษา ศาสนาและวัฒนธรรม",
    ),
]


def load():
    """Create or update the demo organization, departments and users; return the org."""
    slug = ORGANIZATION["slug"]
    org, _ = Organization.objects.update_or_create(
        slug=slug, defaults={k: v for k, v in ORGANIZATION.items() if k != "slug"}
    )
    departments = {}
    for order, (key, name, head_title) in enumerate(DEPARTMENTS, start=1):
        departments[key], _ = Department.objects.update_or_create(
            organization=org, name=name, defaults={"head_title": head_title, "order": order}
        )
    for username, role, dept, prefix, first, last, position in USERS:
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "organization": org,
                "department": departments[dept] if dept else None,
                "role": role,
                "name_prefix": prefix,
                "first_name": first,
                "last_name": last,
                "position_title": position,
                "is_active": True,
            },
        )
        user.set_password(settings.DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return org


def department(org, key):
    name = next(name for k, name, _ in DEPARTMENTS if k == key)
    return Department.objects.get(organization=org, name=name)
