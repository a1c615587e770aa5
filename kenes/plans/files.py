"""Checks for files uploaded to plans: report attachments and import tables."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_EXTENSIONS = ("pdf", "doc", "docx", "odt", "xlsx", "txt", "jpg", "jpeg", "png")
# The first bytes each type must start with; a renamed executable is refused.
MAGIC = {
    "pdf": (b"%PDF",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "doc": (b"\xd0\xcf\x11\xe0",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}


def extension(name: str) -> str:
    return Path(name or "").suffix.lower().lstrip(".")


def validate_attachment(upload) -> None:
    """At most 10 MB, one of the allowed types, and content that matches the type."""
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"attachment": _("The file is larger than 10 MB.")}, code="too_large")
    ext = extension(upload.name)
    if ext not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            {
                "attachment": _("Attach a PDF, DOC, DOCX, ODT, XLSX, TXT, JPG or PNG file (this one is “%(ext)s”).")
                % {"ext": ext or "?"}
            },
            code="file_type",
        )
    head = upload.read(8)
    upload.seek(0)
    magic = MAGIC.get(ext)
    if magic and not head.startswith(magic):
        raise ValidationError(
            {"attachment": _("The file's content is not a %(ext)s file.") % {"ext": ext.upper()}}, code="file_content"
        )
    if ext == "txt" and b"\x00" in head:
        raise ValidationError({"attachment": _("The file's content is not text.")}, code="file_content")
