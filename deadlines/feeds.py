"""The user's calendar as iCalendar text (RFC 5545), for the phone's calendar app."""

import datetime

from django.conf import settings
from icalendar import Calendar, Event

PRODID = "-//ITA Portal//deadlines//TH"


def render_ics(user, events, stamp):
    """All-day events: a window of NACC's ends the day after its last day (DTEND is
    exclusive). UIDs are stable per event, so a calendar updates instead of duplicating."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"ITA Portal · {user.organization.short_name}")
    cal.add("x-wr-timezone", "Asia/Bangkok")
    host = settings.SITE_URL.split("//")[-1].split("/")[0] or "itaportal"
    for e in events:
        event = Event()
        event.add("uid", f"{e.key}.u{user.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", e.starts_on)
        event.add("dtend", e.ends_on + datetime.timedelta(days=1))
        summary = e.title + (" (วันที่ประมาณการ)" if e.provisional else "")
        event.add("summary", summary)
        event.add("categories", [e.kind])
        if e.url:
            event.add("url", settings.SITE_URL.rstrip("/") + e.url)
        cal.add_component(event)
    return cal.to_ical()
