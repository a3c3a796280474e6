from django.core.management.base import BaseCommand, CommandError

from itaportal.models import Organization, User
from years import services

ACTIONS = {
    "copy": "จะคัดลอก",
    "done": "มีอยู่แล้ว",
    "none": "ไม่มีให้คัดลอก",
    "off": "ไม่คัดลอก",
    "blocked": "ปีใหม่มีงานที่เริ่มแล้ว จึงไม่คัดลอกทับ",
}


class Command(BaseCommand):
    help = (
        "Start a fiscal year for an organization, as the page เริ่มปีงบประมาณ does (the same "
        "service): the year's framework (a provisional copy of the newest one when NACC has "
        "not published it), the organization's assessment, and copies of the committee "
        "order, the measures and the OIT answers of --from (default: its latest earlier "
        "year) as drafts. One transaction; running it again only does what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="the organization's slug")
        parser.add_argument("--year", required=True, type=int, help="fiscal year (B.E.)")
        parser.add_argument(
            "--from", dest="source_year", type=int, help="the year to copy from (B.E.)"
        )
        parser.add_argument(
            "--user",
            help="the agency admin recorded as doing it (default: the organization's first)",
        )
        parser.add_argument("--no-order", action="store_true", help="do not copy the order")
        parser.add_argument("--no-measures", action="store_true", help="do not copy the measures")
        parser.add_argument("--no-answers", action="store_true", help="do not copy the OIT answers")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="OLD=NEW",
            help="match an OIT item by hand, e.g. O10=O11 (O10= leaves it behind); repeatable",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="print what would be done, change nothing"
        )

    def handle(self, *args, **options):
        try:
            org = Organization.objects.get(slug=options["org"])
        except Organization.DoesNotExist:
            raise CommandError(f"ไม่พบหน่วยงาน {options['org']}") from None
        kwargs = {
            "organization": org,
            "year": options["year"],
            "source_year": options["source_year"],
            "copy_order": not options["no_order"],
            "copy_measures": not options["no_measures"],
            "copy_answers": not options["no_answers"],
            "item_mapping": self._mapping(options["map"]),
        }
        try:
            if options["dry_run"]:
                self._print_plan(services.fiscal_year_plan(**kwargs))
                return
            result = services.fiscal_year_start(actor=self._actor(org, options["user"]), **kwargs)
        except services.YearStartError as exc:
            raise CommandError(str(exc)) from None
        self._print_result(result)

    def _mapping(self, pairs):
        mapping = {}
        for pair in pairs:
            old, sep, new = pair.partition("=")
            if not sep or not old.strip():
                raise CommandError(f"--map ต้องอยู่ในรูป OLD=NEW เช่น O10=O11 (ได้รับ {pair!r})")
            mapping[old.strip()] = new.strip() or None
        return mapping or None

    def _actor(self, org, username):
        admins = User.objects.filter(organization=org, role=User.Role.ADMIN, is_active=True)
        if username:
            actor = admins.filter(username=username).first()
            if actor is None:
                raise CommandError(f"{username} ไม่ใช่ผู้ดูแลระบบหน่วยงานของ {org.name}")
            return actor
        actor = admins.order_by("pk").first()
        if actor is None:
            raise CommandError(f"{org.name} ยังไม่มีผู้ดูแลระบบหน่วยงาน (ระบุ --user หรือสร้างบัญชีก่อน)")
        return actor

    def _print_plan(self, plan):
        out = self.stdout.write
        out(
            f"ปีงบประมาณ {plan.year} ของ {plan.organization.name} (คัดลอกจาก {plan.source_year or '-'})"
        )
        if plan.framework.create:
            out(f"  กรอบการประเมิน: จะสร้างกรอบเบื้องต้นจากปี {plan.framework.source.year}")
        else:
            out(f"  กรอบการประเมิน: มีอยู่แล้ว ({len(plan.framework.items)} ข้อ OIT)")
        out(f"  ผลการประเมิน: {'มีอยู่แล้ว' if plan.assessment else 'จะสร้าง'}")
        out(f"  คำสั่ง: {ACTIONS[plan.order.action]}")
        out(f"  มาตรการ: {ACTIONS[plan.measures.action]} ({len(plan.measures.to_copy)} รายการ)")
        pairs = len(plan.answers.plan.pairs) if plan.answers.plan else 0
        out(f"  คำตอบ OIT: {ACTIONS[plan.answers.action]} ({pairs} ข้อ)")
        if plan.matching:
            for match in plan.matching.pairs:
                if match.renumbered:
                    out(f"  จับคู่ {match.source.code} → {match.target.code} ({match.how_label})")
            left = ", ".join(i.code for i in plan.matching.unmatched_source)
            if left:
                out(f"  ข้อของปี {plan.source_year} ที่ไม่มีคู่: {left}")

    def _print_result(self, result):
        if not result.changed:
            self.stdout.write(f"ปีงบประมาณ {result.plan.year} เริ่มไว้ครบแล้ว ไม่มีอะไรเปลี่ยน")
            return
        lines = [f"เริ่มปีงบประมาณ {result.plan.year} ของ {result.plan.organization.name} แล้ว"]
        lines += [f"  สร้าง{what}" for what in result.made()]
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))
