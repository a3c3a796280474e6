"""The organization's emblem, made ready for the documents when it is uploaded.

A scanned or exported emblem usually comes with a blank border, wider on one side than the
other, so a document that sets the image 3 cm high (order, announcement) or 1.5 cm high
(memo) would draw the figure smaller than that and off-centre. The upload is therefore
trimmed to the figure itself and scaled to a print resolution, as a PNG that keeps its
transparency; the documents then give it its height and centre it.
"""

import io
from pathlib import PurePosixPath

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageChops

# 3 cm at 300 dpi: sharp in print at the order's size, small enough for every PDF.
PRINT_HEIGHT_PX = 354
# Pixels this close to white, or this transparent, are border, not figure.
WHITE_THRESHOLD = 245
ALPHA_THRESHOLD = 16


def figure_box(image: Image.Image):
    """The bounding box of what is neither transparent nor near-white, or None."""
    rgba = image.convert("RGBA")
    alpha = rgba.getchannel("A").point(lambda a: 255 if a > ALPHA_THRESHOLD else 0)
    grey = rgba.convert("L").point(lambda v: 255 if v < WHITE_THRESHOLD else 0)
    return ImageChops.multiply(alpha, grey).getbbox()


def trim_emblem(upload):
    """`upload` cropped to its figure and scaled to `PRINT_HEIGHT_PX` high (never up),
    as a PNG named after the upload; `upload` itself when there is nothing to change."""
    upload.seek(0)
    with Image.open(upload) as source:
        source.load()
        image = source.convert("RGBA")
    box = figure_box(image)
    if box in (None, (0, 0, *image.size)) and image.height <= PRINT_HEIGHT_PX:
        upload.seek(0)
        return upload  # nothing to trim or scale: kept as sent
    if box:
        image = image.crop(box)
    if image.height > PRINT_HEIGHT_PX:
        width = max(1, round(image.width * PRINT_HEIGHT_PX / image.height))
        image = image.resize((width, PRINT_HEIGHT_PX), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    name = PurePosixPath(upload.name or "emblem").stem + ".png"
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")
