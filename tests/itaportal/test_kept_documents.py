"""A document is laid out once per version of its data; printing it again serves the kept PDF."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from itaportal import documents, keptdocs


@pytest.fixture
def layouts(monkeypatch):
    """Count the WeasyPrint layouts that really happen."""
    calls = []
    real = documents.html_to_pdf

    def counting(html):
        calls.append(html)
        return real(html)

    monkeypatch.setattr(documents, "html_to_pdf", counting)
    return calls


def _print(org, text):
    return documents.render_pdf("documents/sample.html", {"paragraphs": [text]}, "a.pdf", org)


def test_the_same_data_is_laid_out_once_and_served_from_the_kept_file(org, layouts):
    first = _print(org, "ประกาศผลการประเมิน")
    second = _print(org, "ประกาศผลการประเมิน")

    assert len(layouts) == 1
    assert second.content == first.content
    assert default_storage.exists(f"{keptdocs.FOLDER}/{keptdocs.key_for(layouts[0])}.pdf")


def test_changed_data_is_laid_out_again(org, layouts):
    _print(org, "ประกาศผลการประเมิน")
    changed = _print(org, "ประกาศผลการประเมินฉบับแก้ไข")

    assert len(layouts) == 2
    assert changed.content.startswith(b"%PDF")


def test_another_renderer_version_never_serves_an_old_file(org, layouts, monkeypatch):
    _print(org, "ประกาศ")
    keptdocs.renderer_version.cache_clear()
    monkeypatch.setattr(keptdocs, "renderer_version", lambda: "next-version")

    _print(org, "ประกาศ")

    assert len(layouts) == 2


def test_a_store_that_cannot_keep_the_file_still_prints(org, layouts, monkeypatch):
    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(default_storage, "save", full_disk)

    document = _print(org, "ประกาศ")

    assert document.content.startswith(b"%PDF")
    assert _print(org, "ประกาศ").content.startswith(b"%PDF")
    assert len(layouts) == 2  # nothing kept, so laid out again


def test_pruning_drops_files_unused_for_a_month_only(org, layouts):
    _print(org, "เก่า")
    old_path = f"{keptdocs.FOLDER}/{keptdocs.key_for(layouts[0])}.pdf"
    later = timezone.now() + datetime.timedelta(days=keptdocs.KEEP_DAYS + 1)

    assert keptdocs.prune(now=timezone.now()) == 0
    assert keptdocs.prune(now=later) == 1
    assert not default_storage.exists(old_path)
