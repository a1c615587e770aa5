"""What an uploaded file really is: the one table of file signatures every upload check uses.

Each capability decides which types and sizes it accepts and words its own message; this module
only answers whether a file's first bytes match its extension, so a renamed executable is refused
the same way everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

# Extension → accepted first bytes. () marks plain text: any bytes but NUL.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "doc": (b"\xd0\xcf\x11\xe0",),
    "xls": (b"\xd0\xcf\x11\xe0",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "txt": (),
}
HEAD_BYTES = 16


def extension(name: str | None) -> str:
    """ "Report.PDF" → "pdf"; "" when there is none."""
    return Path(name or "").suffix.lower().lstrip(".")


def content_matches(upload: Any, ext: str) -> bool:
    """Whether the upload's first bytes fit `ext` (True for a type without a known signature).
    The file position is left at the start."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    signatures = SIGNATURES.get(ext)
    if signatures is None:
        return True
    if not signatures:
        return b"\x00" not in head
    return any(head.startswith(signature) for signature in signatures)
