"""Predicates shared by every capability's rules.py. A role is a property of the user; the
maslikhat a staff member belongs to limits what they may edit."""

import rules

from kenes.accounts.models import Role


@rules.predicate
def is_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_superuser)


@rules.predicate
def is_secretariat(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.role == Role.SECRETARIAT)


@rules.predicate
def is_maslikhat_staff(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.role in (Role.MASLIKHAT_STAFF, Role.MASLIKHAT_HEAD)
        and user.maslikhat_id
    )


@rules.predicate
def is_maslikhat_head(user) -> bool:
    return bool(is_maslikhat_staff(user) and user.role == Role.MASLIKHAT_HEAD)


@rules.predicate
def is_staff_member(user) -> bool:
    """Anyone who works in the staff workspace."""
    return bool(is_admin(user) or is_secretariat(user) or is_maslikhat_staff(user))


is_council_staff = is_admin | is_secretariat
