import datetime

from django_tasks import task

from notices.services import reminders_send


@task(queue_name="reminders")
def send_daily_reminders(day: str) -> int:
    """The nightly reminders of `day` (ISO date); returns how many went out."""
    return len(reminders_send(day=datetime.date.fromisoformat(day)))
