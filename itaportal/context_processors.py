from itaportal import thai


def portal(request):
    """What every page needs to know: the organization and the current fiscal year."""
    user = getattr(request, "user", None)
    org = user.organization if user is not None and user.is_authenticated else None
    return {
        "current_organization": org,
        "current_fiscal_year": thai.current_fiscal_year(),
    }
