"""What the home page shows: each app contributes panels.

An app lists a function `home_panels(request) -> list[dict]` in HOME_PANEL_PROVIDERS; each
dict has `title`, `template` and `context`. The home view stays ignorant of the apps.
"""

from django.utils.module_loading import import_string

HOME_PANEL_PROVIDERS = [
    "assessments.panels.home_panels",
    "assessments.answer_panels.home_panels",
    "measures.panels.home_panels",
]


def home_panels(request):
    panels = []
    for path in HOME_PANEL_PROVIDERS:
        panels.extend(import_string(path)(request))
    return panels
