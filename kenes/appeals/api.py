"""Appeals API: submit an appeal (safe to retry with an Idempotency-Key), follow it by its
tracking code, and public counts per maslikhat. No answer here carries personal data."""

from __future__ import annotations

import datetime
import functools
from typing import Literal

from django.conf import settings
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from ninja import Field, Header, Router, Schema, Status

from kenes.appeals import selectors, services
from kenes.appeals.models import Appeal
from kenes.core.api.schemas import ERRORS, NOT_FOUND, Translated, ValidationErrorOut, one_of
from kenes.core.i18n import LANGS
from kenes.core.privacy import public_text
from kenes.registry.models import Maslikhat, Person

router = Router(tags=["appeals"])


class ApplicantIn(Schema):
    name: str = Field(max_length=200, description="Full name; anonymous appeals are refused")
    email: str = Field("", max_length=254, description="At least one of email, phone, address is required")
    phone: str = Field("", max_length=30, description="+7 XXX XXX XX XX or 8 XXX XXX XX XX")
    address: str = Field("", max_length=300, description="Postal address")
    iin: str = Field("", max_length=14, description="IIN, 12 digits (optional)")


class AppealIn(Schema):
    maslikhat_id: int
    deputy_id: int | None = Field(None, description="A deputy of that maslikhat, if the appeal is to a deputy")
    kind: one_of(Appeal.Kind)
    topic: str = Field(max_length=200)
    text: str = Field(max_length=10000)
    language: Literal["kk", "ru", "en"] = Field("kk", description="The language of the appeal and of its answer")
    applicant: ApplicantIn


class AppealAccepted(Schema):
    tracking_code: str = Field(description="Keep it: it is the only way to follow the appeal")
    display_code: str = Field(description="The code in groups of four, for reading aloud")
    status: one_of(Appeal.Status)
    registered_on: datetime.date | None
    due_date: datetime.date | None = Field(description="15 working days after registration")
    track_url: Translated


class ConflictOut(Schema):
    detail: str


class TimelineEvent(Schema):
    status: str
    at: datetime.datetime


class TrackOut(Schema):
    tracking_code: str
    maslikhat_id: int
    maslikhat: Translated
    kind: one_of(Appeal.Kind)
    status: one_of(Appeal.Status)
    language: str
    submitted_on: datetime.date
    registered_on: datetime.date | None
    due_date: datetime.date | None
    extended_until: datetime.date | None
    overdue: bool
    forwarded_to: Translated | None = Field(description="The body the appeal was forwarded to")
    forwarded_as: str | None = Field(description="The tracking code of the appeal there, if it is a maslikhat")
    answered_on: datetime.date | None
    outcome: one_of(Appeal.Outcome) | None
    answered_on_time: bool | None
    answer: str = Field(description="The answer, with personal data masked")
    rated: bool
    timeline: list[TimelineEvent]


class MaslikhatStats(Schema):
    maslikhat_id: int
    name: Translated
    region_kato: str
    total: int = Field(description="Appeals registered (held and rejected ones are not counted)")
    answered: int
    answered_on_time: int


class StatsOut(Schema):
    items: list[MaslikhatStats]
    count: int


@functools.lru_cache(maxsize=32)
def _track_paths(urlconf: str, script_prefix: str) -> dict[str, str]:
    """The tracking page's path in each language: the same for every appeal, so computed once
    per URL configuration instead of three reverse() calls per accepted appeal."""
    out = {}
    for lang in LANGS:
        with translation.override(lang):
            out[lang] = reverse("appeals:track")
    return out


def _track_links(request: HttpRequest, appeal: Appeal) -> dict[str, str]:
    paths = _track_paths(str(get_urlconf() or settings.ROOT_URLCONF), get_script_prefix())
    return {lang: request.build_absolute_uri(path) + f"?code={appeal.tracking_code}" for lang, path in paths.items()}


def _accepted(request: HttpRequest, appeal: Appeal) -> dict:
    return {
        "tracking_code": appeal.tracking_code,
        "display_code": appeal.display_code,
        "status": appeal.status,
        "registered_on": appeal.registered_on,
        "due_date": appeal.due_date,
        "track_url": _track_links(request, appeal),
    }


