"""Rendering and sending notification e-mails, each in the recipient's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kenes.notifications.models import Notification

LANGS = ("kk", "ru", "en")


def _lang(user) -> str:
    return user.language if getattr(user, "language", "") in LANGS else "kk"


def render(notification: Notification, lang: str) -> tuple[str, str]:
    """(subject, body) of a notification in `lang`, from `<app>/notifications/<name>.txt`."""
    app, _sep, name = notification.kind.partition(".")
    with translation.override(lang):
        text = render_to_string(
            f"{app}/notifications/{name}.txt",
            {
                "params": notification.params,
                "user": notification.recipient,
                "url": f"{settings.KENES_SITE_URL}/{lang}{notification.path}" if notification.path else "",
            },
        ).strip()
    subject, _sep, body = text.partition("\n")
    return subject.strip(), body.strip()


def _claim(ids: list[int], status: str) -> list[Notification]:
    """Atomically move notifications from `status` to SENDING; only the claimer sends them."""
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(pk__in=ids, email_status=status)
            .select_related("recipient")
        )
        Notification.objects.filter(pk__in=[n.pk for n in rows]).update(email_status=Notification.EmailStatus.SENDING)
    return rows


def deliver(ids: list[int]) -> int:
    sent = 0
    for notification in _claim(ids, Notification.EmailStatus.PENDING):
        lang = _lang(notification.recipient)
        subject, body = render(notification, lang)
        try:
            EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [notification.recipient.email]).send()
        except Exception:  # noqa: BLE001 - a failed send is recorded, not retried blindly
            Notification.objects.filter(pk=notification.pk).update(email_status=Notification.EmailStatus.FAILED)
            continue
        Notification.objects.filter(pk=notification.pk).update(
            email_status=Notification.EmailStatus.SENT, emailed_at=timezone.now()
        )
        sent += 1
    return sent


def send_digests() -> int:
    waiting = Notification.objects.filter(email_status=Notification.EmailStatus.DIGEST)
    users = waiting.values_list("recipient_id", flat=True).distinct()
    sent = 0
    for user_id in list(users):
        ids = list(waiting.filter(recipient_id=user_id).values_list("pk", flat=True))
        rows = _claim(ids, Notification.EmailStatus.DIGEST)
        if not rows:
            continue
        user = rows[0].recipient
        lang = _lang(user)
        items = [render(n, lang) for n in rows]
        with translation.override(lang):
            subject = render_to_string("notifications/digest_subject.txt", {"count": len(items)}).strip()
            body = render_to_string(
                "notifications/digest.txt", {"items": items, "user": user, "site": settings.KENES_SITE_URL}
            )
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]).send()
        Notification.objects.filter(pk__in=[n.pk for n in rows]).update(
            email_status=Notification.EmailStatus.SENT, emailed_at=timezone.now()
        )
        sent += 1
    return sent
