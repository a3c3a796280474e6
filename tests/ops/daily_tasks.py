"""A task the scheduler tests queue and a real worker runs."""

from django.core.cache import cache
from django_tasks import task


@task()
def note_day(day: str) -> str:
    cache.set(f"ran:{day}", cache.get(f"ran:{day}", 0) + 1)
    return day
