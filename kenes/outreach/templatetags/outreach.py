from django import template

from kenes.core.privacy import public_text
from kenes.outreach.selectors import overdue

register = template.Library()


@register.filter
def masked(text: str) -> str:
    """Personal data (IIN, phone, e-mail, address) masked in a citizen's text before it goes public."""
    return public_text(text or "")


@register.filter
def question_text(question) -> str:
    """A question as shown publicly: masked, and the name of who asked it masked wherever it appears."""
    return public_text(question.text, known=[question.asked_by_name])


@register.filter
def question_answer(question) -> str:
    return public_text(question.answer, known=[question.asked_by_name])


@register.filter
def is_overdue(mandate) -> bool:
    return overdue(mandate)
