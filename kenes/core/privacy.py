"""The personal-data masker: every capability passes text through mask_personal_data() before it
goes public (an anonymised appeal shown as an example, an answer on the tracking page).

It replaces, in Kazakh, Russian or English text:
  * e-mail addresses                                    → [e-mail]
  * IINs (individual identification numbers, 12 digits) → [IIN]
  * phone numbers in the +7 / 8 forms (and bare 7xx…)   → [phone]
  * street addresses: a street, avenue or microdistrict with its house and flat numbers,
    written the Russian way ("ул. Абая, д. 5, кв. 12") or the Kazakh way ("Абай көшесі, 5-үй,
    12-пәтер")                                          → [address]
  * any extra strings the caller knows are personal (the applicant's name)  → [name]

A masker can only find what looks like personal data; it reduces the risk, it does not remove
it, so public pages still never show a citizen's own fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

EMAIL_MASK = "[e-mail]"
IIN_MASK = "[IIN]"
PHONE_MASK = "[phone]"
ADDRESS_MASK = "[address]"
NAME_MASK = "[name]"

_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"

EMAIL_RE = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
# 12 digits, optionally grouped by a space or a dash as people type them (900101 300123).
IIN_RE = re.compile(r"(?<![\d+])\d{6}[ \-]?\d{6}(?!\d)")
# +7 701 123 45 67, 8 (701) 123-45-67, 87011234567, +77011234567, 7 701 1234567.
PHONE_RE = re.compile(r"(?<![\w+])(?:\+\s?7|8|7)[\s\-]?\(?\d{3}\)?[\s\-]?\d{3}[\s\-]?\d{2}[\s\-]?\d{2}(?!\d)")

# A proper name: starts with a capital letter or a digit, may be quoted ("«Самал-2»").
_NAME = r"[«\"]?[" + _UPPER + r"0-9][\w\-’']*[»\"]?"
# House and flat parts after a street: ", д. 5", ", дом 5а", ", 5-үй", ", кв. 12", ", 12-пәтер", ", apt 3".
_PART = (
    r"(?:(?i:д\.|дом|корп\.|корпус|кв\.|квартира|оф\.|офис|apt\.?|flat|house|үй|пәтер)\s*№?\s*\d+[\w/\-]*"
    r"|№?\s*\d+[\w/]*(?:\s*-?\s*(?i:үйі|үй|пәтері|пәтер))?)"
)
_TAIL = r"(?:\s*,?\s*" + _PART + r")*"
# Russian and English: the keyword first ("ул. Абая 5", "проспект Назарбаева", "мкр. Самал-2").
_KEYWORD_FIRST = (
    r"(?<!\w)(?i:ул\.|ул(?=\s)|улица|пр-т|пр\.|просп\.|проспект|мкр\.?|мкрн\.?|микрорайон|пер\.|переулок|"
    r"бульвар|б-р|шоссе|наб\.|набережная|street|st\.|avenue|ave\.)\s*" + _NAME + r"(?:\s+" + _NAME + r"){0,2}"
)
# Kazakh and English: the name first, the keyword after it ("Абай көшесі", "Республика даңғылы",
# "Самал шағын ауданы", "Abay Street").
_NAME_FIRST = (
    r"(?<!\w)" + _NAME + r"(?:\s+" + _NAME + r"){0,2}\s+"
    r"(?i:көшесі|көш\.|даңғылы|даңғ\.|шағын\s+ауданы|ықшам\s+ауданы|шағынауданы|ықшамауданы|бульвары|"
    r"street|avenue|str\.)"
)
ADDRESS_RE = re.compile(r"(?:" + _KEYWORD_FIRST + r"|" + _NAME_FIRST + r")" + _TAIL)
# House and flat numbers written without a street: "д. 5, кв. 12", "5-үй, 12-пәтер", "кв. 12".
HOUSE_RE = re.compile(
    r"(?<!\w)(?:(?i:д\.|дом)\s*№?\s*\d+[\w/\-]*\s*,?\s*(?i:кв\.|квартира)\s*\d+"
    r"|\d+[\w/]*\s*-?\s*(?i:үй|үйі)\s*,?\s*\d+\s*-?\s*(?i:пәтер|пәтері)"
    r"|(?i:кв\.|квартира)\s*№?\s*\d+|\d+\s*-\s*(?i:пәтер|пәтері))"
)


def mask_personal_data(text: str, *, known: Iterable[str] = ()) -> str:
    """`text` with e-mails, IINs, phone numbers, street addresses and the `known` strings masked."""
    if not text:
        return text or ""
    out = EMAIL_RE.sub(EMAIL_MASK, text)
    out = IIN_RE.sub(IIN_MASK, out)
    out = PHONE_RE.sub(PHONE_MASK, out)
    out = ADDRESS_RE.sub(ADDRESS_MASK, out)
    out = HOUSE_RE.sub(ADDRESS_MASK, out)
    for value in sorted({v.strip() for v in known if v and len(v.strip()) >= 3}, key=len, reverse=True):
        out = re.sub(re.escape(value), NAME_MASK, out, flags=re.IGNORECASE)
        # The parts of a full name too ("Иванов" of "Иванов Иван"), when long enough to be a name.
        for part in value.split():
            if len(part) >= 4:
                out = re.sub(r"(?<!\w)" + re.escape(part) + r"\w{0,3}(?!\w)", NAME_MASK, out, flags=re.IGNORECASE)
    return out


def contains_personal_data(text: str) -> bool:
    """Whether the masker would change `text` (without known strings)."""
    return bool(text) and mask_personal_data(text) != text


def public_text(text: str, *, known: Iterable[str] = ()) -> str:
    """`text` as it may be shown publicly: personal data masked; `known` are strings the caller
    knows are personal (the applicant's name, contacts)."""
    return mask_personal_data(text, known=known) if text else ""


def public_translated(value: Any) -> Any:
    """A translated value {kk, ru, en} (or plain text) with each language masked."""
    if isinstance(value, dict):
        return {code: public_text(text) for code, text in value.items()}
    return public_text(value or "")
