"""Demo addresses for the demo users (reserved .example domain, so nothing leaves the
machine even with a real mail server), so `manage.py send_reminders` shows its mails on
the console backend. An address someone typed in is kept."""

from itaportal.models import User


def load(org):
    for user in User.objects.filter(organization=org, email=""):
        user.email = f"{user.username}@nongprung.example"
        user.save(update_fields=["email"])
