"""National-scale data for benchmarks: `manage.py seed_scale --organizations N --years Y`.

Thailand has about 7,850 local administrative organizations (76 อบจ., about 2,470
เทศบาล, the rest อบต.); one deployment may serve all of them. The seeder makes N
organizations of that mix, each with departments and users, and for each of Y fiscal
years (ending with the current one) the records the portal's pages read: the assessment
with indicator scores, OIT item results and analyses; one OIT answer per OIT item in
mixed states with its review history; the year's appointment order with its committees;
about ten measures with four quarterly reports each; and the memo with its
acknowledgements.

Speed: rows are built in memory for a chunk of organizations and written in bulk, never
one `save()` per row. On PostgreSQL ids are drawn from the sequences in one query per
table and rows go in with COPY; elsewhere (SQLite, for the tests) `bulk_create`. All
users share one password hash (the demo password). Generated organizations have slugs
`scale-00001` …; their users are `scale-00001-analyst`, `-mayor`, `-staff1` ….
"""

import json
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from assessments.models import (
    Assessment,
    Framework,
    IndicatorScore,
    InstrumentAnalysis,
    OITItem,
    OITItemResult,
)
from committees.models import Committee, Duty, Member, Order
from itaportal import thai
from itaportal.models import Department, Organization, User
from measures.models import Acknowledgement, Evidence, Measure, MeasureReport, Memo
from oit.models import AnswerEvent, OITAnswer

SLUG_PREFIX = "scale-"
BATCH_SIZE = 2000

# The national mix of local administrative organizations (2024 figures, rounded).
NATIONAL = {"pao": 76, "municipality": 2472, "sao": 5302}

KIND_NAMES = {
    "sao": ("องค์การบริหารส่วนตำบล", "อบต."),
    "municipality": ("เทศบาลตำบล", "ทต."),
    "pao": ("องค์การบริหารส่วนจังหวัด", "อบจ."),
}

PLACES = [
    "หนองปรุง",
    "บ้านใหม่",
    "หนองบัว",
    "ท่าช้าง",
    "โคกสูง",
    "นาดี",
    "หนองแค",
    "บางปลา",
    "ห้วยทราย",
    "วังน้ำเย็น",
    "ดอนตูม",
    "สระแก้ว",
    "ทุ่งใหญ่",
    "หัวหิน",
    "ป่าแดง",
    "เขาน้อย",
    "บ่อทอง",
    "คลองใหม่",
    "ท่าข้าม",
    "นาเกลือ",
    "หนองหญ้าปล้อง",
    "โพธิ์ทอง",
    "ศรีสำราญ",
    "บ้านกลาง",
    "หินกอง",
    "น้ำพุ",
    "ดงมะไฟ",
    "สามชุก",
    "ลำพญา",
    "หนองสองห้อง",
]
DISTRICTS = ["เขาย้อย", "ชะอำ", "บ้านลาด", "ท่ายาง", "เมือง", "บางเลน", "สามพราน", "ดอนเจดีย์"]
PROVINCES = [
    ("เพชรบุรี", "พบ"),
    ("นครปฐม", "นฐ"),
    ("สุพรรณบุรี", "สพ"),
    ("ราชบุรี", "รบ"),
    ("ขอนแก่น", "ขก"),
    ("เชียงใหม่", "ชม"),
    ("นครราชสีมา", "นม"),
    ("สงขลา", "สข"),
    ("อุบลราชธานี", "อบ"),
    ("ชลบุรี", "ชบ"),
    ("พิษณุโลก", "พล"),
    ("สุราษฎร์ธานี", "สฎ"),
]
DEPARTMENTS = [
    ("สำนักปลัด", "หัวหน้าสำนักปลัด"),
    ("กองคลัง", "ผู้อำนวยการกองคลัง"),
    ("กองช่าง", "ผู้อำนวยการกองช่าง"),
    ("กองการศึกษา ศาสนา และวัฒนธรรม", "ผู้อำนวยการกองการศึกษา ศาสนาและวัฒนธรรม"),
    ("กองสาธารณสุขและสิ่งแวดล้อม", "ผู้อำนวยการกองสาธารณสุขและสิ่งแวดล้อม"),
    ("กองสวัสดิการสังคม", "ผู้อำนวยการกองสวัสดิการสังคม"),
    ("กองส่งเสริมการเกษตร", "ผู้อำนวยการกองส่งเสริมการเกษตร"),
    ("หน่วยตรวจสอบภายใน", "หัวหน้าหน่วยตรวจสอบภายใน"),
]
# Departments an organization of each kind has (inclusive range): a small อบต. has three,
# an อบจ. all eight.
DEPARTMENT_COUNTS = {"sao": (3, 6), "municipality": (4, 7), "pao": (6, 8)}
# Staff per department (inclusive) and measures per year (inclusive).
STAFF_PER_DEPARTMENT = (1, 3)
MEASURES_PER_YEAR = (5, 16)
# One quarterly report in EVIDENCE_EVERY carries an evidence file; current-year measures
# carry 1–3 rows of field history.
EVIDENCE_EVERY = 200

