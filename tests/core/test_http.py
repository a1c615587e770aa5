"""The request-level helpers every capability shares (kenes/core/http.py)."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.utils import translation

from kenes.core.http import allow, apply_service_error, error_messages, portal_links


class _User:
    """Records what it was asked, to prove `allow` passes the object through to the rules."""

    def __init__(self, granted: bool) -> None:
        self.granted = granted
        self.asked: list[tuple] = []

    def has_perm(self, perm, obj=None) -> bool:
        self.asked.append((perm, obj))
        return self.granted


def _request(user=None):
    request = RequestFactory().get("/")
    request.user = user
    request._messages = CookieStorage(request)
    return request


def test_allow_passes_the_permission_and_object_to_the_rules():
    user = _User(granted=True)
    target = object()
    assert allow(_request(user), "councils.change_session", target) is None
    assert user.asked == [("councils.change_session", target)]


def test_allow_refuses_with_permission_denied():
    user = _User(granted=False)
    with pytest.raises(PermissionDenied):
        allow(_request(user), "councils.change_session")
    assert user.asked == [("councils.change_session", None)]


@pytest.mark.parametrize(("role", "allowed"), [("secretariat", True), ("citizen", False), ("anonymous", False)])
def test_allow_follows_the_real_rules(make_user, role, allowed):
    request = _request(make_user(role))
    if allowed:
        allow(request, "core.view_audit")
    else:
        with pytest.raises(PermissionDenied):
            allow(request, "core.view_audit")


def test_error_messages_adds_each_message_as_an_error():
    request = _request()
    error_messages(request, ValidationError({"title": ["Too long."], "__all__": ["Not now.", "Ask later."]}))
    stored = [(m.level_tag, m.message) for m in get_messages(request)]
    assert sorted(stored) == [("error", "Ask later."), ("error", "Not now."), ("error", "Too long.")]


class _TitleForm(forms.Form):
    title = forms.CharField()


def test_apply_service_error_puts_named_fields_on_the_field_and_the_rest_on_top():
    form = _TitleForm({"title": "x"})
    assert form.is_valid()
    apply_service_error(form, ValidationError({"title": ["Too long."], "status": ["Closed."]}))
    assert form.errors["title"] == ["Too long."]
    assert form.non_field_errors() == ["Closed."]
    assert "status" not in form.errors


def test_apply_service_error_without_fields_goes_on_top():
    form = _TitleForm({"title": "x"})
    assert form.is_valid()
    apply_service_error(form, ValidationError(["One.", "Two."]))
    assert form.non_field_errors() == ["One.", "Two."]
    assert "title" not in form.errors


def test_portal_links_name_every_language_with_an_anchor():
    request = RequestFactory().get("/api/v1/sessions/")
    with translation.override("ru"):
        links = portal_links(request, "councils:session-detail", 7, anchor="#item-3")
        assert translation.get_language() == "ru"
    assert links == {
        "kk": "http://testserver/kk/sessions/7/#item-3",
        "ru": "http://testserver/ru/sessions/7/#item-3",
        "en": "http://testserver/en/sessions/7/#item-3",
    }


def test_portal_links_of_a_page_that_does_not_resolve_are_empty():
    request = RequestFactory().get("/api/v1/")
    assert portal_links(request, "councils:no-such-page", 1, anchor="#x") == {"kk": "", "ru": "", "en": ""}
