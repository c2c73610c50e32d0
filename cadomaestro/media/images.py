"""What a customer's photo must be before it is kept: an image by its content (not its name or
the type the client claims), within a size limit, of sane dimensions, and decodable to the end.

Pure functions. A good photo is re-encoded without its metadata: a phone's EXIF carries where
the photo was taken, which customer service does not need (the orientation is applied first, so
the photo shows the right way up); the re-encoding also means nothing but pixels is kept.
"""

from __future__ import annotations

import io
import threading
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

# Formats by content, and how each is stored (MPO: a phone's JPEG with a second image, such as
# a portrait's depth map: its first image is kept as a JPEG).
FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "MPO": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}
MIN_SIDE = 16
MAX_SIDE = 10_000
# Larger photos are kept scaled down to this side: enough to see a damage or a label; a large
# JPEG is then decoded at a reduced scale (memory).
KEPT_SIDE = 3000
MAX_PIXELS = 40_000_000  # a 48 Mpx phone photo is larger than anyone needs; refused before decoding
# Photos decoded at once by a process (each may take a few hundred MB while decoded).
_DECODING = threading.BoundedSemaphore(2)


class BadImage(ValueError):
    """A file that cannot be kept as a photo: `code` (stable) and a French `message` for the
    customer."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code)
        self.code, self.message = code, message


def too_large(max_bytes: int) -> BadImage:
    megabytes = f"{max_bytes / 1_000_000:.0f}"
    return BadImage(
        "too_large",
        f"Cette photo est trop lourde : envoyez une image de {megabytes} Mo au plus, s’il vous "
        "plaît.",
    )


NOT_AN_IMAGE = BadImage(
    "not_an_image",
    "Ce fichier n’est pas une photo que je peux lire : envoyez une image JPEG, PNG ou WebP, "
    "s’il vous plaît.",
)
BROKEN = BadImage(
    "broken_image", "Cette image est illisible ou incomplète : pourriez-vous la renvoyer ?"
)
BAD_DIMENSIONS = BadImage(
    "bad_dimensions",
    f"Les dimensions de cette image ne conviennent pas (entre {MIN_SIDE} et {MAX_SIDE:,} pixels "
    "de côté) : pourriez-vous envoyer une autre photo ?".replace(",", "\u202f"),
)


@dataclass(frozen=True)
class Photo:
    content: bytes  # re-encoded, without metadata
    content_type: str
    extension: str
    width: int
    height: int


def checked_photo(data: bytes, *, max_bytes: int) -> Photo:
    """`data` as a photo to keep, or BadImage."""
    if len(data) > max_bytes:
        raise too_large(max_bytes)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in FORMATS:
                raise NOT_AN_IMAGE
            width, height = image.size
            if not (MIN_SIDE <= min(width, height) and max(width, height) <= MAX_SIDE):
                raise BAD_DIMENSIONS
            if width * height > MAX_PIXELS:
                raise BAD_DIMENSIONS
            image_format = image.format
            with _DECODING:
                return _kept(image, image_format)
    except UnidentifiedImageError:
        raise NOT_AN_IMAGE from None
    except BadImage:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):  # fmt: skip
        raise BROKEN from None


def _kept(image: Image.Image, image_format: str) -> Photo:
    """The photo decoded (a truncated or corrupt file fails here), upright, scaled down to
    KEPT_SIDE, re-encoded."""
    image.draft(image.mode, (KEPT_SIDE, KEPT_SIDE))  # a large JPEG decoded at 1/2, 1/4…
    image.load()
    content_type, extension = FORMATS[image_format]
    upright = ImageOps.exif_transpose(image)
    upright.thumbnail((KEPT_SIDE, KEPT_SIDE))
    return Photo(_encoded(upright, extension), content_type, extension, *upright.size)


def _encoded(image: Image.Image, extension: str) -> bytes:
    out = io.BytesIO()
    if extension == "jpg":
        image.convert("RGB").save(out, "JPEG", quality=85)
    elif extension == "png":
        image.save(out, "PNG", optimize=False)
    else:
        image.save(out, "WEBP", quality=90)
    return out.getvalue()
