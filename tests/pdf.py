"""Reading our PDFs the way a reader would, for tests.

WeasyPrint's PDFs extract "คำ" as "คา" (upstream issue #2841: SARA AM is drawn as
NIKHAHIT + SARA AA and the text map keeps one of them), so text is compared after
`squash`, which folds both sides the same way and ignores line breaks.
"""

import io
import re

from pypdf import PdfReader


def squash(text):
    text = text.replace("\u0e33", "\u0e32").replace("\u0e4d", "")
    return re.sub(r"\s+", " ", text).strip()


def read(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


def page_texts(content: bytes) -> list[str]:
    return [squash(page.extract_text() or "") for page in read(content).pages]


def text(content: bytes) -> str:
    return " ".join(page_texts(content))


def contains(content_or_text, expected: str) -> bool:
    haystack = content_or_text if isinstance(content_or_text, str) else text(content_or_text)
    return squash(expected) in haystack


def in_order(haystack: str, *needles: str) -> bool:
    """Every needle occurs in `haystack`, each after the previous one."""
    position = 0
    for needle in needles:
        found = haystack.find(squash(needle), position)
        if found < 0:
            return False
        position = found + len(squash(needle))
    return True


def fonts(content: bytes) -> set[str]:
    names = set()
    for page in read(content).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def page_sizes(content: bytes) -> list[tuple[int, int]]:
    """(width, height) of each page in whole points: A4 portrait is (595, 842)."""
    return [
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in read(content).pages
    ]