# Sentences of the length and kind the real documents have: texts are 1–4 of them.
SENTENCES = [
    "การเผยแพร่ข้อมูลบนเว็บไซต์หลักของหน่วยงานยังไม่ครบถ้วนตามองค์ประกอบที่สำนักงาน ป.ป.ช. กำหนด",
    "ข้อมูลบางรายการไม่เป็นปัจจุบันและไม่ระบุวันที่เผยแพร่ ทำให้ผู้ตรวจประเมินไม่สามารถยืนยันได้",
    "ผู้มีส่วนได้ส่วนเสียภายนอกยังรับรู้ช่องทางการร้องเรียนการทุจริตและประพฤติมิชอบไม่ทั่วถึง",
    "บุคลากรบางส่วนยังไม่เข้าใจแนวทางการปฏิบัติเกี่ยวกับการรับของขวัญและประโยชน์อื่นใด",
    "จัดประชุมชี้แจงแนวทางการเผยแพร่ข้อมูลให้ทุกกองทราบ และกำหนดผู้รับผิดชอบรายข้อ",
    "ตรวจสอบความครบถ้วนของข้อมูลทุกเดือนโดยคณะทำงาน และรายงานผลต่อผู้บริหาร",
    "ปรับปรุงหน้าเว็บไซต์ให้ค้นหาข้อมูล ITA ได้ง่าย มีเมนูเฉพาะแยกตามปีงบประมาณ",
    "ประชาสัมพันธ์ช่องทางการร้องเรียนผ่านเสียงตามสาย ป้ายประกาศ และกลุ่มไลน์ของหมู่บ้าน",
    "จัดทำคู่มือการปฏิบัติงานและเผยแพร่ให้ประชาชนทราบขั้นตอนและระยะเวลาการให้บริการ",
    "ดำเนินการตามแผนปฏิบัติการป้องกันการทุจริตประจำปี และติดตามผลเป็นรายไตรมาส",
    "ได้ดำเนินการเผยแพร่ข้อมูลตามมาตรการครบถ้วนแล้ว อยู่ระหว่างการประเมินผลการดำเนินการ",
    "จัดอบรมเสริมสร้างคุณธรรมจริยธรรมให้แก่บุคลากรจำนวน ๔๕ คน เมื่อวันที่ ๑๕ มีนาคม",
    "งบประมาณที่ใช้ในการดำเนินการ ๑๕,๐๐๐ บาท จากแผนงานบริหารงานทั่วไป",
    "ผลการดำเนินการทำให้ประชาชนเข้าถึงข้อมูลได้สะดวกขึ้น มีผู้เข้าชมเว็บไซต์เพิ่มขึ้นร้อยละ ๒๐",
]


