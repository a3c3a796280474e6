"""What the home page shows: each app may contribute panels.

An app lists a function `home_panels(request) -> list[dict]` in HOME_PANEL_PROVIDERS; each
dict has `title`, `template` and `context`. The home view stays ignorant of the apps.
"""

from importlib import import_module

HOME_PANEL_PROVIDERS = [
    "assessments.panels.home_panels",
    "assessments.answer_panels.home_panels",
    "measures.panels.home_panels",
]


def home_panels(request):
    panels = []
    for path in HOME_PANEL_PROVIDERS:
        module_name, func_name = path.rsplit(".", 1)
        try:
            module = import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        panels.extend(getattr(module, func_name)(request))
    return panels
