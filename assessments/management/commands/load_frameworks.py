from django.core.management.base import BaseCommand, CommandError

from assessments.errors import AssessmentError
from assessments.frameworks import FIXTURE_YEARS, PROVISIONAL_FIXTURE_YEARS, load_frameworks


class Command(BaseCommand):
    help = (
        "Load (or refresh) the ITA frameworks shipped in fixtures/ita-<year>.yaml "
        f"({', '.join(map(str, FIXTURE_YEARS))}; "
        f"{', '.join(map(str, PROVISIONAL_FIXTURE_YEARS))} from fixtures/provisional/). "
        "Safe to run again; a year that an assessment uses is updated in place and never "
        "loses items."
    )

    def handle(self, *args, **options):
        try:
            for framework, created in load_frameworks():
                state = "created" if created else "updated"
                self.stdout.write(f"ITA {framework.year}: {state}")
        except AssessmentError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
