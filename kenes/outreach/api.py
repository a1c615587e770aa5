"""Public, read-only API of work with voters: meetings and reception hours, voter mandates and their
progress per maslikhat. No citizen's personal data: the names of people who asked questions are
never exposed, and citizens' texts pass the masker (kenes.core.privacy)."""

import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from kenes.core.api.schemas import ERRORS, NOT_FOUND, Pagination, Ref, RegionRef, Translated, one_of
from kenes.core.http import portal_links
from kenes.core.privacy import public_text, public_translated
from kenes.outreach import selectors
from kenes.outreach.models import MandateEvent, MeetingQuestion, VoterMandate, VoterMeeting

router = Router(tags=["outreach"])


# --- schemas --------------------------------------------------------------------------------


class VoterMaslikhatRef(Schema):
    id: int
    name: Translated
    region: RegionRef


class VoterMeetingOut(Schema):
    id: int
    classification: one_of(VoterMeeting.Kind) = Field(
        description="reception_hours, meeting (with voters) or off_site_session (with the public)"
    )
    status: one_of(VoterMeeting.Status)
    topic: Translated
    start_date: datetime.datetime
    end_date: datetime.datetime | None
    place: Translated
    maslikhat: VoterMaslikhatRef
    deputies: list[Ref]
    attendees_count: int | None = Field(description="Filled in once the meeting is held")
    updated_at: datetime.datetime
    is_demo: bool

    @staticmethod
    def resolve_classification(obj: VoterMeeting) -> str:
        return obj.kind

    @staticmethod
    def resolve_start_date(obj: VoterMeeting) -> datetime.datetime:
        return obj.starts_at

    @staticmethod
    def resolve_end_date(obj: VoterMeeting) -> datetime.datetime | None:
        return obj.ends_at

    @staticmethod
    def resolve_deputies(obj: VoterMeeting) -> list:
        return list(obj.deputies.all())


class VoterQuestionOut(Schema):
    """A question raised at the meeting, without the name of who asked it."""

    id: int
    position: int
    text: str
    outcome: one_of(MeetingQuestion.Outcome)
    answer: str = Field(description="The answer given on the spot, if any")
    mandate_id: int | None = Field(description="The voter mandate the question became")

    @staticmethod
    def resolve_text(obj: MeetingQuestion) -> str:
        return public_text(obj.text, known=[obj.asked_by_name])

    @staticmethod
    def resolve_answer(obj: MeetingQuestion) -> str:
        return public_text(obj.answer, known=[obj.asked_by_name])


class VoterMeetingDetailOut(VoterMeetingOut):
    topics: Translated = Field(description="Topics raised (after the meeting)")
    summary: Translated
    cancel_reason: Translated
    questions: list[VoterQuestionOut] = Field(description="Empty until the meeting is held")
    mandate_ids: list[int] = Field(description="Voter mandates given at this meeting")
    url: Translated = Field(description="The meeting's page on the portal, in each language")
    ical: Translated = Field(description="The meeting as an iCalendar file, in each language")

    @staticmethod
    def resolve_topics(obj: VoterMeeting) -> dict:
        return public_translated(obj.topics)

    @staticmethod
    def resolve_summary(obj: VoterMeeting) -> dict:
        return public_translated(obj.summary)

    @staticmethod
    def resolve_questions(obj: VoterMeeting) -> list:
        return list(obj.questions.all()) if obj.status == VoterMeeting.Status.HELD else []

    @staticmethod
    def resolve_mandate_ids(obj: VoterMeeting) -> list[int]:
        return [m.pk for m in obj.mandates.all()]

    @staticmethod
    def resolve_url(obj: VoterMeeting, context: dict) -> dict:
        return portal_links(context["request"], "outreach:meeting-detail", obj.pk)

    @staticmethod
    def resolve_ical(obj: VoterMeeting, context: dict) -> dict:
        return portal_links(context["request"], "outreach:meeting-ics", obj.pk)


class VoterMandateOut(Schema):
    id: int
    title: Translated
    status: one_of(VoterMandate.Status)
    source: one_of(VoterMandate.Source)
    maslikhat: VoterMaslikhatRef
    deputy: Ref | None = Field(description="The deputy who took the mandate")
    meeting_id: int | None
    received_on: datetime.date
    responsible_body: Ref | None
    responsible_text: Translated
    planned_completion: datetime.date | None
    executed_on: datetime.date | None
    overdue: bool = Field(description="Open and past its planned completion (computed)")
    updated_at: datetime.datetime
    is_demo: bool

    @staticmethod
    def resolve_title(obj: VoterMandate) -> dict:
        return public_translated(obj.title)

    @staticmethod
    def resolve_overdue(obj: VoterMandate) -> bool:
        return selectors.overdue(obj)


class VoterMandateEventOut(Schema):
    status: one_of(VoterMandate.Status)
    date: datetime.date
    note: Translated

    @staticmethod
    def resolve_note(obj: MandateEvent) -> dict:
        return public_translated(obj.note)


