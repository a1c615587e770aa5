"""Public, read-only API of the council: its members and its sessions.

Who sees what follows rules.py: a draft session exists only for the council's staff; statements
and decisions become public with the minutes (`councils.view_session_record`)."""

import datetime
from typing import Literal

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from kenes.core.api.schemas import ERRORS, NOT_FOUND, Pagination, Ref, RegionRef, Translated, one_of
from kenes.core.http import portal_links
from kenes.councils import selectors
from kenes.councils.models import (
    AgendaDocument,
    AgendaItem,
    Council,
    CouncilMember,
    Decision,
    Participation,
    Session,
)

router = Router()


# --- schemas --------------------------------------------------------------------------------


class AdmittedBy(Schema):
    decision_id: int
    number: int
    session_id: int


class CouncilMemberOut(Schema):
    id: int
    kind: Literal["individual", "collective"] = Field(
        description="individual (a person) or collective (an organisation)"
    )
    person_id: int | None
    organization_id: int | None
    name: Translated
    role: Translated = Field(description="Role in the council")
    start_date: datetime.date
    end_date: datetime.date | None
    admitted_by: AdmittedBy | None = Field(description="The session decision that admitted the member")
    updated_at: datetime.datetime
    is_demo: bool

    @staticmethod
    def resolve_kind(obj: CouncilMember) -> str:
        return str(obj.kind)

    @staticmethod
    def resolve_name(obj: CouncilMember) -> dict:
        return obj.member.name

    @staticmethod
    def resolve_admitted_by(obj: CouncilMember) -> dict | None:
        decision = obj.admitted_by
        if decision is None:
            return None
        return {"decision_id": decision.pk, "number": decision.number, "session_id": decision.session_id}


class CouncilOut(Schema):
    id: int
    organization_id: int
    name: Translated
    classification: Literal["council"] = "council"
    host: Ref = Field(description="The chamber the council works under")
    established_on: datetime.date | None
    basis: Translated = Field(description="Legal basis")
    description: Translated
    memberships: list[CouncilMemberOut] = Field(description="Members past and present, oldest first")
    updated_at: datetime.datetime
    is_demo: bool

    @staticmethod
    def resolve_description(obj: Council) -> dict:
        return obj.organization.description

    @staticmethod
    def resolve_memberships(obj: Council) -> list[CouncilMember]:
        return obj.member_list


class CouncilRef(Schema):
    id: int
    name: Translated


class SessionOut(Schema):
    id: int
    title: Translated
    classification: one_of(Session.Kind)
    status: one_of(Session.Status) = Field(description="draft is seen only by the council's staff")
    start_date: datetime.datetime = Field(description="When the session starts")
    end_date: datetime.datetime | None
    place: Translated
    format: one_of(Session.Format)
    council: CouncilRef
    chair: Ref | None
    chair_title: Translated
    updated_at: datetime.datetime
    is_demo: bool

    @staticmethod
    def resolve_classification(obj: Session) -> str:
        return obj.kind

    @staticmethod
    def resolve_start_date(obj: Session) -> datetime.datetime:
        return obj.starts_at

    @staticmethod
    def resolve_end_date(obj: Session) -> datetime.datetime | None:
        return obj.ends_at

    @staticmethod
    def resolve_council(obj: Session) -> dict:
        return {"id": obj.council_id, "name": obj.council.organization.name}


class DocumentOut(Schema):
    id: int
    title: Translated
    url: str
    language: str
    updated_at: datetime.datetime

    @staticmethod
    def resolve_url(obj: AgendaDocument, context: dict) -> str:
        href = obj.href
        return context["request"].build_absolute_uri(href) if href else ""


class AgendaItemOut(Schema):
    id: int
    position: int
    title: Translated
    description: Translated
    is_main: bool = Field(description="The session's main question")
    presenter: Ref | None
    documents: list[DocumentOut]
    updated_at: datetime.datetime

    @staticmethod
    def resolve_documents(obj: AgendaItem) -> list[AgendaDocument]:
        return list(obj.documents.all())


class ParticipantOut(Schema):
    id: int
    classification: Literal["maslikhat", "organization", "person"]
    maslikhat_id: int | None
    organization_id: int | None
    person_id: int | None
    name: Translated
    region: RegionRef | None = Field(description="The region a maslikhat stands for")
    mode: one_of(Participation.Mode)
    attended: bool | None = Field(description="Empty until attendance is marked")
    note: Translated
    updated_at: datetime.datetime

    @staticmethod
    def resolve_classification(obj: Participation) -> str:
        if obj.maslikhat_id:
            return "maslikhat"
        return "organization" if obj.organization_id else "person"

    @staticmethod
    def resolve_name(obj: Participation) -> dict:
        return obj.participant.name

    @staticmethod
    def resolve_region(obj: Participation):
        return obj.maslikhat.region if obj.maslikhat_id else None


