"""Texts of mandates and questions come from citizens and may carry their personal data (IIN,
phone, e-mail, address, a name). Everything shown publicly passes the one shared masker,
kenes.core.privacy.mask_personal_data."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kenes.core.privacy import mask_personal_data


def public_text(text: str, *, known: Iterable[str] = ()) -> str:
    """`text` with personal data masked; `known` are strings the caller knows are personal (a name)."""
    return mask_personal_data(text, known=known) if text else ""


def public_translated(value: Any) -> Any:
    """A translated value {kk, ru, en} (or plain text) with each language masked."""
    if isinstance(value, dict):
        return {code: public_text(text) for code, text in value.items()}
    return public_text(value or "")
