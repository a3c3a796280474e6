"""Demo data of this app for อบต.หนองปรุง, called by `manage.py loaddemo`."""


def load(org):
    """Create or refresh this app's demo records for `org`; safe to run again."""
