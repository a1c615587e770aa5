"""Request-level helpers shared by every capability's staff views, forms and API handlers.

They live here, once, so that a 403, a refused service call and a portal link look and behave the
same in every app (STYLE.md: one place for each shared thing)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
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
