import json

from django.core.management.base import BaseCommand, CommandError

from assessments.models import Framework
from itaportal.models import Organization
from oit import linkchecks


class Command(BaseCommand):
    help = (
        "Check every OIT answer link of an organization's fiscal year now (the same checks "
        "as the nightly task and the 'check all links now' button) and print one result per "
        "link; the verdicts are stored for the answer pages. --json prints a list of objects "
        "with url, status, final_url, verdict, message (and item, content_type, size, title). "
        "Private and loopback addresses are refused unless LINKCHECK_ALLOW_PRIVATE=1."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="organization slug")
        parser.add_argument("--year", type=int, required=True, help="fiscal year, Buddhist Era")
        parser.add_argument("--json", action="store_true", help="print JSON only")

    def handle(self, *, org, year, json: bool, **options):
        organization = Organization.objects.filter(slug=org).first()
        if organization is None:
            raise CommandError(f"ไม่พบหน่วยงาน {org!r}")
        if not Framework.objects.filter(year=year).exists():
            raise CommandError(f"ไม่มีกรอบการประเมินของปี {year}")
        results = []
        for answer in linkchecks.year_answers(organization, year):
            for row in linkchecks.check_answer(answer):
                results.append(
                    {
                        "item": answer.item.code,
                        "url": row.url,
                        "status": row.status,
                        "final_url": row.final_url,
                        "verdict": row.verdict,
                        "message": row.message,
                        "content_type": row.content_type,
                        "size": row.size,
                        "title": row.title,
                    }
                )
        if json:
            self.stdout.write(_dumps(results))
            return
        if not results:
            self.stdout.write(f"ปี {year} ของ {organization.slug} ยังไม่มีลิงก์คำตอบ")
        for r in results:
            status = r["status"] if r["status"] is not None else "-"
            self.stdout.write(f"{r['item']:<5} {status:>3} {r['verdict']:<15} {r['url']}")
            if r["verdict"] != "ok":
                self.stdout.write(f"      {r['message']}")
        problems = sum(1 for r in results if r["verdict"] != "ok")
        self.stdout.write(f"ตรวจ {len(results)} ลิงก์ พบปัญหา {problems} ลิงก์")


def _dumps(value):
    return json.dumps(value, ensure_ascii=False, indent=2)
