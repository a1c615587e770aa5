"""Receiving an appeal: who may write, what is checked, how retries and abuse are handled."""

from __future__ import annotations

import datetime
import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kenes.appeals import codes, conf, dedup
from kenes.appeals.models import (
    Appeal,
    AppealApplicant,
    AppealAttachment,
    AppealEvent,
    AppealShingleBand,
    BanEntry,
)
from kenes.appeals.services._common import S, normalize_phone, secret_hash
from kenes.core.calendar import add_working_days, next_working_day
from kenes.registry.models import Maslikhat, Membership, Person, Post

# APC art. 92: an answer within 15 working days of registration.
ANSWER_WORKING_DAYS = 15

ATTACHMENT_TYPES = {
    "pdf": ("application/pdf", (b"%PDF",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    "odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    "doc": ("application/msword", (b"\xd0\xcf\x11\xe0",)),
    "txt": ("text/plain", ()),
}


class RateLimited(ValidationError):
    """Too many appeals from one network address or account in the window."""


class IdempotencyConflict(ValidationError):
    """The idempotency key was used before for a different appeal."""


class Banned(ValidationError):
    """The sender is on the ban list."""


@dataclass
class ApplicantData:
    name: str
    email: str = ""
    phone: str = ""
    iin: str = ""
    address: str = ""


@dataclass
class AppealData:
    maslikhat: Maslikhat
    kind: str
    topic: str
    text: str
    language: str
    applicant: ApplicantData
    deputy: Person | None = None
    attachments: list[Any] = field(default_factory=list)


def _clean_applicant(data: ApplicantData) -> ApplicantData:
    """Name and at least one contact are required: APC art. 76 — anonymous appeals are not considered."""
    errors: dict[str, list] = {}
    name = " ".join((data.name or "").split())
    email = (data.email or "").strip()
    phone_raw = (data.phone or "").strip()
    iin = "".join(ch for ch in (data.iin or "") if not ch.isspace())
    address = " ".join((data.address or "").split())
    if len(name) < 3:
        errors["name"] = [
            ValidationError(
                _(
                    "Anonymous appeals are not considered (Administrative Procedural Code, art. 76). "
                    "Give your full name so that the maslikhat can answer you."
                ),
                code="anonymous",
            )
        ]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [ValidationError(_("Enter a valid e-mail address."), code="invalid")]
    phone = ""
    if phone_raw:
        phone = normalize_phone(phone_raw)
        if not phone:
            errors["phone"] = [
                ValidationError(_("Enter a phone number as +7 XXX XXX XX XX or 8 XXX XXX XX XX."), code="invalid")
            ]
    if iin and (len(iin) != 12 or not iin.isdigit()):
        errors["iin"] = [ValidationError(_("An IIN has 12 digits."), code="invalid")]
    if not (email or phone_raw or address) and "name" not in errors:
        errors["email"] = [
            ValidationError(
                _(
                    "Give at least one way to reach you — an e-mail, a phone or a postal address. "
                    "Anonymous appeals are not considered."
                ),
                code="no_contact",
            )
        ]
    if errors:
        raise ValidationError(errors)
    return ApplicantData(name=name[:200], email=email.lower()[:254], phone=phone, iin=iin, address=address[:300])


def _clean_appeal(data: AppealData) -> None:
    errors: dict[str, list] = {}
    if data.kind not in Appeal.Kind.values:
        errors["kind"] = [ValidationError(_("Choose the kind of appeal."), code="invalid")]
    if data.language not in Appeal.Language.values:
        errors["language"] = [ValidationError(_("Choose Kazakh, Russian or English."), code="invalid")]
    if not data.topic.strip():
        errors["topic"] = [ValidationError(_("Give the topic of your appeal."), code="required")]
    elif len(data.topic) > 200:
        errors["topic"] = [ValidationError(_("The topic may have at most 200 characters."), code="max_length")]
    if len(data.text.strip()) < 10:
        errors["text"] = [
            ValidationError(
                _("Describe your question in a few sentences: appeals without substance are not considered."),
                code="no_substance",
            )
        ]
    elif len(data.text) > 10000:
        errors["text"] = [ValidationError(_("The text may have at most 10,000 characters."), code="max_length")]
    if data.deputy is not None and not deputy_of(data.deputy, data.maslikhat):
        errors["deputy"] = [ValidationError(_("This person is not a deputy of that maslikhat."), code="invalid")]
    if errors:
        raise ValidationError(errors)
    check_attachments(data.attachments)


def deputy_of(person: Person, maslikhat: Maslikhat) -> bool:
    return Membership.objects.filter(
        Membership.q_valid_on(timezone.localdate()),
        person=person,
        post__maslikhat=maslikhat,
        post__role__in=[Post.Role.DEPUTY, Post.Role.HEAD],
    ).exists()


def check_attachments(files: list[Any]) -> None:
    """Type (by extension and by the file's first bytes) and size; a bad file refuses the appeal."""
    if len(files) > conf.max_attachments():
        raise ValidationError(
            {"attachments": _("Attach at most %(n)d files.") % {"n": conf.max_attachments()}}, code="too_many"
        )
    limit = conf.max_attachment_bytes()
    for upload in files:
        ext = Path(upload.name or "").suffix.lower().lstrip(".")
        if ext not in ATTACHMENT_TYPES:
            raise ValidationError(
                {
                    "attachments": _("“%(name)s”: only PDF, JPEG, PNG, DOC, DOCX, ODT or TXT files are accepted.")
                    % {"name": Path(upload.name).name[:100]}
                },
                code="file_type",
            )
        if upload.size > limit:
            raise ValidationError(
                {
                    "attachments": _("“%(name)s” is larger than %(mb)d MB.")
                    % {"name": Path(upload.name).name[:100], "mb": limit // (1024 * 1024)}
                },
                code="file_size",
            )
        magic = ATTACHMENT_TYPES[ext][1]
        upload.seek(0)
        head = upload.read(16)
        upload.seek(0)
        if magic and not any(head.startswith(m) for m in magic):
            raise ValidationError(
                {
                    "attachments": _("“%(name)s” is not really a %(ext)s file.")
                    % {"name": Path(upload.name).name[:100], "ext": ext.upper()}
                },
                code="file_type",
            )
        if not magic and b"\x00" in head:
            raise ValidationError(
                {"attachments": _("“%(name)s” is not a text file.") % {"name": Path(upload.name).name[:100]}},
                code="file_type",
            )


def request_fingerprint(data: AppealData) -> str:
    """What makes two submissions "the same request" for the idempotency key."""
    payload = {
        "maslikhat": data.maslikhat.pk,
        "deputy": data.deputy.pk if data.deputy else None,
        "kind": data.kind,
        "topic": data.topic.strip(),
        "text": data.text.strip(),
        "language": data.language,
        "name": data.applicant.name,
        "email": data.applicant.email,
        "phone": data.applicant.phone,
        "iin": data.applicant.iin,
        "address": data.applicant.address,
        "files": [(f.name, f.size) for f in data.attachments],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _replay(key: str, fingerprint: str) -> Appeal | None:
    existing = Appeal.objects.filter(idempotency_key=key).first()
    if existing is None:
        return None
    if existing.request_hash != fingerprint:
        raise IdempotencyConflict(
            _("This Idempotency-Key was already used for a different appeal. Use a new key for a new appeal."),
            code="idempotency_conflict",
        )
    return existing


def _check_ban(ip_hash: str, applicant: ApplicantData) -> None:
    q = Q(kind=BanEntry.Kind.IP, value=ip_hash) if ip_hash else Q(pk__in=[])
    if applicant.email:
        q |= Q(kind=BanEntry.Kind.EMAIL, value=applicant.email)
    if applicant.phone:
        q |= Q(kind=BanEntry.Kind.PHONE, value=applicant.phone)
    now = timezone.now()
    if BanEntry.objects.filter(q).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now)).exists():
        raise Banned(
            _("Appeals from this sender are not accepted. If you think this is a mistake, contact the maslikhat."),
            code="banned",
        )


def _count(key: str, limit: int, window: int) -> bool:
    """Count one hit in the shared cache; False when the limit is passed."""
    cache.add(key, 0, timeout=window)
    try:
        hits = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        hits = 1
    return hits <= limit


def check_rate_limit(*, ip_hash: str, account_id: int | None) -> None:
    if not conf.rate_limits_enabled():
        return
    window = conf.rate_window_seconds()
    slot = int(timezone.now().timestamp()) // window
    ok = True
    if ip_hash:
        ok = _count(f"kenes:appeals:rate:ip:{ip_hash}:{slot}", conf.rate_limit_per_ip(), window)
    if account_id:
        ok = _count(f"kenes:appeals:rate:user:{account_id}:{slot}", conf.rate_limit_per_account(), window) and ok
    if not ok:
        raise RateLimited(
            _("Too many appeals were sent from here in a short time. Please try again later."), code="rate_limited"
        )


def find_near_duplicate(
    *, maslikhat_id: int, text: str, sender_hash: str, shingle_set: set[int], band_hashes: list[int]
) -> Appeal | None:
    """A recent appeal to the same maslikhat from a different sender whose text is a near duplicate
    (Jaccard index of word shingles ≥ the threshold)."""
    if not band_hashes:
        return None
    since = timezone.now() - datetime.timedelta(days=conf.duplicate_days())
    candidate_ids = list(
        AppealShingleBand.objects.filter(maslikhat_id=maslikhat_id, band__in=band_hashes, created_at__gte=since)
        .values_list("appeal_id", flat=True)
        .distinct()[:50]
    )
    if not candidate_ids:
        return None
    threshold = conf.duplicate_threshold()
    candidates = Appeal.objects.filter(pk__in=candidate_ids).exclude(applicant__sender_hash=sender_hash)
    for appeal in candidates.only("pk", "text", "tracking_code"):
        if dedup.jaccard(shingle_set, dedup.shingles(appeal.text)) >= threshold:
            return appeal
    return None


_terms_memo: dict[datetime.date, tuple[float, tuple[datetime.date, datetime.date]]] = {}
TERMS_MEMO_SECONDS = 60


def registration_terms(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """(registered_on, due_date) for an appeal arriving on `day`: registered that day, or the next
    working day if it is a day off; due 15 working days later. Both come from the working-day
    calendar; the pair is remembered in this process for a minute, because every appeal of a day
    has the same terms and intake must stay fast (a calendar edit shows within the minute)."""
    now = time.monotonic()
    memo = _terms_memo.get(day)
    if memo is not None and now - memo[0] < TERMS_MEMO_SECONDS:
        return memo[1]
    registered_on = next_working_day(day)
    terms = (registered_on, add_working_days(registered_on, ANSWER_WORKING_DAYS))
    if len(_terms_memo) > 64:
        _terms_memo.clear()
    _terms_memo[day] = (now, terms)
    return terms


def appeal_submit(
    *,
    data: AppealData,
    source: str = Appeal.Source.WEB,
    ip: str = "",
    account_id: int | None = None,
    idempotency_key: str | None = None,
    is_demo: bool = False,
    now: datetime.datetime | None = None,
) -> tuple[Appeal, bool]:
    """Receive an appeal. Returns (appeal, created).

    Rules: name and one contact are required (anonymous appeals are refused); banned senders and
    senders over the rate limit are refused; the same idempotency key returns the appeal it made
    the first time and never a second one (a different request under that key is refused); a
    near duplicate of another sender's recent appeal to the same maslikhat is held for review, not
    dropped; otherwise the appeal is registered on the day it arrives (the next working day if
    that is a day off) and its answer is due 15 working days later."""
    data.applicant = _clean_applicant(data.applicant)
    _clean_appeal(data)
    key = (idempotency_key or "").strip()[:100] or None
    fingerprint = request_fingerprint(data)
    # A retry is answered from the unique idempotency key: the insert below fails and the first
    # appeal is returned. Checking first as well answers a retry before the anti-abuse checks.
    if key:
        existing = _replay(key, fingerprint)
        if existing is not None:
            return existing, False
    ip_hash = secret_hash(ip) if ip else ""
    _check_ban(ip_hash, data.applicant)
    check_rate_limit(ip_hash=ip_hash, account_id=account_id)

    now = now or timezone.now()
    sender_hash = secret_hash(data.applicant.email or data.applicant.phone or data.applicant.address)
    shingle_set = dedup.shingles(data.text)
    band_hashes = dedup.bands(shingle_set)
    duplicate = find_near_duplicate(
        maslikhat_id=data.maslikhat.pk,
        text=data.text,
        sender_hash=sender_hash,
        shingle_set=shingle_set,
        band_hashes=band_hashes,
    )
    for _attempt in range(5):
        try:
            with transaction.atomic():
                appeal = _create(
                    data=data,
                    source=source,
                    key=key,
                    fingerprint=fingerprint,
                    sender_hash=sender_hash,
                    ip_hash=ip_hash,
                    band_hashes=band_hashes,
                    duplicate=duplicate,
                    is_demo=is_demo,
                    now=now,
                )
            return appeal, True
        except IntegrityError:
            # A concurrent request with the same key won the race: answer with its appeal.
            if key:
                existing = _replay(key, fingerprint)
                if existing is not None:
                    return existing, False
            # Otherwise a tracking code collided (1 in 10^17): draw a new one.
    raise RuntimeError("could not store the appeal")


def _create(
    *,
    data: AppealData,
    source: str,
    key: str | None,
    fingerprint: str,
    sender_hash: str,
    ip_hash: str,
    band_hashes: list[int],
    duplicate: Appeal | None,
    is_demo: bool,
    now: datetime.datetime,
) -> Appeal:
    from kenes.appeals.tasks import appeal_received

    day = timezone.localdate(now)
    held = duplicate is not None
    registered_on, due_date = (None, None) if held else registration_terms(day)
    appeal = Appeal.objects.create(
        tracking_code=codes.new_code(),
        idempotency_key=key,
        request_hash=fingerprint,
        maslikhat=data.maslikhat,
        deputy=data.deputy,
        kind=data.kind,
        topic=data.topic.strip(),
        text=data.text.strip(),
        language=data.language,
        status=S.HELD if held else S.REGISTERED,
        hold_reason="near_duplicate" if held else "",
        duplicate_of=duplicate,
        submitted_at=now,
        registered_on=registered_on,
        due_date=due_date,
        source=source,
        is_demo=is_demo,
    )
    applicant = data.applicant
    AppealApplicant.objects.create(
        appeal=appeal,
        name=applicant.name,
        email=applicant.email,
        phone=applicant.phone,
        iin=applicant.iin,
        address=applicant.address,
        sender_hash=sender_hash,
        ip_hash=ip_hash,
    )
    AppealEvent.objects.bulk_create(
        [
            AppealEvent(appeal=appeal, status="submitted", at=now),
            AppealEvent(appeal=appeal, status=S.HELD if held else S.REGISTERED, at=now),
        ]
    )
    AppealShingleBand.objects.bulk_create(
        [AppealShingleBand(appeal=appeal, maslikhat_id=data.maslikhat.pk, band=b, created_at=now) for b in band_hashes]
    )
    for upload in data.attachments:
        ext = Path(upload.name).suffix.lower().lstrip(".")
        stored = AppealAttachment(
            appeal=appeal,
            original_name=Path(upload.name).name[:200],
            content_type=ATTACHMENT_TYPES[ext][0],
            size=upload.size,
            uploaded_at=now,
        )
        stored.file.save(f"{appeal.tracking_code}.{ext}", upload, save=False)
        stored.save()
    # Enqueued inside the transaction: with the database task queue the task row commits together
    # with the appeal, so no acknowledged appeal lacks its confirmation e-mail.
    appeal_received.enqueue(appeal.pk)
    return appeal
