"""Settings of the appeals capability, each with its default. A value comes from Django settings
(KENES_APPEAL_*) or, failing that, from the environment variable of the same name."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings


def _setting(name: str, default: Any) -> Any:
    if hasattr(settings, name):
        return getattr(settings, name)
    raw = os.environ.get(name)
    if raw is None:
        return default
    if isinstance(default, bool):
        return raw.lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    return raw


def files_root() -> Path:
    """Where attachments are stored: outside the web root and outside MEDIA_ROOT."""
    return Path(_setting("KENES_APPEAL_FILES_ROOT", settings.BASE_DIR / "private" / "appeals"))


def retention_days() -> int:
    return int(_setting("KENES_APPEAL_RETENTION_DAYS", 1825))


def rate_limits_enabled() -> bool:
    return bool(_setting("KENES_APPEAL_RATE_LIMITS", True))


def rate_limit_per_ip() -> int:
    """Appeals one network address may submit per window."""
    return int(_setting("KENES_APPEAL_RATE_PER_IP", 10))


def rate_limit_per_account() -> int:
    return int(_setting("KENES_APPEAL_RATE_PER_ACCOUNT", 10))


def rate_window_seconds() -> int:
    return int(_setting("KENES_APPEAL_RATE_WINDOW", 3600))


def duplicate_days() -> int:
    """How far back the near-duplicate check looks."""
    return int(_setting("KENES_APPEAL_DUPLICATE_DAYS", 30))


def duplicate_threshold() -> float:
    return float(_setting("KENES_APPEAL_DUPLICATE_THRESHOLD", 0.8))


def max_attachment_bytes() -> int:
    return int(_setting("KENES_APPEAL_MAX_ATTACHMENT_BYTES", 5 * 1024 * 1024))


def max_attachments() -> int:
    return int(_setting("KENES_APPEAL_MAX_ATTACHMENTS", 3))


def reminder_days_before() -> int:
    """Working days before a deadline when staff are reminded."""
    return int(_setting("KENES_APPEAL_REMINDER_DAYS", 3))
