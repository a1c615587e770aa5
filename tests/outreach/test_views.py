import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kenes.outreach import services
from kenes.outreach.models import VoterMandate, VoterMeeting
from tests.outreach.conftest import deputy_of, meeting_data

pytestmark = pytest.mark.django_db

PERSONAL = ["Айгерим Сапарова", "+7 701 555 12 34", "870412300568", "aigerim@example.kz"]


@pytest.fixture
def seeded(make_meeting, make_mandate, staff):
    """A held meeting with a question full of personal data, a mandate made of it, an upcoming meeting."""
    held = make_meeting(held=True)
    question = services.question_add(
        meeting=held,
        actor=staff,
        data={
            "text": "Айгерим Сапарова (ИИН 870412300568, тел. +7 701 555 12 34, aigerim@example.kz) "
            "просит отремонтировать отопление в школе",
            "asked_by_name": "Айгерим Сапарова",
        },
    )
    mandate = services.question_to_mandate(question=question, actor=staff, data={"title": {"ru": "Отопление школы"}})
    upcoming = make_meeting(
        starts_at=timezone.now() + datetime.timedelta(days=5), topic={"ru": "Приём граждан депутатом"}
    )
    return {"held": held, "question": question, "mandate": mandate, "upcoming": upcoming}


def _public_urls(seeded):
    m = seeded["held"].maslikhat
    deputy = seeded["held"].deputies.first()
    return [
        reverse("outreach:meeting-calendar"),
        reverse("outreach:meeting-calendar") + "?when=past",
        reverse("outreach:meeting-calendar-ics"),
        reverse("outreach:meeting-detail", args=[seeded["held"].pk]),
        reverse("outreach:meeting-ics", args=[seeded["upcoming"].pk]),
        reverse("outreach:mandate-progress"),
        reverse("outreach:maslikhat-mandates", args=[m.pk]),
        reverse("outreach:mandate-detail", args=[seeded["mandate"].pk]),
        reverse("registry:maslikhat-detail", args=[m.pk]),
        reverse("registry:person-detail", args=[deputy.pk]),
        "/en/feeds/changes.atom",
        "/api/v1/voter-meetings",
        f"/api/v1/voter-meetings/{seeded['held'].pk}",
        "/api/v1/voter-mandates",
        f"/api/v1/voter-mandates/{seeded['mandate'].pk}",
        "/api/v1/voter-mandates/stats",
    ]


def test_no_personal_data_on_public_pages_api_or_feed(client, seeded):
    for url in _public_urls(seeded):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for value in PERSONAL:
            assert value not in body, (url, value)
        assert "Сапарова" not in body, url
    detail = client.get(reverse("outreach:meeting-detail", args=[seeded["held"].pk])).content.decode()
    assert "отремонтировать отопление в школе" in detail  # the question itself is public, masked
    assert "[phone]" in detail and "[IIN]" in detail


def test_staff_see_the_name(client, seeded, staff):
    client.force_login(staff)
    body = client.get(reverse("outreach-staff:meeting", args=[seeded["held"].pk])).content.decode()
    assert "Айгерим Сапарова" in body


def test_calendar_lists_upcoming_and_filters(client, seeded, other_maslikhat, staff):
    services.meeting_create(
        actor=staff,
        maslikhat=other_maslikhat,
        data=meeting_data(starts_at=timezone.now() + datetime.timedelta(days=2), topic={"ru": "Чужая встреча"}),
    )
    body = client.get(reverse("outreach:meeting-calendar")).content.decode()
    assert "Приём граждан депутатом" in body and "Чужая встреча" in body
    held_url = reverse("outreach:meeting-detail", args=[seeded["held"].pk])
    assert held_url not in body  # the held one is in the past
    m = seeded["upcoming"].maslikhat
    body = client.get(reverse("outreach:meeting-calendar") + f"?maslikhat={m.pk}").content.decode()
    assert "Приём граждан депутатом" in body and "Чужая встреча" not in body
    body = client.get(reverse("outreach:meeting-calendar") + f"?region={other_maslikhat.region.kato}").content.decode()
    assert "Чужая встреча" in body and "Приём граждан депутатом" not in body
    deputy = seeded["upcoming"].deputies.first()
    body = client.get(reverse("outreach:meeting-calendar") + f"?deputy={deputy.pk}").content.decode()
    assert "Приём граждан депутатом" in body and "Чужая встреча" not in body
    past = client.get(reverse("outreach:meeting-calendar") + "?when=past").content.decode()
    assert held_url in past
    bad = client.get(reverse("outreach:meeting-calendar") + "?region=nope")
    assert bad.status_code == 400 and "no region" in bad.content.decode()


