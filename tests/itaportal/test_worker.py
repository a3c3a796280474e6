"""What a serving process does before its first request (itaportal.worker)."""

import gc
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from itaportal import worker


@pytest.fixture
def unfrozen():
    """The heap as before, after a test that prepared a worker: not frozen, and no
    collection when a response is done."""
    from django.core.signals import request_finished

    threshold = gc.get_threshold()
    gc.unfreeze()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)
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
    # The young generations are left to collect_young, not collected every 700 allocations.
    assert gc.get_threshold()[0] == worker.YOUNG_THRESHOLD > 700


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


def test_the_warm_up_loads_the_word_breaking_dictionary_before_the_heap_is_frozen():
    """pythainlp's dictionary is 420,000 small objects. Loaded by a worker's first page
    instead, every full collection of that worker scanned them (0.2 s). A fresh process,
    as a gunicorn master: after the warm-up, cutting a new text makes few new objects."""
    script = (
        "import gc, django; django.setup()\n"
        "from itaportal import documents, thai\n"
        "documents.warm_up()\n"
        "before = len(gc.get_objects())\n"
        "thai.line_units('ผู้ตรวจสอบข้อมูลเปิดเผยสาธารณะ')\n"
        "print(len(gc.get_objects()) - before)\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "itaportal.settings", "PYTHAINLP_OFFLINE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert int(result.stdout.strip().splitlines()[-1]) < 10_000