def one_page_pdf(text: str) -> bytes:
    """A small valid one-page PDF whose text layer says `text` (ASCII): the evidence files
    the seed writes, the bench's link server and the tests' serve it."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


TINY_PDF = one_page_pdf("Evidence of the measure")
FIRST_NAMES = [
    "สมชาย",
    "สมศรี",
    "วิภาวรรณ",
    "ประเสริฐ",
    "สุดารัตน์",
    "อนุชา",
    "กาญจนา",
    "ธีระ",
    "มาลี",
    "ชัยวัฒน์",
    "พรทิพย์",
    "สุริยา",
    "นงลักษณ์",
    "วีระ",
    "จันทร์เพ็ญ",
    "ปิยะ",
]
LAST_NAMES = [
    "ใจดี",
    "ทองดี",
    "ศรีสุข",
    "แก้วมณี",
    "บุญมา",
    "สายทอง",
    "พึ่งบุญ",
    "รักไทย",
    "มั่นคง",
    "อินทร์แก้ว",
    "เพชรงาม",
    "ทับทิม",
    "กลิ่นหอม",
    "ชื่นชม",
    "วงศ์ใหญ่",
    "ดีเลิศ",
]
MALE = {"สมชาย", "ประเสริฐ", "อนุชา", "ธีระ", "ชัยวัฒน์", "สุริยา", "วีระ", "ปิยะ"}

MEASURE_TITLES = [
    "มาตรการเผยแพร่ข้อมูลต่อสาธารณะ",
    "มาตรการให้ผู้มีส่วนได้ส่วนเสียมีส่วนร่วม",
    "มาตรการส่งเสริมความโปร่งใสในการจัดซื้อจัดจ้าง",
    "มาตรการจัดการเรื่องร้องเรียนการทุจริต",
    "มาตรการป้องกันการรับสินบน",
    "มาตรการการใช้ทรัพย์สินของราชการ",
    "มาตรการตรวจสอบการใช้ดุลพินิจ",
    "มาตรการป้องกันผลประโยชน์ทับซ้อน",
    "มาตรการปรับปรุงระบบการทำงาน",
    "มาตรการยกระดับคุณภาพการให้บริการ",
]
COMMITTEES = [
    ("คณะทำงานอำนวยการ", "board", 5, 5),
    ("คณะทำงาน", "board", 13, 7),
    ("ผู้บริหารที่รับผิดชอบการประเมินของหน่วยงาน", "designation", 1, 1),
    ("ผู้ดูแลระบบ ITAS ของหน่วยงาน (Admin)", "designation", 2, 1),
    ("ผู้รับผิดชอบการตอบแบบ OIT", "designation", 4, 2),
]


class SeedError(Exception):
    """The database is not ready for seeding (the message says what to do)."""


@dataclass
class SeedReport:
    organizations: int
    years: list
    seconds: float = 0.0
    rows: Counter = field(default_factory=Counter)

    @property
    def total_rows(self):
        return sum(self.rows.values())

    def as_dict(self):
        return {
            "organizations": self.organizations,
            "years": self.years,
            "seconds": round(self.seconds, 1),
            "rows": dict(sorted(self.rows.items())),
            "total_rows": self.total_rows,
        }


def slug_for(index):
    return f"{SLUG_PREFIX}{index:05d}"


def seeded_organizations():
    return Organization.objects.filter(slug__startswith=SLUG_PREFIX)


# --- writing rows fast ---------------------------------------------------------------


class Writer:
    """Writes rows given as dicts keyed by field attname (`organization_id`, not
    `organization`); fields left out take their model default. On PostgreSQL: ids from
    the sequence in one query, rows through COPY. Elsewhere: `bulk_create` in batches."""

    def __init__(self, counter):
        self.counter = counter
        self.postgres = connection.vendor == "postgresql"

    def _allocate_ids(self, model_class, count):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [model_class._meta.db_table, model_class._meta.pk.column, count],
            )
            return [row[0] for row in cursor.fetchall()]

    def insert(self, model_class, rows, ids=False):
        """Write `rows`; with `ids`, set each row's "id" to the new primary key."""
        if not rows:
            return rows
        self.counter[model_class._meta.label] += len(rows)
        if not self.postgres:
            objs = model_class.objects.bulk_create(
                [model_class(**row) for row in rows], batch_size=BATCH_SIZE
            )
            if ids:
                for row, obj in zip(rows, objs, strict=True):
                    row["id"] = obj.pk
            return rows
        if ids:
            for row, new_id in zip(rows, self._allocate_ids(model_class, len(rows)), strict=True):
                row["id"] = new_id
        now = timezone.now()
        columns, getters = [], []
        for f in model_class._meta.concrete_fields:
            if f.primary_key and not ids:
                continue
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                default = now
            elif f.primary_key:
                default = None
            else:
                default = f.get_default()
            columns.append(connection.ops.quote_name(f.column))
            getters.append((f.attname, default, f.get_internal_type() == "JSONField"))
        sql = (
            f"COPY {connection.ops.quote_name(model_class._meta.db_table)} "
            f"({', '.join(columns)}) FROM STDIN"
        )
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(
                    [
                        json.dumps(row.get(name, default), ensure_ascii=False)
                        if is_json
                        else row.get(name, default)
                        for name, default, is_json in getters
                    ]
                )
        return rows

    def insert_m2m(self, relation, pairs):
        """Rows of an auto-created many-to-many table: `pairs` of (source id, target id)."""
        through = relation.through
        source = relation.field.m2m_field_name()
        target = relation.field.m2m_reverse_field_name()
        self.insert(through, [{f"{source}_id": a, f"{target}_id": b} for a, b in pairs])


# --- frameworks -----------------------------------------------------------------------


def _complete(framework):
    return (
        framework.items_complete  # a partial OIT list is no model to copy
        and framework.indicators.exists()
        and OITItem.objects.in_framework(framework).exists()
    )


