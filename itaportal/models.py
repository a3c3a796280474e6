"""Organizations, their departments and the people who log in."""

from urllib.parse import urlsplit

from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.sessions.base_session import AbstractBaseSession
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property

from itaportal.attachments import random_name
from itaportal.uploads import sniff_content_type

EMBLEM_MAX_BYTES = 2 * 1024 * 1024
EMBLEM_TYPES = ("image/png", "image/jpeg")


def validate_emblem_size(image):
    if image.size > EMBLEM_MAX_BYTES:
        raise ValidationError("ไฟล์ตราสัญลักษณ์ต้องมีขนาดไม่เกิน 2 MB")


def validate_emblem_image(image):
    """A new emblem must be a PNG or JPEG whose bytes agree with its name, the same check
    as every attached document; the one already stored passed it when it came in."""
    if getattr(image, "_committed", True):
        return
    if sniff_content_type(image, image.name) not in EMBLEM_TYPES:
        raise ValidationError("ไฟล์ที่อัปโหลดไม่ใช่รูปภาพ กรุณาเลือกไฟล์ PNG หรือ JPEG")


def emblem_upload_to(org, filename):
    return random_name("emblems", filename)


class Organization(models.Model):
    class Kind(models.TextChoices):
        SAO = "sao", "องค์การบริหารส่วนตำบล"
        MUNICIPALITY = "municipality", "เทศบาล"
        PAO = "pao", "องค์การบริหารส่วนจังหวัด"
        OTHER = "other", "อื่น ๆ"

    name = models.CharField("ชื่อเต็ม", max_length=200, unique=True)
    short_name = models.CharField("ชื่อย่อ", max_length=100)
    kind = models.CharField("ประเภท", max_length=20, choices=Kind.choices, default=Kind.SAO)
    district = models.CharField("อำเภอ", max_length=100)
    province = models.CharField("จังหวัด", max_length=100)
    slug = models.SlugField(
        "ชื่อในลิงก์",
        unique=True,
        help_text="ตัวอักษรภาษาอังกฤษ ตัวเลข และขีดกลาง ใช้ในลิงก์หน้าสาธารณะ",
    )
    memo_prefix = models.CharField(
        "รหัสหนังสือ",
        max_length=50,
        blank=True,
        help_text="เช่น พบ ๗๕๘๐๑ ใช้นำหน้าเลขที่บันทึกข้อความ",
    )
    website = models.URLField("เว็บไซต์หลัก", blank=True)
    website_domains = models.TextField(
        "โดเมนเว็บไซต์ของหน่วยงาน",
        blank=True,
        help_text="หนึ่งโดเมนต่อบรรทัด เช่น nongprung.go.th ลิงก์คำตอบ OIT ควรอยู่ในโดเมนเหล่านี้",
    )
    phone = models.CharField("โทรศัพท์", max_length=50, blank=True)
    document_font = models.CharField(
        "แบบอักษรของเอกสาร Word",
        max_length=40,
        choices=[("TH SarabunIT๙", "TH SarabunIT๙"), ("TH Sarabun New", "TH Sarabun New")],
        default="TH SarabunIT๙",
        help_text="ไฟล์ Word ระบุชื่อแบบอักษรนี้ ขนาด ๑๖ พอยต์ (ไม่ฝังแบบอักษรในไฟล์)",
    )
    emblem = models.ImageField(
        "ตราสัญลักษณ์",
        upload_to=emblem_upload_to,
        blank=True,
        validators=[validate_emblem_size, validate_emblem_image],
        help_text="ภาพตราครุฑหรือตราของหน่วยงาน (PNG หรือ JPEG ไม่เกิน 2 MB)",
    )

    class Meta:
        verbose_name = "หน่วยงาน"
        verbose_name_plural = "หน่วยงาน"
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def domains(self):
        """The organization's own website domains, lower case, from its settings and URL."""
        found = [d.strip().lower() for d in self.website_domains.splitlines() if d.strip()]
        if self.website:
            host = (urlsplit(self.website).hostname or "").lower()
            if host and host not in found:
                found.append(host)
        return found

    def is_own_domain(self, url):
        host = (urlsplit(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.domains)


class Department(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="departments", verbose_name="หน่วยงาน"
    )
    name = models.CharField("ชื่อส่วนราชการ", max_length=200)
    head_title = models.CharField(
        "ตำแหน่งหัวหน้า", max_length=200, blank=True, help_text="เช่น ผู้อำนวยการกองคลัง"
    )
    order = models.PositiveSmallIntegerField("ลำดับ", default=0)

    class Meta:
        verbose_name = "ส่วนราชการ"
        verbose_name_plural = "ส่วนราชการ"
        ordering = ["organization", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="department_unique_name")
        ]

    def __str__(self):
        return self.name


