"""E-mails about sessions, each rendered in the recipient's own language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from kenes.accounts.models import User
from kenes.accounts.selectors import maslikhat_staff
from kenes.councils.models import Session
from kenes.councils.selectors import session_detail_queryset


def announcement_recipients(session: Session) -> list[User]:
    """Staff and heads of every maslikhat invited to the session, with an e-mail address."""
    maslikhat_ids = [p.maslikhat_id for p in session.participations.all() if p.maslikhat_id]
    return list(maslikhat_staff(maslikhat_ids).exclude(email=""))


def session_announced_messages(session_id: int) -> list[tuple[str, str, str, list[str]]]:
    session = session_detail_queryset().get(pk=session_id)
    messages = []
    for user in announcement_recipients(session):
        lang = user.language if user.language in ("kk", "ru", "en") else "kk"
        with translation.override(lang):
            context = {
                "session": session,
                "user": user,
                "url": settings.KENES_SITE_URL + reverse("councils:session-detail", args=[session.pk]),
            }
            subject = render_to_string("councils/email/session_announced_subject.txt", context).strip()
            body = render_to_string("councils/email/session_announced.txt", context)
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
    return messages


def send_session_announced(session_id: int) -> int:
    return send_mass_mail(session_announced_messages(session_id), fail_silently=False)
