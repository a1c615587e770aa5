"""Multilingual text: one JSON value {"kk": ..., "ru": ..., "en": ...} per field.

Kazakh comes first; a missing language falls back to Kazakh, then Russian, then English,
so a page is never blank because one translation is missing.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LANGS: tuple[str, ...] = ("kk", "ru", "en")
LANG_LABELS = {"kk": _("Kazakh"), "ru": _("Russian"), "en": _("English")}


def current_lang() -> str:
    lang = (get_language() or "kk")[:2]
    return lang if lang in LANGS else "kk"


def pick(value: Any, lang: str | None = None) -> str:
    """The text in `lang` (default: the active language), else the first language that has one."""
    if not value:
        return ""
    if isinstance(value, str):
        return value
    lang = lang or current_lang()
    for code in (lang, *LANGS):
        text = value.get(code)
        if text:
            return text
    return ""


def in_languages(text: Any) -> dict[str, str]:
    """The one way to build a text in kk, ru and en with gettext: `text` is a lazily translated
    string, or a function that builds the text in the active language (called once per language).
    Services use it for titles and notes they store, so no kk/ru/en literal is written in code."""
    out = {}
    for code in LANGS:
        with translation.override(code):
            out[code] = str(text() if callable(text) else text)
    return out


def tr(kk: str = "", ru: str = "", en: str = "") -> dict[str, str]:
    """A translated value written in code (demo content, reference data): tr("…", "…", "…") or
    tr(kk="…", ru="…", en="…"), in the order Kazakh, Russian, English."""
    return {"kk": kk, "ru": ru, "en": en}


def search_q(field: str, query: str) -> Q:
    """Match `query` in any language of a translated field."""
    q = Q()
    for code in LANGS:
        q |= Q(**{f"{field}__{code}__icontains": query})
    return q


def validate_translated(value: Any) -> None:
    if not isinstance(value, dict):
        raise ValidationError(_("Expected a text in Kazakh, Russian and English."), code="invalid")
    unknown = set(value) - set(LANGS)
    if unknown:
        raise ValidationError(
            _("Unknown language code(s): %(codes)s."), code="invalid", params={"codes": ", ".join(sorted(unknown))}
        )
    for text in value.values():
        if not isinstance(text, str):
            raise ValidationError(_("Each translation must be text."), code="invalid")


class TranslatedWidget(forms.MultiWidget):
    template_name = "core/widgets/translated.html"

    def __init__(self, long: bool = False, attrs: dict | None = None) -> None:
        inner = forms.Textarea(attrs={"rows": 4}) if long else forms.TextInput()
        super().__init__([inner] * len(LANGS), attrs)
        self.long = long

    def decompress(self, value: Any) -> list[str]:
        value = value or {}
        return [value.get(code, "") for code in LANGS]

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        for sub, code in zip(context["widget"]["subwidgets"], LANGS, strict=True):
            sub["attrs"]["lang"] = code
            sub["lang_label"] = LANG_LABELS[code]
        return context


class TranslatedFormField(forms.MultiValueField):
    """Three inputs, one per language; at least one must be filled when the field is required."""

    def __init__(self, *, long: bool = False, max_length: int | None = None, **kwargs: Any) -> None:
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        fields = [forms.CharField(required=False, max_length=max_length, strip=True) for _code in LANGS]
        super().__init__(fields=fields, widget=TranslatedWidget(long=long), require_all_fields=False, **kwargs)
        self.error_messages["required"] = _("Enter this in at least one language (Kazakh first).")

    def compress(self, data_list: list[str]) -> dict[str, str]:
        data_list = data_list or [""] * len(LANGS)
        return {code: text or "" for code, text in zip(LANGS, data_list, strict=True)}

    def validate(self, value: dict[str, str]) -> None:
        if self.required and not any(value.values()):
            raise ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial: Any, data: Any) -> bool:
        return self.compress(data if isinstance(data, list) else TranslatedWidget().decompress(data)) != (initial or {})


class TranslatedField(models.JSONField):
    """A text kept in kk/ru/en. `long=True` edits it in text areas."""

    def __init__(self, *args: Any, long: bool = False, max_length: int | None = None, **kwargs: Any) -> None:
        self.long = long
        self.text_max_length = max_length
        kwargs.setdefault("default", dict)
        super().__init__(*args, **kwargs)
        self.validators.append(validate_translated)

    def deconstruct(self) -> tuple:
        name, _path, args, kwargs = super().deconstruct()
        if self.long:
            kwargs["long"] = True
        if self.text_max_length:
            kwargs["max_length"] = self.text_max_length
        if kwargs.get("default") is dict:
            del kwargs["default"]
        return name, "kenes.core.i18n.TranslatedField", args, kwargs

    def validate(self, value: Any, model_instance: Any) -> None:
        super().validate(value, model_instance)
        if not self.blank and not any((value or {}).values()):
            raise ValidationError(_("Enter this in at least one language (Kazakh first)."), code="required")
        if self.text_max_length:
            for text in (value or {}).values():
                if len(text) > self.text_max_length:
                    raise ValidationError(
                        _("At most %(n)d characters in each language."),
                        code="max_length",
                        params={"n": self.text_max_length},
                    )

    def formfield(self, **kwargs: Any) -> forms.Field:
        return TranslatedFormField(
            long=self.long,
            max_length=self.text_max_length,
            required=not self.blank,
            label=kwargs.get("label", self.verbose_name),
            help_text=self.help_text,
            initial=dict,
        )
