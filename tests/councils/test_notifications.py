import datetime

import pytest
from django.core import mail
from django.utils import timezone

from kenes.accounts.models import Role
from kenes.councils import services
from kenes.registry.models import Maslikhat
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_announcement_emails_invited_maslikhats_once_in_their_language(
    council, secretariat, django_capture_on_commit_callbacks
):
    aktobe, almaty = Maslikhat.objects.filter(region__kato__in=["150000000", "750000000"]).order_by("region__kato")
    UserFactory(role=Role.MASLIKHAT_HEAD, maslikhat=aktobe, email="head@aktobe.kz", language="kk")
    UserFactory(role=Role.MASLIKHAT_STAFF, maslikhat=almaty, email="staff@almaty.kz", language="ru")
    UserFactory(
        role=Role.MASLIKHAT_STAFF,
        maslikhat=Maslikhat.objects.exclude(pk__in=[aktobe.pk, almaty.pk]).first(),
        email="not-invited@example.kz",
    )
    session = services.session_create(
        actor=secretariat,
        council=council,
        data={
            "title": {"kk": "Кеңес отырысы", "ru": "Заседание Совета", "en": "Council session"},
            "starts_at": timezone.now() + datetime.timedelta(days=7),
        },
    )
    services.agenda_item_add(
        session=session, actor=secretariat, data={"title": {"kk": "Жолдау", "ru": "Послание"}, "is_main": True}
    )
    services.participation_set_maslikhats(
        session=session,
        actor=secretariat,
        rows=[services.MaslikhatAttendance(aktobe.pk, "remote"), services.MaslikhatAttendance(almaty.pk, "in_person")],
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.session_announce(session=session, actor=secretariat)
    assert sorted(m.to[0] for m in mail.outbox) == ["head@aktobe.kz", "staff@almaty.kz"]
    by_to = {m.to[0]: m for m in mail.outbox}
    assert "Кеңес отырысы" in by_to["head@aktobe.kz"].subject
    assert "Жолдау" in by_to["head@aktobe.kz"].body
    assert "Заседание Совета" in by_to["staff@almaty.kz"].subject
    assert f"/sessions/{session.pk}/" in by_to["staff@almaty.kz"].body
