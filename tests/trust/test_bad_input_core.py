"""Property-based: typed numbers and uploads either round-trip or get a Thai message.

Thai digits are a real input method here (people copy numbers out of Thai documents),
so every number field must accept them and refuse anything else in Thai.
"""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itaportal import thai
from itaportal.forms import OrganizationSettingsForm, ThaiDecimalField, ThaiIntegerField

THAI_CHARS = re.compile(r"[\u0e00-\u0e7f]")
fixture_settings = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

scores = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)


@given(scores, st.booleans())
def test_any_score_typed_in_thai_or_arabic_digits_round_trips(value, in_thai):
    typed = thai.thai_digits(f"{value:.2f}") if in_thai else f"{value:.2f}"
    field = ThaiDecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100)
    assert field.clean(typed) == value


@given(
    st.text(min_size=1, max_size=12).filter(
        lambda s: not re.fullmatch(r"\s*[+-]?[\d๐-๙,]*\.?[\d๐-๙]*\s*", s)
    )
)
def test_anything_that_is_not_a_number_gets_a_thai_message(text):
    from django.core.exceptions import ValidationError

    field = ThaiDecimalField(max_digits=5, decimal_places=2, required=True)
    with pytest.raises(ValidationError) as caught:
        field.clean(text)
    assert all(THAI_CHARS.search(m) for m in caught.value.messages)


@given(
    st.decimals(allow_nan=False, allow_infinity=False, places=2).filter(lambda d: d < 0 or d > 100)
)
def test_scores_out_of_range_are_refused_in_thai(value):
    from django.core.exceptions import ValidationError

    field = ThaiDecimalField(max_digits=12, decimal_places=2, min_value=0, max_value=100)
    with pytest.raises(ValidationError) as caught:
        field.clean(thai.thai_digits(str(value)))
    assert all(THAI_CHARS.search(m) for m in caught.value.messages)


@given(st.integers(min_value=-(10**6), max_value=10**6))
def test_whole_numbers_in_thai_digits_round_trip(value):
    assert ThaiIntegerField().clean(thai.thai_digits(str(value))) == value


@pytest.mark.django_db
@fixture_settings
@given(
    content=st.binary(min_size=0, max_size=2048),
    name=st.sampled_from(["e.png", "e.jpg", "e.pdf", "e"]),
)
def test_an_upload_that_is_not_an_image_never_replaces_the_emblem(org, content, name):
    before = (org.emblem.name, org.short_name)
    data = {
        "name": org.name, "short_name": "เปลี่ยนแล้ว", "kind": org.kind, "district": org.district,
        "province": org.province, "memo_prefix": "", "phone": "", "website": "", "website_domains": "",
    }  # fmt: skip
    form = OrganizationSettingsForm(
        data, {"emblem": SimpleUploadedFile(name, content)}, instance=org
    )
    assert not form.is_valid()
    assert all(THAI_CHARS.search(m) for m in form.errors["emblem"])
    org.refresh_from_db()
    assert (org.emblem.name, org.short_name) == before


@given(st.decimals(min_value=0, max_value=100, places=3, allow_nan=False))
def test_rounding_is_half_up_to_two_places(value):
    rounded = thai.round_half_up(value)
    assert abs(rounded - value) <= Decimal("0.005")
    assert rounded == rounded.quantize(Decimal("0.01"))
