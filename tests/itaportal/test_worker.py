"""What a serving process does before its first request (itaportal.worker)."""

import gc
import runpy
from pathlib import Path

import pytest

from itaportal import worker


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_a_worker_starts_with_the_fonts_laid_out_once_and_the_loaded_heap_frozen(
    unfrozen, monkeypatch
):
    laid_out = []
    monkeypatch.setattr(worker, "warm_up", lambda: laid_out.append(gc.get_freeze_count()))

    worker.prepare()

    # The sample document is laid out first, so that what it loads is frozen too.
    assert laid_out == [0]
    assert gc.get_freeze_count() > 0


def test_gunicorns_master_prepares_the_workers_before_it_forks_them(unfrozen, monkeypatch):
    prepared = []
    monkeypatch.setattr(worker, "prepare", lambda: prepared.append(True))
    config = runpy.run_path(str(Path(__file__).parents[2] / "gunicorn.conf.py"))

    config["when_ready"](server=None)

    assert prepared == [True] and config["preload_app"] is True
