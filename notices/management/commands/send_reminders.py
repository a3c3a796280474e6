import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notices.services import reminders_send


class Command(BaseCommand):
    help = (
        "Send the reminders due on a day (default today): notifications in the portal and "
        "e-mails, each once. Pending e-mails of earlier runs whose sending failed are retried."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day, YYYY-MM-DD (Gregorian); default today")
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would be sent; write nothing"
        )
        parser.add_argument(
            "--json", action="store_true", help="print the reminders as JSON, nothing else"
        )

    def handle(self, *args, **options):
        if options["date"]:
            try:
                day = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(
                    f"วันที่ไม่ถูกต้อง: {options['date']} (ใช้รูปแบบ YYYY-MM-DD ปี ค.ศ.)"
                ) from None
        else:
            day = timezone.localdate()
        rows = reminders_send(day=day, dry_run=options["dry_run"])
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        verb = "would send" if options["dry_run"] else "sent"
        for row in rows:
            self.stdout.write(
                f"{row['due']}  {row['channel']:<7} {row['user']:<16} {row['subject']}"
            )
        self.stdout.write(f"{day.isoformat()}: {verb} {len(rows)} reminder(s)")
