"""Reads several home panels make alike are made once per page, and only inside it."""

from itaportal.shared import shared, shared_reads


def test_inside_a_page_a_shared_read_is_computed_once():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    with shared_reads():
        assert shared("k", compute) == 1
        assert shared("k", compute) == 1
        assert shared("other", compute) == 2
    assert len(calls) == 2


def test_outside_a_page_every_read_is_fresh():
    calls = []
    with shared_reads():
        shared("k", lambda: calls.append("page"))
    shared("k", lambda: calls.append("after"))
    shared("k", lambda: calls.append("again"))
    assert calls == ["page", "after", "again"]


def test_a_request_that_only_reads_shares_its_reads_and_one_that_writes_does_not(rf):
    from django.http import HttpResponse

    from itaportal.middleware import page_reads

    calls = []

    def view(request):
        for _ in range(2):
            shared("years", lambda: calls.append(request.method))
        return HttpResponse()

    handler = page_reads(view)
    for method in ("get", "head", "post"):
        handler(getattr(rf, method)("/"))
    assert calls == ["GET", "HEAD", "POST", "POST"]
