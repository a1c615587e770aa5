"""How a link from a channel item to what it became is shown: a label, the target's title and,
where the target has a public page, its address."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .models import ChannelLink

LABELS = {
    "councils.agendaitem": _("Agenda item"),
    "plans.planitem": _("Plan item"),
    "recommendations.recommendation": _("Recommendation"),
}


@dataclass
class LinkView:
    label: str
    title: dict | str
    url: str


def describe(link: ChannelLink, *, public: bool) -> LinkView | None:
    """None when the target is gone. On public pages only targets that are public get an address."""
    target = link.target
    if target is None:
        return None
    key = f"{link.content_type.app_label}.{link.content_type.model}"
    label = LABELS.get(key, link.content_type.name)
    title = getattr(target, "title", "") or str(target)
    url = ""
    if key == "councils.agendaitem":
        session = target.session
        if session.is_public:
            url = _reverse("councils:session-detail", session.pk)
        elif not public:
            url = _reverse("councils-staff:session-edit", session.pk)
    elif key == "plans.planitem":
        url = _reverse("plans:plan-detail", target.plan_id)
        url = f"{url}#item-{target.pk}" if url else ""
    elif key == "recommendations.recommendation":
        title = target.text
        if target.package.is_public:
            url = _reverse("recommendations:recommendation-detail", target.pk)
        elif not public:
            url = _reverse("recommendations-staff:recommendation", target.pk)
    elif hasattr(target, "get_absolute_url"):
        try:
            url = target.get_absolute_url()
        except NoReverseMatch:
            url = ""
    return LinkView(label=str(label), title=title, url=url)


def _reverse(name: str, pk: int) -> str:
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""
