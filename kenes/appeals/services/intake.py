"""Receiving an appeal: who may write, what is checked, how retries and abuse are handled."""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kenes.appeals import codes, conf, dedup
from kenes.appeals.models import (
    Appeal,
    AppealApplicant,
    AppealAttachment,
    AppealEvent,
    AppealShingleBand,
)
from kenes.appeals.services._common import S, normalize_phone, secret_hash
from kenes.appeals.services.abuse import (
    _check_ban,
    _replay,
    check_rate_limit,
    find_near_duplicate,
)
from kenes.core.cache import remember
from kenes.core.calendar import add_working_days, next_working_day
from kenes.core.files import UploadRules
from kenes.core.tasks import enqueue
from kenes.registry.models import Maslikhat, Membership, Person, Post

# APC art. 92: an answer within 15 working days of registration.
ANSWER_WORKING_DAYS = 15
TERMS_CACHE_SECONDS = 3600

# Accepted attachment types and the content type they are served with.
ATTACHMENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "doc": "application/msword",
    "txt": "text/plain",
}


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
    # Too long is refused with Django's own translated message, never cut silently.
    for name_of_field, value, limit in (("name", name, 200), ("email", email, 254), ("address", address, 300)):
        try:
            MaxLengthValidator(limit)(value)
        except ValidationError as error:
            errors.setdefault(name_of_field, []).extend(error.error_list)
    if errors:
        raise ValidationError(errors)
    return ApplicantData(name=name, email=email.lower(), phone=phone, iin=iin, address=address)


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


def attachment_rules() -> UploadRules:
    """What an appeal (or an answer) may carry: KENES_APPEAL_MAX_ATTACHMENTS files of the types above,
    each at most KENES_APPEAL_MAX_ATTACHMENT_BYTES."""
    return UploadRules(tuple(ATTACHMENT_TYPES), conf.max_attachment_bytes(), conf.max_attachments())


def check_attachments(files: list[Any], field: str = "attachments") -> None:
    """Type (by extension and by the file's first bytes), size and count; a bad file refuses the appeal."""
    attachment_rules().check(files, field=field)


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


def registration_terms(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """(registered_on, due_date) for an appeal arriving on `day`: registered that day, or the next
    working day if it is a day off; due 15 working days later, by the working-day calendar. Every
    appeal of a day has the same terms: they are kept in the shared cache and renewed when the
    calendar table changes (kenes.core.cache), so intake reads the calendar once a day."""

    def compute() -> tuple[datetime.date, datetime.date]:
        registered_on = next_working_day(day)
        return registered_on, add_working_days(registered_on, ANSWER_WORKING_DAYS)

    return remember(f"kenes:appeals:terms:{day.isoformat()}", compute, TERMS_CACHE_SECONDS)


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
    ip_hash = secret_hash(ip) if ip else ""
    # A retry is answered from the unique idempotency key: the insert below fails and the first
    # appeal is returned. Checking first as well answers a retry before the anti-abuse checks.
    if key:
        existing = _replay(key, fingerprint)
        if existing is not None:
            return existing, False
    _check_ban(ip_hash, data.applicant)
    check_rate_limit(ip_hash=ip_hash, account_id=account_id)

    now = now or timezone.now()
    sender_hash = _sender_hash(data.applicant)
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
            _check_maslikhat_exists(data.maslikhat.pk)
            # Otherwise a tracking code collided (1 in 10^17): draw a new one.
    raise RuntimeError("could not store the appeal")


def _sender_hash(applicant: ApplicantData) -> str:
    return secret_hash(applicant.email or applicant.phone or applicant.address)


def _check_maslikhat_exists(maslikhat_id: int) -> None:
    """After a failed insert: a maslikhat deleted meanwhile is a clear refusal, not a retry loop."""
    if not Maslikhat.objects.filter(pk=maslikhat_id).exists():
        raise ValidationError({"maslikhat": _("This maslikhat no longer exists.")}, code="invalid")


def _new_rows(
    *,
    data: AppealData,
    source: str,
    key: str | None,
    fingerprint: str,
    sender_hash: str,
    ip_hash: str,
    duplicate_id: int | None,
    is_demo: bool,
    now: datetime.datetime,
) -> tuple[Appeal, AppealApplicant, list[str]]:
    """The unsaved appeal, its applicant and its first timeline steps."""
    held = duplicate_id is not None
    registered_on, due_date = (None, None) if held else registration_terms(timezone.localdate(now))
    appeal = Appeal(
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
        duplicate_of_id=duplicate_id,
        submitted_at=now,
        registered_on=registered_on,
        due_date=due_date,
        source=source,
        is_demo=is_demo,
    )
    applicant = data.applicant
    row = AppealApplicant(
        name=applicant.name,
        email=applicant.email,
        phone=applicant.phone,
        iin=applicant.iin,
        address=applicant.address,
        sender_hash=sender_hash,
        ip_hash=ip_hash,
    )
    return appeal, row, ["submitted", S.HELD if held else S.REGISTERED]


def maslikhat_for_intake(pk: int) -> Maslikhat | None:
    """The maslikhat an appeal is addressed to (None if there is no such maslikhat)."""
    return Maslikhat.objects.filter(pk=pk).first()


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
    """Store the appeal with its applicant, timeline, shingle bands, attachments and the task that
    confirms its receipt, in the caller's transaction: all of them or none."""
    appeal, applicant, steps = _new_rows(
        data=data,
        source=source,
        key=key,
        fingerprint=fingerprint,
        sender_hash=sender_hash,
        ip_hash=ip_hash,
        duplicate_id=duplicate.pk if duplicate else None,
        is_demo=is_demo,
        now=now,
    )
    appeal.save(force_insert=True)
    applicant.appeal = appeal
    applicant.save(force_insert=True)
    AppealEvent.objects.bulk_create([AppealEvent(appeal=appeal, status=step, at=now) for step in steps])
    AppealShingleBand.objects.bulk_create(
        [AppealShingleBand(appeal=appeal, maslikhat_id=data.maslikhat.pk, band=b, created_at=now) for b in band_hashes]
    )
    for upload in data.attachments:
        ext = Path(upload.name).suffix.lower().lstrip(".")
        stored = AppealAttachment(
            appeal=appeal,
            original_name=Path(upload.name).name[:200],
            content_type=ATTACHMENT_TYPES[ext],
            size=upload.size,
            uploaded_at=now,
        )
        stored.file.save(f"{appeal.tracking_code}.{ext}", upload, save=False)
        stored.save()
    # Enqueued inside the transaction: with the database task queue the task row commits together
    # with the appeal, so no acknowledged appeal lacks its confirmation e-mail.
    enqueue("kenes.appeals.tasks.appeal_received", appeal.pk)
    return appeal
