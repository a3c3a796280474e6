"""The confirmation page in tests: what it says, and pressing its button."""

from bs4 import BeautifulSoup


def confirmation_of(response):
    """The confirmation page of `response` as the user reads it, or None when the response
    is not one: {"title", "summary", "items", "button", "action", "data"}."""
    soup = BeautifulSoup(response.content, "html.parser")
    section = soup.select_one("section.confirm-page")
    if section is None:
        return None
    form = section.select_one("form")
    data = {}
    for field in form.select("input[type=hidden]"):
        data.setdefault(field["name"], []).append(field["value"])
    button = form.select_one("button.confirm-button")
    data[button["name"]] = [button["value"]]
    return {
        "title": section.select_one("h1").get_text(strip=True),
        "summary": section.select_one("#confirm-summary").get_text(" ", strip=True),
        "items": [li.get_text(" ", strip=True) for li in section.select(".confirm-items li")],
        "button": button.get_text(strip=True),
        "action": form["action"],
        "data": data,
    }


def press_confirm(client, response, **kwargs):
    """Press the confirmation page's button: post what the page's form holds."""
    asked = confirmation_of(response)
    assert asked is not None, "no confirmation was asked"
    return client.post(asked["action"], asked["data"], **kwargs)
