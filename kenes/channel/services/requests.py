"""The council's requests to maslikhats and their answers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.accounts.selectors import maslikhat_staff
from kenes.channel.models import (
    CouncilRequest,
    RequestResponse,
)
from kenes.channel.services._common import (
    ATTACHMENTS,
)
from kenes.core.audit import audit_record
from kenes.core.http import site_path
from kenes.core.services import model_create, model_update
from kenes.notifications.services import notify
from kenes.registry.models import Maslikhat


@transaction.atomic
def request_create(
    *, actor: Any, data: dict[str, Any], targets: Iterable[Maslikhat], is_demo: bool = False
) -> CouncilRequest:
    """The council asks maslikhats for something by a date; each targeted maslikhat's staff is told."""
    targets = list(targets)
    if not targets:
        raise ValidationError({"targets": _("Choose at least one maslikhat.")}, code="required")
    due_date = data.get("due_date")
    if due_date is not None and due_date < timezone.localdate() and not is_demo:
        raise ValidationError({"due_date": _("The answer date cannot be in the past.")}, code="invalid")
    request = model_create(
        model=CouncilRequest,
        actor=actor,
        action="channel.request.created",
        data={**data, "created_by": actor, "is_demo": is_demo},
    )
    request.targets.set(targets)
    audit_record(
        actor=actor,
        action="channel.request.targets_set",
        obj=request,
        before=None,
        after={"targets": sorted(m.pk for m in targets)},
    )
    notify(
        recipients=maslikhat_staff([m.pk for m in targets]),
        kind="channel.request_sent",
        group="assignments",
        key=f"channel.request_sent:{request.pk}",
        params={"id": request.pk, "title": request.title, "due_date": request.due_date.isoformat()},
        path=site_path("channel-staff:request-detail", request.pk),
    )
    return request


@transaction.atomic
def response_submit(
    *,
    request: CouncilRequest,
    actor: Any,
    text: dict[str, str],
    attachment: UploadedFile | None = None,
    submitted_at=None,
) -> RequestResponse:
    """A targeted maslikhat answers a request, or changes its answer until the due date. A first
    answer after the due date is still taken (it shows as late); a late change is refused."""
    maslikhat_id = getattr(actor, "maslikhat_id", None)
    if not maslikhat_id or not request.targets.filter(pk=maslikhat_id).exists():
        raise ValidationError(_("This request was not sent to your maslikhat."), code="not_allowed")
    if not any((text or {}).values()):
        raise ValidationError({"text": _("Write the answer in at least one language.")}, code="required")
    if attachment is not None:
        ATTACHMENTS.check([attachment], field="attachment")
    now = submitted_at or timezone.now()
    existing = RequestResponse.objects.select_for_update().filter(request=request, maslikhat_id=maslikhat_id).first()
    data: dict[str, Any] = {"text": text, "submitted_by": actor, "submitted_at": now}
    if attachment is not None:
        data["attachment"] = attachment
    if existing is None:
        return model_create(
            model=RequestResponse,
            actor=actor,
            action="channel.response.submitted",
            data={**data, "request": request, "maslikhat_id": maslikhat_id},
        )
    if timezone.localtime(now).date() > request.due_date:
        raise ValidationError(
            _("The answer can no longer be changed: the due date (%(date)s) has passed.")
            % {"date": request.due_date.isoformat()},
            code="closed",
        )
    return model_update(instance=existing, actor=actor, action="channel.response.updated", data=data)
