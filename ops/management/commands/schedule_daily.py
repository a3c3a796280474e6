import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ops.schedule import enqueue_daily


class Command(BaseCommand):
    help = "Queue the day's nightly tasks (link checks, reminders) once; run it from cron."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to queue for, YYYY-MM-DD (default: today)")

    def handle(self, *args, date=None, **options):
        if date:
            try:
                day = datetime.date.fromisoformat(date)
            except ValueError as exc:
                raise CommandError(f"วันที่ไม่ถูกต้อง: {date} (ใช้รูปแบบ YYYY-MM-DD)") from exc
        else:
            day = timezone.localdate()
        queued = enqueue_daily(day)
        self.stdout.write(f"{day.isoformat()}: queued {len(queued)} task(s)")
        for path in queued:
            self.stdout.write(f"  {path}")
