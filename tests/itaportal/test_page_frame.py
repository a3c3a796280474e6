"""What every page's frame (templates/base.html) gives keyboard and screen-reader users."""

from bs4 import BeautifulSoup
from django.contrib import messages
from django.contrib.messages.storage.base import Message
from django.template.loader import render_to_string
from django.urls import reverse


def frame(client):
    return BeautifulSoup(client.get(reverse("home")).content, "html.parser")


def test_the_first_link_of_every_page_skips_to_the_main_content(login, analyst):
    soup = frame(login(analyst))
    first = soup.body.find(["a", "button", "input"])
    assert first["href"] == "#main" and first.get_text(strip=True) == "ข้ามไปยังเนื้อหาหลัก"
    assert soup.find("main")["id"] == "main"


def test_the_menus_are_buttons_so_space_opens_them_too(login, analyst):
    toggles = frame(login(analyst)).select("[data-bs-toggle=dropdown]")
    assert len(toggles) == 2  # settings and the user's own menu
    assert all(t.name == "button" and t["type"] == "button" for t in toggles)


def test_messages_are_read_out_from_a_live_region():
    # What a view leaves after an action: an error and a success.
    left = [Message(messages.ERROR, "บันทึกไม่ได้"), Message(messages.SUCCESS, "บันทึกแล้ว")]
    soup = BeautifulSoup(render_to_string("base.html", {"messages": left}), "html.parser")
    region = soup.select_one(".portal-messages")
    assert region["role"] == "status" and region["aria-live"] == "polite"
    alerts = region.select(".alert")
    assert [a.get_text(strip=True) for a in alerts] == ["บันทึกไม่ได้", "บันทึกแล้ว"]
    # The error interrupts (role=alert); the success waits its turn in the region.
    assert alerts[0]["role"] == "alert" and not alerts[1].has_attr("role")
    assert alerts[0].select_one("button.btn-close")["aria-label"] == "ปิดข้อความ"
