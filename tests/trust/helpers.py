"""What the trust tests compare: the rows of some models as they are now, and whether a
message shown to a user is Thai."""

import importlib
import re

THAI_CHARS = re.compile(r"[\u0e00-\u0e7f]")
# Django's own messages that its Thai catalogue leaves untranslated, and other English.
ENGLISH = re.compile(
    r"\b(Ensure|Enter|Select|This field|is not a valid|Null characters|Constraint|already exists"
    r"|must be|invalid|required)\b"
)


def rows(*models):
    """{model label: every row's values, by pk}, the models' audit history included: equal
    before and after means untouched."""
    found = list(models)
    for model in models:
        history = getattr(model, "history", None)
        if history is not None and history.model not in found:
            found.append(history.model)
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in found}


def is_thai(message, *typed):
    """The message is Thai in its own words: it still has Thai letters once everything the
    user typed is taken out of it, and carries none of Django's English phrases."""
    own = str(message)
    for text in sorted((t for t in typed if t), key=len, reverse=True):
        own = own.replace(str(text), "")
    return bool(THAI_CHARS.search(own)) and not ENGLISH.search(own)


def all_thai(messages, *typed):
    messages = [str(m) for m in messages]
    return bool(messages) and all(is_thai(m, *typed) for m in messages)


def form_errors(form):
    """Every message of a bound form, field and non-field, flattened."""
    return [m for errors in form.errors.values() for m in errors]


def files_under(path):
    return sorted(p for p in path.rglob("*") if p.is_file())


TWENTY_MB = 20 * 1024 * 1024
LIMIT_MODULES = (
    "itaportal.uploads",
    "oit.forms",
    "oit.models",
    "measures.forms",
    "measures.models",
)


def limit_uploads(monkeypatch, size):
    """Lower the 20 MB limit on attached files to `size` bytes in every module that keeps
    it (under whatever name), so an oversized file is tested without writing 20 MB."""
    patched = []
    for module_name in LIMIT_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        for name, value in list(vars(module).items()):
            if name.isupper() and type(value) is int and value == TWENTY_MB:
                monkeypatch.setattr(module, name, size)
                patched.append(f"{module_name}.{name}")
    assert patched, "no 20 MB upload limit found to lower"
    return patched
