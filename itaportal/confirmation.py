"""Asking once more before what cannot be undone.

A destructive POST (bulk approval, reopening, removing committees, members or files) is
answered first by a page that names what will happen, with the counts and item codes, and
a button that posts the same data again with `confirmed=yes`. Nothing happens until then,
whatever sent the first POST (a click, Enter in a ticked checkbox, a script). The page is
plain HTML: accessible and CSP-clean, no dialog script to trust.
"""

from django.shortcuts import render

FIELD = "confirmed"
YES = "yes"
NO = "no"
# Never replayed: the token is rendered afresh, the answer is what the page asks for.
NOT_REPLAYED = {"csrfmiddlewaretoken", FIELD}


def is_confirmed(request):
    return request.POST.get(FIELD) == YES


def is_declined(request):
    """The user chose to go back to the form with what they typed (cancel_url=None)."""
    return request.POST.get(FIELD) == NO


def confirmation_page(
    request, *, title, summary, items=(), action_label, cancel_url, tone="danger"
):
    """The page that asks: `title` as its heading, `summary` (one sentence of what will
    happen), `items` (one line per thing affected), a button `action_label` that posts the
    same fields again, confirmed, and a link back to `cancel_url`; without one, the way back
    posts the fields with `confirmed=no`, so a long form comes back as typed. `tone` colours the
    button as Bootstrap does ("danger" for removals, "success" for approvals)."""
    replay = [
        (name, value)
        for name in request.POST
        if name not in NOT_REPLAYED
        for value in request.POST.getlist(name)
    ]
    return render(
        request,
        "confirm.html",
        {
            "title": title,
            "summary": summary,
            "items": list(items),
            "action_label": action_label,
            "cancel_url": cancel_url,
            "replay": replay,
            "field": FIELD,
            "yes": YES,
            "no": NO,
            "tone": tone,
        },
    )
