"""iCalendar (RFC 5545) export of meetings with voters, written by hand: a handful of properties."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone

from kenes.core.i18n import pick
from kenes.outreach.models import VoterMeeting

DEFAULT_LENGTH = datetime.timedelta(hours=2)


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (without splitting a character)."""
    out, current = [], ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode()) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return "\r\n ".join(out)


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(meetings: Iterable[VoterMeeting], *, lang: str, name: str, url_for) -> str:
    """The meetings as a VCALENDAR in `lang`; `url_for(meeting)` gives the absolute page link."""
    stamp = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Kenes//Meetings with voters//" + lang.upper(),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    host = settings.KENES_SITE_URL.split("://")[-1].split("/")[0] or "kenes"
    for meeting in meetings:
        deputies = ", ".join(pick(p.name, lang) for p in meeting.deputies.all())
        description = pick(meeting.maslikhat.name, lang)
        if deputies:
            description += f"\n{deputies}"
        ends = meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH
        status = "CANCELLED" if meeting.status == VoterMeeting.Status.CANCELLED else "CONFIRMED"
        lines += [
            "BEGIN:VEVENT",
            f"UID:voter-meeting-{meeting.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(meeting.starts_at)}",
            f"DTEND:{_utc(ends)}",
            f"SUMMARY:{_escape(meeting.get_kind_display() + ': ' + pick(meeting.topic, lang))}",
            f"LOCATION:{_escape(pick(meeting.place, lang))}",
            f"DESCRIPTION:{_escape(description)}",
            f"URL:{url_for(meeting)}",
            f"STATUS:{status}",
            f"LAST-MODIFIED:{_utc(meeting.updated_at)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
