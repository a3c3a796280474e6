import json

from django.core.management.base import BaseCommand, CommandError

from ops.scale import Seeder, SeedError, seeded_organizations


class Command(BaseCommand):
    help = (
        "Fill the database with national-scale generated data for benchmarks: N "
        "organizations (slug scale-00001 …) with departments and users, and Y fiscal years "
        "each of assessments, OIT answers, orders, measures and memos. Users share the demo "
        "password. Meant for a throwaway database (see `make bench`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organizations", "-n", type=int, default=7850)
        parser.add_argument("--years", "-y", type=int, default=5)
        parser.add_argument(
            "--last-year",
            type=int,
            help="the last fiscal year seeded, Buddhist Era (default: the current one)",
        )
        parser.add_argument(
            "--chunk", type=int, default=100, help="organizations written per transaction"
        )
        parser.add_argument("--seed", type=int, default=2565, help="random seed")
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="do nothing when the database already holds exactly N seeded organizations",
        )
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="print the summary as JSON"
        )

    def handle(self, organizations, years, last_year, chunk, seed, as_json, reuse, **options):
        if organizations < 1 or years < 1:
            raise CommandError("--organizations and --years must be at least 1")
        existing = seeded_organizations().count()
        if reuse and existing == organizations:
            self.stdout.write(f"reusing the {existing:,} organizations already seeded")
            return
        if last_year is not None and last_year < 2400:
            raise CommandError(f"--last-year is a Buddhist Era year (e.g. 2566), not {last_year}")
        quiet = as_json or options["verbosity"] == 0
        log = (lambda _message: None) if quiet else self.stdout.write
        log(f"seeding {organizations:,} organizations × {years} fiscal years …")
        try:
            report = Seeder(
                organizations, years, last_year=last_year, chunk=chunk, seed=seed, log=log
            ).run()
        except SeedError as exc:
            raise CommandError(str(exc)) from None
        if as_json:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
            return
        width = max(len(label) for label in report.rows)
        for label, count in sorted(report.rows.items()):
            self.stdout.write(f"  {label:<{width}}  {count:>12,}")
        self.stdout.write(
            f"made {report.total_rows:,} rows for {organizations:,} organizations × "
            f"{years} years ({', '.join(map(str, report.years))}) in {report.seconds:.1f} s"
        )
