"""Where customers' photos are kept: one small interface (`MediaStore`), a local folder by
default (`LocalMediaStore`), so that an object store can replace it.

A photo is named by a random id (144 bits, URL-safe): the id is what the conversation's message
and the request to customer service carry, and the address agents open
(`/media/<id>` on the Rasa server). Beside the photo the store keeps which conversation sent it,
so that a conversation can only attach its own photos.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import secrets
from collections.abc import Collection
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

from cadomaestro.media.images import Photo, checked_photo

_ID = re.compile(r"[A-Za-z0-9_-]{24}")


def is_media_id(value: object) -> bool:
    return isinstance(value, str) and _ID.fullmatch(value) is not None


@dataclass(frozen=True)
class StoredMedia:
    id: str
    conversation: str
    content_type: str
    extension: str
    width: int
    height: int
    size: int


class MediaStore(Protocol):
    def put(self, photo: Photo, conversation: str) -> StoredMedia: ...

    def info(self, media_id: str) -> StoredMedia | None: ...

    def read(self, media_id: str) -> tuple[StoredMedia, bytes] | None: ...

    def delete_conversations(self, conversations: Collection[str]) -> int: ...


class LocalMediaStore:
    """Photos in a folder: `<id>.<extension>` and `<id>.json` (what the store knows of it)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def put(self, photo: Photo, conversation: str) -> StoredMedia:
        self.folder.mkdir(parents=True, exist_ok=True)
        media_id = secrets.token_urlsafe(18)
        stored = StoredMedia(
            media_id, conversation, photo.content_type, photo.extension, photo.width,
            photo.height, len(photo.content),
        )  # fmt: skip
        _write(self.folder / f"{media_id}.{photo.extension}", photo.content)
        _write(self.folder / f"{media_id}.json", json.dumps(asdict(stored)).encode())
        return stored

    def info(self, media_id: str) -> StoredMedia | None:
        if not is_media_id(media_id):
            return None
        try:
            data = json.loads((self.folder / f"{media_id}.json").read_bytes())
            return StoredMedia(**data)
        except (OSError, ValueError, TypeError):
            return None

    def read(self, media_id: str) -> tuple[StoredMedia, bytes] | None:
        stored = self.info(media_id)
        if stored is None:
            return None
        try:
            return stored, (self.folder / f"{media_id}.{stored.extension}").read_bytes()
        except OSError:
            return None

    def delete_conversations(self, conversations: Collection[str]) -> int:
        """Delete the photos of these conversations; how many."""
        deleted = 0
        for info in list(self.folder.glob("*.json")) if self.folder.is_dir() else []:
            stored = self.info(info.stem)
            if stored is None or stored.conversation not in conversations:
                continue
            for path in self.folder.glob(f"{info.stem}.*"):
                path.unlink(missing_ok=True)
            deleted += 1
        return deleted


async def keep_photo(
    store: MediaStore, data: bytes, conversation: str, max_bytes: int
) -> StoredMedia:
    """Check `data` as a photo (BadImage otherwise) and keep it for `conversation`, off the
    event loop: what every channel does with a customer's photo."""
    photo = await asyncio.to_thread(checked_photo, data, max_bytes=max_bytes)
    return await asyncio.to_thread(store.put, photo, conversation)


def attachment(stored: StoredMedia, public_url: str) -> dict[str, str]:
    """How a message carries a kept photo to the actions: its id, and the address agents open
    (the Rasa server's `/media/<id>`, cadomaestro.widget.routes)."""
    return {"id": stored.id, "url": f"{public_url}/media/{stored.id}"}


def _write(path: Path, content: bytes) -> None:
    """Written whole or not at all (a reader never sees half a photo)."""
    partial = path.with_suffix(path.suffix + ".part")
    partial.write_bytes(content)
    os.replace(partial, path)
