"""Three demo staff accounts with a known password, created only by `manage.py load_demo` (never
in production): the secretariat, the head of the Aktobe regional maslikhat, an administrator."""

from __future__ import annotations

from kenes.accounts.models import Role, User
from kenes.registry.models import Maslikhat

DEMO_PASSWORD = "kenes-demo"  # noqa: S105 - a documented demo password, created only by load_demo
KATO_AKTOBE = "150000000"


def load_demo() -> tuple[int, list[str]]:
    """(accounts created, a line per account to print)."""
    aktobe = Maslikhat.objects.get(region__kato=KATO_AKTOBE, level=Maslikhat.Level.REGIONAL)
    specs = [
        ("secretariat", {"role": Role.SECRETARIAT}, "Council secretariat"),
        ("aktobe", {"role": Role.MASLIKHAT_HEAD, "maslikhat": aktobe}, f"Head of {aktobe.name['en']}"),
        ("admin", {"role": Role.CITIZEN, "is_superuser": True, "is_staff": True}, "Administrator (superuser)"),
    ]
    created, lines = 0, []
    for username, fields, description in specs:
        if not User.objects.filter(username=username).exists():
            user = User(username=username, email=f"{username}@kenes.local", **fields)
            user.set_password(DEMO_PASSWORD)
            user.save()
            created += 1
        lines.append(f"{username} / {DEMO_PASSWORD} — {description}")
    return created, lines
