"""Writes to the registry. Each enforces its rule, saves and records the change in the audit log."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kenes.core.audit import audit_record, snapshot
from kenes.core.services import model_create, model_update
from kenes.registry.models import Maslikhat, Membership, Organization, Person, Post

MASLIKHAT_EDITABLE = ("name", "convocation", "seats", "address", "website", "email")


def maslikhat_update(*, maslikhat: Maslikhat, actor: Any, data: dict[str, Any]) -> Maslikhat:
    """Staff may change a maslikhat's public details, never its level, region or parent."""
    forbidden = set(data) - set(MASLIKHAT_EDITABLE)
    if forbidden:
        raise ValidationError(_("These fields cannot be changed here: %(f)s") % {"f": ", ".join(sorted(forbidden))})
    return model_update(instance=maslikhat, actor=actor, action="registry.maslikhat.updated", data=data)


def person_create(*, actor: Any, data: dict[str, Any]) -> Person:
    data.setdefault("sort_name", _sort_name(data.get("name") or {}))
    return model_create(model=Person, actor=actor, action="registry.person.created", data=data)


def person_update(*, person: Person, actor: Any, data: dict[str, Any]) -> Person:
    return model_update(instance=person, actor=actor, action="registry.person.updated", data=data)


def organization_create(*, actor: Any, data: dict[str, Any]) -> Organization:
    return model_create(model=Organization, actor=actor, action="registry.organization.created", data=data)


def organization_update(*, organization: Organization, actor: Any, data: dict[str, Any]) -> Organization:
    return model_update(instance=organization, actor=actor, action="registry.organization.updated", data=data)


def _sort_name(name: dict) -> str:
    text = name.get("ru") or name.get("kk") or name.get("en") or ""
    parts = text.split()
    return " ".join(parts[1:] + parts[:1]) if len(parts) > 1 else text


def post_for(*, maslikhat: Maslikhat, role: str) -> Post:
    post, _created = Post.objects.get_or_create(maslikhat=maslikhat, role=role, defaults={"label": {}})
    return post


def _overlaps(a_start, a_end, b_start, b_end) -> bool:
    lo = datetime.date.min
    hi = datetime.date.max
    return (a_start or lo) <= (b_end or hi) and (b_start or lo) <= (a_end or hi)


def _check_membership(membership: Membership) -> None:
    post = membership.post
    if post.role == Post.Role.HEAD:
        others = Membership.objects.filter(post=post).exclude(pk=membership.pk)
        for other in others:
            if _overlaps(membership.start_date, membership.end_date, other.start_date, other.end_date):
                raise ValidationError(
                    {
                        "start_date": _("%(body)s already has a head on these dates (%(name)s, %(start)s – %(end)s).")
                        % {
                            "body": post.body,
                            "name": other.person,
                            "start": other.start_date or "…",
                            "end": other.end_date or "…",
                        }
                    }
                )
    same_person = Membership.objects.filter(post=post, person=membership.person).exclude(pk=membership.pk)
    for other in same_person:
        if _overlaps(membership.start_date, membership.end_date, other.start_date, other.end_date):
            raise ValidationError(_("%(name)s already holds this post on these dates.") % {"name": membership.person})
    if (
        post.role != Post.Role.DEPUTY
        and post.role != Post.Role.HEAD
        and (membership.mandate_type or membership.constituency or membership.party_id)
    ):
        raise ValidationError(_("Mandate, party and constituency apply only to deputies."))
    if membership.mandate_type == Membership.MandateType.SINGLE_MEMBER and not membership.constituency:
        raise ValidationError({"constituency": _("A deputy elected in a single-member district needs the district.")})


@transaction.atomic
def membership_create(*, actor: Any, person: Person, post: Post, data: dict[str, Any]) -> Membership:
    """A person takes a post. A maslikhat has one head at a time; nobody holds a post twice at once.
    The head of a maslikhat works full-time, so their membership is always 'released'."""
    Post.objects.select_for_update().get(pk=post.pk)  # serialise concurrent appointments to one post
    membership = Membership(person=person, post=post, **data)
    if post.role == Post.Role.HEAD:
        membership.is_released = True
    membership.full_clean()
    _check_membership(membership)
    membership.save()
    audit_record(actor=actor, action="registry.membership.created", obj=membership)
    return membership


@transaction.atomic
def membership_update(*, membership: Membership, actor: Any, data: dict[str, Any]) -> Membership:
    Post.objects.select_for_update().get(pk=membership.post_id)
    before = snapshot(membership)
    for name, value in data.items():
        setattr(membership, name, value)
    membership.full_clean()
    _check_membership(membership)
    membership.save()
    audit_record(actor=actor, action="registry.membership.updated", obj=membership, before=before)
    return membership


def membership_end(*, membership: Membership, actor: Any, end_date: datetime.date) -> Membership:
    if membership.start_date and end_date < membership.start_date:
        raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
    return membership_update(membership=membership, actor=actor, data={"end_date": end_date})
