"""axe-core, the standard WCAG rule engine, run inside the page by Playwright.

`axe_violations(page)` answers what axe finds on the page as it is now, limited to the
rules of WCAG 2.0/2.1 A and AA and axe's best practices: a list of short lines, one per
rule and element, that reads well in a failed assertion.

The portal's CSP forbids any script it did not serve; axe is injected by Playwright, so
the test's browser context is opened with `bypass_csp=True`. Production keeps its CSP.
"""

from axe_playwright_python.sync_playwright import Axe

AXE = Axe()
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
OPTIONS = {"runOnly": {"type": "tag", "values": RULES}, "resultTypes": ["violations"]}


def axe_violations(page):
    """What axe finds on the page: ["<rule> (<impact>): <element> — <why>", ...]."""
    results = AXE.run(page, options=OPTIONS)
    found = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            why = (node.get("failureSummary") or violation["help"]).replace("\n", " ")
            found.append(f"{violation['id']} ({violation['impact']}): {target} — {why[:200]}")
    return found


# Why the focused element cannot be seen, or "" when it can: it is in the window, not
# covered by anything (a sticky bar), and drawn with a focus outline of 2 px or more.
FOCUS_PROBLEM = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return "nothing has the focus";
  const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    " '" + (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().slice(0, 40) + "'";
  const r = el.getBoundingClientRect();
  if (r.width < 1 || r.height < 1) return name + " has no size";
  if (r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth)
    return name + " is outside the window";
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  if (top && top !== el && !el.contains(top) && top.control !== el) {
    return name + " is covered by " + top.tagName.toLowerCase() + "." + top.className;
  }
  const style = getComputedStyle(el);
  if (style.outlineStyle === "none" || parseFloat(style.outlineWidth) < 2)
    return name + " shows no focus outline";
  return "";
}"""


def focus_problem(page):
    return page.evaluate(FOCUS_PROBLEM)


def tab_to(page, target, max_stops=250):
    """Press Tab until `target` (a locator) has the focus, checking at every stop that
    the focused element can be seen. Returns the number of stops (0: it had the focus)."""
    if target.evaluate("el => el === document.activeElement"):
        assert not focus_problem(page), focus_problem(page)
        return 0
    for stop in range(1, max_stops + 1):
        page.keyboard.press("Tab")
        problem = focus_problem(page)
        assert not problem, f"stop {stop} on {page.url}: {problem}"
        if target.evaluate("el => el === document.activeElement"):
            return stop
    raise AssertionError(f"{target} not reached in {max_stops} Tab presses on {page.url}")
