"""Abuse at the door: idempotent retries, the ban list, the rate limit in the shared cache and
near-duplicate appeals of different senders (held for review)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kenes.appeals import conf, dedup
from kenes.appeals.models import (
    Appeal,
    AppealShingleBand,
    BanEntry,
)

if TYPE_CHECKING:
    from kenes.appeals.services.intake import ApplicantData


class RateLimited(ValidationError):
    """Too many appeals from one network address or account in the window."""


class IdempotencyConflict(ValidationError):
    """The idempotency key was used before for a different appeal."""


class Banned(ValidationError):
    """The sender is on the ban list."""


def _conflict() -> IdempotencyConflict:
    return IdempotencyConflict(
        _("This Idempotency-Key was already used for a different appeal. Use a new key for a new appeal."),
        code="idempotency_conflict",
    )


def _banned() -> Banned:
    return Banned(
        _("Appeals from this sender are not accepted. If you think this is a mistake, contact the maslikhat."),
        code="banned",
    )


def _replay(key: str, fingerprint: str) -> Appeal | None:
    existing = Appeal.objects.filter(idempotency_key=key).first()
    if existing is None:
        return None
    if existing.request_hash != fingerprint:
        raise _conflict()
    return existing


def _ban_pairs(ip_hash: str, applicant: ApplicantData) -> list[tuple[str, str]]:
    pairs = [(BanEntry.Kind.IP.value, ip_hash)] if ip_hash else []
    if applicant.email:
        pairs.append((BanEntry.Kind.EMAIL.value, applicant.email))
    if applicant.phone:
        pairs.append((BanEntry.Kind.PHONE.value, applicant.phone))
    return pairs


def _check_ban(ip_hash: str, applicant: ApplicantData) -> None:
    pairs = _ban_pairs(ip_hash, applicant)
    if not pairs:
        return
    q = Q(pk__in=[])
    for kind, value in pairs:
        q |= Q(kind=kind, value=value)
    now = timezone.now()
    if BanEntry.objects.filter(q).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now)).exists():
        raise _banned()


def _count(key: str, limit: int, window: int) -> bool:
    """Count one hit in the shared cache; False when the limit is passed. One round trip once the
    window's counter exists (incr keeps its expiry); the first hit of a window creates it."""
    try:
        hits = cache.incr(key)
    except ValueError:  # no counter yet in this window
        if cache.add(key, 1, timeout=window):
            hits = 1
        else:  # another request created it meanwhile
            try:
                hits = cache.incr(key)
            except ValueError:  # and it expired at once
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
    candidates = Appeal.objects.filter(pk__in=candidate_ids).exclude(applicant__sender_hash=sender_hash)
    return _closest(shingle_set, candidates.only("pk", "text", "tracking_code"))


def _closest(shingle_set: set[int], candidates) -> Appeal | None:
    """The first candidate (newest first) whose text is a near duplicate."""
    threshold = conf.duplicate_threshold()
    for appeal in candidates:
        if dedup.jaccard(shingle_set, dedup.shingles(appeal.text)) >= threshold:
            return appeal
    return None