def test_ics_export(client, seeded):
    response = client.get(reverse("outreach:meeting-calendar-ics"))
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 1
    assert f"UID:voter-meeting-{seeded['upcoming'].pk}@" in text
    start = seeded["upcoming"].starts_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{start}" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    one = client.get(reverse("outreach:meeting-ics", args=[seeded["held"].pk])).content.decode()
    assert one.count("BEGIN:VEVENT") == 1 and "Каргалы" in one.replace("\r\n ", "")


def test_progress_pages(client, seeded, make_mandate, staff):
    mandate = make_mandate()
    services.mandate_transition(mandate=mandate, actor=staff, status=VoterMandate.Status.ACCEPTED)
    services.mandate_transition(mandate=mandate, actor=staff, status=VoterMandate.Status.EXECUTED)
    m = seeded["held"].maslikhat
    body = client.get(reverse("outreach:mandate-progress")).content.decode()
    assert f'data-maslikhat="{m.pk}"' in body and "50%" in body
    body = client.get(reverse("outreach:maslikhat-mandates", args=[m.pk]) + "?status=executed").content.decode()
    assert "Ремонт дороги" in body and "Отопление школы" not in body
    body = client.get(reverse("registry:maslikhat-detail", args=[m.pk])).content.decode()
    assert "Upcoming meetings with voters" in body and "Приём граждан депутатом" in body
    assert "1 of 2 mandates executed" in body
    detail = client.get(reverse("outreach:mandate-detail", args=[mandate.pk])).content.decode()
    assert "Executed" in detail and "Accepted for execution" in detail


def test_overdue_is_computed(client, make_mandate, staff):
    mandate = make_mandate(planned_completion=timezone.localdate() - datetime.timedelta(days=1))
    body = client.get(reverse("outreach:mandate-detail", args=[mandate.pk])).content.decode()
    assert "overdue" in body


def _add(make_meeting, make_mandate, deputies, n, offset):
    for i in range(n):
        meeting = make_meeting(starts_at=timezone.now() + datetime.timedelta(days=offset + i + 1))
        meeting.deputies.add(*deputies)
        make_mandate(meeting=meeting, source="meeting")


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_constant_queries(client, make_meeting, make_mandate, maslikhat, staff, secretariat):
    """Lists, detail pages and the API answer in the same number of queries for 2 or 22 records."""
    deputies = [deputy_of(maslikhat) for _ in range(3)]
    _add(make_meeting, make_mandate, deputies, 2, 0)
    held = make_meeting(held=True)
    held.deputies.add(*deputies)
    for i in range(2):
        services.question_add(meeting=held, actor=staff, data={"text": f"Q{i}"})
    public = [
        reverse("outreach:meeting-calendar"),
        reverse("outreach:meeting-calendar-ics"),
        reverse("outreach:meeting-detail", args=[held.pk]),
        reverse("outreach:maslikhat-mandates", args=[maslikhat.pk]),
        reverse("outreach:mandate-progress"),
        reverse("registry:maslikhat-detail", args=[maslikhat.pk]),
        "/api/v1/voter-meetings",
        f"/api/v1/voter-meetings/{held.pk}",
        "/api/v1/voter-mandates",
        "/api/v1/voter-mandates/stats",
    ]
    staff_urls = [reverse("outreach-staff:home"), reverse("outreach-staff:meeting", args=[held.pk])]
    client.force_login(secretariat)
    small = {url: _queries(client, url) for url in staff_urls}
    client.logout()
    small.update({url: _queries(client, url) for url in public})
    _add(make_meeting, make_mandate, deputies, 20, 10)
    for i in range(20):
        services.question_add(meeting=held, actor=staff, data={"text": f"More {i}"})
    from django.core.cache import cache

    cache.clear()
    client.force_login(secretariat)
    large = {url: _queries(client, url) for url in staff_urls}
    client.logout()
    large.update({url: _queries(client, url) for url in public})
    assert large == small
    assert min(small.values()) >= 1 and small[public[0]] >= 3  # rendered, not cached


