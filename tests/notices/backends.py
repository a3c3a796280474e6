"""A mail backend that fails while `FlakyBackend.failing` is set, else keeps mail in
django.core.mail.outbox like the locmem backend the tests use."""

from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    failing = False

    def send_messages(self, messages):
        if FlakyBackend.failing:
            raise ConnectionRefusedError("mail server down")
        return super().send_messages(messages)
