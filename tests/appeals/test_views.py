"""Public pages (find the maslikhat, write, track, rate, complain) and the staff workspace."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kenes.appeals import services
from kenes.appeals.models import Appeal
from kenes.core.models import AuditEntry
from tests.appeals.conftest import MONDAY, TEXT, at, close_file, submit
from tests.factories import MaslikhatFactory, OrganizationFactory

ANSWER = "We have checked the street lights and the akimat will repair them by the end of the month."


def form_data(**overrides):
    data = {
        "kind": "statement",
        "topic": "Street lights",
        "text": TEXT,
        "language": "kk",
        "name": "Web Applicant",
        "email": "web@example.kz",
        "phone": "",
        "address": "",
        "iin": "",
        "idempotency_key": "web-key-1",
    }
    data.update(overrides)
    return data


def test_citizen_finds_the_maslikhat_and_its_deputies(client, masl, deputy):
    masl.region.refresh_from_db()
    start = client.get("/kk/appeals/")
    assert start.status_code == 200 and f"/kk/appeals/regions/{masl.region.kato}/" in start.content.decode()
    region = client.get(f"/kk/appeals/regions/{masl.region.kato}/")
    assert f"/kk/appeals/maslikhats/{masl.pk}/" in region.content.decode()
    page = client.get(f"/en/appeals/maslikhats/{masl.pk}/").content.decode()
    assert deputy.name["en"] in page and f"write/?deputy={deputy.pk}" in page


def test_submit_through_the_form_shows_the_tracking_code(client, masl, deputy, mailoutbox):
    form = client.get(f"/kk/appeals/maslikhats/{masl.pk}/write/?deputy={deputy.pk}")
    assert form.status_code == 200 and 'name="idempotency_key"' in form.content.decode()
    response = client.post(
        f"/kk/appeals/maslikhats/{masl.pk}/write/",
        {**form_data(), "deputy": deputy.pk, "attachments": SimpleUploadedFile("a.pdf", b"%PDF-1.4 test")},
    )
    assert response.status_code == 302 and response["Location"] == "/kk/appeals/sent/"
    appeal = Appeal.objects.get()
    assert appeal.deputy == deputy and appeal.language == "kk" and appeal.attachments.count() == 1
    sent = client.get("/kk/appeals/sent/").content.decode()
    assert appeal.display_code in sent and "Web Applicant" not in sent
    assert appeal.display_code in mailoutbox[0].body
    # A resubmitted form (same hidden key) makes no second appeal.
    again = client.post(
        f"/kk/appeals/maslikhats/{masl.pk}/write/",
        {**form_data(), "deputy": deputy.pk, "attachments": SimpleUploadedFile("a.pdf", b"%PDF-1.4 test")},
    )
    assert again.status_code == 302 and Appeal.objects.count() == 1


def test_anonymous_form_is_refused_with_an_explanation(client, masl):
    response = client.post(f"/en/appeals/maslikhats/{masl.pk}/write/", form_data(name="", email=""))
    assert response.status_code == 400
    assert "Anonymous appeals are not considered" in response.content.decode()
    assert Appeal.objects.count() == 0


def test_rate_limited_form_answers_429(client, masl, settings):
    settings.KENES_APPEAL_RATE_PER_IP = 1
    assert client.post(f"/en/appeals/maslikhats/{masl.pk}/write/", form_data(idempotency_key="a")).status_code == 302
    response = client.post(
        f"/en/appeals/maslikhats/{masl.pk}/write/", form_data(idempotency_key="b", text=TEXT + " More.")
    )
    assert response.status_code == 429 and "Too many appeals" in response.content.decode()


def test_tracking_page_rating_and_complaint(client, masl, make_user):
    staff = make_user("maslikhat_staff", maslikhat=masl)
    appeal = submit(masl)
    missing = client.get("/en/appeals/track/?code=AAAA-BBBB-CCCC")
    assert missing.status_code == 404 and "No appeal has this tracking code" in missing.content.decode()
    page = client.get(f"/en/appeals/track/?code={appeal.display_code.lower()}").content.decode()
    assert 'data-status="registered"' in page and "Rate the answer" not in page
    services.appeal_answer(appeal=appeal, actor=staff, text=ANSWER, outcome="satisfied")
    page = client.get(f"/en/appeals/track/?code={appeal.tracking_code}").content.decode()
    assert ANSWER in page and "Rate the answer" in page and 'data-outcome="satisfied"' in page
    response = client.post(
        f"/en/appeals/track/{appeal.tracking_code}/rate/", {"rate-substance": "yes", "rate-score": "4"}
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.rating_substance is True and appeal.rating_score == 4
    page = client.get(f"/en/appeals/track/?code={appeal.tracking_code}").content.decode()
    assert "Rate the answer" not in page and "4/5" in page
    client.post(f"/en/appeals/track/{appeal.tracking_code}/rate/", {"rate-substance": "no", "rate-score": "1"})
    appeal.refresh_from_db()
    assert appeal.rating_score == 4
    client.post(
        f"/en/appeals/track/{appeal.tracking_code}/complaint/", {"complaint-complaint_text": "Still dark outside."}
    )
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.REOPENED


# --- staff ------------------------------------------------------------------------------------


@pytest.fixture
def staff_client(client, make_user, masl):
    user = make_user("maslikhat_staff", maslikhat=masl)
    client.force_login(user)
    client.user = user
    return client


def test_queue_filters_and_isolation(staff_client, masl):
    mine = submit(masl)
    late = submit(masl, now=at(MONDAY), text="Another question about the water supply in the village.")
    other = submit(MaslikhatFactory(), text="A question for another maslikhat about the roads in town.")
    page = staff_client.get("/en/staff/appeals/").content.decode()
    assert mine.display_code in page and late.display_code in page and other.display_code not in page
    overdue = staff_client.get("/en/staff/appeals/?overdue=1").content.decode()
    assert late.display_code in overdue and mine.display_code not in overdue
    services.appeal_assign(appeal=mine, actor=staff_client.user, user=staff_client.user)
    me = staff_client.get("/en/staff/appeals/?assignee=me").content.decode()
    assert mine.display_code in me and late.display_code not in me
    status = staff_client.get("/en/staff/appeals/?status=in_progress").content.decode()
    assert mine.display_code in status and late.display_code not in status
    assert staff_client.get(f"/en/staff/appeals/{other.pk}/").status_code == 403


def test_viewing_the_applicant_is_audit_logged(staff_client, masl):
    appeal = submit(masl, name="Distinct Viewer Name")
    page = staff_client.get(f"/en/staff/appeals/{appeal.pk}/").content.decode()
    assert "Distinct Viewer Name" in page
    entry = AuditEntry.objects.get(action="appeals.applicant.viewed")
    assert entry.actor == staff_client.user and entry.object_id == str(appeal.pk)
    assert "Distinct" not in str(entry.after) and "Distinct" not in entry.object_repr


def test_staff_actions_through_the_page(staff_client, masl, make_user):
    appeal = submit(masl, now=at(MONDAY))
    url = f"/en/staff/appeals/{appeal.pk}/"
    r = staff_client.post(url + "assign/", {"assign-assignee_user": staff_client.user.pk})
    assert r.status_code == 302
    # Only the head extends.
    assert (
        staff_client.post(
            url + "extend/", {"extend-extended_until": "2025-03-10", "extend-extension_reason": "x"}
        ).status_code
        == 403
    )
    r = staff_client.post(url + "answer/", {"answer-outcome": "satisfied", "answer-answer_text": "short"})
    assert r.status_code == 400 and "Write the answer" in r.content.decode()
    r = staff_client.post(url + "answer/", {"answer-outcome": "satisfied", "answer-answer_text": ANSWER})
    assert r.status_code == 302
    r = staff_client.post(url + "forward/", {"forward-organization": OrganizationFactory().pk})
    assert r.status_code == 302
    assert "You cannot forward an appeal that is “Answered”" in staff_client.get(url).content.decode()
    assert staff_client.post(url + "close/").status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.CLOSED
    assert staff_client.post(url + "nonsense/").status_code == 404


def test_head_extends_and_forward_window_message(client, make_user, masl):
    head = make_user("maslikhat_head", maslikhat=masl)
    client.force_login(head)
    appeal = submit(masl, now=timezone.now() - datetime.timedelta(days=14))
    url = f"/en/staff/appeals/{appeal.pk}/"
    r = client.post(url + "forward/", {"forward-organization": OrganizationFactory().pk})
    assert r.status_code == 400 and "within 3 working days" in r.content.decode()
    r = client.post(url + "extend/", {"extend-extended_until": "2099-01-01", "extend-extension_reason": "Inspection"})
    assert r.status_code == 400 and "two months" in r.content.decode()
    limit = services.extension_limit(appeal)
    r = client.post(
        url + "extend/", {"extend-extended_until": limit.isoformat(), "extend-extension_reason": "Inspection"}
    )
    assert r.status_code == 302
    appeal.refresh_from_db()
    assert appeal.extended_until == limit


def test_review_queue_release(staff_client, masl):
    submit(masl, email="one@example.kz")
    held = submit(masl, email="two@example.kz")
    page = staff_client.get("/en/staff/appeals/review/").content.decode()
    assert held.display_code in page
    r = staff_client.post(f"/en/staff/appeals/{held.pk}/release/", {"next": "review"})
    assert r.status_code == 302 and r["Location"] == "/en/staff/appeals/review/"
    held.refresh_from_db()
    assert held.status == Appeal.Status.REGISTERED


def test_attachments_served_only_to_own_maslikhat_staff_and_logged(client, make_user, masl):
    data = services.AppealData(
        maslikhat=masl,
        kind="statement",
        topic="T",
        text=TEXT,
        language="en",
        applicant=services.ApplicantData(name="File Sender", email="f@example.kz"),
        attachments=[SimpleUploadedFile("scan.pdf", b"%PDF-1.4 secret scan")],
    )
    appeal, _ = services.appeal_submit(data=data)
    item = appeal.attachments.get()
    url = f"/en/staff/appeals/attachments/{item.pk}/"
    assert client.get(url).status_code == 302  # sign in first
    for role, expected in (("secretariat", 403), ("citizen", 403)):
        client.force_login(make_user(role))
        assert client.get(url).status_code == expected
    client.force_login(make_user("maslikhat_staff", maslikhat=MaslikhatFactory()))
    assert client.get(url).status_code == 403
    client.force_login(make_user("maslikhat_staff", maslikhat=masl))
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 secret scan"
    close_file(response)
    assert response["Cache-Control"] == "private, no-store"
    assert AuditEntry.objects.filter(action="appeals.applicant.viewed", after__seen=f"attachment:{item.pk}").exists()
    # Nothing under MEDIA_URL serves it.
    assert client.get(f"/media/{item.file.name}").status_code == 404


def test_queue_has_a_constant_number_of_queries(staff_client, masl, django_assert_max_num_queries):
    for n in range(3):
        submit(masl, text=f"{TEXT} number {n} with unique words alpha{n} beta{n} gamma{n} delta{n}")
    with django_assert_max_num_queries(12) as small:
        staff_client.get("/en/staff/appeals/")
    for n in range(3, 30):
        submit(masl, text=f"Question {n}: completely separate words omega{n} sigma{n} kappa{n} lambda{n} tau{n}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = staff_client.get("/en/staff/appeals/")
    assert response.content.decode().count('data-status="registered"') == 30
