"""What staff and applicants are told. Staff (users) through notify(); applicants, who have no
account, by e-mail from a background task, rendered in the language of their appeal."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from kenes.accounts.selectors import maslikhat_staff
from kenes.appeals.models import Appeal
from kenes.core.http import site_path
from kenes.core.i18n import pick
from kenes.notifications.services import notify


def notify_staff(*, appeal: Appeal, name: str, key: str, group: str, users: list | None = None) -> None:
    """Tell the assignee (or, without one, the maslikhat's staff). Params hold no personal data.
    Demo appeals notify nobody."""
    if appeal.is_demo:
        return
    if users is None:
        users = [appeal.assignee_user] if appeal.assignee_user_id else maslikhat_staff(appeal.maslikhat_id)
    notify(
        recipients=users,
        kind=f"appeals.{name}",
        group=group,
        key=key,
        params={
            "code": appeal.display_code,
            "kind": appeal.kind,
            "deadline": appeal.deadline.isoformat() if appeal.deadline else "",
        },
        path=site_path("appeals-staff:detail", appeal.pk),
    )


def track_url(appeal: Appeal, lang: str) -> str:
    with translation.override(lang):
        path = reverse("appeals:track")
    return f"{settings.KENES_SITE_URL}{path}?code={appeal.tracking_code}"


def applicant_mail(appeal: Appeal, template: str) -> bool:
    """E-mail the applicant in the language of the appeal. False when there is no address."""
    applicant = getattr(appeal, "applicant", None)
    if applicant is None or not applicant.email or applicant.erased_at or appeal.is_demo:
        return False
    lang = appeal.language if appeal.language in ("kk", "ru", "en") else "kk"
    with translation.override(lang):
        context = {
            "appeal": appeal,
            "code": appeal.display_code,
            "maslikhat": pick(appeal.maslikhat.name, lang),
            "url": track_url(appeal, lang),
            "forwarded_to": pick((appeal.forwarded_to or appeal.forwarded_to_maslikhat).name, lang)
            if (appeal.forwarded_to_id or appeal.forwarded_to_maslikhat_id)
            else "",
            "new_code": appeal.forwarded_as.display_code if appeal.forwarded_as_id else "",
            "new_url": track_url(appeal.forwarded_as, lang) if appeal.forwarded_as_id else "",
        }
        text = render_to_string(f"appeals/email/{template}.txt", context).strip()
    subject, _sep, body = text.partition("\n")
    message = EmailMessage(subject.strip(), body.strip(), settings.DEFAULT_FROM_EMAIL, [applicant.email])
    if template == "answered" and appeal.answer_file:
        # The answer document goes to the applicant only: it may name them, so no page serves it.
        with appeal.answer_file.open("rb") as handle:
            message.attach(appeal.answer_file.name.rsplit("/", 1)[-1], handle.read())
    message.send()
    return True
