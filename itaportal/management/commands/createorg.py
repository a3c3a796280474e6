from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from itaportal.models import Organization, User


class Command(BaseCommand):
    help = (
        "Create an organization and its first agency admin, who then sets up the "
        "organization (emblem, departments, users) in the portal."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--slug", required=True, help="short latin name used in links, e.g. nongprung"
        )
        parser.add_argument(
            "--name", required=True, help="full Thai name, e.g. องค์การบริหารส่วนตำบลหนองปรุง"
        )
        parser.add_argument("--short-name", required=True, help="e.g. อบต.หนองปรุง")
        parser.add_argument(
            "--kind", default="sao", choices=[k for k, _ in Organization.Kind.choices]
        )
        parser.add_argument("--district", required=True)
        parser.add_argument("--province", required=True)
        parser.add_argument("--admin", required=True, help="user name of the first agency admin")
        parser.add_argument(
            "--password", required=True, help="the admin's first password (change it after login)"
        )

    def handle(self, **o):
        try:
            validate_password(o["password"])
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        if Organization.objects.filter(slug=o["slug"]).exists():
            raise CommandError(f"organization {o['slug']!r} exists already")
        if User.objects.filter(username=o["admin"]).exists():
            raise CommandError(f"user {o['admin']!r} exists already")
        with transaction.atomic():
            org = Organization.objects.create(
                slug=o["slug"],
                name=o["name"],
                short_name=o["short_name"],
                kind=o["kind"],
                district=o["district"],
                province=o["province"],
            )
            admin = User(username=o["admin"], organization=org, role=User.Role.ADMIN)
            admin.set_password(o["password"])
            admin.save()
        self.stdout.write(
            self.style.SUCCESS(f"{org.name} ({org.slug}) with agency admin {admin.username}")
        )
