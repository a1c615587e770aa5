"""Attachments and answer documents live outside the web root, in a folder of their own
(setting KENES_APPEAL_FILES_ROOT), never under MEDIA_ROOT; only a view that checks permissions
serves them."""

from __future__ import annotations

import os

from django.core.files.storage import FileSystemStorage

from kenes.appeals import conf


class PrivateStorage(FileSystemStorage):
    """A FileSystemStorage whose folder is read from the settings on each use (tests change it)
    and which has no public URL."""

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(conf.files_root())

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Appeal files have no public URL; they are served by the appeals views.")


_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    return _storage
