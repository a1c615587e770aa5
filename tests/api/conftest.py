"""Sessions built through the council services, the way the secretariat builds them."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kenes.councils import services
from kenes.councils.models import Decision, Participation, Session
from kenes.registry import services as registry_services
from kenes.registry.models import Maslikhat, Post, Region
from tests.factories import OrganizationFactory, PersonFactory

ON_2020 = datetime.date(2020, 10, 21)


@pytest.fixture(autouse=True)
def _no_collected_static(settings):
    # Tests run without `collectstatic`; WhiteNoise would warn (an error here) about the missing folder.
    settings.WHITENOISE_AUTOREFRESH = True


def regional_maslikhats(day=ON_2020):
    return list(
        Maslikhat.objects.filter(level="regional", region__in=Region.objects.filter(Region.q_valid_on(day))).order_by(
            "region__kato"
        )
    )


def build_session(
    council,
    actor,
    *,
    regions=17,
    statements=3,
    decisions=2,
    documents=1,
    publish=True,
    title="Session",
):
    """A session of the council: agenda, `regions` regional maslikhats taking part remotely,
    statements and decisions (one admitting a collective member); minutes published if `publish`."""
    session = services.session_create(
        actor=actor,
        council=council,
        data={
            "title": {"kk": f"{title} kk", "ru": f"{title} ru", "en": title},
            "starts_at": timezone.now() - datetime.timedelta(hours=3),
            "format": Session.Format.VIDEOCONFERENCE,
            "chair": PersonFactory(),
            "place": {"kk": "Астана", "ru": "Астана", "en": "Astana"},
        },
    )
    main = services.agenda_item_add(
        session=session, actor=actor, data={"title": {"kk": "Негізгі", "ru": "Главный", "en": "Main"}, "is_main": True}
    )
    other = services.agenda_item_add(session=session, actor=actor, data={"title": {"en": "Other business"}})
    for n in range(documents):
        services.agenda_document_add(
            item=main,
            actor=actor,
            data={"title": {"en": f"Document {n}"}, "file": SimpleUploadedFile(f"doc{n}.pdf", b"%PDF-1.4 test")},
        )
    services.session_announce(session=session, actor=actor)
    rows = [services.MaslikhatAttendance(m.pk, Participation.Mode.REMOTE) for m in regional_maslikhats()[:regions]]
    services.participation_set_maslikhats(session=session, actor=actor, rows=rows)
    services.participation_add(session=session, actor=actor, mode="in_person", organization=OrganizationFactory())
    session = services.session_mark_held(session=session, actor=actor)
    rows = [services.MaslikhatAttendance(r.maslikhat_id, r.mode, True) for r in rows]
    services.participation_set_maslikhats(session=session, actor=actor, rows=rows)
    for participation in session.participations.filter(maslikhat__isnull=True):
        participation.attended = True  # the organisation came; no service marks a single one
        participation.save()
    for n in range(statements):
        services.statement_add(
            session=session,
            actor=actor,
            data={
                "speaker": PersonFactory(),
                "agenda_item": main if n % 2 == 0 else other,
                "text": {"en": f"Statement {n}", "ru": f"Выступление {n}"},
                "quotation": {"en": f"Quote {n}"},
            },
        )
    for n in range(decisions):
        if n == 0:
            services.decision_add(
                session=session,
                actor=actor,
                data={"kind": Decision.Kind.ADMIT_MEMBER, "title": {"en": "Admission"}, "agenda_item": main},
                admit_organizations=[OrganizationFactory(kind="institute")],
            )
        else:
            services.decision_add(
                session=session, actor=actor, data={"kind": Decision.Kind.RECOMMENDATION, "title": {"en": f"Rec {n}"}}
            )
    if publish:
        session = services.session_publish_minutes(session=session, actor=actor)
    return session


@pytest.fixture
def published_session(reference, secretariat):
    return build_session(reference, secretariat)


@pytest.fixture
def held_session(reference, secretariat):
    return build_session(reference, secretariat, publish=False, title="Held")


@pytest.fixture
def draft_session(reference, secretariat):
    return services.session_create(
        actor=secretariat,
        council=reference,
        data={"title": {"en": "Secret draft"}, "starts_at": timezone.now() + datetime.timedelta(days=3)},
    )


@pytest.fixture
def headed_maslikhat(reference, secretariat):
    """The Aktobe oblast maslikhat with a head since 2021 and two deputies."""
    maslikhat = Maslikhat.objects.get(level="regional", region__kato__startswith="15")
    head = PersonFactory(name={"kk": "Бас", "ru": "Глава", "en": "Head"})
    registry_services.membership_create(
        actor=secretariat,
        person=head,
        post=Post.objects.get(maslikhat=maslikhat, role=Post.Role.HEAD),
        data={"start_date": datetime.date(2021, 1, 15)},
    )
    deputy_post = Post.objects.get(maslikhat=maslikhat, role=Post.Role.DEPUTY)
    party = OrganizationFactory(kind="party")
    for n in range(2):
        registry_services.membership_create(
            actor=secretariat,
            person=PersonFactory(),
            post=deputy_post,
            data={
                "start_date": datetime.date(2023, 3, 19),
                "mandate_type": "single_member",
                "constituency": f"District {n + 1}",
                "party": party,
            },
        )
    # A former deputy: not a current member.
    registry_services.membership_create(
        actor=secretariat,
        person=PersonFactory(),
        post=deputy_post,
        data={"start_date": datetime.date(2016, 3, 20), "end_date": datetime.date(2021, 1, 10)},
    )
    return maslikhat