def test_staff_meeting_flow_via_views(client, staff, deputy, maslikhat):
    client.force_login(staff)
    start = (timezone.localtime() - datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("outreach-staff:meeting-create"),
        {
            "kind": "reception_hours",
            "topic_0": "Азаматтарды қабылдау",
            "starts_at": start,
            "place_1": "Приёмная маслихата",
            "deputies": [deputy.pk],
        },
    )
    meeting = VoterMeeting.objects.get()
    assert response.status_code == 302 and meeting.maslikhat == maslikhat
    response = client.post(
        reverse("outreach-staff:meeting-hold", args=[meeting.pk]), {"held-attendees_count": "", "held-topics_1": "x"}
    )
    assert response.status_code == 400 and "This field is required" in response.content.decode()
    client.post(reverse("outreach-staff:meeting-hold", args=[meeting.pk]), {"held-attendees_count": "12"})
    meeting.refresh_from_db()
    assert meeting.status == "held" and meeting.attendees_count == 12
    client.post(
        reverse("outreach-staff:question-add", args=[meeting.pk]),
        {"question-text": "Когда запустят автобус №12?", "question-outcome": "noted"},
    )
    question = meeting.questions.get()
    response = client.post(
        reverse("outreach-staff:question-to-mandate", args=[question.pk]), {"title_1": "Автобусный маршрут №12"}
    )
    mandate = VoterMandate.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/mandates/{mandate.pk}/")
    page = client.get(reverse("outreach-staff:mandate", args=[mandate.pk])).content.decode()
    # The form offers only the allowed next steps.
    assert 'value="accepted_for_execution"' in page and 'value="rejected"' in page
    assert 'value="executed"' not in page
    response = client.post(reverse("outreach-staff:mandate-transition", args=[mandate.pk]), {"step-status": "executed"})
    assert response.status_code == 400
    mandate.refresh_from_db()
    assert mandate.status == "received"
    response = client.post(reverse("outreach-staff:mandate-transition", args=[mandate.pk]), {"step-status": "rejected"})
    assert "Give the reason" in response.content.decode()
    client.post(
        reverse("outreach-staff:mandate-transition", args=[mandate.pk]),
        {"step-status": "rejected", "step-reason_1": "Вне компетенции маслихата"},
    )
    mandate.refresh_from_db()
    assert mandate.status == "rejected"


def test_a_voter_mandate_is_an_amanat_in_kazakh_and_a_nakaz_in_russian(client, make_mandate, settings):
    """One word for one thing: a voter mandate is "аманат" (kk) and "наказ" (ru) everywhere; the
    deputy's own mandate (a seat) stays "мандат"."""
    settings.KENES_PUBLIC_CACHE = False
    mandate = make_mandate()
    kk = client.get(f"/kk/voters/mandates/maslikhat/{mandate.maslikhat_id}/").content.decode()
    ru = client.get(f"/ru/voters/mandates/maslikhat/{mandate.maslikhat_id}/").content.decode()
    assert "Аманат" in kk and "Мандат" not in kk
    assert "Наказ" in ru and "Мандат" not in ru
