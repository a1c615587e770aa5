"""Items: every valid and refused transition, the deadline in working days, attachments, links."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kenes.channel import selectors, services
from kenes.channel.models import ChannelEvent, ChannelItem
from kenes.core.calendar import working_days_between
from kenes.core.models import AuditEntry, CalendarDay
from kenes.councils import services as council_services
from tests.channel.conftest import aware
from tests.factories import CouncilFactory, UserFactory

pytestmark = pytest.mark.django_db

S = ChannelItem.Status


def _session(clerk, status="draft"):
    session = council_services.session_create(
        actor=clerk,
        council=CouncilFactory(),
        data={"title": {"en": "Next session"}, "starts_at": timezone.now() + datetime.timedelta(days=7)},
    )
    if status in ("announced", "held"):
        council_services.agenda_item_add(session=session, actor=clerk, data={"title": {"en": "Main"}, "is_main": True})
        session = council_services.session_announce(session=session, actor=clerk)
    if status == "held":
        session.starts_at = timezone.now() - datetime.timedelta(days=1)
        session.save()
        session = council_services.session_mark_held(session=session, actor=clerk)
    return session


# --- deadline arithmetic --------------------------------------------------------------------------


def test_due_date_is_15_working_days_skipping_weekends_holidays_and_counting_transfers(world, settings):
    # Sent on Friday 2026-03-13. Nauryz 21–23 March: 23 (Mon) is a holiday and 24 March a day off
    # moved from a weekend; Saturday 2026-03-28 is made a working day.
    CalendarDay.objects.create(date=datetime.date(2026, 3, 23), kind="holiday")
    CalendarDay.objects.create(date=datetime.date(2026, 3, 24), kind="day_off")
    CalendarDay.objects.create(date=datetime.date(2026, 3, 28), kind="working_day")
    item = world.item(sent_at=aware(datetime.date(2026, 3, 13)))
    # Working days after Fri 13: 16-20 (5), 25-27 (8), Sat 28 (9), 30 Mar-3 Apr (14), Mon 6 Apr (15).
    assert item.due_date == datetime.date(2026, 4, 6)
    settings.KENES_CHANNEL_RESPONSE_DAYS = 3
    item = world.item(sent_at=aware(datetime.date(2026, 3, 19)))
    # Fri 20, (21 Sat, 22 Sun, 23 holiday, 24 day off) Wed 25, Thu 26.
    assert item.due_date == datetime.date(2026, 3, 26)


def test_overdue_is_derived_not_stored(world):
    item = world.item(sent_at=timezone.now() - datetime.timedelta(days=60))
    assert item.status == S.SENT and item.is_overdue
    assert list(selectors.inbox(selectors.InboxFilters(overdue=True))) == [item]
    answered = services.item_answer(
        item=services.item_assign(item=item, actor=world.clerk, assignee=world.clerk),
        actor=world.clerk,
        answer={"en": "Late answer"},
    )
    assert not answered.is_overdue and answered.answered_on_time is False
    assert list(selectors.inbox(selectors.InboxFilters(overdue=True))) == []


# --- transitions --------------------------------------------------------------------------------


def test_happy_path_sent_assigned_answered_closed(world):
    item = world.item()
    assert item.status == S.SENT and item.maslikhat == world.own and item.sent_by == world.staff
    item = services.item_assign(item=item, actor=world.clerk, assignee=world.clerk2)
    assert item.status == S.ASSIGNED and item.assignee == world.clerk2
    item = services.item_assign(item=item, actor=world.clerk, assignee=world.clerk)  # reassign
    assert item.assignee == world.clerk
    item = services.item_answer(item=item, actor=world.clerk, answer={"ru": "Ответ"})
    assert item.status == S.ANSWERED and item.answered_by == world.clerk and item.answer["ru"] == "Ответ"
    assert item.responded_at == item.answered_at and item.response_working_days == 0
    item = services.item_close(item=item, actor=world.clerk)
    assert item.status == S.CLOSED
    actions = list(item.events.values_list("action", "status"))
    assert actions == [
        ("sent", "sent"),
        ("assigned", "assigned"),
        ("assigned", "assigned"),
        ("answered", "answered"),
        ("closed", "closed"),
    ]
    assert set(AuditEntry.objects.filter(object_id=str(item.pk)).values_list("action", flat=True)) >= {
        "channel.item.sent",
        "channel.item.assigned",
        "channel.item.answered",
        "channel.item.closed",
    }


@pytest.mark.parametrize("status", ["sent", "converted", "answered", "closed"])
def test_answer_refused_unless_assigned_or_converted(world, status):
    item = _in_state(world, status)
    if status == "converted":
        answered = services.item_answer(item=item, actor=world.clerk, answer={"en": "Also an answer"})
        assert answered.status == S.ANSWERED  # a converted item stays open for an answer
        return
    with pytest.raises(ValidationError, match="cannot be answered"):
        services.item_answer(item=item, actor=world.clerk, answer={"en": "x"})
    assert ChannelItem.objects.get(pk=item.pk).status == status


def _in_state(world, status):
    if status == "sent":
        return world.item()
    if status == "assigned":
        return world.assigned()
    if status == "answered":
        return world.answered()
    if status == "converted":
        session = _session(world.clerk)
        return services.item_convert_to_agenda_item(item=world.assigned(), actor=world.clerk, session=session)
    if status == "closed":
        return services.item_close(item=world.item(), actor=world.clerk, reason="Duplicate")
    raise AssertionError(status)


@pytest.mark.parametrize("status", ["converted", "answered", "closed"])
def test_assign_refused_after_response(world, status):
    item = _in_state(world, status)
    with pytest.raises(ValidationError, match="can be assigned"):
        services.item_assign(item=item, actor=world.clerk, assignee=world.clerk2)


@pytest.mark.parametrize("status", ["answered", "closed"])
def test_convert_refused_once_answered_or_closed(world, status):
    item = _in_state(world, status)
    session = _session(world.clerk)
    with pytest.raises(ValidationError, match="can no longer be taken up"):
        services.item_convert_to_agenda_item(item=item, actor=world.clerk, session=session)
    assert not session.agenda_items.exists()


def test_close_refused_when_closed_and_reason_required_unless_answered(world):
    item = world.assigned()
    with pytest.raises(ValidationError) as error:
        services.item_close(item=item, actor=world.clerk, reason="  ")
    assert "reason" in error.value.message_dict
    closed = services.item_close(item=item, actor=world.clerk, reason="Outside the council's remit")
    assert closed.status == S.CLOSED and closed.close_reason == "Outside the council's remit"
    assert closed.events.last().note["en"] == "Outside the council's remit"
    with pytest.raises(ValidationError, match="already closed"):
        services.item_close(item=closed, actor=world.clerk, reason="again")


@pytest.mark.parametrize("status", ["sent", "assigned", "converted"])
def test_close_with_reason_from_any_open_state(world, status):
    item = _in_state(world, status)
    assert services.item_close(item=item, actor=world.clerk, reason="Withdrawn").status == S.CLOSED


def test_assignee_must_be_secretariat(world):
    item = world.item()
    with pytest.raises(ValidationError) as error:
        services.item_assign(item=item, actor=world.clerk, assignee=world.staff)
    assert "assignee" in error.value.message_dict
    admin = UserFactory(is_superuser=True)
    assert services.item_assign(item=item, actor=world.clerk, assignee=admin).assignee == admin


def test_only_maslikhat_staff_can_send(world):
    for user in (world.clerk, UserFactory(role="citizen")):
        with pytest.raises(ValidationError, match="Only the staff of a maslikhat"):
            world.item(sender=user)
    assert world.item(sender=world.head).maslikhat == world.own


def test_empty_answer_refused(world):
    with pytest.raises(ValidationError) as error:
        services.item_answer(item=world.assigned(), actor=world.clerk, answer={"kk": "", "ru": ""})
    assert "answer" in error.value.message_dict


# --- conversion and links both ways -------------------------------------------------------------


def test_convert_to_agenda_item_links_both_ways(world):
    item = world.item(is_public=True)
    session = _session(world.clerk, "announced")
    item = services.item_convert_to_agenda_item(item=item, actor=world.clerk, session=session)
    assert item.status == S.CONVERTED and item.responded_at is not None and item.answered_at is None
    agenda_item = session.agenda_items.get(title=item.subject)
    assert agenda_item.description == item.text
    link = item.links.get()
    assert link.target == agenda_item
    assert list(selectors.links_to(agenda_item)) == [item]
    assert "Put on the agenda" in item.events.get(action="converted").note["en"]
    # Taken up again (another session): a second link, the first response time kept.
    first = item.responded_at
    other = _session(world.clerk)
    item = services.item_convert_to_agenda_item(item=item, actor=world.clerk, session=other)
    assert item.links.count() == 2 and item.responded_at == first
    assert list(selectors.links_to(other.agenda_items.get())) == [item]


def test_convert_refused_for_held_session_changes_nothing(world):
    item = world.assigned()
    session = _session(world.clerk, "held")
    before = session.agenda_items.count()
    with pytest.raises(ValidationError) as error:
        services.item_convert_to_agenda_item(item=item, actor=world.clerk, session=session)
    assert "session" in error.value.message_dict
    assert session.agenda_items.count() == before
    assert ChannelItem.objects.get(pk=item.pk).status == S.ASSIGNED and not item.links.exists()


# --- attachments and publication ----------------------------------------------------------------


def test_attachments_type_and_size_checked(world, settings):
    good = SimpleUploadedFile("proposal.pdf", b"%PDF-1.4 text")
    item = services.item_send(
        actor=world.staff,
        data={"kind": "legislative_proposal", "subject": {"en": "S"}, "text": {"en": "T"}},
        attachments=[good],
    )
    attachment = item.attachments.get()
    assert attachment.name == "proposal.pdf" and attachment.size == len(b"%PDF-1.4 text")
    assert not attachment.file.path.startswith(str(settings.MEDIA_ROOT) + "/")  # kept outside public media
    for bad, code in (
        (SimpleUploadedFile("virus.exe", b"MZ..."), "file_type"),
        (SimpleUploadedFile("fake.pdf", b"MZ not a pdf"), "file_content"),
        (SimpleUploadedFile("big.txt", b"a" * (services.ATTACHMENTS.max_bytes + 1)), "file_size"),
    ):
        count = ChannelItem.objects.count()
        with pytest.raises(ValidationError) as error:
            services.item_send(
                actor=world.staff,
                data={"kind": "question", "subject": {"en": "S"}, "text": {"en": "T"}},
                attachments=[bad],
            )
        assert error.value.error_list[0].code == code
        assert ChannelItem.objects.count() == count  # nothing half-sent


def test_publish_and_withdraw_only_by_own_maslikhat(world):
    item = world.item()
    with pytest.raises(ValidationError):
        services.item_set_public(item=item, actor=world.other_staff, is_public=True)
    item = services.item_set_public(item=item, actor=world.head, is_public=True)
    assert item.is_public and item.events.last().action == ChannelEvent.Action.PUBLISHED
    item = services.item_set_public(item=item, actor=world.staff, is_public=False)
    assert not item.is_public


def test_public_events_only_for_published_items(world):
    from kenes.publications.models import PublicEvent

    private = world.answered()
    assert not PublicEvent.objects.filter(object_id=str(private.pk), kind__startswith="channel.").exists()
    public = world.answered(is_public=True)
    kinds = list(
        PublicEvent.objects.filter(object_id=str(public.pk), kind__startswith="channel.")
        .order_by("id")
        .values_list("kind", flat=True)
    )
    assert kinds == ["channel.item.sent", "channel.item.assigned", "channel.item.answered"]


# --- figures --------------------------------------------------------------------------------------


def test_public_figures_median_and_on_time(world):
    CalendarDay.objects.create(date=datetime.date(2026, 3, 23), kind="holiday")
    a = world.item(sent_at=aware(datetime.date(2026, 3, 16)))  # due 2026-04-07
    b = world.item(sent_at=aware(datetime.date(2026, 3, 16)))
    c = world.item(sent_at=aware(datetime.date(2026, 3, 16)))
    world.item(sent_at=timezone.now())  # not yet due: not counted as due
    for item, answered_on in (
        (a, datetime.date(2026, 3, 20)),
        (b, datetime.date(2026, 3, 27)),
        (c, datetime.date(2026, 4, 20)),
    ):
        item = services.item_assign(item=item, actor=world.clerk, assignee=world.clerk)
        services.item_answer(item=item, actor=world.clerk, answer={"en": "A"})
        ChannelItem.objects.filter(pk=item.pk).update(responded_at=aware(answered_on))
        ChannelItem.objects.filter(pk=item.pk).update(
            response_working_days=working_days_between(datetime.date(2026, 3, 16), answered_on)
        )
    figures = selectors.public_figures()
    assert figures.total == 4 and figures.responded == 3 and figures.on_time == 2 and figures.due == 3
    # 4 (17–20 Mar), 8 (23 Mar a holiday), 24 working days: the median is 8.
    assert figures.median_days == 8 and figures.on_time_share == 67
