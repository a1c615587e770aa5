"""Bad input gets a 4xx JSON answer in the requester's language (Accept-Language), never a 500.

Every error body has the same shape: {"detail": [{"loc", "field", "msg", "type"}]} for 422,
{"detail": "..."} for 404. Pydantic's English messages are replaced by Django's own translated
validation messages, so a Kazakh or Russian client reads them in its language.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError


def _message(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind.startswith("int_"):
        return _("Enter a whole number.")
    if kind.startswith("date"):
        return _("Enter a valid date.")
    if kind == "greater_than_equal" and "ge" in ctx:
        return _("Ensure this value is greater than or equal to %(limit_value)s.") % {"limit_value": ctx["ge"]}
    if kind == "less_than_equal" and "le" in ctx:
        return _("Ensure this value is less than or equal to %(limit_value)s.") % {"limit_value": ctx["le"]}
    if kind in ("enum", "literal_error"):
        return _("Select a valid choice. %(value)s is not one of the available choices.") % {
            "value": error.get("input")
        }
    return _("Enter a valid value.")


def _field(loc: list[Any]) -> str | None:
    names = [part for part in loc if isinstance(part, str) and part not in ("query", "path", "body")]
    return str(names[-1]) if names else None


def readable_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for error in errors:
        loc = [part if isinstance(part, int) else str(part) for part in error.get("loc", ())]
        # Ninja nests a query schema's fields under its name ("pagination", "filters"): drop it.
        if len(loc) > 2 and loc[0] == "query":
            loc = [loc[0], loc[-1]]
        out.append({"loc": loc, "field": _field(loc), "msg": _message(error), "type": error.get("type", "invalid")})
    return out


def django_errors(exc: DjangoValidationError) -> list[dict[str, Any]]:
    out = []
    if hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            loc = [] if field == NON_FIELD_ERRORS else [field]
            for message in messages:
                out.append({"loc": loc, "field": loc[0] if loc else None, "msg": str(message), "type": "invalid"})
    else:
        for message in exc.messages:
            out.append({"loc": [], "field": None, "msg": str(message), "type": "invalid"})
    return out


def install(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def on_invalid_input(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return api.create_response(request, {"detail": readable_errors(exc.errors)}, status=422)

    @api.exception_handler(DjangoValidationError)
    def on_refused(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return api.create_response(request, {"detail": django_errors(exc)}, status=422)

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"detail": _("Not found.")}, status=404)
