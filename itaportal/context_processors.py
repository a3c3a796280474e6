from django.utils.functional import SimpleLazyObject

from itaportal import thai


def portal(request):
    """What every page needs to know: the organization and the current fiscal year."""
    user = getattr(request, "user", None)
    org = user.organization if user is not None and user.is_authenticated else None
    return {
        "current_organization": org,
        # The organization's names for the `thai_text` filter, read only if a page uses it.
        "keep_words": SimpleLazyObject(lambda: _keep_words(org)),
        "current_fiscal_year": thai.current_fiscal_year(),
    }


def _keep_words(org):
    from itaportal.documents import page_words

    return page_words(org)
