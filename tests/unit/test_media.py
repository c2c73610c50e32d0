"""Customers' photos: checked by their content (cadomaestro/media/images.py) and kept in the
media store (cadomaestro/media/store.py)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from cadomaestro.media.images import KEPT_SIDE, MAX_SIDE, BadImage, checked_photo
from cadomaestro.media.store import LocalMediaStore, is_media_id

LIMIT = 1_000_000


def encoded(image_format: str, size: tuple[int, int] = (64, 48), **save: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, image_format, **save)
    return out.getvalue()


def with_gps_and_rotation() -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° to show upright
    exif[0x8825] = {2: (45.0, 26.0, 0.0), 4: (4.0, 17.0, 0.0)}  # GPS position
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 10)).save(out, "JPEG", exif=exif)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "content_type", "size"),
    [
        (encoded("JPEG"), "image/jpeg", (64, 48)),
        (encoded("PNG"), "image/png", (64, 48)),
        (encoded("WEBP"), "image/webp", (64, 48)),
        (with_gps_and_rotation(), "image/jpeg", (48, 64)),  # turned upright
    ],
)
def test_photos_are_kept_by_their_content(data: bytes, content_type: str, size: tuple) -> None:
    photo = checked_photo(data, max_bytes=LIMIT)
    assert (photo.content_type, (photo.width, photo.height)) == (content_type, size)
    reread = Image.open(io.BytesIO(photo.content))
    assert reread.size == size
    assert not reread.getexif()  # no position, no camera: nothing but pixels


PNG = encoded("PNG")


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"Bonjour, voici ma facture.\n", "not_an_image"),
        (b"", "not_an_image"),
        (b"%PDF-1.7\n" + b"0" * 100, "not_an_image"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not_an_image"),
        (encoded("GIF"), "not_an_image"),  # a format customer service does not take
        (encoded("BMP"), "not_an_image"),
        (PNG[: len(PNG) // 2], "broken_image"),  # truncated
        (encoded("JPEG")[:200], "broken_image"),
        (encoded("PNG", (8, 8)), "bad_dimensions"),
        (encoded("PNG", (MAX_SIDE + 1, 20)), "bad_dimensions"),
        (b"\x89PNG" + b"0" * (LIMIT + 1), "too_large"),
    ],
    ids=[
        "text",
        "empty",
        "pdf",
        "svg",
        "gif",
        "bmp",
        "truncated png",
        "truncated jpeg",
        "too small",
        "too wide",
        "too large",
    ],
)
def test_what_is_no_photo_is_refused_with_a_french_message(data: bytes, code: str) -> None:
    with pytest.raises(BadImage) as refused:
        checked_photo(data, max_bytes=LIMIT)
    assert refused.value.code == code
    message = refused.value.message
    assert message.endswith(("?", ".")) and ("s’il vous plaît" in message or "pourriez" in message)


def test_a_phone_s_multi_picture_jpeg_is_a_photo() -> None:
    out = io.BytesIO()
    first, depth = Image.new("RGB", (64, 48), (1, 2, 3)), Image.new("RGB", (64, 48))
    first.save(out, "MPO", save_all=True, append_images=[depth])
    assert Image.open(io.BytesIO(out.getvalue())).format == "MPO"
    photo = checked_photo(out.getvalue(), max_bytes=LIMIT)
    assert (photo.content_type, photo.width, photo.height) == ("image/jpeg", 64, 48)


def test_a_large_photo_is_kept_scaled_down() -> None:
    photo = checked_photo(encoded("JPEG", (4800, 3600)), max_bytes=10 * LIMIT)
    assert (photo.width, photo.height) == (KEPT_SIDE, 2250)
    assert Image.open(io.BytesIO(photo.content)).size == (KEPT_SIDE, 2250)


def test_a_decompression_bomb_is_refused_before_decoding() -> None:
    # 9 000 × 9 000 pixels of one colour: tiny as PNG, 243 MB once decoded.
    bomb = encoded("PNG", (9000, 9000))
    assert len(bomb) < LIMIT
    with pytest.raises(BadImage) as refused:
        checked_photo(bomb, max_bytes=LIMIT)
    assert refused.value.code == "bad_dimensions"


def test_the_store_keeps_photos_under_random_ids_with_their_conversation(tmp_path) -> None:
    store = LocalMediaStore(tmp_path / "media")
    photo = checked_photo(encoded("JPEG"), max_bytes=LIMIT)
    first, second = store.put(photo, "web:abc"), store.put(photo, "web:abc")
    assert first.id != second.id and is_media_id(first.id) and len(first.id) == 24
    assert store.info(first.id) == first and first.conversation == "web:abc"
    stored, content = store.read(first.id) or (None, b"")
    assert stored == first and content == photo.content
    for unknown in ("A" * 24, "../" + first.id, first.id + ".json", "", None):
        assert store.info(unknown) is None and store.read(unknown) is None  # type: ignore[arg-type]
    assert not list((tmp_path / "media").glob("*.part"))


def test_the_photos_of_deleted_conversations_are_deleted(tmp_path) -> None:
    store = LocalMediaStore(tmp_path)
    photo = checked_photo(encoded("PNG"), max_bytes=LIMIT)
    gone, kept = store.put(photo, "web:a"), store.put(photo, "web:b")
    assert store.delete_conversations({"web:a", "web:z"}) == 1
    assert store.info(gone.id) is None and not list(tmp_path.glob(f"{gone.id}*"))
    assert store.info(kept.id) == kept
    assert LocalMediaStore(tmp_path / "absent").delete_conversations({"web:b"}) == 0
