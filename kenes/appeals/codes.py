"""Tracking codes: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L, U),
shown in groups of four (KX4P-9MTR-2QHC). 60 random bits: unguessable, and short enough to read
aloud over the phone."""

from __future__ import annotations

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # 30 letters and digits nobody confuses when read aloud
LENGTH = 12
_LOOK_ALIKES = str.maketrans({"0": "O", "1": "I", "L": "I", "U": "V"})


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize(raw: str) -> str:
    """What a person typed → the stored code: spaces and dashes dropped, upper case."""
    cleaned = "".join(ch for ch in (raw or "").upper() if ch.isalnum())
    return cleaned[:32]


def is_well_formed(code: str) -> bool:
    return len(code) == LENGTH and all(ch in ALPHABET for ch in code)
