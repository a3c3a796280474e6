"""What drops the cached words of an organization's pages (`documents.page_words`): any
change to the organization, its departments or its people."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from itaportal.documents import forget_page_words
from itaportal.models import Department, Organization, User


@receiver([post_save, post_delete], sender=Organization, dispatch_uid="page-words-org")
def _organization_changed(sender, instance, **kwargs):
    forget_page_words(instance.pk)


@receiver([post_save, post_delete], sender=Department, dispatch_uid="page-words-dept")
@receiver([post_save, post_delete], sender=User, dispatch_uid="page-words-user")
def _part_changed(sender, instance, update_fields=None, **kwargs):
    # A log-in saves last_login only: no name changes.
    if update_fields is not None and set(update_fields) <= {"last_login", "password"}:
        return
    if instance.organization_id is not None:
        forget_page_words(instance.organization_id)
