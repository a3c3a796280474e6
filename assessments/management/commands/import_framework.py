from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments.errors import AssessmentError
from assessments.imports import read_framework_file
from assessments.services import framework_import


class Command(BaseCommand):
    help = (
        "Create or update a year's ITA framework from a YAML (or JSON) file, e.g. "
        "fixtures/provisional/ita-2568.yaml (format: docs/frameworks.md). Refused, with "
        "nothing changed, if the file has errors or would drop items or indicators of a "
        "year that an assessment uses."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the framework file (.yaml, .yml or .json)")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"ไม่พบไฟล์ {path}")
        try:
            data = read_framework_file(path.read_bytes(), path.name)
            framework, created = framework_import(data=data)
        except AssessmentError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        items = framework.items().count()
        state = "สร้าง" if created else "ปรับปรุง"
        note = " (ข้อมูลเบื้องต้น)" if framework.provisional else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{state}กรอบการประเมินปี {framework.year}{note}: "
                f"{framework.indicators.count()} ตัวชี้วัด, {items} ข้อ OIT"
            )
        )
