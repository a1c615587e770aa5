"""Request-level helpers shared by every capability's staff views, forms and API handlers.

They live here, once, so that a 403, a refused service call and a portal link look and behave the
same in every app (STYLE.md: one place for each shared thing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from kenes.core.i18n import LANGS


def allow(request: HttpRequest, perm: str, obj: Any = None) -> None:
    """Refuse with 403 unless the signed-in user holds `perm` (for `obj`, checked by the rules in
    each app's rules.py). Views call it before touching an object so a refusal is never partial."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def error_messages(request: HttpRequest, error: ValidationError) -> None:
    """Show each message of a service's ValidationError as an error message on the next page, for
    views that redirect after a POST and so have no form to put the error on."""
    for text in error.messages:
        messages.error(request, text)


def apply_service_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names where the form has
    that field, otherwise at the top of the form. The service has the last word on a write, so
    its refusal must read like any other form error, never like a 500."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def form_action(
    request: HttpRequest,
    run: Callable[[dict[str, Any]], Any],
    *,
    done: Callable[[], HttpResponse],
    form: forms.Form | None = None,
    page: Callable[[forms.Form], HttpResponse] | None = None,
    success: str | Callable[[Any], str] = "",
) -> HttpResponse:
    """The one way a staff view runs a form's action through a service.

    A valid form (or no form) is passed to `run(cleaned_data)`; on success `success` (or
    `success(result)`) is flashed and `done()` (a redirect) answered. A refusal by the service lands where the user will read it:
    a refused transition (the record moved on; its form may be gone from the page) or a refusal
    without a form becomes a message on `done()`'s page; any other refusal is shown on the form,
    on the field it names, and `page(form)` is answered with status 400 — as an invalid form is."""
    if form is None or form.is_valid():
        try:
            result = run(form.cleaned_data if form is not None else {})
        except ValidationError as error:
            if form is None or page is None or getattr(error, "code", None) == "invalid_transition":
                error_messages(request, error)
                return done()
            apply_service_error(form, error)
        else:
            text = success(result) if callable(success) else success
            if text:
                messages.success(request, text)
            return done()
    response = page(form)
    response.status_code = 400
    return response


def site_path(name: str, *args: Any, anchor: str = "") -> str:
    """The path of a page without its language prefix, for links that services and tasks store
    (notifications and feed entries add the reader's language and the configured site address)."""
    with translation.override(LANGS[0]):
        url = reverse(name, args=args)
    prefix = f"/{LANGS[0]}"
    return (url[len(prefix) :] if url.startswith(prefix + "/") else url) + anchor


def portal_links(request: HttpRequest, name: str, *args: Any, anchor: str = "") -> dict[str, str]:
    """Absolute links to a portal page in each language, keyed by language code. The portal's URLs
    carry the language (/kk/, /ru/, /en/), so the API, which is not prefixed, names all three; a
    page that cannot be reversed gives an empty string rather than failing the whole response."""
    links = {}
    for lang in LANGS:
        with translation.override(lang):
            try:
                links[lang] = request.build_absolute_uri(reverse(name, args=args)) + anchor
            except NoReverseMatch:
                links[lang] = ""
    return links
