from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

import assessments.demo
import campaigns.demo
import committees.demo
import deadlines.demo
import measures.demo
import notices.demo
import oit.demo
import years.demo
from itaportal import demo

# Each app adds its demo data through a `load(org)` function in its own demo module,
# called in this order (frameworks and assessments before what uses them; years.demo
# starts FY 2570 from the FY 2565 data the others made, so it comes after them; the
# FY 2570 IIT/EIT campaign is filled in once that year exists; deadlines.demo dates it).
APP_DEMOS = [
    assessments.demo,
    oit.demo,
    committees.demo,
    measures.demo,
    years.demo,
    campaigns.demo,
    deadlines.demo,
    notices.demo,
]


class Command(BaseCommand):
    help = (
        "Create or refresh the demo organization nongprung (อบต.หนองปรุง) with its FY 2565 "
        "data, FY 2570 in progress (as of early December 2026) and demo users. Safe to run "
        "again: it updates what is there."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG=0 (a production database gets users with a known password).",
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION and not options["force"]:
            # The demo users have a published password: on a production deployment they
            # would be open doors into a real-looking organization.
            raise CommandError(
                "loaddemo refuses to run with DEBUG=0: the demo users' password is public. "
                "Use --force if this really is a demonstration server."
            )
        with transaction.atomic():
            org = demo.load()
            for module in APP_DEMOS:
                module.load(org)
        if options["verbosity"] == 0:
            return
        self.stdout.write(self.style.SUCCESS(f"Demo organization: {org.name} ({org.slug})"))
        self.stdout.write("Demo users (password: $DEMO_PASSWORD, or demo-pass-2565 when unset):")
        for username, role, *_rest in demo.USERS:
            self.stdout.write(f"  {username:<14} {role.label}")
        if settings.DEMO_PASSWORD != "demo-pass-2565":
            self.stdout.write("  (DEMO_PASSWORD is set: the users have that password)")
