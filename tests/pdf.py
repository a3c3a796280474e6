"""Reading our PDFs the way a reader would, for tests.

The documents print with a font that keeps SARA AM copyable (docs/documents.md), so text
extracts as typed; `squash` still folds ำ/า and whitespace, for tests that compare text
across line breaks.
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


def lines(content: bytes) -> list[str]:
    """Every printed line of the PDF, in drawing order (a table cell's lines follow each
    other), with ZERO WIDTH SPACEs and trailing spaces dropped."""
    found = []
    for page in read(content).pages:
        text = (page.extract_text() or "").replace("\u200b", "")
        found += [line.rstrip() for line in text.split("\n") if line.strip()]
    return found


_DIGIT = "0-9๐-๙"
# A digit on both sides of a line end, unless the new line starts a numbered item ("๕. "),
# or a table's next row: its number, then its first cell's numbered text ("๒ ๑๐. การ…").
_NUMBER_SPLIT = re.compile(
    rf"[{_DIGIT}][,./]?\n[,./]?[{_DIGIT}](?![{_DIGIT}]*[.)] )(?![{_DIGIT}]* [{_DIGIT}]+[.)] )"
)


def split_words(content: bytes, words, people=()) -> list[str]:
    """The `words` (names from the data) and numbers that a line end cuts in two, each
    shown with `|` where the line broke: an empty list when none is. A line may end at a
    space inside a position (`ผู้อำนวยการกองการศึกษา |ศาสนาและวัฒนธรรม`), never inside a
    person's name, which `people` lists."""
    joined = "\n".join(lines(content))
    found = []
    people = {p.strip() for p in people if p and p.strip()}
    for word in {w.strip() for w in words if w and w.strip()} | people:
        for cut in range(1, len(word)):
            if word not in people and " " in word[cut - 1 : cut + 1]:
                continue
            head, tail = word[:cut].rstrip(), word[cut:].lstrip()
            if head and tail and f"{head}\n{tail}" in joined:
                found.append(f"{head}|{tail}")
    found += [m.group().replace("\n", "|") for m in _NUMBER_SPLIT.finditer(joined)]
    return found


def lowest_text(content: bytes) -> list[float]:
    """For each page, how far above the paper's bottom edge its lowest text sits, in
    points: a page left mostly blank has a large value."""
    lowest = []
    for page in read(content).pages:
        found = []

        def visit(text, cm, tm, font, size, found=found):
            if text.strip():
                # The text position on the page: the text matrix times the current matrix.
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                found.append(y)

        page.extract_text(visitor_text=visit)
        lowest.append(min(found) if found else float(page.mediabox.height))
    return lowest