def _clone_framework(source, year):
    """A copy of `source` for `year`, marked provisional: the benchmark needs a framework
    for every year it seeds, and the OIT structure of a copied year is realistic enough."""
    copy = Framework.objects.create(
        year=year,
        name=source.name.replace(str(source.year), str(year)),
        pass_mark=source.pass_mark,
        provisional=True,
        notes=f"คัดลอกจากกรอบปี {source.year} โดย seed_scale เพื่อทดสอบสมรรถนะเท่านั้น",
    )
    instruments = {}
    for instrument in source.instruments.all():
        old = instrument.pk
        instrument.pk = None
        instrument.framework = copy
        instrument.save()
        instruments[old] = instrument
    for band in source.rating_bands.all():
        band.pk = None
        band.framework = copy
        band.save()
    for indicator in source.indicators.prefetch_related("sub_indicators__items"):
        subs = list(indicator.sub_indicators.all())
        indicator.pk = None
        indicator.framework = copy
        indicator.instrument = instruments[indicator.instrument_id]
        indicator.save()
        for sub in subs:
            items = list(sub.items.all())
            sub.pk = None
            sub.indicator = indicator
            sub.save()
            for item in items:
                item.pk = None
                item.sub_indicator = sub
                item.save()
    return copy


def frameworks_for(years, log=print):
    """{year: Framework with its structure loaded} for every year, loading the project's
    framework fixtures when the database has none and copying the nearest complete
    framework into years that have none."""
    if not Framework.objects.exists():
        try:
            call_command("load_frameworks", verbosity=0)
        except CommandError as exc:
            raise SeedError(
                f"no ITA framework in the database and `load_frameworks` failed ({exc}); "
                "load the frameworks first"
            ) from None
    complete = [f for f in Framework.objects.order_by("year") if _complete(f)]
    if not complete:
        raise SeedError("no complete ITA framework (with OIT items) in the database")
    result = {}
    for year in years:
        found = Framework.objects.filter(year=year).first()
        if found is None:
            source = min(complete, key=lambda f: (abs(f.year - year), -f.year))
            log(f"  framework {year}: copied from {source.year}")
            found = _clone_framework(source, year)
        result[year] = found
    loaded = {
        f.year: f
        for f in Framework.objects.filter(pk__in=[f.pk for f in result.values()]).with_structure()
    }
    return loaded


# --- the seeder -----------------------------------------------------------------------


def _ce(year_be):
    return year_be - 543


def _aware(day, hour=10):
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


