import pytest
from django.core.cache import cache
from django.utils import translation

from kenes.accounts.models import Role
from kenes.councils.reference import load_council
from kenes.registry.models import Region
from kenes.registry.reference import load_regions
from tests.factories import MaslikhatFactory, UserFactory


def pytest_configure(config):
    """Static files are served from the finders in tests; WhiteNoise still looks for the collected
    folder when the live server starts (in a fresh clone it does not exist yet)."""
    from pathlib import Path

    from django.conf import settings

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


ROLES = ("anonymous", "citizen", "maslikhat_staff", "maslikhat_head", "secretariat", "admin")


@pytest.fixture(autouse=True)
def _isolated_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Tests serve static files from the finders, not a collected folder.
    settings.WHITENOISE_AUTOREFRESH = True
    settings.WHITENOISE_USE_FINDERS = True
    cache.clear()
    # Requests activate their URL's language in this thread; start every test from the source language.
    translation.activate("en")
    yield
    translation.deactivate()
    cache.clear()


@pytest.fixture
def reference(db):
    """The real reference data: 20 regions with their regional maslikhats, and the council."""
    load_regions()
    return load_council()


@pytest.fixture
def council(reference):
    return reference


@pytest.fixture
def regions_2020(reference):
    import datetime

    return list(Region.objects.filter(Region.q_valid_on(datetime.date(2020, 10, 21))))


@pytest.fixture
def maslikhat(db):
    return MaslikhatFactory()


@pytest.fixture
def make_user(db):
    def make(role: str, maslikhat=None):
        if role == "anonymous":
            from django.contrib.auth.models import AnonymousUser

            return AnonymousUser()
        if role == "admin":
            return UserFactory(is_superuser=True, is_staff=True, role=Role.CITIZEN)
        if role in ("maslikhat_staff", "maslikhat_head"):
            return UserFactory(role=role, maslikhat=maslikhat or MaslikhatFactory())
        return UserFactory(role=role)

    return make


@pytest.fixture
def secretariat(make_user):
    return make_user("secretariat")