class StatementOut(Schema):
    id: int
    position: int
    agenda_item_id: int | None
    speaker: Ref
    speaker_title: Translated
    text: Translated
    quotation: Translated = Field(description="The speaker's own words, quoted verbatim")
    updated_at: datetime.datetime


class AdmittedMemberOut(Schema):
    id: int
    kind: Literal["individual", "collective"]
    person_id: int | None
    organization_id: int | None
    name: Translated

    @staticmethod
    def resolve_kind(obj: CouncilMember) -> str:
        return str(obj.kind)

    @staticmethod
    def resolve_name(obj: CouncilMember) -> dict:
        return obj.member.name


class DecisionOut(Schema):
    id: int
    number: int
    classification: one_of(Decision.Kind)
    agenda_item_id: int | None
    title: Translated
    text: Translated
    admitted_members: list[AdmittedMemberOut]
    updated_at: datetime.datetime

    @staticmethod
    def resolve_classification(obj: Decision) -> str:
        return obj.kind

    @staticmethod
    def resolve_admitted_members(obj: Decision) -> list[CouncilMember]:
        return list(obj.admitted_members.all())


class MinutesLinks(Schema):
    html: Translated = Field(description="The minutes as a web page, in each language")
    pdf: Translated = Field(description="The minutes as PDF, in each language")


class SessionDetailOut(SessionOut):
    summary: Translated
    video_url: str
    url: Translated = Field(description="The session's page on the portal, in each language")
    agenda: list[AgendaItemOut] = Field(description="In order")
    participants: list[ParticipantOut] = Field(description="By region (KATO), then organisations and people")
    record_published: bool = Field(description="Whether the minutes are published")
    statements: list[StatementOut] = Field(description="Empty until the minutes are published")
    decisions: list[DecisionOut] = Field(description="Empty until the minutes are published")
    minutes: MinutesLinks | None = Field(description="Links to the minutes once published")

    @staticmethod
    def resolve_url(obj: Session, context: dict) -> dict:
        return portal_links(context["request"], "councils:session-detail", obj.pk)

    @staticmethod
    def resolve_agenda(obj: Session) -> list[AgendaItem]:
        return list(obj.agenda_items.all())

    @staticmethod
    def resolve_participants(obj: Session) -> list[Participation]:
        return list(obj.participations.all())

    @staticmethod
    def resolve_record_published(obj: Session) -> bool:
        return obj.record_is_public

    @staticmethod
    def resolve_statements(obj: Session) -> list:
        return list(obj.statements.all()) if obj.record_visible else []

    @staticmethod
    def resolve_decisions(obj: Session) -> list:
        return list(obj.decisions.all()) if obj.record_visible else []

    @staticmethod
    def resolve_minutes(obj: Session, context: dict) -> dict | None:
        if not obj.record_is_public:
            return None
        request = context["request"]
        return {
            "html": portal_links(request, "councils:session-minutes", obj.pk),
            "pdf": portal_links(request, "councils:session-minutes-pdf", obj.pk),
        }


class SessionFilters(Schema):
    status: one_of(Session.Status) | None = None
    year: int | None = Field(None, ge=1990, le=2100, description="Sessions starting in this year")
    kind: one_of(Session.Kind) | None = Field(None, description="regular, extraordinary or meeting (classification)")


# --- endpoints ------------------------------------------------------------------------------


@router.get(
    "/council",
    response={200: CouncilOut, **NOT_FOUND},
    tags=["council"],
    summary="The council and its members",
    description="Individual and collective members, each with the session decision that admitted them.",
)
def council_detail(request: HttpRequest) -> Council:
    council = selectors.default_council()
    if council is None:
        raise Http404
    council.member_list = list(selectors.council_members(council))
    return council


@router.get(
    "/sessions",
    response={200: list[SessionOut], **ERRORS},
    tags=["sessions"],
    summary="Sessions of the council",
    description="Announced and held sessions, newest first. Drafts are listed only for the council's staff.",
)
@paginate(Pagination)
def session_list(request: HttpRequest, filters: Query[SessionFilters]) -> QuerySet[Session]:
    qs = selectors.sessions_visible_to(request.user).order_by("-starts_at", "-id")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.year:
        qs = qs.filter(starts_at__year=filters.year)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return qs


@router.get(
    "/sessions/{session_id}",
    response={200: SessionDetailOut, **NOT_FOUND},
    tags=["sessions"],
    summary="A session: agenda, participants, statements and decisions",
    description="Statements and decisions are listed once the minutes are published "
    "(`record_published`); a draft session is not found.",
)
def session_detail(request: HttpRequest, session_id: int) -> Session:
    session = get_object_or_404(selectors.session_detail_queryset(), pk=session_id)
    if not request.user.has_perm("councils.view_session", session):
        raise Http404
    session.record_visible = request.user.has_perm("councils.view_session_record", session)
    return session
