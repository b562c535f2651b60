"""Images: a perceptual hash (imagehash's pHash) for those that present the brand's logo."""

from __future__ import annotations

import io
from pathlib import Path

from omniready.brand.errors import Unreadable
from omniready.brand.model import LogoUse
from omniready.brand.readers import Parts
from omniready.texts import Message

# File names of images that stand for the brand: a logo, a profile picture, an avatar.
LOGO_WORDS = ("logo", "avatar", "profile", "perfil", "isotipo", "marca", "brand")


def logo_hash(data: bytes, shown: str) -> str | None:
    """The pHash of an image as hex, or None when the bytes are not an image Pillow reads."""
    import imagehash
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            return str(imagehash.phash(image.convert("RGBA").convert("RGB")))
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None


def read(path: Path, data: bytes, shown: str) -> Parts:
    """An image file: hashed when its name says it is a logo or profile picture."""
    if not any(word in path.stem.lower() for word in LOGO_WORDS):
        return Parts()
    digest = logo_hash(data, shown)
    if digest is None:
        raise Unreadable(Message("brand.unreadable.not-image"))
    return Parts(logos=(LogoUse(shown, None, digest),))