class VoterMandateDetailOut(VoterMandateOut):
    text: Translated
    status_reason: Translated = Field(description="Why it was rejected or cannot be executed")
    history: list[VoterMandateEventOut] = Field(description="Status steps, oldest first")
    url: Translated

    @staticmethod
    def resolve_text(obj: VoterMandate) -> dict:
        return public_translated(obj.text)

    @staticmethod
    def resolve_status_reason(obj: VoterMandate) -> dict:
        return public_translated(obj.status_reason)

    @staticmethod
    def resolve_history(obj: VoterMandate) -> list:
        return list(obj.events.all())

    @staticmethod
    def resolve_url(obj: VoterMandate, context: dict) -> dict:
        return portal_links(context["request"], "outreach:mandate-detail", obj.pk)


class VoterMandateStatsOut(Schema):
    maslikhat: VoterMaslikhatRef
    total: int = Field(description="Every mandate recorded, whatever its status")
    executed: int = Field(description="Executed in full or in part")
    partially_executed: int
    open: int = Field(description="Received, accepted for execution or in progress")
    share_executed: float | None = Field(description="executed / total, 0–1; null without mandates")


class VoterMeetingFilters(Schema):
    maslikhat: int | None = Field(None, description="Maslikhat id")
    from_: datetime.date | None = Field(None, alias="from", description="Meetings starting on or after this date")
    to: datetime.date | None = Field(None, description="Meetings starting on or before this date")
    status: one_of(VoterMeeting.Status) | None = None
    kind: one_of(VoterMeeting.Kind) | None = Field(None, description="classification")


class VoterMandateFilters(Schema):
    maslikhat: int | None = Field(None, description="Maslikhat id")
    status: one_of(VoterMandate.Status) | None = None


# --- endpoints ------------------------------------------------------------------------------


def _day_start(day: datetime.date) -> datetime.datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@router.get(
    "/voter-meetings",
    response={200: list[VoterMeetingOut], **ERRORS},
    tags=["voters"],
    summary="Meetings with voters and reception hours",
    description="Announced, held and cancelled meetings of deputies with voters, by start time.",
)
@paginate(Pagination)
def meeting_list(request: HttpRequest, filters: Query[VoterMeetingFilters]) -> QuerySet[VoterMeeting]:
    qs = selectors.meetings().order_by("starts_at", "id")
    if filters.maslikhat:
        qs = qs.filter(maslikhat_id=filters.maslikhat)
    if filters.from_:
        qs = qs.filter(starts_at__gte=_day_start(filters.from_))
    if filters.to:
        qs = qs.filter(starts_at__lt=_day_start(filters.to + datetime.timedelta(days=1)))
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return qs


@router.get(
    "/voter-meetings/{meeting_id}",
    response={200: VoterMeetingDetailOut, **NOT_FOUND},
    tags=["voters"],
    summary="A meeting with voters and its record",
    description="Questions raised are listed once the meeting is held, without the names of who asked.",
)
def meeting_detail(request: HttpRequest, meeting_id: int) -> VoterMeeting:
    return get_object_or_404(selectors.meeting_detail_queryset(), pk=meeting_id)


@router.get(
    "/voter-mandates",
    response={200: list[VoterMandateOut], **ERRORS},
    tags=["voters"],
    summary="Voter mandates",
    description="Mandates voters gave their deputies, newest first, with their execution status.",
)
@paginate(Pagination)
def mandate_list(request: HttpRequest, filters: Query[VoterMandateFilters]) -> QuerySet[VoterMandate]:
    qs = selectors.mandates().order_by("-received_on", "-id")
    if filters.maslikhat:
        qs = qs.filter(maslikhat_id=filters.maslikhat)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return qs


@router.get(
    "/voter-mandates/stats",
    response={200: list[VoterMandateStatsOut], **ERRORS},
    tags=["voters"],
    summary="Execution of voter mandates per maslikhat",
    description="For each maslikhat with mandates: the total recorded and how many are executed "
    "(in full or in part). Rejected mandates count in the total.",
)
def mandate_stats(request: HttpRequest, maslikhat: int | None = None) -> list[dict]:
    rows = selectors.maslikhat_progress()
    if maslikhat:
        rows = [row for row in rows if row["maslikhat"].pk == maslikhat]
    return [
        {
            "maslikhat": row["maslikhat"],
            "total": row["total"],
            "executed": row["executed"],
            "partially_executed": row["partially"],
            "open": row["open"],
            "share_executed": round(row["executed"] / row["total"], 4) if row["total"] else None,
        }
        for row in rows
    ]


@router.get(
    "/voter-mandates/{mandate_id}",
    response={200: VoterMandateDetailOut, **NOT_FOUND},
    tags=["voters"],
    summary="A voter mandate and its history",
)
def mandate_detail(request: HttpRequest, mandate_id: int) -> VoterMandate:
    return get_object_or_404(selectors.mandate_detail_queryset(), pk=mandate_id)
