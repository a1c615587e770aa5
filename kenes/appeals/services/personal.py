"""Personal data of applicants: every view by staff is logged; retention erases it."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kenes.appeals import conf
from kenes.appeals.models import FINISHED_STATUSES, Appeal, AppealApplicant, AppealAttachment
from kenes.core.audit import audit_record
from kenes.core.models import AuditEntry
from kenes.core.privacy import mask_personal_data

VIEWED = "appeals.applicant.viewed"


def applicant_view_record(*, appeal: Appeal, actor: Any, what: str = "applicant") -> AuditEntry:
    """Log that `actor` saw the applicant's personal data (or an attachment). The entry names the
    appeal only, never the data seen."""
    return audit_record(actor=actor, action=VIEWED, obj=appeal, before=None, after={"seen": what})


def _reference_day(appeal: Appeal) -> datetime.date:
    return appeal.answered_on or appeal.forwarded_on or timezone.localdate(appeal.updated_at)


def retention_candidates(today: datetime.date | None = None):
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=conf.retention_days())
    return (
        Appeal.objects.filter(status__in=FINISHED_STATUSES, applicant__erased_at__isnull=True)
        .filter(
            Q(answered_on__lt=cutoff)
            | Q(answered_on__isnull=True, forwarded_on__lt=cutoff)
            | Q(answered_on__isnull=True, forwarded_on__isnull=True, updated_at__date__lt=cutoff)
        )
        .select_related("applicant")
    )


def applicants_erase_expired(*, today: datetime.date | None = None, batch: int = 500) -> int:
    """Erase the personal data of finished appeals older than the retention period
    (KENES_APPEAL_RETENTION_DAYS, default 1825 days = 5 years): the applicant row is blanked,
    attachments are deleted and the free texts are passed through the masker. Counts stay."""
    erased = 0
    while True:
        appeals = list(retention_candidates(today)[:batch])
        if not appeals:
            return erased
        with transaction.atomic():
            for appeal in appeals:
                applicant = appeal.applicant
                known = [applicant.name]
                AppealApplicant.objects.filter(pk=applicant.pk).update(
                    name="",
                    iin="",
                    phone="",
                    email="",
                    address="",
                    sender_hash="",
                    ip_hash="",
                    erased_at=timezone.now(),
                )
                for attachment in AppealAttachment.objects.filter(appeal=appeal):
                    attachment.file.delete(save=False)
                    attachment.delete()
                Appeal.objects.filter(pk=appeal.pk).update(
                    topic=mask_personal_data(appeal.topic, known=known)[:200],
                    text=mask_personal_data(appeal.text, known=known),
                    answer_text=mask_personal_data(appeal.answer_text, known=known),
                    complaint_text=mask_personal_data(appeal.complaint_text, known=known),
                )
                erased += 1
