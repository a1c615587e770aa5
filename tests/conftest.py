import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import translation

from kenes.accounts.models import Role
from kenes.councils.models import Council
from kenes.councils.reference import COUNCIL_SLUG, load_council
from kenes.registry.models import Maslikhat, Organization, Post, Region
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
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
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


# The reference data is loaded by the real loaders once per run and copied into each test that
# asks for it (a handful of bulk inserts instead of ~500 queries). Its rows take ids from
# REFERENCE_FIRST_ID up, which records that tests create themselves never reach.
REFERENCE_MODELS = (Organization, Region, Maslikhat, Post, Council)
REFERENCE_FIRST_ID = 10_000_000


@pytest.fixture(scope="session")
def _reference_rows(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with connection.cursor() as cursor:
            for model in REFERENCE_MODELS:
                table = model._meta.db_table
                cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, REFERENCE_FIRST_ID])
        load_regions()
        load_council()
        rows = [(model, list(model.objects.values())) for model in REFERENCE_MODELS]
        transaction.set_rollback(True)
    return rows


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker, tmp_path_factory):
    """The whole demo content (`make run`), loaded once for a test module whose tests read it: the
    module's tests run inside one transaction that holds it (each test in its own savepoint, as
    usual) and is rolled back after the last. Use it through a function fixture that also takes
    `db`."""
    from django.core.management import call_command
    from django.test.utils import override_settings

    isolated = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("demo-media"),
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    with django_db_blocker.unblock(), isolated:
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_reference", verbosity=0)
            call_command("load_demo", "--force", verbosity=0)
        except BaseException:
            outer.__exit__(*__import__("sys").exc_info())
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def reference(db, _reference_rows):
    """The real reference data: 20 regions with their regional maslikhats, and the council."""
    for model, rows in _reference_rows:
        model.objects.bulk_create([model(**row) for row in rows])
    return Council.objects.get(slug=COUNCIL_SLUG)


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
