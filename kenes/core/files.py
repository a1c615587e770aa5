"""Uploads: the one validator every capability uses, and the table of file signatures behind it.

A capability states what it accepts as an `UploadRules` (types, size, how many) and calls
`rules.check(files, field=...)`; the refusals carry one set of codes — "too_many", "file_type",
"file_size", "file_content" — and one set of translated messages, so a renamed executable, an
oversized scan or one file too many reads the same in every form and API answer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

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


MB = 1024 * 1024


@dataclass(frozen=True)
class UploadRules:
    extensions: tuple[str, ...]
    max_bytes: int = 10 * MB
    max_files: int = 1

    @property
    def accept(self) -> str:
        """For an <input type="file" accept="...">."""
        return ",".join(f".{ext}" for ext in self.extensions)

    @property
    def types(self) -> str:
        return ", ".join(ext.upper() for ext in self.extensions)

    @property
    def help_text(self) -> str:
        """ "PDF, DOC, TXT, at most 10 MB." in the language active when it is shown (a form field's
        help text is built once, at import)."""
        return lazy(
            lambda: _("%(types)s, at most %(mb)d MB.") % {"types": self.types, "mb": self.max_bytes // MB}, str
        )()

    def check(self, uploads: Sequence[Any], *, field: str | None = None) -> None:
        """Refuse the first problem found: too many files, a type not accepted, a file too large, or
        content that is not what the extension says. `field` names the form field the error is for."""
        problem = self._problem(list(uploads))
        if problem is not None:
            message, code, params = problem
            error = ValidationError(message, code=code, params=params)
            raise ValidationError({field: [error]}) if field else error

    def _problem(self, uploads: list[Any]) -> tuple[Any, str, dict] | None:
        if len(uploads) > self.max_files:
            return _("Attach at most %(n)d files."), "too_many", {"n": self.max_files}
        for upload in uploads:
            full = Path(upload.name or "").name
            ext = extension(full)  # from the whole name: a cut name could hide ".exe" after ".pdf"
            name = full[:100]  # shortened for the message only
            if ext not in self.extensions:
                return (
                    _("“%(name)s”: accepted file types are %(types)s."),
                    "file_type",
                    {"name": name, "types": self.types},
                )
            if upload.size > self.max_bytes:
                return (
                    _("“%(name)s” is larger than %(mb)d MB."),
                    "file_size",
                    {"name": name, "mb": self.max_bytes // MB},
                )
            if not content_matches(upload, ext):
                if ext == "txt":
                    return _("“%(name)s” is not a text file."), "file_content", {"name": name}
                return _("“%(name)s” is not really a %(ext)s file."), "file_content", {"name": name, "ext": ext.upper()}
        return None
