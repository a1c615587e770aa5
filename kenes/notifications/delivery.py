"""Rendering and sending notification e-mails, each in the recipient's language.

Guarantee: every e-mail is sent at most once. A sender first claims rows (status "sending",
claimed_at = now) in a short transaction, and only the claimer sends them; a concurrent or repeated
run finds nothing left to claim. If a process dies between the claim and the send, the rows stay
"sending": reset_stale_sending() (a task, and `manage.py send_digests --reset-stale`) puts claims
older than an hour back in the queue. Only a crash after the mail server accepted a message but
before its row was marked "sent" can then lead to a second copy.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kenes.notifications.models import Group, Notification
from kenes.notifications.tokens import ALL, settings_url, unsubscribe_url

LANGS = ("kk", "ru", "en")
STALE_AFTER = datetime.timedelta(hours=1)
S = Notification.EmailStatus
log = logging.getLogger(__name__)


def _lang(user) -> str:
    return user.language if getattr(user, "language", "") in LANGS else "kk"


def render(notification: Notification, lang: str) -> tuple[str, str]:
    """(subject, body) of a notification in `lang`, from `<app>/notifications/<name>.txt`."""
    app, _sep, name = notification.kind.partition(".")
    url = f"{settings.KENES_SITE_URL}/{lang}{notification.path}" if notification.path else ""
    with translation.override(lang):
        try:
            text = render_to_string(
                f"{app}/notifications/{name}.txt",
                {"params": notification.params, "user": notification.recipient, "url": url},
            ).strip()
        except TemplateDoesNotExist:
            # A missing template must not break the inbox or the digest of everyone else.
            log.error("No template for notification kind %s", notification.kind)
            text = f"{Group(notification.group).label if notification.group in Group.values else ''}\n{url}"
    subject, _sep, body = text.partition("\n")
    return subject.strip(), body.strip()


def unsubscribe_headers(link: str) -> dict[str, str]:
    """RFC 8058 one-click unsubscribe: mail clients POST "List-Unsubscribe=One-Click" to `link`."""
    return {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _message(user, subject: str, body: str, link: str) -> EmailMessage:
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email], headers=unsubscribe_headers(link))


def _claim(ids: list[int], status: str) -> list[Notification]:
    """Atomically move notifications from `status` to SENDING; only the claimer sends them."""
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk__in=ids, email_status=status)
            .select_related("recipient")
        )
        Notification.objects.filter(pk__in=[n.pk for n in rows]).update(
            email_status=S.SENDING, claimed_at=timezone.now()
        )
    return rows


def _mark(rows: list[Notification], status: str, **extra) -> None:
    Notification.objects.filter(pk__in=[n.pk for n in rows], email_status=S.SENDING).update(
        email_status=status, **extra
    )


def deliver(ids: list[int]) -> int:
    """Send the immediate e-mails among `ids` that are still pending."""
    sent = 0
    for notification in _claim(ids, S.PENDING):
        user = notification.recipient
        if not user.email or not user.is_active:
            _mark([notification], S.SKIPPED)
            continue
        lang = _lang(user)
        subject, body = render(notification, lang)
        link = unsubscribe_url(user, notification.group, lang)
        with translation.override(lang):
            footer = render_to_string(
                "notifications/email_footer.txt",
                {"group": Group(notification.group).label, "unsubscribe": link, "settings": settings_url(lang)},
            ).strip()
        try:
            _message(user, subject, f"{body}\n\n-- \n{footer}\n", link).send()
        except Exception:  # noqa: BLE001 - a failed send is recorded, not retried blindly
            log.exception("Notification e-mail %s failed", notification.pk)
            _mark([notification], S.FAILED)
            continue
        _mark([notification], S.SENT, emailed_at=timezone.now())
        sent += 1
    return sent


def _claim_digest(user_id: int):
    """Claim everything waiting for one user's digest. The user's row is locked for the claim, so
    two runs never split one user's items between them: the second skips the user."""
    with transaction.atomic():
        user = get_user_model().objects.select_for_update(skip_locked=True).filter(pk=user_id).first()
        if user is None:
            return None, []
        rows = list(
            Notification.objects.filter(recipient_id=user_id, email_status=S.DIGEST).order_by("created_at", "id")
        )
        Notification.objects.filter(pk__in=[n.pk for n in rows]).update(
            email_status=S.SENDING, claimed_at=timezone.now()
        )
    for row in rows:
        row.recipient = user
    return user, rows


def _digest_sections(user, rows: list[Notification], lang: str) -> list[dict]:
    """Items grouped by group (in the fixed order of Group), and inside one by kind, oldest first."""
    by_group: dict[str, list[Notification]] = defaultdict(list)
    for row in rows:
        by_group[row.group].append(row)
    sections = []
    for group in Group.values:
        items = sorted(by_group.get(group, []), key=lambda n: (n.kind, n.created_at, n.pk))
        if not items:
            continue
        sections.append(
            {
                "label": Group(group).label,
                "items": [render(n, lang) for n in items],
                "unsubscribe": unsubscribe_url(user, group, lang),
            }
        )
    return sections


def send_digest(user_id: int) -> bool:
    """One e-mail with everything that waited for this user's digest; False if there was none."""
    user, rows = _claim_digest(user_id)
    if not rows:
        return False
    if not user.email or not user.is_active:
        _mark(rows, S.SKIPPED)
        return False
    lang = _lang(user)
    with translation.override(lang):
        sections = _digest_sections(user, rows, lang)
        link = unsubscribe_url(user, ALL, lang)
        subject = render_to_string("notifications/digest_subject.txt", {"count": len(rows)}).strip()
        body = render_to_string(
            "notifications/digest.txt",
            {"sections": sections, "user": user, "settings": settings_url(lang), "unsubscribe": link},
        )
    try:
        _message(user, subject, body, link).send()
    except Exception:  # noqa: BLE001 - the mail server refused: keep the items for the next digest
        log.exception("Digest for user %s failed", user_id)
        _mark(rows, S.DIGEST, claimed_at=None)
        return False
    _mark(rows, S.SENT, emailed_at=timezone.now())
    return True


def send_digests() -> int:
    """One digest per user with waiting items; returns how many e-mails went out in this run."""
    user_ids = list(
        Notification.objects.filter(email_status=S.DIGEST).order_by().values_list("recipient_id", flat=True).distinct()
    )
    return sum(1 for user_id in user_ids if send_digest(user_id))


def reset_stale_sending(older_than: datetime.timedelta = STALE_AFTER) -> tuple[int, list[int]]:
    """Put e-mails claimed longer ago than `older_than` and never marked sent back in the queue:
    digest items wait for the next digest, immediate ones become pending again. Returns
    (digest items reset, ids of immediate ones to deliver)."""
    cutoff = timezone.now() - older_than
    stale = Notification.objects.filter(email_status=S.SENDING).filter(
        Q(claimed_at__lt=cutoff) | Q(claimed_at__isnull=True)
    )
    with transaction.atomic():
        digests = stale.filter(digest=True).update(email_status=S.DIGEST, claimed_at=None)
        pending = list(stale.filter(digest=False).values_list("pk", flat=True))
        Notification.objects.filter(pk__in=pending).update(email_status=S.PENDING, claimed_at=None)
    return digests, pending
