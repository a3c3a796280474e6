"""The OIT-item picker of a measure: the year's items as checkboxes under their
sub-indicators, a search box for script, and only the assessment's own year accepted."""

from bs4 import BeautifulSoup
from django.urls import reverse

from assessments.models import OITItem
from measures.models import Measure
from tests.conftest import sent_form_data
from tests.measures import factories


def create_url():
    return reverse("measures:create", args=[2565])


def test_the_items_are_checkboxes_under_their_sub_indicator_headings(login, analyst, assessment):
    html = login(analyst).get(create_url()).content
    picker = BeautifulSoup(html, "html.parser").select_one("[data-oit-picker]")
    assert picker.legend.get_text(strip=True) == str(
        Measure._meta.get_field("oit_items").verbose_name
    )
    groups = picker.select("[data-oit-group]")
    headings = [g.legend.get_text(strip=True) for g in groups]
    subs = [
        f"{sub.code} {sub.name}"
        for sub in factories.OITSubIndicator.objects.filter(
            indicator__framework=assessment.framework
        ).order_by("indicator__number", "order", "code")
        if sub.items.exists()
    ]
    assert headings == subs
    # Each item sits under its own sub-indicator, as a labelled checkbox.
    for group in groups:
        code = group.legend.get_text(strip=True).split()[0]
        for box in group.select("input[type=checkbox]"):
            item = OITItem.objects.get(pk=box["value"])
            assert item.sub_indicator.code == code
            label = group.find("label", attrs={"for": box["id"]}).get_text(strip=True)
            assert label == f"{item.code} {item.title}"
    total = OITItem.objects.in_framework(assessment.framework).count()
    assert len(picker.select("input[type=checkbox][name=oit_items]")) == total
    # Without script the search box stays hidden and every item shows.
    assert picker.select_one("[data-oit-search-box]").has_attr("hidden")
    assert not picker.select("[data-oit-item][hidden]")


def test_items_ticked_on_the_page_are_saved_and_shown_ticked_again(
    login, analyst, assessment, depts
):
    client = login(analyst)
    page = client.get(create_url())
    data = sent_form_data(page.content, "form.card")
    chosen = list(
        OITItem.objects.in_framework(assessment.framework)
        .filter(code__in=["O15", "O7"])
        .values_list("pk", flat=True)
    )
    assert len(chosen) == 2
    data.update(
        {
            "indicator": str(assessment.framework.indicators.get(number=9).pk),
            "order": "3",
            "title": "มาตรการที่เลือกข้อ OIT",
            "oit_items": [str(pk) for pk in chosen],
            "start_date": "01/11/2565",
            "due_date": "30/09/2566",
            "progress": "0",
        }
    )
    response = client.post(create_url(), data)
    assert response.status_code == 302, response.context["form"].errors
    measure = Measure.objects.get(title="มาตรการที่เลือกข้อ OIT")
    assert sorted(measure.oit_items.values_list("pk", flat=True)) == sorted(chosen)
    edit = client.get(reverse("measures:edit", args=[measure.pk]))
    ticked = BeautifulSoup(edit.content, "html.parser").select(
        "[data-oit-picker] input[type=checkbox][checked]"
    )
    assert sorted(int(box["value"]) for box in ticked) == sorted(chosen)
