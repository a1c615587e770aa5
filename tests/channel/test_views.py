"""Pages: the permission matrix (rule and real answer), staff pages, public pages, constant queries."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from kenes.channel import services
from kenes.channel.models import ChannelItem, CouncilRequest, RequestResponse
from kenes.councils import services as council_services
from tests.conftest import ROLES
from tests.factories import CouncilFactory, MaslikhatFactory, UserFactory

pytestmark = pytest.mark.django_db


def u(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def _user(world, role):
    if role == "anonymous":
        return None
    if role in ("maslikhat_staff", "maslikhat_head"):
        return UserFactory(role=role, maslikhat=world.own)
    if role == "admin":
        return UserFactory(is_superuser=True, is_staff=True)
    return UserFactory(role=role)


def _client(client, user):
    if user is not None:
        client.force_login(user)
    return client


# --- the permission matrix ----------------------------------------------------------------------

COUNCIL = {"secretariat", "admin"}
MASLIKHAT = {"maslikhat_staff", "maslikhat_head"}

# action → (roles allowed on the own maslikhat's item / a request to it)
MATRIX = {
    "send": MASLIKHAT,
    "view_own_item": COUNCIL | MASLIKHAT,
    "view_other_item": COUNCIL,
    "inbox": COUNCIL,
    "assign": COUNCIL,
    "answer": COUNCIL,
    "close": COUNCIL,
    "publish": MASLIKHAT,
    "attachment": COUNCIL | MASLIKHAT,
    "add_request": COUNCIL,
    "respond": MASLIKHAT,
    "responses_matrix": COUNCIL,
}
# Django gives a superuser every permission; where the act belongs to a maslikhat, the service
# still refuses an admin (no maslikhat) with a clear message and changes nothing.
ADMIN_REFUSED_BY_SERVICE = {"send", "publish", "respond"}


def _case(world, action):
    """(perm, obj, method, url, data, state reader) for one action; builds only what it needs."""

    def item_case(perm, name, data=None, state="status", item=None, method="post"):
        item = item or world.item()
        readers = {
            "status": lambda: ChannelItem.objects.get(pk=item.pk).status,
            "public": lambda: ChannelItem.objects.get(pk=item.pk).is_public,
            None: None,
        }
        return perm, item, method, u(name, item.pk), data, readers[state]

    def request_case(perm, name, data=None, state=None, method="post"):
        request = services.request_create(
            actor=world.clerk,
            data={
                "title": {"en": "R"},
                "text": {"en": "x"},
                "due_date": timezone.localdate() + datetime.timedelta(days=9),
            },
            targets=[world.own],
        )
        return perm, request, method, u(name, request.pk), data, state

    def attachment_case():
        item = services.item_send(
            actor=world.staff,
            data={"kind": "question", "subject": {"en": "With file"}, "text": {"en": "T"}},
            attachments=[SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")],
        )
        attachment = item.attachments.get()
        return "channel.view_attachment", attachment, "get", u("channel-staff:attachment", attachment.pk), None, None

    tr = lambda name, text: {f"{name}_0": text, f"{name}_1": "", f"{name}_2": ""}  # noqa: E731
    cases = {
        "send": lambda: (
            "channel.send_item",
            None,
            "post",
            u("channel-staff:item-new"),
            {"kind": "question", **tr("subject", "Сұрақ"), **tr("text", "Мәтін")},
            lambda: ChannelItem.objects.count(),
        ),
        "view_own_item": lambda: item_case("channel.view_item", "channel-staff:item-detail", state=None, method="get"),
        "view_other_item": lambda: item_case(
            "channel.view_item",
            "channel-staff:item-detail",
            state=None,
            method="get",
            item=world.item(sender=world.other_staff),
        ),
        "inbox": lambda: ("channel.view_inbox", None, "get", u("channel-staff:inbox"), None, None),
        "assign": lambda: item_case("channel.manage_item", "channel-staff:item-assign", {"assignee": world.clerk.pk}),
        "answer": lambda: item_case(
            "channel.manage_item", "channel-staff:item-answer", tr("answer", "Жауап"), item=world.assigned()
        ),
        "close": lambda: item_case("channel.manage_item", "channel-staff:item-close", {"reason": "No"}),
        "publish": lambda: item_case(
            "channel.publish_item", "channel-staff:item-publish", {"is_public": "1"}, state="public"
        ),
        "attachment": attachment_case,
        "add_request": lambda: (
            "channel.add_request",
            None,
            "post",
            u("channel-staff:request-new"),
            {
                **tr("title", "Сұрау"),
                **tr("text", "Мәтін"),
                "due_date": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
                "targets": [world.own.pk],
            },
            lambda: CouncilRequest.objects.count(),
        ),
        "respond": lambda: request_case(
            "channel.respond_request",
            "channel-staff:request-respond",
            tr("text", "Жауап"),
            state=lambda: RequestResponse.objects.count(),
        ),
        "responses_matrix": lambda: request_case(
            "channel.view_request_responses", "channel-staff:request-detail", method="get"
        ),
    }
    return cases[action]()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(MATRIX))
def test_permission_matrix(client, world, role, action):
    perm, obj, method, url, data, state = _case(world, action)
    user = _user(world, role)
    allowed = role in MATRIX[action]
    if user is not None:
        assert user.has_perm(perm, obj) is (allowed or role == "admin"), (role, action)
    before = state() if state else None
    client = _client(client, user)
    response = client.post(url, data) if method == "post" else client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)  # read to the end: the client then closes the file
    if role == "admin" and action in ADMIN_REFUSED_BY_SERVICE:
        assert response.status_code in (200, 302, 400) and state() == before
    elif allowed:
        assert response.status_code in (200, 302), (role, action, response.status_code)
        if action == "responses_matrix" and role in COUNCIL:
            assert "Who answered" in response.content.decode()
        if state:
            assert state() != before, (role, action)
    else:
        if user is None:
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            if action == "responses_matrix" and role in MASLIKHAT:
                # The targeted maslikhat sees the request and its own answer, never the others'.
                assert response.status_code == 200 and "Who answered" not in response.content.decode()
            else:
                assert response.status_code in (403, 404), (role, action, response.status_code)
        if state:
            assert state() == before, (role, action)


# --- staff pages ---------------------------------------------------------------------------------


def test_send_item_with_attachment_and_see_timeline(client, world):
    client.force_login(world.staff)
    response = client.post(
        u("channel-staff:item-new"),
        {
            "kind": "problem_report",
            "subject_0": "Бейнебайланыс",
            "subject_1": "",
            "subject_2": "Video link",
            "text_0": "Дыбыс кешікті",
            "text_1": "",
            "text_2": "",
            "is_public": "on",
            "attachments": [SimpleUploadedFile("notes.txt", b"the sound lagged")],
        },
    )
    item = ChannelItem.objects.get()
    assert response.status_code == 302 and response["Location"] == u("channel-staff:item-detail", item.pk)
    assert item.is_public and item.attachments.get().name == "notes.txt"
    page = client.get(u("channel-staff:item-detail", item.pk)).content.decode()
    assert "Video link" in page and "notes.txt" in page and 'data-action="sent"' in page
    download = client.get(u("channel-staff:attachment", item.attachments.get().pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"the sound lagged"
    assert "private" in download["Cache-Control"]
    # The list of own items shows it; another maslikhat's staff sees neither list entry nor page.
    assert "Video link" in client.get(u("channel-staff:mine")).content.decode()
    client.force_login(world.other_staff)
    assert "Video link" not in client.get(u("channel-staff:mine")).content.decode()
    assert client.get(u("channel-staff:item-detail", item.pk)).status_code == 403
    assert client.get(u("channel-staff:attachment", item.attachments.get().pk)).status_code == 403


def test_bad_attachment_is_a_form_error_not_a_500(client, world):
    client.force_login(world.staff)
    response = client.post(
        u("channel-staff:item-new"),
        {"kind": "question", "subject_0": "S", "text_0": "T", "attachments": [SimpleUploadedFile("x.exe", b"MZ")]},
    )
    assert response.status_code == 200 and "accepted file types" in response.content.decode()
    assert not ChannelItem.objects.exists()


def test_refused_transition_shows_a_message(client, world):
    item = world.item()
    client.force_login(world.clerk)
    response = client.post(u("channel-staff:item-answer", item.pk), {"answer_0": "Жауап"}, follow=True)
    assert response.status_code == 200 and "Assign the item before answering it" in response.content.decode()
    # A field error stays on its form.
    response = client.post(u("channel-staff:item-close", item.pk), {"reason": ""})
    assert response.status_code == 400 and "Say why the item is closed" in response.content.decode()
    assert ChannelItem.objects.get(pk=item.pk).status == "sent"


def test_convert_to_agenda_from_the_page(client, world):
    session = council_services.session_create(
        actor=world.clerk,
        council=CouncilFactory(),
        data={"title": {"en": "Autumn session"}, "starts_at": timezone.now() + datetime.timedelta(days=5)},
    )
    item = world.item()
    client.force_login(world.clerk)
    page = client.get(u("channel-staff:item-detail", item.pk)).content.decode()
    assert "Autumn session" in page
    response = client.post(u("channel-staff:item-convert-agenda", item.pk), {"session": session.pk})
    assert response.status_code == 302
    assert ChannelItem.objects.get(pk=item.pk).status == "converted"
    page = client.get(u("channel-staff:item-detail", item.pk)).content.decode()
    assert "Agenda item" in page and "A question" in page


def test_inbox_filters(client, world, reference):
    from kenes.registry.models import Maslikhat

    aktobe = Maslikhat.objects.get(level="regional", region__kato="150000000")
    aktobe_staff = UserFactory(role="maslikhat_staff", maslikhat=aktobe)
    world.item(sender=aktobe_staff, subject={"en": "From Aktobe"})
    world.item(subject={"en": "Old one"}, sent_at=timezone.now() - datetime.timedelta(days=60))
    world.assigned(subject={"en": "Assigned one"})
    client.force_login(world.clerk)

    def subjects(**query):
        page = client.get(u("channel-staff:inbox"), query).content.decode()
        return {s for s in ("From Aktobe", "Old one", "Assigned one") if s in page}

    assert subjects() == {"From Aktobe", "Old one", "Assigned one"}
    assert subjects(region="150000000") == {"From Aktobe"}
    assert subjects(overdue="on") == {"Old one"}
    assert subjects(status="assigned") == {"Assigned one"}
    assert subjects(kind="explain_law") == set()


def test_request_pages_matrix_and_response(client, world):
    client.force_login(world.clerk)
    response = client.post(
        u("channel-staff:request-new"),
        {
            "title_0": "Ұсыныстар",
            "title_2": "Proposals on the draft law",
            "text_0": "Мәтін",
            "due_date": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
            "targets": [world.own.pk, world.other.pk],
        },
    )
    request = CouncilRequest.objects.get()
    assert response.status_code == 302 and set(request.targets.all()) == {world.own, world.other}
    client.force_login(world.staff)
    assert "Proposals on the draft law" in client.get(u("channel-staff:request-list")).content.decode()
    page = client.get(u("channel-staff:request-detail", request.pk)).content.decode()
    assert "Who answered" not in page and "Send our answer" in page
    client.post(
        u("channel-staff:request-respond", request.pk),
        {"text_0": "Біздің ұсыныстар", "attachment": SimpleUploadedFile("p.pdf", b"%PDF-1.4")},
    )
    response_row = RequestResponse.objects.get()
    assert response_row.maslikhat == world.own
    client.force_login(world.clerk)
    page = client.get(u("channel-staff:request-detail", request.pk)).content.decode()
    assert "Біздің ұсыныстар" in page and 'data-state="answered"' in page and 'data-state="missing"' in page
    download = client.get(u("channel-staff:response-attachment", response_row.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4"
    client.force_login(world.other_staff)
    assert client.get(u("channel-staff:response-attachment", response_row.pk)).status_code == 403


def test_request_form_all_regional(client, world, reference):
    client.force_login(world.clerk)
    client.post(
        u("channel-staff:request-new"),
        {
            "title_0": "Барлығына",
            "text_0": "Мәтін",
            "due_date": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
            "all_regional": "on",
        },
    )
    assert CouncilRequest.objects.get().targets.count() == 20 + 2  # the 20 regions of today and the test world's two


# --- public pages ----------------------------------------------------------------------------------


def test_public_page_shows_only_published_items_without_staff_names(client, world):
    world.clerk.first_name, world.clerk.last_name = "Secret", "Clerkname"
    world.clerk.save()
    public = world.answered(is_public=True, subject={"en": "Published subject"})
    world.answered(subject={"en": "Private subject"})
    page = client.get(u("channel:home")).content.decode()
    assert "Published subject" in page and "Private subject" not in page
    detail = client.get(u("channel:item-detail", public.pk)).content.decode()
    assert "Here it is." in detail and "through the channel" in detail and str(world.own.name["en"]) in detail
    assert "Clerkname" not in detail and world.staff.username not in detail
    private = ChannelItem.objects.get(subject__en="Private subject")
    assert client.get(u("channel:item-detail", private.pk)).status_code == 404


def test_public_page_shows_what_the_item_became(client, world):
    session = council_services.session_create(
        actor=world.clerk,
        council=CouncilFactory(),
        data={"title": {"en": "Open session"}, "starts_at": timezone.now() + datetime.timedelta(days=5)},
    )
    council_services.agenda_item_add(
        session=session, actor=world.clerk, data={"title": {"en": "Main"}, "is_main": True}
    )
    session = council_services.session_announce(session=session, actor=world.clerk)
    item = services.item_convert_to_agenda_item(item=world.item(is_public=True), actor=world.clerk, session=session)
    detail = client.get(u("channel:item-detail", item.pk)).content.decode()
    assert "Agenda item" in detail and u("councils:session-detail", session.pk) in detail


def test_public_figures_on_page(client, world):
    world.answered()
    world.item(sent_at=timezone.now() - datetime.timedelta(days=60))  # overdue
    page = client.get(u("channel:home")).content.decode()
    assert 'data-figure="total">2<' in page and 'data-figure="overdue">1<' in page
    assert "50 % (1 / 2)" in page


# --- constant queries ---------------------------------------------------------------------------------


def _many(world, n):
    for i in range(n):
        maslikhat = MaslikhatFactory()
        sender = UserFactory(role="maslikhat_staff", maslikhat=maslikhat)
        item = world.item(sender=sender, is_public=True, subject={"en": f"Item {i}"})
        if i % 2:
            services.item_assign(item=item, actor=world.clerk, assignee=world.clerk2)


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_inbox_and_public_list_queries_are_constant(client, world):
    _many(world, 2)
    client.force_login(world.clerk)
    inbox_small = _count(client, u("channel-staff:inbox"))
    client.logout()
    public_small = _count(client, u("channel:home") + "?page=1")
    _many(world, 12)
    client.force_login(world.clerk)
    assert _count(client, u("channel-staff:inbox")) == inbox_small
    client.logout()
    assert _count(client, u("channel:home") + "?page=2") == public_small


def test_matrix_queries_are_constant(client, world):
    def build(n):
        targets = [MaslikhatFactory() for _ in range(n)]
        request = services.request_create(
            actor=world.clerk,
            data={
                "title": {"en": "R"},
                "text": {"en": "x"},
                "due_date": timezone.localdate() + datetime.timedelta(days=3),
            },
            targets=targets,
        )
        for maslikhat in targets[: n // 2]:
            services.response_submit(
                request=request, actor=UserFactory(role="maslikhat_staff", maslikhat=maslikhat), text={"en": "ok"}
            )
        return request

    small, large = build(2), build(12)
    client.force_login(world.clerk)
    assert _count(client, u("channel-staff:request-detail", small.pk)) == _count(
        client, u("channel-staff:request-detail", large.pk)
    )
