"""Schemas shared by every capability's API: translated text, references to other records,
errors and pagination. Names follow Popolo / Open Civic Data where they fit."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.conf import settings
from django.utils import timezone
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_PAGE_SIZE = 100


class Translated(Schema):
    """A text in the three languages of Kenes. A missing translation is an empty string."""

    kk: str = Field("", description="Kazakh")
    ru: str = Field("", description="Russian")
    en: str = Field("", description="English")


class RegionRef(Schema):
    kato: str = Field(description="KATO code of the region")
    name: Translated


class Ref(Schema):
    """A pointer to another record: its id and its name."""

    id: int
    name: Translated


class ErrorItem(Schema):
    loc: list[str | int] = Field(description='Where the error is: e.g. ["query", "on"]')
    field: str | None = Field(None, description="The parameter or field at fault, if any")
    msg: str = Field(description="The message, in the language asked for by Accept-Language")
    type: str = Field(description="A machine-readable error code")


class ValidationErrorOut(Schema):
    detail: list[ErrorItem]


class NotFoundOut(Schema):
    detail: str


ERRORS: dict[int, Any] = {422: ValidationErrorOut}
NOT_FOUND: dict[int, Any] = {404: NotFoundOut, 422: ValidationErrorOut}


class Pagination(LimitOffsetPagination):
    """limit/offset pagination returning {items, count}; at most 100 items a page."""

    class Input(Schema):
        limit: int = Field(
            settings.API_PAGE_SIZE,
            ge=1,
            le=MAX_PAGE_SIZE,
            description=f"How many items to return (1–{MAX_PAGE_SIZE}).",
        )
        offset: int = Field(0, ge=0, description="How many items to skip.")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_PAGE_SIZE, **kwargs)


def today() -> datetime.date:
    return timezone.localdate()


def one_of(choices: type) -> Any:
    """A Literal of a TextChoices' values: documented inline in OpenAPI (no clashing "Kind" components)."""
    return Literal[tuple(choices.values)]
