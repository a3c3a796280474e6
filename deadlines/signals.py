"""A milestone saved or deleted gives its framework a new structure token, so that every
process reads the year's milestones afresh (deadlines.selectors.year_milestones keeps them
per framework version)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from assessments.structure import touch
from deadlines.models import Milestone


@receiver(post_save, sender=Milestone, dispatch_uid="milestone-saved")
@receiver(post_delete, sender=Milestone, dispatch_uid="milestone-deleted")
def _renew_framework_token(sender, instance, **kwargs):
    touch(instance.framework_id)
