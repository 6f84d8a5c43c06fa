"""Organisations' logos, uploaded by an admin and shown beside their names on the slide
and the one-pager.

An upload is only ever stored as an image Pillow decoded whole: a PNG or JPEG within
MAX_BYTES and MAX_SIDE, re-encoded and scaled to fit STORED_SIDE, so whatever else the
file carried (a script, a second format, metadata) is never kept or served. A logo
arriving in a registry export (loaders.interchange) was stored that way before, so it is
checked to be such a copy (checked_stored) and kept as it is. Every change is audited in
the same transaction; a refused file stores nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import warnings

from PIL import Image, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.orm import Session

from registry import audit
from registry.models import Organisation, OrganisationLogo

MAX_BYTES = 1024 * 1024  # the file as uploaded
MAX_SIDE = 5000  # pixels, checked from the header before any decoding
MIN_SIDE = 16
STORED_SIDE = 400  # the stored copy fits in this square: plenty for a slide or a page
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
UPLOAD = "logo_upload"
REMOVE = "logo_remove"


class LogoError(ValueError):
    """A logo that cannot be stored: `key` names its message in views/text.py, `values`
    fill it."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def checked_image(content: bytes) -> tuple[str, bytes, int, int]:
    """(media type, re-encoded bytes, width, height) of an uploaded logo, or LogoError."""
    if not content:
        raise LogoError("logo_err_empty")
    if len(content) > MAX_BYTES:
        raise LogoError("logo_err_too_big", size=f"{len(content) / 1024:,.0f}",
                        limit=f"{MAX_BYTES // 1024:,}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as probe:
                kind, (width, height) = probe.format, probe.size
                if kind not in FORMATS:
                    raise LogoError("logo_err_format", found=kind or "?")
                if max(width, height) > MAX_SIDE:
                    raise LogoError("logo_err_dimensions", width=width, height=height,
                                    limit=MAX_SIDE)
                if min(width, height) < MIN_SIDE:
                    raise LogoError("logo_err_tiny", width=width, height=height,
                                    limit=MIN_SIDE)
                probe.verify()
            with Image.open(io.BytesIO(content)) as image:
                image.load()
                stored = _reencoded(image, kind)
    except LogoError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError,
            Image.DecompressionBombWarning, OSError, SyntaxError, ValueError):
        raise LogoError("logo_err_not_image") from None
    with Image.open(io.BytesIO(stored)) as again:
        return FORMATS[kind], stored, *again.size


def checked_stored(content: bytes, media_type: str, width: int, height: int) -> None:
    """Refuses (LogoError) a logo from an export unless it is one this registry could have
    stored: an image checked_image accepts, of the stated type and size, carrying nothing
    but the image (no chunk or segment Pillow does not write, nothing after its end).

    It is kept byte for byte rather than re-encoded, so moving a registry does not lose
    JPEG quality at each move.
    """
    found, _, stored_width, stored_height = checked_image(content)
    if (found, stored_width, stored_height) != (media_type, width, height):
        raise LogoError("logo_err_not_as_described", found=found, width=stored_width,
                        height=stored_height)
    bare = _bare_png(content) if found == FORMATS["PNG"] else _bare_jpeg(content)
    if not bare or max(width, height) > STORED_SIDE:
        raise LogoError("logo_err_not_stored")


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_CHUNKS = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}


def _bare_png(content: bytes) -> bool:
    position = len(_PNG_SIGNATURE)
    while position + 8 <= len(content):
        length = int.from_bytes(content[position:position + 4], "big")
        kind = content[position + 4:position + 8]
        position += 12 + length
        if kind not in _PNG_CHUNKS:
            return False
        if kind == b"IEND":
            return position == len(content)
    return False


# Markers Pillow writes before the image data: start, JFIF header, tables, frame, restarts.
_JPEG_HEADER = {0xE0, 0xDB, 0xC4, 0xDD} | set(range(0xC0, 0xC4))


def _bare_jpeg(content: bytes) -> bool:
    position = 2
    while position + 4 <= len(content) and content[position] == 0xFF:
        marker = content[position + 1]
        if marker == 0xDA:
            # In the entropy-coded data 0xFF is followed by 0x00 or a restart marker, so the
            # first end-of-image marker after the scan is the end of the image.
            return content.find(b"\xff\xd9", position) == len(content) - 2
        if marker not in _JPEG_HEADER:
            return False
        position += 2 + int.from_bytes(content[position + 2:position + 4], "big")
    return False


def _reencoded(image: Image.Image, kind: str) -> bytes:
    image.thumbnail((STORED_SIDE, STORED_SIDE))
    buffer = io.BytesIO()
    if kind == "PNG":
        keeps_alpha = image.mode in ("RGBA", "LA") or "transparency" in image.info
        image.convert("RGBA" if keeps_alpha else "RGB").save(buffer, "PNG", optimize=True)
    else:
        image.convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def described(logo: OrganisationLogo | None) -> dict | None:
    if logo is None:
        return None
    return {"media_type": logo.media_type, "sha256": logo.content_sha256,
            "width": logo.width, "height": logo.height, "size": len(logo.content)}


def _organisation(session: Session, slug: str) -> Organisation:
    organisation = session.scalars(select(Organisation).filter_by(slug=slug)).first()
    if organisation is None:
        raise LogoError("logo_err_no_organisation", slug=slug)
    return organisation


def store_logo(session: Session, slug: str, content: bytes, by: str) -> OrganisationLogo:
    """The organisation's logo set to `content` (checked first; replaces any earlier one)."""
    media_type, stored, width, height = checked_image(content)
    organisation = _organisation(session, slug)
    logo = session.get(OrganisationLogo, organisation.id)
    before = described(logo)
    stamp = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    values = {"media_type": media_type, "content": stored, "width": width, "height": height,
              "content_sha256": hashlib.sha256(stored).hexdigest(), "uploaded_at": stamp,
              "uploaded_by": by}
    if logo is None:
        logo = OrganisationLogo(organisation_id=organisation.id, **values)
        session.add(logo)
    else:
        for name, value in values.items():
            setattr(logo, name, value)
    session.flush()
    audit.record(session, by, UPLOAD, "organisation", slug, before, described(logo))
    return logo


def remove_logo(session: Session, slug: str, by: str) -> bool:
    """Removes the organisation's logo; False when it had none."""
    organisation = _organisation(session, slug)
    logo = session.get(OrganisationLogo, organisation.id)
    if logo is None:
        return False
    before = described(logo)
    session.delete(logo)
    session.flush()
    audit.record(session, by, REMOVE, "organisation", slug, before, None)
    return True
