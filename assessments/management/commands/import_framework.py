from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments import services
from assessments.errors import AssessmentError
from assessments.imports import parse_framework, read_framework_file
from assessments.matching import MappingError
from assessments.models import Framework


class Command(BaseCommand):
    help = (
        "Create or update a year's ITA framework from a YAML (or JSON) file, e.g. "
        "fixtures/provisional/ita-2568.yaml (format: docs/frameworks.md). Refused, with "
        "nothing changed, if the file has errors. For a year organizations already use "
        "(NACC publishing the official list), prints how the current items map onto the "
        "file's (kept, renumbered, merged, new, retired, with the records each carries) "
        "and applies it only with --confirm; --map OLD=NEW and --merge NEW adjust it."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the framework file (.yaml, .yml or .json)")
        parser.add_argument(
            "--confirm",
            action="store_true",
            help="apply the printed mapping to a year in use (without it nothing is written)",
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="OLD=NEW",
            help="map a current item to a file item by hand (OLD= retires it); repeatable",
        )
        parser.add_argument(
            "--merge",
            action="append",
            default=[],
            metavar="NEW",
            help="the file item NEW merges the current items mapped onto it; repeatable",
        )

    def handle(self, *args, file, confirm, map, merge, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"ไม่พบไฟล์ {path}")
        try:
            data = read_framework_file(path.read_bytes(), path.name)
            year = parse_framework(data).year
            framework = Framework.objects.filter(year=year).first()
            if framework is not None and services.framework_used(framework):
                self.publish(framework, data, confirm, map, merge)
                return
            framework, created = services.framework_import(data=data)
        except (AssessmentError, MappingError) as exc:
            raise CommandError("\n".join(getattr(exc, "messages", [str(exc)]))) from exc
        items = framework.items().count()
        state = "สร้าง" if created else "ปรับปรุง"
        note = " (ข้อมูลเบื้องต้น)" if framework.provisional else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{state}กรอบการประเมินปี {framework.year}{note}: "
                f"{framework.indicators.count()} ตัวชี้วัด, {items} ข้อ OIT"
            )
        )

    def publish(self, framework, data, confirm, pairs, merges):
        mapping = {}
        for pair in pairs:
            old, sep, new = pair.partition("=")
            if not sep:
                raise CommandError(f"--map ต้องเป็น ข้อเดิม=ข้อใหม่ เช่น O13=O14 (ได้ {pair})")
            mapping[old] = new
        plan = services.framework_publish_plan(
            framework=framework, data=data, mapping=mapping, merges=merges
        )
        self.print_plan(plan)
        if not confirm:
            raise CommandError(
                f"มีหน่วยงานใช้กรอบการประเมินปี {framework.year} อยู่ ยังไม่ได้บันทึกข้อมูลใด ๆ "
                "ตรวจการจับคู่ด้านบน แล้วสั่งอีกครั้งพร้อม --confirm (ปรับด้วย --map และ --merge)"
            )
        result = services.framework_publish(
            framework=framework,
            data=data,
            mapping=mapping,
            merges=merges,
            digest=plan.digest,
            retiring=plan.retiring,
        )
        for item, what, record in result.left_on_retired:
            self.stdout.write(f"  คงไว้ที่ข้อเดิม {item.code} (ซ้ำกับข้อที่รวม): {what} {record}")
        self.stdout.write(
            self.style.SUCCESS(
                f"กรอบการประเมินปี {framework.year} เป็นฉบับทางการแล้ว: "
                f"{framework.items().count()} ข้อ OIT ไม่มีข้อมูลใดถูกลบ"
            )
        )

    def print_plan(self, plan):
        def carried(item):
            found = plan.dependents_of(item)
            return " (" + ", ".join(f"{what} {n}" for what, n in found) + ")" if found else ""

        write = self.stdout.write
        write(f"การจับคู่ข้อ OIT ของปี {plan.framework.year} กับไฟล์ (รหัสไฟล์ {plan.digest[:12]})")
        write(f"เก็บไว้ {len(plan.kept)} ข้อ: " + ", ".join(o.code for o, _n in plan.kept))
        write(f"เปลี่ยนรหัส {len(plan.renumbered)} ข้อ")
        for old, new in plan.renumbered:
            write(f"  {old.code} → {new.code} {new.title}{carried(old)}")
        write(f"รวมข้อ {len(plan.merged)} ข้อ")
        for new, olds in plan.merged:
            sources = " + ".join(f"{o.code}{carried(o)}" for o in olds)
            write(f"  {sources} → {new.code} {new.title}")
        write(f"ข้อใหม่ {len(plan.new)} ข้อ: " + ", ".join(n.code for n in plan.new))
        write(f"เลิกใช้ {len(plan.retired)} ข้อ (เก็บไว้ ไม่ลบ)")
        for old in plan.retired:
            write(f"  {old.code} {old.title}{carried(old)}")
