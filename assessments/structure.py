"""A year's framework structure, loaded once per process instead of once per request.

Scoring and every page that shows item points need the whole structure of a year:
instruments, indicators, sub-indicators, items and rating bands (six queries and a few
hundred model objects). It changes only when the operator edits the framework, so each
process keeps the loaded structure under (framework id, structure token), and a page only
reads the framework's row (which it does anyway) to know the token. Every change to the
structure gives the framework a new random token (signals below; bulk writes call
`touch`), so the next page loads the new structure; a token never comes back, so no
process can serve a stale one.

The kept objects are shared by the requests of a process: read them, never assign to them.
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from threading import Lock

from django.db.models import F
from django.db.models.query import ModelIterable
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from assessments.models.framework import (
    Framework,
    Indicator,
    Instrument,
    OITItem,
    OITSubIndicator,
    RatingBand,
)
from itaportal.prepared import PreparedQuery

# A process holds a few years of a few frameworks; more means a framework being edited.
LIMIT = 32

_kept: OrderedDict = OrderedDict()
_lock = Lock()


def structure_of(framework: Framework) -> Framework:
    """The fully loaded framework for `framework`'s row (its id and token)."""
    return kept_structure(framework.pk, framework.structure_token)


def kept_structure(framework_id, token) -> Framework:
    """The fully loaded framework of that id and structure token (a row's annotations)."""
    key = (framework_id, token)
    with _lock:
        kept = _kept.get(key)
        if kept is not None:
            _kept.move_to_end(key)
            return kept
    loaded = Framework.objects.with_structure().get(pk=framework_id)
    # The items (those the year uses) by id, for rows that take their item from here
    # (KeptItemsIterable), and by code, for the item's page; the indicators by id
    # (KeptIndicatorsIterable).
    items = [
        item
        for indicator in loaded.indicators.all()
        for sub in indicator.sub_indicators.all()
        for item in sub.items.all()
    ]
    loaded.items_by_pk = {item.pk: item for item in items}
    loaded.indicators_by_pk = {indicator.pk: indicator for indicator in loaded.indicators.all()}
    loaded.items_by_code = {item.code: item for item in items}
    with _lock:
        _kept[(loaded.pk, loaded.structure_token)] = loaded
        while len(_kept) > LIMIT:
            _kept.popitem(last=False)
    return loaded


_framework_of_year = PreparedQuery(lambda year: Framework.objects.filter(year=year), "year")


def structure_for_year(year: int) -> Framework | None:
    found = _framework_of_year(year=year)  # the year is unique: one row or none
    return structure_of(found[0]) if found else None


def forget():
    """Drop every kept structure (tests start from nothing)."""
    with _lock:
        _kept.clear()


class StructuredIterable(ModelIterable):
    """Rows with a `framework` (selected with select_related) get the kept structure."""

    def __iter__(self):
        for obj in super().__iter__():
            obj.framework = structure_of(obj.framework)
            yield obj


class _KeptIterable(ModelIterable):
    """Rows annotated by `with_kept` get their `relation` from the kept structure."""

    relation = kept_by_pk = ""

    def __iter__(self):
        attname = f"{self.relation}_id"
        for obj in super().__iter__():
            kept = kept_structure(obj.kept_framework_id, obj.kept_structure_token)
            found = getattr(kept, self.kept_by_pk).get(getattr(obj, attname))
            if found is not None:  # else read on first use, as without this iterable
                setattr(obj, self.relation, found)
            yield obj


class KeptItemsIterable(_KeptIterable):
    """An OIT answer's item, with its sub-indicator, indicator and framework."""

    relation, kept_by_pk = "item", "items_by_pk"


class KeptIndicatorsIterable(_KeptIterable):
    """An indicator score's indicator, with its instrument."""

    relation, kept_by_pk = "indicator", "indicators_by_pk"


def with_kept(queryset, iterable, framework):
    """`queryset` whose rows take `iterable.relation` from the kept structure instead of
    joined rows (several model objects each): it reads only the framework's id and
    structure token, through `framework`, the lookup from the row to its framework."""
    queryset = queryset.annotate(
        kept_framework_id=F(f"{framework}_id"),
        kept_structure_token=F(f"{framework}__structure_token"),
    )
    queryset._iterable_class = iterable
    return queryset


def touch(framework_id) -> None:
    """Give the framework a new token: its structure changed."""
    Framework.objects.filter(pk=framework_id).update(structure_token=uuid.uuid4())


def _framework_id(instance):
    if isinstance(instance, Instrument | Indicator | RatingBand):
        return instance.framework_id
    try:
        if isinstance(instance, OITSubIndicator):
            return instance.indicator.framework_id
        if isinstance(instance, OITItem):
            return instance.sub_indicator.indicator.framework_id
    except (Indicator.DoesNotExist, OITSubIndicator.DoesNotExist):
        return None  # the parent is going too: its own signal touches the framework
    return None


@receiver(pre_save, sender=Framework)
def _new_token_on_save(sender, instance, **kwargs):
    instance.structure_token = uuid.uuid4()


def _touch_parent(sender, instance, **kwargs):
    framework_id = _framework_id(instance)
    if framework_id is not None:
        touch(framework_id)


for _model in (Instrument, Indicator, OITSubIndicator, OITItem, RatingBand):
    post_save.connect(_touch_parent, sender=_model, dispatch_uid=f"structure-{_model.__name__}")
    post_delete.connect(
        _touch_parent, sender=_model, dispatch_uid=f"structure-del-{_model.__name__}"
    )
