"""The search page behind the navigation's search box."""

from django.core.paginator import Paginator
from django.shortcuts import render

from itaportal import access
from search import selectors

PAGE_SIZE = 20


def paginate(request, rows, per_page=PAGE_SIZE):
    """The page of `rows` asked for in ?page=; anything that is not a page number (text,
    a huge or negative number) gives the first or the last page, never an error."""
    return Paginator(rows, per_page).get_page(request.GET.get("page"))


@access.member_required
def results(request):
    query = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    terms, hits = selectors.search(request.user, query)
    page = paginate(request, hits)
    counts = {}
    for hit in hits:
        counts[hit.kind] = counts.get(hit.kind, 0) + 1
    return render(
        request,
        "search/results.html",
        {
            "query": query,
            "terms": terms,
            "page": page,
            "total": len(hits),
            "counts": [(selectors.KINDS[k], n) for k, n in counts.items()],
            "per_kind": selectors.PER_KIND,
            "capped": any(n >= selectors.PER_KIND for n in counts.values()),
        },
    )
