from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from announcements.documents import announcement_document
from committees.documents import order_document
from itaportal.documents import DocumentError
from itaportal.models import Organization
from measures.documents import measures_report_document, memo_document, progress_report_document

# KIND -> a function of (organization, year, number, format) that returns an
# itaportal.documents.Document, raising DocumentError when the document does not exist.
DOCUMENTS = {
    "order": order_document,
    "memo": memo_document,
    "measures": measures_report_document,
    "progress": progress_report_document,
    # The announcement kit: --number is the announcement's id (default: the year's latest).
    "integrity": announcement_document("integrity"),
    "nogift": announcement_document("nogift"),
    "announcement": announcement_document("announcement"),
}


class Command(BaseCommand):
    help = (
        "Print an official document as PDF or Word (.docx): order (คำสั่ง), memo "
        "(บันทึกข้อความ), measures (รายงานมาตรการ), progress (รายงานความก้าวหน้า), or the "
        "announcements integrity (เจตจำนงสุจริต), nogift (No Gift Policy) and announcement. "
        "YEAR is the Buddhist Era year."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(DOCUMENTS))
        parser.add_argument("--org", required=True, help="organization slug, e.g. nongprung")
        parser.add_argument("--year", required=True, type=int, help="Buddhist Era year, e.g. 2565")
        parser.add_argument("--number", help="document number (orders and memos), e.g. 98")
        parser.add_argument(
            "--format",
            choices=["pdf", "docx"],
            default="pdf",
            help="pdf (default) or docx, the Word file a clerk edits before signing",
        )
        parser.add_argument("--output", required=True, help="where to write the document")

    def handle(self, kind, org, year, number, output, **options):
        if year < 2400:
            raise CommandError(f"--year is a Buddhist Era year (e.g. 2565), not {year}")
        try:
            organization = Organization.objects.get(slug=org)
        except Organization.DoesNotExist:
            raise CommandError(f"no organization with slug {org!r}") from None
        try:
            document = DOCUMENTS[kind](organization, year, number, format=options["format"])
        except DocumentError as exc:
            raise CommandError(str(exc)) from None
        Path(output).write_bytes(document.content)
        self.stdout.write(f"{output}: {document.filename}, {len(document.content):,} bytes")
