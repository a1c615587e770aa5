"""Checks for files uploaded to plans: report attachments and import tables."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kenes.core.files import content_matches, extension

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_EXTENSIONS = ("pdf", "doc", "docx", "odt", "xlsx", "txt", "jpg", "jpeg", "png")


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
    if not content_matches(upload, ext):
        message = (
            _("The file's content is not text.")
            if ext == "txt"
            else _("The file's content is not a %(ext)s file.") % {"ext": ext.upper()}
        )
        raise ValidationError({"attachment": message}, code="file_content")