@router.post(
    "/appeals",
    response={200: AppealAccepted, 201: AppealAccepted, 409: ConflictOut, 429: ValidationErrorOut, **ERRORS},
    summary="Submit an appeal",
    description=(
        "Send an `Idempotency-Key` header (any unique string up to 100 characters, e.g. a UUID) to make "
        "retries safe: the same key with the same body answers 200 with the appeal made the first time "
        "(201); the same key with a different body answers 409. Anonymous appeals are refused (422): "
        "a name and one of e-mail, phone or address are required. Too many appeals from one address "
        "answer 429. A near copy of another sender's recent appeal is accepted but held for review."
    ),
)
def appeal_create(
    request: HttpRequest,
    payload: AppealIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", max_length=100),
):
    maslikhat = services.intake.maslikhat_for_intake(payload.maslikhat_id)
    if maslikhat is None:
        raise Http404
    deputy = get_object_or_404(Person, pk=payload.deputy_id) if payload.deputy_id else None
    data = services.AppealData(
        maslikhat=maslikhat,
        deputy=deputy,
        kind=payload.kind,
        topic=payload.topic,
        text=payload.text,
        language=payload.language,
        applicant=services.ApplicantData(**payload.applicant.dict()),
    )
    try:
        appeal, created = services.appeal_submit(
            data=data,
            source=Appeal.Source.API,
            ip=request.META.get("REMOTE_ADDR", ""),
            account_id=request.user.pk if request.user.is_authenticated else None,
            idempotency_key=idempotency_key,
        )
    except services.IdempotencyConflict as error:
        return Status(409, {"detail": error.messages[0]})
    except services.RateLimited as error:
        return Status(429, {"detail": [{"loc": [], "field": None, "msg": error.messages[0], "type": "rate_limited"}]})
    return Status(201 if created else 200, _accepted(request, appeal))


@router.get(
    "/appeals/track/{code}",
    response={200: TrackOut, **NOT_FOUND},
    summary="Follow an appeal by its tracking code",
    description="Status, timeline, deadlines, the answer (personal data masked) and its outcome. No personal data.",
)
def appeal_track(request: HttpRequest, code: str):
    appeal = selectors.appeal_by_code(code)
    if appeal is None:
        raise Http404
    forwarded = appeal.forwarded_to or appeal.forwarded_to_maslikhat
    return {
        "tracking_code": appeal.tracking_code,
        "maslikhat_id": appeal.maslikhat_id,
        "maslikhat": appeal.maslikhat.name,
        "kind": appeal.kind,
        "status": appeal.status,
        "language": appeal.language,
        "submitted_on": appeal.submitted_at.date(),
        "registered_on": appeal.registered_on,
        "due_date": appeal.due_date,
        "extended_until": appeal.extended_until,
        "overdue": appeal.is_overdue(),
        "forwarded_to": forwarded.name if forwarded else None,
        "forwarded_as": appeal.forwarded_as.tracking_code if appeal.forwarded_as_id else None,
        "answered_on": appeal.answered_on,
        "outcome": appeal.outcome,
        "answered_on_time": appeal.answered_on_time,
        "answer": public_text(appeal.answer_text, known=appeal.personal_values()),
        "rated": appeal.rated_at is not None,
        "timeline": [{"status": e.status, "at": e.at} for e in appeal.events.all()],
    }


@router.get(
    "/appeals/stats",
    response={200: StatsOut, **ERRORS},
    summary="Public counts of appeals per maslikhat",
    description="For each maslikhat with appeals: registered, answered, answered on time.",
)
def appeal_stats(request: HttpRequest):
    stats = selectors.stats_by_maslikhat()
    maslikhats = Maslikhat.objects.filter(pk__in=list(stats)).select_related("region").order_by("region__kato", "id")
    items = [
        {
            "maslikhat_id": m.pk,
            "name": m.name,
            "region_kato": m.region.kato,
            "total": stats[m.pk]["total"],
            "answered": stats[m.pk]["answered"],
            "answered_on_time": stats[m.pk]["on_time"],
        }
        for m in maslikhats
    ]
    return {"items": items, "count": len(items)}