class Seeder:
    def __init__(
        self, organizations, years, *, last_year=None, first=1, chunk=100, seed=2565, log=print
    ):
        self.n = organizations
        self.first = first  # index of the first organization: seeding may add to a seeded DB
        self.last_year = last_year or thai.fiscal_year(timezone.localdate())
        self.years = list(range(self.last_year - years + 1, self.last_year + 1))
        self.chunk = chunk
        self.rng = random.Random(seed)
        self.log = log
        self.report = SeedReport(organizations, self.years)
        self.db = Writer(self.report.rows)
        self.password = make_password(settings.DEMO_PASSWORD)

    def kinds(self):
        """The kind of each organization index, in the national proportions."""
        total = sum(NATIONAL.values())
        pao = round(self.n * NATIONAL["pao"] / total)
        municipality = round(self.n * NATIONAL["municipality"] / total)
        return (
            ["pao"] * pao
            + ["municipality"] * municipality
            + ["sao"] * (self.n - pao - municipality)
        )

    def run(self):
        started = time.monotonic()
        taken = seeded_organizations().filter(
            slug__gte=slug_for(self.first), slug__lte=slug_for(self.first + self.n - 1)
        )
        if taken.exists():
            raise SeedError(
                "this database already holds seeded organizations (slug scale-…): "
                "seed a fresh database"
            )
        self.frameworks = frameworks_for(self.years, self.log)
        self.structure = {year: self._structure(f) for year, f in self.frameworks.items()}
        kinds = self.kinds()
        done = 0
        skipping = self._skip_foreign_key_triggers()
        try:
            for start in range(0, self.n, self.chunk):
                indices = range(start, min(start + self.chunk, self.n))
                with transaction.atomic():
                    self._seed_chunk([(self.first + i, kinds[i]) for i in indices])
                done += len(indices)
                if done == self.n or done % (self.chunk * 10) == 0:
                    self.log(
                        f"  {done:,}/{self.n:,} organizations, {self.report.total_rows:,} rows, "
                        f"{time.monotonic() - started:.0f} s"
                    )
        finally:
            if skipping:
                with connection.cursor() as cursor:
                    cursor.execute("SET session_replication_role = DEFAULT")
        if connection.vendor == "postgresql":
            # Fresh statistics, so the planner sees the real table sizes at once.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.report.seconds = time.monotonic() - started
        return self.report

    def _skip_foreign_key_triggers(self):
        """On PostgreSQL as a superuser (the throwaway cluster), skip the per-row foreign
        key checks for this session: the generated rows are consistent by construction,
        and the checks are half of PostgreSQL's work during the load."""
        if connection.vendor != "postgresql":
            return False
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = replica")
        except DatabaseError:
            self.log("  (not a superuser: foreign keys are checked row by row)")
            return False
        return True

    @staticmethod
    def _structure(framework):
        indicators = sorted(framework.indicators.all(), key=lambda i: i.number)
        items, subs_of = [], {}
        for indicator in indicators:
            subs = sorted(indicator.sub_indicators.all(), key=lambda x: (x.order, x.code))
            subs_of[indicator.pk] = [
                (sub.pk, sorted(sub.items.all(), key=lambda it: it.number)) for sub in subs
            ]
            for _, its in subs_of[indicator.pk]:
                items.extend(its)
        items.sort(key=lambda it: (it.number, it.code))
        return SimpleNamespace(
            indicators=indicators,
            instruments=sorted(framework.instruments.all(), key=lambda x: x.order),
            subs_of=subs_of,
            items=items,
        )

    # one chunk of organizations, all years

    def _seed_chunk(self, chunk):
        rng, db = self.rng, self.db
        orgs, rows = [], []
        for index, kind in chunk:
            place = PLACES[index % len(PLACES)]
            province, abbr = PROVINCES[index % len(PROVINCES)]
            full, short = KIND_NAMES[kind]
            suffix = f" {thai.thai_digits(index)}"
            slug = slug_for(index)
            org = SimpleNamespace(slug=slug, name=f"{full}{place}{suffix}", kind=kind)
            orgs.append(org)
            rows.append(
                {
                    "name": org.name,
                    "short_name": f"{short}{place}{suffix}",
                    "kind": kind,
                    "district": DISTRICTS[index % len(DISTRICTS)],
                    "province": province,
                    "slug": slug,
                    "memo_prefix": f"{abbr} {thai.thai_digits(70000 + index)}",
                    "website": f"https://www.{slug}.go.th/",
                    "website_domains": f"{slug}.go.th",
                    "phone": f"0 3245 {index % 10000:04d}",
                }
            )
        db.insert(Organization, rows, ids=True)
        for org, row in zip(orgs, rows, strict=True):
            org.id = row["id"]

        rows = []
        for org in orgs:
            count = rng.randint(*DEPARTMENT_COUNTS[org.kind])
            org.departments = [
                {"organization_id": org.id, "name": name, "head_title": head, "order": position}
                for position, (name, head) in enumerate(DEPARTMENTS[:count], start=1)
            ]
            rows.extend(org.departments)
        db.insert(Department, rows, ids=True)

        rows = []
        for org in orgs:
            office = org.departments[0]
            org.analyst = self._user(
                org, "analyst", User.Role.ADMIN, office, "นักวิเคราะห์นโยบายและแผน"
            )
            org.mayor = self._user(org, "mayor", User.Role.EXECUTIVE, None, f"นายก{org.name}")
            # staff1 … staffK: the head of each department first, then their colleagues.
            heads = [(dept, dept["head_title"]) for dept in org.departments]
            others = [
                (dept, "นักวิชาการ" + dept["name"].removeprefix("กอง"))
                for dept in org.departments
                for _ in range(rng.randint(*STAFF_PER_DEPARTMENT) - 1)
            ]
            org.staff = [
                self._user(org, f"staff{n}", User.Role.STAFF, dept, position)
                for n, (dept, position) in enumerate(heads + others, start=1)
            ]
            rows.extend([org.analyst, org.mayor, *org.staff])
        db.insert(User, rows, ids=True)

        for year in self.years:
            assessments = self._assessments(orgs, year, rng)
            self._answers(orgs, year, rng)
            self._orders(orgs, year, rng)
            self._measures(orgs, assessments, year, rng)
            self._memos(orgs, assessments, year, rng)

    def _user(self, org, role_key, role, department, position):
        rng = self.rng
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        return {
            "username": f"{org.slug}-{role_key}",
            "password": self.password,
            "organization_id": org.id,
            "department_id": department["id"] if department else None,
            "role": role,
            "name_prefix": "นาย" if first in MALE else rng.choice(["นาง", "นางสาว"]),
            "first_name": first,
            "last_name": last,
            "position_title": position,
            "is_active": True,
            "date_joined": timezone.now(),
        }

    def _text(self, low=1, high=4):
        """A paragraph of realistic length: `low`–`high` of the seed's sentences."""
        return " ".join(self.rng.sample(SENTENCES, self.rng.randint(low, high)))

    def _lines(self, low=2, high=6):
        return [self._text(1, 1) for _ in range(self.rng.randint(low, high))]

    @staticmethod
    def _full_name(user):
        return f"{user['name_prefix']}{user['first_name']} {user['last_name']}"

    # assessments: the year's scores as NACC publishes them

    def _assessments(self, orgs, year, rng):
        db = self.db
        framework = self.frameworks[year]
        structure = self.structure[year]
        assessments = [
            {
                "organization_id": org.id,
                "framework_id": framework.pk,
                "year": year,
                "recommendations": "ควรเผยแพร่ข้อมูลให้ครบถ้วนตามองค์ประกอบ และเปิดช่องทางการมีส่วนร่วม",
                "published_on": date(_ce(year), 9, 20),
            }
            for org in orgs
        ]
        db.insert(Assessment, assessments, ids=True)

        scores, results, analyses = [], [], []
        progress = (year - self.years[0] + 1) / len(self.years)
        for assessment in assessments:
            quality = 0.35 + 0.5 * progress + rng.uniform(-0.2, 0.15)
            for indicator in structure.indicators:
                subs = structure.subs_of[indicator.pk]
                percentages = []
                for _, items in subs:
                    met_count = 0
                    for item in items:
                        met = rng.random() < quality
                        met_count += met
                        results.append(
                            {
                                "assessment_id": assessment["id"],
                                "item_id": item.pk,
                                "met": met,
                                "reason": "" if met else "ไม่พบข้อมูลตามองค์ประกอบบนเว็บไซต์หลัก",
                            }
                        )
                    if items:
                        percentages.append(Decimal(100 * met_count) / len(items))
                if percentages:
                    score = thai.round_half_up(sum(percentages) / len(percentages))
                    source = "oit_items"
                else:
                    score = Decimal(rng.randint(6500, 9800)) / 100
                    source = "imported"
                scores.append(
                    {
                        "assessment_id": assessment["id"],
                        "indicator_id": indicator.pk,
                        "score": score,
                        "source": source,
                    }
                )
            for instrument in structure.instruments:
                analyses.append(
                    {
                        "assessment_id": assessment["id"],
                        "instrument_id": instrument.pk,
                        "to_fix": "ประเด็นที่ได้คะแนนต่ำกว่าร้อยละ ๘๕",
                        "to_improve": "การสื่อสารกับผู้มีส่วนได้ส่วนเสีย",
                        "to_maintain": "ประเด็นที่ได้คะแนนสูงกว่าร้อยละ ๙๐",
                    }
                )
        db.insert(OITItemResult, results)
        db.insert(IndicatorScore, scores)
        db.insert(InstrumentAnalysis, analyses)
        self._make_public([a["id"] for a in assessments], date(_ce(year), 9, 30))
        return assessments

    def _make_public(self, ids, on):
        """Every seeded year is on its organization's public page, as NACC published it:
        the result frozen as making the year public freezes it, loaded for the whole
        chunk at once, and the change in each assessment's history like any other."""
        from assessments.selectors import public_scores_of

        changed = []
        for assessment in Assessment.objects.with_results().filter(pk__in=ids):
            assessment.public_on = on
            assessment.public_scores = public_scores_of(assessment)
            changed.append(assessment)
        bulk_update_with_history(
            changed,
            Assessment,
            ["public_on", "public_scores"],
            batch_size=500,
            default_date=_aware(on),
        )
        self.report.rows[Assessment.history.model._meta.label] += len(changed)

    # OIT answers in mixed states, with their history

    def _answers(self, orgs, year, rng):
        db = self.db
        S = OITAnswer.Status
        current = year == self.last_year
        start = _aware(date(_ce(year) - 1, 11, 1))
        answers, history = [], []
        for org in orgs:
            for item in self.structure[year].items:
                if current:
                    status = rng.choices(
                        [S.DRAFT, S.SUBMITTED, S.APPROVED, S.RETURNED], weights=[25, 25, 40, 10]
                    )[0]
                else:
                    status = S.APPROVED
                department = org.departments[item.number % len(org.departments)]
                staff = org.staff[item.number % len(org.staff)]
                url = f"https://www.{org.slug}.go.th/ita/{year}/{item.code.lower()}"
                comment = "กรุณาเพิ่มข้อมูลให้เป็นปัจจุบัน" if status == S.RETURNED else ""
                answer = {
                    "organization_id": org.id,
                    "item_id": item.pk,
                    "department_id": department["id"],
                    "status": status,
                    "links": [{"url": url, "label": item.title[:80]}],
                    "where_to_find": f"หน้าหลัก › ITA {year} › {item.code}",
                    "element_evidence": {"1": "link:1"} if item.required_elements else {},
                    "review_comment": comment,
                    "version": 3,
                    "updated_by_id": staff["id"],
                    "approved_at": start + timedelta(days=40) if status == S.APPROVED else None,
                }
                answers.append(answer)
                steps = [("assign", "", S.DRAFT, org.analyst, "")]
                if status != S.DRAFT:
                    steps.append(("submit", S.DRAFT, S.SUBMITTED, staff, ""))
                if status == S.APPROVED:
                    steps.append(("approve", S.SUBMITTED, S.APPROVED, org.mayor, ""))
                elif status == S.RETURNED:
                    steps.append(("return", S.SUBMITTED, S.RETURNED, org.mayor, comment))
                history.append((answer, steps))
        db.insert(OITAnswer, answers, ids=True)
        events = [
            {
                "answer_id": answer["id"],
                "action": action,
                "from_status": before,
                "to_status": after,
                "actor_id": actor["id"],
                "at": start + timedelta(days=10 * n),
                "comment": comment,
            }
            for answer, steps in history
            for n, (action, before, after, actor, comment) in enumerate(steps)
        ]
        db.insert(AnswerEvent, events)

    # the year's appointment order

    def _orders(self, orgs, year, rng):
        db = self.db
        orders, committees = [], []
        for org in orgs:
            orders.append(
                {
                    "organization_id": org.id,
                    "number": rng.randint(20, 300),
                    "year": year,
                    "fiscal_year": year,
                    "subject": (
                        "แต่งตั้งคณะกรรมการเพื่อยกระดับผลการประเมินคุณธรรมและความโปร่งใส"
                        f"ในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ของ{org.name} "
                        f"ประจำปีงบประมาณ พ.ศ. {thai.thai_digits(year)}"
                    ),
                    "preamble": (
                        "ตามที่ แผนแม่บทภายใต้ยุทธศาสตร์ชาติ ประเด็น การต่อต้านการทุจริตและประพฤติมิชอบ "
                        "ได้กำหนดการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ\n"
                        "จึงแต่งตั้งคณะกรรมการ โดยมีองค์ประกอบและอำนาจหน้าที่ ดังนี้"
                    ),
                    "signed_on": date(_ce(year), 1, 17),
                    "signer_name": self._full_name(org.mayor),
                    "signer_position": org.mayor["position_title"],
                    "status": "signed",
                    "updated_by_id": org.analyst["id"],
                }
            )
        db.insert(Order, orders, ids=True)
        sizes = []
        for order in orders:
            for position, (name, kind, members, duties) in enumerate(COMMITTEES, start=1):
                committees.append(
                    {
                        "order_id": order["id"],
                        "position": position,
                        "name": name,
                        "kind": kind,
                        "duties_heading": "มีหน้าที่ ดังต่อไปนี้" if kind == "board" else "",
                    }
                )
                sizes.append((members, duties))
        db.insert(Committee, committees, ids=True)
        members, duties = [], []
        for committee, (member_count, duty_count) in zip(committees, sizes, strict=True):
            for n in range(1, member_count + 1):
                members.append(
                    {
                        "committee_id": committee["id"],
                        "position": n,
                        "position_title": DEPARTMENTS[n % len(DEPARTMENTS)][1] if n > 1 else "ปลัด",
                        "role": "หัวหน้าคณะทำงาน" if n == 1 else "คณะทำงาน",
                    }
                )
            for n in range(1, duty_count + 1):
                duties.append(
                    {
                        "committee_id": committee["id"],
                        "position": n,
                        "text": "กำกับ ติดตาม และรายงานผลการดำเนินการตามมาตรการเพื่อยกระดับผลการประเมิน ITA",
                    }
                )
        db.insert(Member, members)
        db.insert(Duty, duties)

    # improvement measures with their quarterly reports

    def _measures(self, orgs, assessments, year, rng):
        db = self.db
        structure = self.structure[year]
        indicators = structure.indicators[:10]
        current = year == self.last_year
        follow_up = year + 1
        measures, owners = [], []
        for org, assessment in zip(orgs, assessments, strict=True):
            for n in range(rng.randint(*MEASURES_PER_YEAR)):
                indicator = indicators[n % len(indicators)]
                status = rng.choice(["not_started", "in_progress", "done"]) if current else "done"
                measures.append(
                    {
                        "assessment_id": assessment["id"],
                        "indicator_id": indicator.pk,
                        "order": n // len(indicators) + 1,
                        "sub_topic": f"ข้อคำถามที่ได้คะแนนน้อยของตัวชี้วัดที่ {indicator.number}",
                        "weakness": self._text(1, 3),
                        "improvements": self._lines(2, 5),
                        "responsible_people": ["ผอ.ทุกกอง", "นักวิเคราะห์นโยบายและแผน"],
                        "steps": self._lines(2, 6),
                        "monitoring": self._lines(1, 3),
                        "title": MEASURE_TITLES[n % len(MEASURE_TITLES)],
                        "start_date": date(_ce(follow_up) - 1, 10, 1),
                        "due_date": date(_ce(follow_up), 9, 30),
                        "status": status,
                        "progress": {
                            "not_started": 0,
                            "in_progress": rng.randrange(10, 95, 5),
                            "done": 100,
                        }[status],
                        "completed_on": date(_ce(follow_up), 9, 1) if status == "done" else None,
                        "updated_by_id": org.analyst["id"],
                    }
                )
                owners.append((org, indicator))
        db.insert(Measure, measures, ids=True)
        department_pairs, item_pairs, reports = [], [], []
        for measure, (org, indicator) in zip(measures, owners, strict=True):
            first = indicator.number % len(org.departments)
            department_pairs.append((measure["id"], org.departments[first]["id"]))
            if indicator.number % 3 == 0:
                second = org.departments[(first + 1) % len(org.departments)]
                department_pairs.append((measure["id"], second["id"]))
            for _, items in structure.subs_of[indicator.pk]:
                if items:
                    item_pairs.append((measure["id"], items[0].pk))
            # The first responsible department writes its part of every quarter's report.
            reporter = org.staff[first]
            for quarter in (1, 2, 3, 4):
                reports.append(
                    {
                        "measure_id": measure["id"],
                        "department_id": org.departments[first]["id"],
                        "year": follow_up,
                        "quarter": quarter,
                        "text": self._text(1, 4),
                        "links": [f"https://www.{org.slug}.go.th/report/{follow_up}-{quarter}"],
                        "created_by_id": reporter["id"],
                    }
                )
        db.insert_m2m(Measure.departments, department_pairs)
        db.insert_m2m(Measure.oit_items, item_pairs)
        db.insert(MeasureReport, reports, ids=True)
        self._evidence(reports)
        if current:
            self._measure_history(measures)

    def _evidence(self, reports):
        """A real file behind one report in EVIDENCE_EVERY, as staff upload them."""
        rows = []
        for report in reports[::EVIDENCE_EVERY]:
            name = default_storage.save("evidence/seed.pdf", ContentFile(TINY_PDF))
            rows.append(
                {
                    "report_id": report["id"],
                    "file": name,
                    "original_name": "หลักฐานการดำเนินงาน.pdf",
                    "content_type": "application/pdf",
                    "size": len(TINY_PDF),
                    "uploaded_by_id": report["created_by_id"],
                }
            )
        self.db.insert(Evidence, rows)

    def _measure_history(self, measures):
        """1–3 rows of field history per measure of the current year: created, then edited."""
        history = Measure.history.model
        rows = []
        for measure in measures:
            when = _aware(measure["start_date"])
            for n in range(self.rng.randint(1, 3)):
                rows.append(
                    {
                        **measure,
                        "version": n + 1,
                        "history_date": when + timedelta(days=15 * n),
                        "history_type": "+" if n == 0 else "~",
                        "history_user_id": measure["updated_by_id"],
                        "created_at": when,
                        "updated_at": when + timedelta(days=15 * n),
                    }
                )
        self.db.insert(history, rows)

    # the memo that circulates the measures, with the department heads' acknowledgements

    def _memos(self, orgs, assessments, year, rng):
        db = self.db
        current = year == self.last_year
        day = date(_ce(year), 10, 5) if not current else date(_ce(year) - 1, 12, 5)
        memos = []
        for org, assessment in zip(orgs, assessments, strict=True):
            memos.append(
                {
                    "assessment_id": assessment["id"],
                    "number": str(rng.randint(100, 999)),
                    "issuing_unit": f"สำนักปลัด {org.name}",
                    "date": day,
                    "subject": "การประกาศมาตรการเพื่อขับเคลื่อนการส่งเสริมคุณธรรมและความโปร่งใส "
                    f"ประจำปีงบประมาณ พ.ศ. {thai.thai_digits(year)}",
                    "addressee": "ผู้อำนวยการทุกกอง และหัวหน้าสำนักปลัด",
                    "body": [
                        "ตามที่ สำนักงาน ป.ป.ช. ได้ประกาศผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน",
                        "คณะทำงานได้วิเคราะห์ผลการประเมินและจัดทำมาตรการเพื่อยกระดับผลการประเมิน",
                        "จึงขอให้ทุกส่วนราชการถือปฏิบัติตามมาตรการ และรายงานผลทุกไตรมาส",
                    ],
                    "signer_name": self._full_name(org.analyst),
                    "signer_position": f"ปลัด{org.name}",
                }
            )
        db.insert(Memo, memos, ids=True)
        recipients, acks = [], []
        for org, memo in zip(orgs, memos, strict=True):
            heads = org.staff[: rng.randint(1, len(org.staff))] if current else org.staff
            recipients.extend((memo["id"], dept["id"]) for dept in org.departments)
            for n, user in enumerate(heads):
                acks.append(
                    {
                        "memo_id": memo["id"],
                        "user_id": user["id"],
                        "name": self._full_name(user),
                        "position": user["position_title"],
                        "at": _aware(day + timedelta(days=n + 1)),
                    }
                )
        db.insert_m2m(Memo.recipients, recipients)
        db.insert(Acknowledgement, acks)
