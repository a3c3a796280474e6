"""What a serving process does before its first request (itaportal.worker)."""

import gc
import runpy
from pathlib import Path

import pytest

from itaportal import worker


@pytest.fixture
def unfrozen():
    """The heap as before, after a test that prepared a worker: not frozen, and no
    collection when a response is done."""
    from django.core.signals import request_finished

    gc.unfreeze()
    yield
    gc.unfreeze()
    request_finished.disconnect(dispatch_uid="itaportal-collect-young")


def test_a_worker_starts_with_the_fonts_laid_out_once_and_the_loaded_heap_frozen(
    unfrozen, monkeypatch
):
    laid_out = []
    monkeypatch.setattr(worker, "warm_up", lambda: laid_out.append(gc.get_freeze_count()))

    worker.prepare()

    # The sample document is laid out first, so that what it loads is frozen too.
    assert laid_out == [0]
    assert gc.get_freeze_count() > 0


def test_a_worker_collects_the_young_generations_when_a_response_is_done(
    unfrozen, monkeypatch, client, db
):
    """Between requests rather than in whichever request the collector's counters run out
    (the bench, timing a request up to its response's close, counts it)."""

    monkeypatch.setattr(worker, "warm_up", lambda: None)
    collected = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: collected.append(generation))
    worker.prepare()
    worker.prepare()  # once, however often prepared
    assert client.get("/healthz/").status_code == 200
    assert collected == [1]


def test_gunicorns_master_prepares_the_workers_before_it_forks_them(unfrozen, monkeypatch):
    prepared = []
    monkeypatch.setattr(worker, "prepare", lambda: prepared.append(True))
    config = runpy.run_path(str(Path(__file__).parents[2] / "gunicorn.conf.py"))

    config["when_ready"](server=None)

    assert prepared == [True] and config["preload_app"] is True
