"""An uploaded emblem is trimmed to its figure, so documents print it centred at its size."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from itaportal import documents
from itaportal.emblem import PRINT_HEIGHT_PX, trim_emblem
from tests import pdf
from tests.itaportal.test_settings_pages import _org_form


def wide_emblem(fmt="PNG", background=(255, 255, 255, 0)):
    """A 1200×500 image: a 200×300 red figure far to the right of a blank border."""
    mode = "RGBA" if fmt == "PNG" else "RGB"
    image = Image.new(mode, (1200, 500), background[: len(mode)])
    image.paste(
        (200, 0, 0)[: len(mode)] if mode == "RGB" else (200, 0, 0, 255), (900, 100, 1100, 400)
    )
    out = io.BytesIO()
    image.save(out, format=fmt)
    return out.getvalue()


def opened(upload):
    return Image.open(io.BytesIO(upload.read()))


def test_a_transparent_border_is_trimmed_to_the_figure():
    trimmed = opened(trim_emblem(SimpleUploadedFile("krut.png", wide_emblem())))
    assert trimmed.size == (200, 300)
    assert trimmed.getpixel((100, 150))[:3] == (200, 0, 0)


def test_a_white_jpeg_border_is_trimmed_and_the_result_is_a_png():
    upload = trim_emblem(SimpleUploadedFile("krut.jpg", wide_emblem("JPEG", (255, 255, 255))))
    assert upload.name == "krut.png"
    image = opened(upload)
    assert image.format == "PNG"
    # JPEG edges blur by a pixel or two.
    assert abs(image.width - 200) <= 4 and abs(image.height - 300) <= 4


def test_a_large_figure_is_scaled_down_to_print_resolution_never_up():
    big = Image.new("RGBA", (1000, 2000), (0, 0, 0, 255))
    out = io.BytesIO()
    big.save(out, format="PNG")
    image = opened(trim_emblem(SimpleUploadedFile("big.png", out.getvalue())))
    assert image.size == (PRINT_HEIGHT_PX // 2, PRINT_HEIGHT_PX)
    small = opened(trim_emblem(SimpleUploadedFile("k.png", wide_emblem())))
    assert small.height == 300


def test_the_settings_page_stores_the_trimmed_emblem_and_the_order_centres_it(login, analyst, org):
    upload = SimpleUploadedFile("krut.png", wide_emblem(), content_type="image/png")
    response = login(analyst).post(reverse("organization_settings"), _org_form(org, emblem=upload))
    assert response.status_code == 302
    org.refresh_from_db()
    with org.emblem.open("rb") as fh:
        assert Image.open(fh).size == (200, 300)
    content = documents.render_pdf(
        "documents/sample.html", {"paragraphs": ["ทดสอบ"]}, "a.pdf", org
    ).content
    page = pdf.read(content).pages[0]
    boxes = []
    page.get_contents()

    def visit(op, args, cm, tm):
        if op == b"Do":
            boxes.append(cm)

    page.extract_text(visitor_operand_before=visit)
    ((a, _, _, d, e, _f),) = boxes
    height_cm, left_cm = d / 72 * 2.54, e / 72 * 2.54
    width_cm = a / 72 * 2.54
    assert abs(height_cm - 3.0) < 0.05
    # Centred between the 3 cm left and 2 cm right margins of A4 (21 cm).
    centre = left_cm + width_cm / 2
    assert abs(centre - (3 + (21 - 5) / 2)) < 0.05


def test_an_emblem_without_a_border_is_kept_as_sent(emblem_png):
    upload = SimpleUploadedFile("krut.png", emblem_png)
    assert trim_emblem(upload) is upload
