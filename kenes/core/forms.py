"""Pieces every staff form shares."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models


def formfield(field: models.Field, **kwargs: Any) -> forms.Field | None:
    """Links typed without a scheme are taken as https (Django 6's default, chosen now)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class StaffModelForm(forms.ModelForm):
    class Meta:
        formfield_callback = formfield


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")