class PortalUserManager(UserManager):
    def for_organization(self, org):
        return self.filter(organization=org).select_related("department")

    def current_executive(self, org):
        """The executive who signs the organization's orders now (the latest active one)."""
        return (
            self.filter(organization=org, role=User.Role.EXECUTIVE, is_active=True)
            .order_by("-date_joined", "-pk")
            .first()
        )


class User(AbstractUser):
    class Role(models.TextChoices):
        STAFF = "staff", "เจ้าหน้าที่"
        ADMIN = "admin", "ผู้ดูแลระบบหน่วยงาน"
        EXECUTIVE = "executive", "ผู้บริหาร"

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name="หน่วยงาน",
        help_text="เว้นว่างได้เฉพาะผู้ดูแลระบบกลาง",
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="users",
        verbose_name="ส่วนราชการ",
    )
    name_prefix = models.CharField(
        "คำนำหน้า", max_length=50, blank=True, help_text="เช่น นาย นาง นางสาว"
    )
    position_title = models.CharField("ตำแหน่ง", max_length=200, blank=True)
    role = models.CharField("บทบาท", max_length=20, choices=Role.choices, default=Role.STAFF)
    must_change_password = models.BooleanField(
        "ต้องเปลี่ยนรหัสผ่านเมื่อเข้าสู่ระบบ",
        default=False,
        help_text="ตั้งเมื่อผู้ดูแลระบบหน่วยงานออกรหัสผ่านชั่วคราวให้ ล้างเมื่อผู้ใช้เปลี่ยนรหัสผ่านแล้ว",
    )

    objects = PortalUserManager()

    class Meta:
        verbose_name = "ผู้ใช้"
        verbose_name_plural = "ผู้ใช้"
        ordering = ["username"]

    def __str__(self):
        return self.display_name or self.username

    def clean(self):
        super().clean()
        if self.department_id and self.department.organization_id != self.organization_id:
            raise ValidationError({"department": "ส่วนราชการต้องอยู่ในหน่วยงานเดียวกับผู้ใช้"})

    @cached_property
    def display_name(self):
        """The name as Thai documents print it: prefix glued to the first name."""
        return self.name_as_printed(self.name_prefix, self.first_name, self.last_name)

    @staticmethod
    def name_as_printed(prefix, first_name, last_name):
        name = f"{prefix}{first_name}".strip()
        return f"{name} {last_name}".strip()

    @property
    def is_agency_admin(self):
        return self.organization_id is not None and self.role == self.Role.ADMIN

    @property
    def is_executive(self):
        return self.organization_id is not None and self.role == self.Role.EXECUTIVE

    @property
    def is_operator(self):
        return self.is_superuser


class FormToken(models.Model):
    """A creating form's one-time token, used: the same form sent twice (a double click,
    a resend after a timeout) creates its record once (itaportal.once)."""

    token = models.CharField(max_length=64, unique=True)
    used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "โทเคนแบบฟอร์มที่ใช้แล้ว"
        verbose_name_plural = "โทเคนแบบฟอร์มที่ใช้แล้ว"

    def __str__(self):
        return self.token


class Session(AbstractBaseSession):
    """Django's database session, with the logged-in user's id beside the signed data, so
    that a page reads its session and its user in one query (itaportal/sessions.py)."""

    user_id = models.IntegerField(null=True, blank=True)

    class Meta(AbstractBaseSession.Meta):
        db_table = "itaportal_session"
        verbose_name = "เซสชันการเข้าสู่ระบบ"
        verbose_name_plural = "เซสชันการเข้าสู่ระบบ"

    @classmethod
    def get_session_store_class(cls):
        from itaportal.sessions import SessionStore

        return SessionStore
