"""The one place where work with voters calls the appeals capability: a question raised at a
meeting becomes an appeal through kenes.appeals.services.appeal_submit (source "meeting")."""

from __future__ import annotations

from typing import Any


def available() -> bool:
    try:
        from kenes.appeals.services import AppealData, ApplicantData, appeal_submit  # noqa: F401
    except ImportError:
        return False
    return True


def kinds() -> list[tuple[str, str]]:
    from kenes.appeals.models import Appeal

    return list(Appeal.Kind.choices)


def submit(*, question, data: dict[str, Any], deputy=None, is_demo: bool = False):
    """Register the appeal; the question's id is the idempotency key, so a repeated click never
    creates a second appeal. Returns the appeal."""
    from kenes.appeals.models import Appeal
    from kenes.appeals.services import AppealData, ApplicantData, appeal_submit

    appeal, _created = appeal_submit(
        data=AppealData(
            maslikhat=question.meeting.maslikhat,
            kind=data["kind"],
            topic=data["topic"],
            text=question.text,
            language=data["language"],
            applicant=ApplicantData(
                name=data["name"],
                email=data.get("email") or "",
                phone=data.get("phone") or "",
                address=data.get("address") or "",
            ),
            deputy=deputy,
        ),
        source=Appeal.Source.MEETING,
        idempotency_key=f"outreach-question-{question.pk}",
        is_demo=is_demo,
    )
    return appeal
