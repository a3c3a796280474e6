"""What the page sweep (test_every_page.py) checks on one page, as it is drawn now.

`page_problems(page, phone=...)` answers a list of short lines, one per problem, that
reads well in a failed assertion. The rules, precisely:

- **Scrolls sideways**: the document is wider than the window
  (`document.scrollingElement.scrollWidth > clientWidth`); a table that scrolls inside
  its own `.table-responsive` box does not count.
- **Touch target under 44 × 44 px** (on the phone only): every visible `a[href]`,
  `button`, `select`, `summary`, `[role=button]`, checkbox, radio and submit input. A
  checkbox or radio passes when it or one of its labels is 44 × 44 (the label toggles it).
  Not counted: elements not drawn (`display: none`, `visibility: hidden`, opacity 0, at
  most 1 px like `.visually-hidden`, or waiting above the page like the skip link), and
  *inline links in running text* (WCAG 2.5.8's exception): an `<a>` drawn `display:
  inline` whose nearest block holds text that belongs to no link, button or field.
- **CE year**: a year 2000-2099 in the visible text (`innerText` and the title), in
  Arabic or Thai digits; a word that is an address, an e-mail or a file name is skipped.
  The portal writes Buddhist Era years (25xx).
- **English**: a word or phrase from Django's own messages and buttons in the visible
  text (ENGLISH below); attributes are not read.
- **Hover-only explanation**: the `title` of an element that is no control (a badge, a
  number, an icon) when the page does not also show it as text: a phone has no hover.
  A control's title only repeats its name, which it has without the hover.
"""

import re

# Django's messages and the English a template might leave behind. Whole words, matched
# with their case as written (a capitalised word is a button or a heading; the lower-case
# ones are caught in any case).
ENGLISH = [
    "This field",
    "Enter a valid",
    "Ensure this value",
    "Select a valid",
    "password",
    "username",
    "required",
    "Page",
    "Next",
    "Previous",
    "First",
    "Last",
    "Submit",
    "Save",
    "Cancel",
    "Delete",
    "Search",
    "Log in",
    "Log out",
    "Forbidden",
    "Not Found",
    "Server Error",
    "Currently",
    "Change",
    "Clear",
    "Unknown",
    "None",
    "True",
    "False",
    "is too short",
    "too common",
    "entirely numeric",
    "didn't match",
]
CASE_INSENSITIVE = {"password", "username", "required"}
ENGLISH_PATTERN = re.compile(
    "|".join(
        rf"(?<![A-Za-z]){'(?i:' + re.escape(w) + ')' if w in CASE_INSENSITIVE else re.escape(w)}"
        r"(?![A-Za-z])"
        for w in ENGLISH
    )
)

# A 4-digit year 2000-2099 standing alone (no digit beside it), Arabic or Thai digits.
CE_YEAR = re.compile(r"(?<![0-9๐-๙])[2๒][0๐][0-9๐-๙]{2}(?![0-9๐-๙])")
# Words that are addresses, e-mail addresses or file names: a year inside them is theirs.
NOT_PROSE = re.compile(r"(?:^[a-z]+:|/|@|^www\.|\.[A-Za-z0-9]{2,5}$)")

# One pass over the page in the browser: its widths, its small targets, its text, and
# the titles it shows nowhere else.
MEASURE = """(minimum) => {
  const SELECTOR = 'a[href], button, select, summary, [role=button], ' +
    'input[type=checkbox], input[type=radio], input[type=submit], input[type=button]';
  const FIELDS = SELECTOR + ', input, textarea, label';
  const drawn = el => {
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return false;
    return r.bottom + scrollY > 0 && r.right + scrollX > 0;
  };
  const name = el => {
    const text = (el.getAttribute('aria-label') || el.innerText || el.value || el.title ||
      el.getAttribute('name') || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.classList.length ? '.' + [...el.classList].slice(0, 3).join('.') : '') + ` '${text}'`;
  };
  // Text of `block` that belongs to no link, button or field inside it.
  const looseText = block => {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let text = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const owner = node.parentElement.closest(FIELDS);
      if (owner && block.contains(owner) && owner !== block) continue;
      if (!node.parentElement.checkVisibility()) continue;
      text += node.textContent;
    }
    return text.trim();
  };
  const inRunningText = el => {
    if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
    return !!block && looseText(block) !== '';
  };
  const big = r => r.width >= minimum - 0.5 && r.height >= minimum - 0.5;
  const union = (a, b) => {
    const left = Math.min(a.left, b.left), top = Math.min(a.top, b.top);
    return {width: Math.max(a.right, b.right) - left, height: Math.max(a.bottom, b.bottom) - top};
  };
  const near = (a, b) => a.left - b.right <= 8 && b.left - a.right <= 8 &&
    a.top - b.bottom <= 8 && b.top - a.bottom <= 8;
  const small = [];
  if (minimum) {
    for (const el of document.querySelectorAll(SELECTOR)) {
      if (!drawn(el) || inRunningText(el)) continue;
      const r = el.getBoundingClientRect();
      const areas = [r];
      if (el.labels) {
        for (const label of el.labels) {
          if (!drawn(label)) continue;
          const l = label.getBoundingClientRect();
          areas.push(l);
          if (near(r, l)) areas.push(union(r, l));
        }
      }
      if (!areas.some(big)) small.push(`${name(el)} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
  }
  const text = document.title + '\\n' + document.body.innerText;
  const hoverOnly = [];
  for (const el of document.querySelectorAll('[title]')) {
    const title = el.title.trim();
    // A control's title repeats its name (an arrow button's "เลื่อนขึ้น"); elsewhere it
    // is the only place the explanation is written.
    if (!title || !drawn(el) || el.matches(FIELDS)) continue;
    const own = (el.getAttribute('aria-label') || '') + ' ' + el.innerText;
    if (!text.includes(title) && !own.includes(title)) hoverOnly.push(`${name(el)} title='${title.slice(0, 60)}'`);
  }
  const doc = document.scrollingElement;
  return {scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, small, text, hoverOnly};
}"""


def ce_years(text):
    """The CE years in `text` outside addresses, e-mail addresses and file names."""
    found = []
    for word in text.split():
        if NOT_PROSE.search(word):
            continue
        found += CE_YEAR.findall(word)
    return found


def english_words(text):
    return sorted({m.group(0) for m in ENGLISH_PATTERN.finditer(text)})


def page_problems(page, *, phone):
    """Every problem of the page as drawn now: scroll, small targets (phone only), CE
    years, English, hover-only explanations. ["<check>: <what>", ...]"""
    seen = page.evaluate(MEASURE, 44 if phone else 0)
    problems = []
    if seen["scrollWidth"] > seen["clientWidth"]:
        problems.append(
            f"scrolls sideways: {seen['scrollWidth']} px wide in a {seen['clientWidth']} px window"
        )
    problems += [f"target under 44 px: {s}" for s in seen["small"]]
    if years := ce_years(seen["text"]):
        problems.append(f"CE year: {', '.join(sorted(set(years)))}")
    if words := english_words(seen["text"]):
        problems.append(f"English: {', '.join(words)}")
    problems += [f"hover-only explanation: {h}" for h in seen["hoverOnly"]]
    return problems
