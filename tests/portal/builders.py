"""Builders of whole public records for page tests: a session with its agenda, participants,
statements and decisions, in kk/ru/en."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kenes.councils.models import AgendaDocument, CouncilMember, Decision, Participation, Session, Statement
from kenes.registry.models import Membership, Post
from tests.factories import (
    AgendaItemFactory,
    CouncilFactory,
    MaslikhatFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    SessionFactory,
    post_of,
)

KK_QUOTE = "Мәслихат хатшысының мәртебесін көтеру қажет"
RU_QUOTE = "Необходимо повысить статус секретаря маслихата"
EN_QUOTE = "The status of the maslikhat secretary must be raised"


def text(n: int | str, kk: str = "Сөз", ru: str = "Речь", en: str = "Speech") -> dict:
    return {"kk": f"{kk} {n}", "ru": f"{ru} {n}", "en": f"{en} {n}"}


def make_session(
    council=None,
    *,
    status: str = Session.Status.MINUTES_PUBLISHED,
    maslikhats: int = 2,
    statements: int = 1,
    decisions: int = 1,
    organizations: int = 1,
    people: int = 1,
    starts_at: datetime.datetime | None = None,
    **extra,
) -> Session:
    chair = PersonFactory(name={"kk": "Төраға Әлібек", "ru": "Председатель Алибек", "en": "Chair Alibek"})
    session = SessionFactory(
        council=council or CouncilFactory(),
        status=status,
        starts_at=starts_at or timezone.now() - datetime.timedelta(days=2),
        place={"kk": "Астана, Сенат", "ru": "Астана, Сенат", "en": "Astana, Senate"},
        chair=chair,
        chair_title={
            "kk": "Сенат Төрағасының орынбасары",
            "ru": "Заместитель Председателя Сената",
            "en": "Deputy Chair",
        },
        video_url="https://video.example.kz/session",
        **extra,
    )
    main = AgendaItemFactory(
        session=session,
        position=1,
        is_main=True,
        title={
            "kk": "Мәслихаттардың рөлін арттыру",
            "ru": "О повышении роли маслихатов",
            "en": "Raising the role of maslikhats",
        },
    )
    AgendaItemFactory(session=session, position=2)
    AgendaDocument.objects.create(
        agenda_item=main, title=text("", "Анықтама", "Справка", "Brief"), url="https://example.kz/a.pdf"
    )
    for _ in range(maslikhats):
        Participation.objects.create(session=session, maslikhat=MaslikhatFactory(), mode="remote", attended=True)
    for _ in range(organizations):
        Participation.objects.create(
            session=session, organization=OrganizationFactory(), mode="in_person", attended=True
        )
    for _ in range(people):
        Participation.objects.create(session=session, person=PersonFactory(), mode="in_person", attended=False)
    for i in range(statements):
        Statement.objects.create(
            session=session,
            agenda_item=main,
            position=i + 1,
            speaker=PersonFactory(),
            speaker_title=text(i, "Депутат", "Депутат", "Deputy"),
            text=text(i, "Баяндама мәтіні", "Текст выступления", "Statement text"),
            quotation={"kk": KK_QUOTE, "ru": RU_QUOTE, "en": EN_QUOTE},
        )
    for i in range(decisions):
        decision = Decision.objects.create(
            session=session,
            agenda_item=main,
            number=i + 1,
            kind=Decision.Kind.ADMIT_MEMBER,
            title=text(i, "Мүшелікке қабылдау туралы", "О приёме в члены", "On admission"),
        )
        CouncilMember.objects.create(
            council=session.council,
            organization=OrganizationFactory(),
            admitted_by=decision,
            start_date=session.date,
        )
        CouncilMember.objects.create(
            council=session.council, person=PersonFactory(), admitted_by=decision, start_date=session.date
        )
    return session


def make_head(maslikhat, person=None, start=datetime.date(2021, 1, 1)) -> Membership:
    return MembershipFactory(
        person=person or PersonFactory(), post=post_of(maslikhat, Post.Role.HEAD), start_date=start
    )
