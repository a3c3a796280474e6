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
