"""Template helpers available in every template (settings: builtins)."""

from django import template
from django.urls import translate_url
from django.utils.translation import get_language

from kenes.core.i18n import pick

register = template.Library()


@register.filter(name="tr")
def tr_filter(value, lang: str | None = None) -> str:
    """{{ obj.name|tr }} — the text in the active language, falling back to kk, ru, en."""
    return pick(value, lang)


@register.simple_tag(takes_context=True)
def url_in_language(context, lang: str) -> str:
    """This page's address in another language (for the language switch)."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    return translate_url(path, lang)


@register.simple_tag
def current_language() -> str:
    return (get_language() or "kk")[:2]


@register.filter
def name_on(record, day) -> dict:
    """{{ region|name_on:session.date|tr }} — the name a record bore on a day (Nur-Sultan in 2020)."""
    if record is None:
        return {}
    if hasattr(record, "name_on") and day:
        return record.name_on(day)
    return record.name
