"""The demo's FY 2570 campaign: there after loaddemo, the same after a second run."""

from django.core.management import call_command
from django.urls import reverse

from campaigns.models import Campaign
from itaportal.models import User


def test_loaddemo_makes_the_fy_2570_campaign_once(db, client):
    call_command("loaddemo", verbosity=0)
    call_command("loaddemo", verbosity=0)
    campaign = Campaign.objects.get(organization__slug="nongprung", year=2570)
    assert campaign.stakeholders.count() == 6
    assert campaign.counts.count() == 6
    assert campaign.itas_holder.username == "analyst"
    client.force_login(User.objects.get(username="staff-works"))
    page = client.get(reverse("campaigns:detail", args=[2570])).content.decode()
    assert "<polyline" in page and "75%" in page  # 21 of the 28 staff
    poster = client.get(reverse("campaigns:poster", args=[2570]))
    assert poster.status_code == 200 and 'class="segno"' in poster.content.decode()
