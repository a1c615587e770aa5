"""What the channel services share: states, terms, recipients, attachments, events."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from kenes.accounts.selectors import maslikhat_staff
from kenes.channel.models import (
    ChannelAttachment,
    ChannelEvent,
    ChannelItem,
)
from kenes.core.calendar import add_working_days, working_days_between
from kenes.core.files import UploadRules
from kenes.core.http import site_path
from kenes.core.i18n import in_languages, pick
from kenes.notifications.services import notify
from kenes.publications.services import public_event_record

S = ChannelItem.Status
A = ChannelEvent.Action

ATTACHMENTS = UploadRules(("pdf", "docx", "xlsx", "odt", "doc", "xls", "jpg", "jpeg", "png", "txt"), max_files=10)


def response_days() -> int:
    return int(getattr(settings, "KENES_CHANNEL_RESPONSE_DAYS", 15))


def due_date_for(sent_at) -> Any:
    """The response deadline: KENES_CHANNEL_RESPONSE_DAYS (default 15) working days after the day sent."""
    return add_working_days(timezone.localtime(sent_at).date(), response_days())


# --- recipients ------------------------------------------------------------------------------


def _item_path(item: ChannelItem) -> str:
    return site_path("channel-staff:item-detail", item.pk)


def _public_path(item: ChannelItem) -> str:
    return site_path("channel:item-detail", item.pk)


def _params(item: ChannelItem, **extra: Any) -> dict[str, Any]:
    return {"id": item.pk, "subject": item.subject, "maslikhat": item.maslikhat.name, "status": item.status, **extra}


# --- attachments -----------------------------------------------------------------------------


def _attach(item: ChannelItem, actor: Any, uploads: Sequence[UploadedFile]) -> None:
    ATTACHMENTS.check(uploads)
    for upload in uploads:
        ChannelAttachment.objects.create(
            item=item, file=upload, name=(upload.name or "file")[:200], size=upload.size, uploaded_by=actor
        )


def _event(item: ChannelItem, actor: Any, action: str, note: dict | None = None) -> ChannelEvent:
    return ChannelEvent.objects.create(item=item, action=action, status=item.status, actor=actor, note=note or {})


def _public_event(item: ChannelItem, status_label: str | None = None) -> None:
    """A public feed entry for an item the sender published (no names of people)."""
    if not item.is_public:
        return
    public_event_record(
        kind=f"channel.item.{item.status}",
        obj=item,
        # The step in the title: an item's entries (sent, answered, closed) must read apart.
        title=in_languages(lambda: f"{item.get_status_display()}: {pick(item.subject)}"),
        path=_public_path(item),
        summary=item.maslikhat.name,
        region=item.maslikhat.region,
        maslikhat=item.maslikhat,
    )


def _notify_sender_side(item: ChannelItem, event: ChannelEvent, *, group: str = "status") -> None:
    notify(
        recipients=maslikhat_staff([item.maslikhat_id]),
        kind="channel.item_answered" if event.action == A.ANSWERED else "channel.item_status",
        group=group,
        key=f"channel.item_event:{event.pk}",
        params=_params(item, action=event.action, note=event.note),
        path=_item_path(item),
    )


def _first_response(item: ChannelItem, now) -> dict[str, Any]:
    if item.responded_at is not None:
        return {}
    sent_day = timezone.localtime(item.sent_at).date()
    return {
        "responded_at": now,
        "response_working_days": working_days_between(sent_day, timezone.localtime(now).date()),
    }
