"""The rules of appeals: registration, statutory terms across holidays, forwarding window,
extension limit, answers and outcomes, rating once, complaints reopening, refusals."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kenes.appeals import services
from kenes.appeals.models import Appeal, AppealApplicant, AppealEvent
from kenes.core.calendar import add_working_days
from kenes.core.models import AuditEntry, CalendarDay
from kenes.notifications.models import Notification
from tests.appeals.conftest import MONDAY, TEXT, applicant, at, submit
from tests.factories import MaslikhatFactory, OrganizationFactory, PersonFactory

S = Appeal.Status
ANSWER_EN = "We have checked the street lights and the akimat will repair them by the end of the month."


@pytest.fixture
def staff(make_user, masl):
    return make_user("maslikhat_staff", maslikhat=masl)


@pytest.fixture
def head(make_user, masl):
    return make_user("maslikhat_head", maslikhat=masl)


# --- intake ---------------------------------------------------------------------------------


def test_submission_is_registered_with_a_15_working_day_term(masl, mailoutbox):
    appeal = submit(masl, now=at(MONDAY))
    assert appeal.status == S.REGISTERED
    assert appeal.registered_on == MONDAY
    # Three weeks of five working days: Monday + 15 working days = Monday three weeks later.
    assert appeal.due_date == MONDAY + datetime.timedelta(days=21)
    assert len(appeal.tracking_code) == 12
    assert [e.status for e in appeal.events.all()] == ["submitted", "registered"]
    assert mailoutbox[0].to == ["applicant@example.kz"]
    assert appeal.display_code in mailoutbox[0].body


def test_term_skips_holidays_from_the_calendar(masl, holidays):
    # The whole second week is off (holidays), and the Saturday after it is a working day.
    holidays(*[MONDAY + datetime.timedelta(days=7 + i) for i in range(5)])
    holidays(MONDAY + datetime.timedelta(days=12), kind=CalendarDay.Kind.WORKING_DAY)
    appeal = submit(masl, now=at(MONDAY))
    # Week 1: Tue–Fri = 4; week 2: only Saturday = 1; week 3: 5; week 4: 5 → 15 on Friday of week 4.
    assert appeal.due_date == MONDAY + datetime.timedelta(days=25)
    assert appeal.due_date == add_working_days(MONDAY, 15)


def test_submitted_on_a_day_off_is_registered_the_next_working_day(masl, holidays):
    saturday = MONDAY + datetime.timedelta(days=5)
    holidays(saturday + datetime.timedelta(days=2))  # the Monday after is a holiday too
    appeal = submit(masl, now=at(saturday))
    assert appeal.registered_on == saturday + datetime.timedelta(days=3)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": "", "email": "a@example.kz"}, "name"),
        ({"name": "  ", "email": ""}, "name"),
        ({"name": "Aigerim Test", "email": ""}, "email"),
        ({"name": "Aigerim Test", "email": "not-an-email"}, "email"),
        ({"name": "Aigerim Test", "phone": "12345"}, "phone"),
        ({"name": "Aigerim Test", "email": "a@example.kz", "iin": "12345"}, "iin"),
    ],
)
def test_anonymous_or_unreachable_appeals_are_refused_with_an_explanation(masl, overrides, field):
    data = services.AppealData(
        maslikhat=masl,
        kind="statement",
        topic="T",
        text=TEXT,
        language="en",
        applicant=services.ApplicantData(**{"email": "", **overrides}),
    )
    with pytest.raises(ValidationError) as info:
        services.appeal_submit(data=data)
    assert field in info.value.message_dict
    assert Appeal.objects.count() == 0
    if field == "name":
        assert "Anonymous appeals are not considered" in info.value.message_dict["name"][0]


def test_a_phone_or_an_address_is_enough_as_contact(masl):
    assert submit(masl, email="", phone="8 (701) 123-45-67").applicant.phone == "+77011234567"
    assert submit(masl, email="", address="Abay street 1", text=TEXT + " Other.").applicant.address


def test_appeal_without_substance_is_refused(masl):
    with pytest.raises(ValidationError) as info:
        submit(masl, text="help")
    assert "text" in info.value.message_dict


def test_deputy_must_belong_to_the_maslikhat(masl, deputy):
    other = PersonFactory()
    for person, ok in ((deputy, True), (other, False)):
        data = services.AppealData(
            maslikhat=masl, deputy=person, kind="request", topic="T", text=TEXT, language="ru", applicant=applicant()
        )
        if ok:
            appeal, _ = services.appeal_submit(data=data)
            assert appeal.deputy == deputy
        else:
            with pytest.raises(ValidationError):
                services.appeal_submit(data=data)


def test_attachments_are_checked_for_type_and_size(masl, settings):
    settings.KENES_APPEAL_MAX_ATTACHMENT_BYTES = 1000

    def make(files):
        data = services.AppealData(
            maslikhat=masl,
            kind="statement",
            topic="T",
            text=TEXT,
            language="en",
            applicant=applicant(),
            attachments=files,
        )
        return services.appeal_submit(data=data)[0]

    with pytest.raises(ValidationError, match="accepted file types are"):
        make([SimpleUploadedFile("x.exe", b"MZ\x90\x00")])
    with pytest.raises(ValidationError, match="not really a PDF"):
        make([SimpleUploadedFile("x.pdf", b"<html>not a pdf</html>")])
    with pytest.raises(ValidationError, match="larger than"):
        make([SimpleUploadedFile("x.pdf", b"%PDF" + b"0" * 2000)])
    appeal = make([SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100)])
    stored = appeal.attachments.get()
    assert stored.original_name == "photo.png" and stored.content_type == "image/png"
    # Stored in the private folder, not under MEDIA_ROOT.
    assert str(settings.KENES_APPEAL_FILES_ROOT) in stored.file.path
    assert str(settings.MEDIA_ROOT) not in stored.file.path


def test_staff_are_notified_of_a_new_appeal(masl, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        appeal = submit(masl)
    note = Notification.objects.get(recipient=staff)
    assert note.kind == "appeals.received" and note.key == f"appeals.received:{appeal.pk}"
    assert "Test Applicant" not in str(note.params)


# --- idempotency ------------------------------------------------------------------------------


def test_same_idempotency_key_returns_the_same_appeal(masl, mailoutbox):
    first = submit(masl, key="k-1")
    again = submit(masl, key="k-1")
    assert again.pk == first.pk and Appeal.objects.count() == 1
    assert len(mailoutbox) == 1


def test_same_key_with_a_different_body_is_refused(masl):
    submit(masl, key="k-2")
    with pytest.raises(services.IdempotencyConflict):
        submit(masl, key="k-2", text=TEXT + " And the pavement too.")
    assert Appeal.objects.count() == 1


# --- anti-abuse -----------------------------------------------------------------------------


def test_near_duplicate_from_another_sender_is_held_not_dropped(masl, staff, django_capture_on_commit_callbacks):
    first = submit(masl, email="one@example.kz")
    with django_capture_on_commit_callbacks(execute=True):
        copy = submit(masl, email="two@example.kz", text=TEXT.replace("soon", "quickly"))
    assert copy.status == S.HELD and copy.duplicate_of == first
    assert copy.registered_on is None and copy.due_date is None
    assert Notification.objects.filter(recipient=staff, kind="appeals.held").exists()
    # A different text, or the same sender, is not held.
    assert (
        submit(
            masl, email="three@example.kz", text="Please build a playground near school number 5 in our district."
        ).status
        == S.REGISTERED
    )
    # Another maslikhat is not compared; the same sender writing again is not held.
    other = MaslikhatFactory()
    assert submit(other, email="four@example.kz").status == S.REGISTERED
    assert submit(other, email="four@example.kz", text=TEXT + " Again.").status == S.REGISTERED


def test_held_appeal_is_released_or_rejected(masl, staff):
    submit(masl, email="one@example.kz")
    held = submit(masl, email="two@example.kz")
    other = submit(masl, email="three@example.kz")
    assert held.status == other.status == S.HELD
    with time_machine.travel(at(MONDAY), tick=False):
        services.appeal_release(appeal=held, actor=staff)
    assert held.status == S.REGISTERED and held.registered_on == MONDAY
    assert held.due_date == add_working_days(MONDAY, 15)
    with pytest.raises(ValidationError):
        services.appeal_reject(appeal=other, actor=staff, reason="")
    services.appeal_reject(appeal=other, actor=staff, reason="Mass copy")
    assert other.status == S.REJECTED
    for action in (services.appeal_release,):
        with pytest.raises(ValidationError, match="cannot register"):
            action(appeal=other, actor=staff)


def test_rate_limit_per_ip_and_per_account(masl, settings):
    settings.KENES_APPEAL_RATE_PER_IP = 2
    settings.KENES_APPEAL_RATE_PER_ACCOUNT = 1
    submit(masl, ip="10.0.0.1", text=TEXT + " 1")
    submit(masl, ip="10.0.0.1", text=TEXT + " 2")
    with pytest.raises(services.RateLimited):
        submit(masl, ip="10.0.0.1", text=TEXT + " 3")
    submit(masl, ip="10.0.0.2", text=TEXT + " 4")

    def by_account(n):
        data = services.AppealData(
            maslikhat=masl, kind="statement", topic="T", text=f"{TEXT} {n}", language="en", applicant=applicant()
        )
        return services.appeal_submit(data=data, account_id=77)

    by_account(5)
    with pytest.raises(services.RateLimited):
        by_account(6)
    settings.KENES_APPEAL_RATE_LIMITS = False
    submit(masl, ip="10.0.0.1", text=TEXT + " 7")
    assert Appeal.objects.count() == 5


def test_banned_senders_are_refused(masl):
    from kenes.appeals.models import BanEntry
    from kenes.appeals.services._common import secret_hash

    BanEntry.objects.create(kind="email", value="spam@example.kz")
    BanEntry.objects.create(kind="phone", value="+77000000000")
    BanEntry.objects.create(kind="ip", value=secret_hash("10.9.9.9"))
    with pytest.raises(services.Banned):
        submit(masl, email="spam@example.kz")
    with pytest.raises(services.Banned):
        submit(masl, email="", phone="8 700 000 00 00")
    with pytest.raises(services.Banned):
        submit(masl, ip="10.9.9.9")
    assert submit(masl, ip="10.9.9.8").status == S.REGISTERED


# --- processing -----------------------------------------------------------------------------


def test_assign_to_staff_or_deputy_of_the_same_maslikhat(masl, staff, deputy, make_user):
    appeal = submit(masl)
    services.appeal_assign(appeal=appeal, actor=staff, user=staff, person=deputy)
    assert appeal.status == S.IN_PROGRESS and appeal.assignee_person == deputy
    assert Notification.objects.filter(recipient=staff, kind="appeals.assigned").exists()
    stranger = make_user("maslikhat_staff")
    with pytest.raises(ValidationError):
        services.appeal_assign(appeal=appeal, actor=staff, user=stranger)
    with pytest.raises(ValidationError):
        services.appeal_assign(appeal=appeal, actor=staff, person=PersonFactory())
    entry = AuditEntry.objects.filter(action="appeals.appeal.assigned").get()
    assert entry.after["status"] == S.IN_PROGRESS and "text" not in entry.after


def test_forwarding_only_within_3_working_days(masl, staff, holidays, mailoutbox):
    organization = OrganizationFactory()
    appeal = submit(masl, now=at(MONDAY))
    with pytest.raises(ValidationError, match="within 3 working days"):
        services.appeal_forward(
            appeal=appeal, actor=staff, organization=organization, on=MONDAY + datetime.timedelta(days=4)
        )
    # A holiday on Wednesday moves the window's last day to Friday.
    holidays(MONDAY + datetime.timedelta(days=2))
    mailoutbox.clear()
    services.appeal_forward(
        appeal=appeal, actor=staff, organization=organization, on=MONDAY + datetime.timedelta(days=4)
    )
    assert appeal.status == S.FORWARDED and appeal.forwarded_to == organization
    assert len(mailoutbox) == 1 and "forwarded" in mailoutbox[0].subject


def test_forwarding_to_another_maslikhat_makes_a_new_appeal_there(masl, staff, mailoutbox):
    other = MaslikhatFactory()
    appeal = submit(masl, now=at(MONDAY))
    mailoutbox.clear()
    services.appeal_forward(appeal=appeal, actor=staff, maslikhat=other, on=MONDAY)
    copy = appeal.forwarded_as
    assert copy.maslikhat == other and copy.status == S.REGISTERED
    assert copy.applicant.email == appeal.applicant.email
    assert copy.tracking_code != appeal.tracking_code
    assert copy.display_code in mailoutbox[0].body
    with pytest.raises(ValidationError):
        services.appeal_forward(appeal=appeal, actor=staff, maslikhat=other, on=MONDAY)


def test_extension_up_to_two_months_from_registration(masl, head, mailoutbox):
    appeal = submit(masl, now=at(MONDAY))
    limit = datetime.date(2025, 4, 3)
    assert services.extension_limit(appeal) == limit
    with pytest.raises(ValidationError, match="two months"):
        services.appeal_extend(
            appeal=appeal, actor=head, until=limit + datetime.timedelta(days=1), reason="More checks", on=MONDAY
        )
    with pytest.raises(ValidationError, match="reason"):
        services.appeal_extend(appeal=appeal, actor=head, until=limit, reason=" ", on=MONDAY)
    with pytest.raises(ValidationError, match="after the current deadline"):
        services.appeal_extend(appeal=appeal, actor=head, until=appeal.due_date, reason="x", on=MONDAY)
    mailoutbox.clear()
    services.appeal_extend(appeal=appeal, actor=head, until=limit, reason="An inspection is needed", on=MONDAY)
    appeal.refresh_from_db()
    assert appeal.deadline == limit
    # The applicant is told by e-mail, and the notice is recorded.
    assert len(mailoutbox) == 1 and "extended" in mailoutbox[0].subject
    assert appeal.extension_notice_on is not None
    assert AppealEvent.objects.filter(appeal=appeal, status="extension_notice").exists()


def test_extension_notice_recorded_by_staff_when_there_is_no_email(masl, head):
    appeal = submit(masl, email="", phone="+7 701 000 11 22", now=at(MONDAY))
    services.appeal_extend(appeal=appeal, actor=head, until=datetime.date(2025, 3, 14), reason="Inspection", on=MONDAY)
    appeal.refresh_from_db()
    assert appeal.extension_notice_on is None
    assert services.extension_notice_due(appeal) is not None
    services.extension_notice_record(appeal=appeal, actor=head)
    assert appeal.extension_notice_on is not None


def test_month_arithmetic():
    assert services.add_months(datetime.date(2025, 12, 31), 2) == datetime.date(2026, 2, 28)
    assert services.add_months(datetime.date(2024, 12, 31), 2) == datetime.date(2025, 2, 28)
    assert services.add_months(datetime.date(2023, 12, 31), 2) == datetime.date(2024, 2, 29)


@pytest.mark.parametrize("outcome", ["satisfied", "partially_satisfied", "refused", "explained"])
def test_answer_with_each_outcome_on_time(masl, staff, outcome, mailoutbox):
    appeal = submit(masl, now=at(MONDAY))
    mailoutbox.clear()
    services.appeal_answer(appeal=appeal, actor=staff, text=ANSWER_EN, outcome=outcome, on=appeal.due_date)
    assert appeal.status == S.ANSWERED and appeal.outcome == outcome and appeal.answered_on_time is True
    assert mailoutbox[0].to == ["applicant@example.kz"] and ANSWER_EN in mailoutbox[0].body


def test_late_answer_is_recorded_as_late_and_overdue_is_derived(masl, staff):
    appeal = submit(masl, now=at(MONDAY))
    late = appeal.due_date + datetime.timedelta(days=1)
    assert appeal.is_overdue(late) and not appeal.is_overdue(appeal.due_date)
    services.appeal_answer(appeal=appeal, actor=staff, text=ANSWER_EN, outcome="satisfied", on=late)
    assert appeal.answered_on_time is False and not appeal.is_overdue(late)


def test_answer_must_be_in_the_language_of_the_appeal_or_kazakh(masl, staff):
    appeal = submit(masl, language="ru")
    with pytest.raises(ValidationError, match="language of the appeal"):
        services.appeal_answer(appeal=appeal, actor=staff, text=ANSWER_EN, outcome="satisfied")
    with pytest.raises(ValidationError, match="outcome"):
        services.appeal_answer(
            appeal=appeal, actor=staff, text="Ответ по существу обращения: фонари починят.", outcome="maybe"
        )
    services.appeal_answer(
        appeal=appeal,
        actor=staff,
        text="Көше шамдары ай соңына дейін жөнделеді, әкімдік хабардар.",
        outcome="satisfied",
    )
    assert appeal.answer_language == "kk"


def test_answer_document_is_checked_and_mailed(masl, staff, mailoutbox):
    appeal = submit(masl)
    with pytest.raises(ValidationError):
        services.appeal_answer(
            appeal=appeal, actor=staff, text=ANSWER_EN, outcome="satisfied", file=SimpleUploadedFile("a.exe", b"MZ")
        )
    mailoutbox.clear()
    services.appeal_answer(
        appeal=appeal, actor=staff, text=ANSWER_EN, outcome="satisfied", file=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")
    )
    assert appeal.answer_file and mailoutbox[0].attachments


def test_rating_once(masl, staff):
    appeal = submit(masl)
    with pytest.raises(ValidationError):
        services.appeal_rate(appeal=appeal, substance=True, score=5)
    services.appeal_answer(appeal=appeal, actor=staff, text=ANSWER_EN, outcome="satisfied")
    with pytest.raises(ValidationError):
        services.appeal_rate(appeal=appeal, substance=True, score=6)
    rated = services.appeal_rate(appeal=appeal, substance=False, score=2)
    assert rated.rating_substance is False and rated.rating_score == 2 and rated.rated_at
    with pytest.raises(ValidationError, match="already been rated"):
        services.appeal_rate(appeal=appeal, substance=True, score=5)


def test_complaint_within_three_months_reopens_with_a_new_term(masl, staff, holidays):
    appeal = submit(masl, now=at(MONDAY))
    services.appeal_answer(
        appeal=appeal, actor=staff, text=ANSWER_EN, outcome="refused", on=MONDAY + datetime.timedelta(days=7)
    )
    complaint_day = MONDAY + datetime.timedelta(days=14)
    holidays(complaint_day + datetime.timedelta(days=1))
    reopened = services.appeal_complain(appeal=appeal, text="The lights still do not work at all.", on=complaint_day)
    assert reopened.status == S.REOPENED and reopened.outcome is None
    assert reopened.due_date == add_working_days(complaint_day, 15)
    assert Notification.objects.filter(recipient=staff, kind="appeals.reopened").exists()
    with pytest.raises(ValidationError):
        services.appeal_complain(appeal=reopened, text="Second complaint text", on=complaint_day)
    services.appeal_answer(appeal=reopened, actor=staff, text=ANSWER_EN, outcome="satisfied", on=complaint_day)
    with pytest.raises(ValidationError, match="already filed"):
        services.appeal_complain(appeal=reopened, text="Third complaint text", on=complaint_day)


def test_complaint_after_three_months_is_refused(masl, staff):
    appeal = submit(masl, now=at(MONDAY))
    services.appeal_answer(appeal=appeal, actor=staff, text=ANSWER_EN, outcome="refused", on=MONDAY)
    with pytest.raises(ValidationError, match="three months"):
        services.appeal_complain(appeal=appeal, text="Too late a complaint", on=datetime.date(2025, 5, 4))
    services.appeal_complain(appeal=appeal, text="Just in time complaint", on=datetime.date(2025, 5, 3))


def test_transitions_allowed_and_refused(masl, staff, head):
    appeal = submit(masl, now=at(MONDAY))
    org = OrganizationFactory()
    with pytest.raises(ValidationError, match="cannot close"):
        services.appeal_close(appeal=appeal, actor=staff)
    with pytest.raises(ValidationError, match="cannot register"):
        services.appeal_release(appeal=appeal, actor=staff)
    services.appeal_answer(appeal=appeal, actor=staff, text=ANSWER_EN, outcome="explained", on=MONDAY)
    for call in (
        lambda: services.appeal_answer(appeal=appeal, actor=staff, text=ANSWER_EN, outcome="explained"),
        lambda: services.appeal_assign(appeal=appeal, actor=staff, user=staff),
        lambda: services.appeal_forward(appeal=appeal, actor=staff, organization=org, on=MONDAY),
        lambda: services.appeal_extend(
            appeal=appeal, actor=head, until=datetime.date(2025, 3, 3), reason="x", on=MONDAY
        ),
    ):
        with pytest.raises(ValidationError, match="You cannot"):
            call()
    services.appeal_close(appeal=appeal, actor=staff)
    assert appeal.status == S.CLOSED
    with pytest.raises(ValidationError, match="cannot close"):
        services.appeal_close(appeal=appeal, actor=staff)


# --- reminders and retention ----------------------------------------------------------------------


def test_deadline_reminders_once_per_deadline(masl, staff):
    from kenes.appeals.services.notices import deadline_reminders_send as remind

    soon = submit(masl, now=at(MONDAY), text=TEXT + " soon")
    late = submit(
        masl,
        now=at(MONDAY - datetime.timedelta(days=35)),
        text="A completely different matter about water supply in the village.",
    )
    today = soon.due_date - datetime.timedelta(days=1)
    assert remind(today) == 2
    assert remind(today) == 2  # a re-run notifies nobody twice
    kinds = set(Notification.objects.filter(recipient=staff).values_list("kind", "key"))
    assert ("appeals.deadline_soon", f"appeals.deadline_soon:{soon.pk}:{soon.due_date}") in kinds
    assert ("appeals.overdue", f"appeals.overdue:{late.pk}:{late.due_date}") in kinds
    assert (
        Notification.objects.filter(recipient=staff, kind__in=["appeals.deadline_soon", "appeals.overdue"]).count() == 2
    )


def test_retention_erases_applicant_data_of_old_closed_appeals(masl, staff, settings):
    settings.KENES_APPEAL_RETENTION_DAYS = 30
    old = submit(masl, now=at(MONDAY), text=TEXT + " Call me at +7 701 555 44 33.", name="Erasable Person")
    services.appeal_answer(appeal=old, actor=staff, text=ANSWER_EN, outcome="satisfied", on=MONDAY)
    recent = submit(masl, text="Another question about the bus schedule on route number 12.")
    services.appeal_answer(appeal=recent, actor=staff, text=ANSWER_EN, outcome="satisfied")
    still_open = submit(masl, now=at(MONDAY), text="A third question about snow removal in the yard of the house.")
    assert services.applicants_erase_expired(today=MONDAY + datetime.timedelta(days=31)) == 1
    row = AppealApplicant.objects.get(appeal=old)
    assert row.erased_at and row.name == row.email == row.phone == row.iin == row.address == ""
    old.refresh_from_db()
    assert "+7 701" not in old.text and old.status == S.ANSWERED
    assert AppealApplicant.objects.get(appeal=recent).name == "Test Applicant"
    assert AppealApplicant.objects.get(appeal=still_open).erased_at is None
    assert services.applicants_erase_expired(today=MONDAY + datetime.timedelta(days=31)) == 0


def test_demo_loads_once_in_every_state(reference, mailoutbox):
    from kenes.appeals.demo import load_demo

    assert load_demo() == 30
    assert load_demo() == 0
    demo = Appeal.objects.filter(is_demo=True)
    assert demo.count() == 30 and set(demo.values_list("language", flat=True)) == {"kk", "ru"}
    statuses = set(demo.values_list("status", flat=True))
    assert {S.ANSWERED, S.CLOSED, S.FORWARDED, S.REOPENED, S.REGISTERED, S.HELD} <= statuses
    assert demo.filter(answered_on_time=False).exists() and demo.filter(answered_on_time=True).exists()
    assert demo.filter(extended_until__isnull=False).exists() and demo.filter(rated_at__isnull=False).exists()
    assert all(a.applicant.email.endswith("@example.invalid") for a in demo.select_related("applicant"))
    assert all(a.answered_on is None or a.answered_on <= datetime.date.today() for a in demo)
    assert mailoutbox == []
