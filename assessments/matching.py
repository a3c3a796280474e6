"""Which OIT item of one framework is which item of another.

NACC renumbers, renames, merges and drops items from year to year, so what an
organization did for an item last year (its answer, the measures that name it) finds its
item in the new year by this matching:

1. the same title (compared without years, spaces, punctuation or digit style), the same
   code first when several items share a title: a renumbered item keeps its title, so
   O13 of one year is found as O14 of the next;
2. the same code with a similar title (a reworded item kept its place);
3. the most similar title among what is left, when it is similar enough (a reworded and
   renumbered item);
4. what the admin chose by hand, which replaces the rules for that item.

Anything else stays unmatched: an old item without a new one (dropped or unknown), a new
item without an old one (new this year). Items are anything with `code`, `title` and
`number` (model rows, or the items of a framework not yet copied).
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from itaportal.editing import DomainError
from itaportal.thai import arabic_digits

SAME_CODE_MIN = 0.6
TITLE_MIN = 0.8
# A title found whole inside the other ("E-Service" in "ระบบการให้บริการผ่านช่องทาง
# ออนไลน์ (E-Service)") counts as this similar, when it is not too short to mean anything.
CONTAINED = 0.85
CONTAINED_MIN_LENGTH = 6

_YEAR = re.compile(r"(?<!\d)(?:พ\.\s*ศ\.\s*)?2[45]\d\d(?!\d)")
_NOISE = re.compile(r"[\s\u00a0()\[\]{}“”\"'‘’.,:;/\\\-–—_]+")


class MappingError(DomainError):
    """A hand-made mapping that cannot be applied (two items onto one, an unknown code)."""


@dataclass(frozen=True)
class Match:
    source: object
    target: object
    how: str  # "title", "code", "similar" or "manual"
    similarity: float

    HOW_LABELS = {
        "title": "ชื่อข้อตรงกัน",
        "code": "รหัสข้อตรงกัน",
        "similar": "ชื่อข้อใกล้เคียง",
        "manual": "เลือกเอง",
    }

    @property
    def how_label(self):
        return self.HOW_LABELS[self.how]

    @property
    def renumbered(self):
        return self.source.code != self.target.code


@dataclass
class ItemMatching:
    pairs: list = field(default_factory=list)  # Match, in the source's order
    unmatched_source: list = field(default_factory=list)
    unmatched_target: list = field(default_factory=list)

    def codes(self):
        """{source code: target code} of every pair."""
        return {m.source.code: m.target.code for m in self.pairs}

    def target_of(self, source_code):
        return next((m.target for m in self.pairs if m.source.code == source_code), None)


def normalize_title(title):
    """A title as compared: Arabic digits, no years, no spaces or punctuation, lower case."""
    text = _YEAR.sub("", arabic_digits(title or ""))
    return _NOISE.sub("", text).lower()


def title_similarity(a, b):
    """0–1: how alike two titles are once normalized: difflib's ratio, or CONTAINED when
    one title is found whole in the other."""
    a, b = normalize_title(a), normalize_title(b)
    if not a or not b:
        return 0.0
    ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= CONTAINED_MIN_LENGTH and shorter in longer:
        ratio = max(ratio, CONTAINED)
    return ratio


def _check_manual(manual, sources, targets):
    """{source code: target code or None} as given, refused when it names an unknown code
    or sends two source items onto one target item."""
    unknown = [c for c in manual if c not in sources]
    unknown += [t for t in manual.values() if t and t not in targets]
    if unknown:
        raise MappingError(f"ไม่พบข้อ {', '.join(sorted(set(unknown)))} ในกรอบการประเมินที่จับคู่")


def match_items(source_items, target_items, *, manual=None):
    """Match `source_items` (last year's) to `target_items` (the new year's).

    `manual`: {source code: target code, or None for "not carried over"} chosen by hand;
    it wins over the rules. A result that would send two source items onto one target
    item is refused with MappingError (the same pair given twice is not a conflict).
    """
    sources = {i.code: i for i in sorted(source_items, key=lambda i: (i.number, i.code))}
    targets = {i.code: i for i in sorted(target_items, key=lambda i: (i.number, i.code))}
    manual = {k: (v or None) for k, v in (manual or {}).items()}
    _check_manual(manual, sources, targets)

    chosen = {}  # source code -> Match
    taken = {}  # target code -> source code
    for code, target_code in manual.items():
        if target_code is None:
            continue
        if target_code in taken:
            other = taken[target_code]
            raise MappingError(
                f"ข้อ {other} และข้อ {code} ถูกจับคู่กับข้อ {target_code} ของปีใหม่ข้อเดียวกัน "
                "กรุณาเลือกข้อปลายทางให้ไม่ซ้ำกัน (ถ้าข้อใหม่รวมสองข้อเดิมไว้ ให้เลือกเพียงข้อเดียว)"
            )
        source, target = sources[code], targets[target_code]
        chosen[code] = Match(source, target, "manual", title_similarity(source.title, target.title))
        taken[target_code] = code

    def free_sources():
        return [s for c, s in sources.items() if c not in chosen and c not in manual]

    def free_targets():
        return [t for c, t in targets.items() if c not in taken]

    def pair(source, target, how, similarity):
        chosen[source.code] = Match(source, target, how, similarity)
        taken[target.code] = source.code

    # 1. The same title; the same code first, then the nearest number.
    for source in free_sources():
        key = normalize_title(source.title)
        same = [t for t in free_targets() if key and normalize_title(t.title) == key]
        if same:
            same.sort(key=lambda t: (t.code != source.code, abs(t.number - source.number)))
            pair(source, same[0], "title", 1.0)
    # 2. The same code, the title reworded.
    for source in free_sources():
        target = targets.get(source.code)
        if target is not None and target.code not in taken:
            similarity = title_similarity(source.title, target.title)
            if similarity >= SAME_CODE_MIN:
                pair(source, target, "code", similarity)
    # 3. The most similar titles among the rest, best first.
    candidates = sorted(
        (
            (title_similarity(s.title, t.title), -abs(t.number - s.number), s.code, t.code)
            for s in free_sources()
            for t in free_targets()
        ),
        reverse=True,
    )
    for similarity, _, source_code, target_code in candidates:
        if similarity < TITLE_MIN:
            break
        if source_code in chosen or target_code in taken:
            continue
        pair(sources[source_code], targets[target_code], "similar", similarity)

    return ItemMatching(
        pairs=[chosen[c] for c in sources if c in chosen],
        unmatched_source=[s for c, s in sources.items() if c not in chosen],
        unmatched_target=[t for c, t in targets.items() if c not in taken],
    )
