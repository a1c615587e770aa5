"""Who works where: the lookups of staff accounts that every capability needs (recipients of
notifications, assignees in forms), written once."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from kenes.accounts.models import Role, User

MASLIKHAT_ROLES = (Role.MASLIKHAT_STAFF, Role.MASLIKHAT_HEAD)


def maslikhat_staff(maslikhat_ids: int | Iterable[int]) -> QuerySet[User]:
    """Active staff and heads of the maslikhat(s), by id."""
    ids = [maslikhat_ids] if isinstance(maslikhat_ids, int) else list(maslikhat_ids)
    return User.objects.filter(is_active=True, maslikhat_id__in=ids, role__in=MASLIKHAT_ROLES).order_by("id")


def secretariat_staff() -> QuerySet[User]:
    """Active members of the council's secretariat."""
    return User.objects.filter(is_active=True, role=Role.SECRETARIAT).order_by("id")


def works_for_a_maslikhat(user) -> bool:
    return bool(getattr(user, "maslikhat_id", None)) and getattr(user, "role", None) in MASLIKHAT_ROLES
