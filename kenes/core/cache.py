"""Whole-page cache for anonymous visitors, expired by what each page shows.

The rule, in two lines:
- a cached page remembers the tables its rendering read, and the version each table had just
  before the rendering started;
- a committed write to a table gives that table a new version (after the commit, never inside
  the transaction), and a cached page is served only while every table it read keeps its version.

Both halves are observed at the database connection (`connection.execute_wrappers`), so a view,
an API handler or a new capability gets them without declaring anything: whatever a page reads is
its dependency, whatever a service, a task, a bulk `update()` or raw SQL writes expires the pages
that read it. A plan item's change therefore renews the plan pages, the region and maslikhat pages
that show plan reports and the home page if it lists plans, while the council session pages and
the sessions API, which read no plan table, stay cached.

Everything here is keyed in the shared cache (Redis in production), so every app server sees the
same versions. Entries also expire after KENES_PUBLIC_CACHE_SECONDS, which bounds what the tables
cannot tell (the date, for "overdue").
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gzip
import logging
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

logger = logging.getLogger(__name__)
T = TypeVar("T")

VERSION_PREFIX = "kenes:table:"
# Tables no cached page shows, written at a high rate: sessions and the task queue.
UNTRACKED_APPS = frozenset({"sessions", "django_tasks_database"})

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_WRITE = re.compile(
    r"\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(?:ONLY\s+)?\"?([A-Za-z_][A-Za-z0-9_]*)", re.IGNORECASE
)
_MAY_WRITE = re.compile(r"\b(?:INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


@functools.cache
def all_tables() -> tuple[str, ...]:
    """Every table of an installed model (many-to-many tables included), but the untracked ones."""
    return tuple(
        sorted(
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.app_label not in UNTRACKED_APPS
        )
    )


@functools.cache
def tracked_tables() -> frozenset[str]:
    return frozenset(all_tables())


# ---------------------------------------------------------------------------------------------
# Table versions: renewed after each committed write.


def _version_key(table: str) -> str:
    return f"{VERSION_PREFIX}{table}"


def versions(tables: Iterable[str]) -> tuple:
    """The current version of each table. A table without one (never written, or its version was
    evicted) is given a fresh token first, so an entry made under an evicted version can never
    match again."""
    tables = list(tables)
    keys = [_version_key(table) for table in tables]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, uuid.uuid4().hex, timeout=None)
        found.update(cache.get_many(missing))
    return tuple(found.get(key) for key in keys)


def renew(tables: Iterable[str]) -> None:
    """Give each table a new version: every cached entry that read one of them is out of date.
    A fresh random token rather than a counter, so a version lost from the cache never comes back."""
    tables = set(tables)
    if not tables:
        return
    token = uuid.uuid4().hex
    try:
        cache.set_many({_version_key(table): token for table in tables}, timeout=None)
    except DatabaseError:  # the database cache's table is not created yet: no entry to expire
        pass
    except Exception as error:  # the cache is down: nothing can be served from it either
        logger.warning("could not renew the cache versions of %s: %s", sorted(tables), error)


class _Changes:
    """The tables one connection wrote since its last commit; renewed once, after the commit."""

    def __init__(self) -> None:
        self.tables: set[str] = set()
        self.done = False

    def flush(self) -> None:
        if not self.done:
            self.done = True
            renew(self.tables)


def _written(connection: Any, tables: set[str]) -> None:
    changes = getattr(connection, "_kenes_changes", None)
    if changes is None or changes.done:
        changes = connection._kenes_changes = _Changes()
    changes.tables |= tables
    # One callback per write statement, so a rolled-back transaction cannot swallow a later
    # commit's renewal; the batch renews once, whichever callback runs first. Outside a
    # transaction on_commit runs at once.
    transaction.on_commit(changes.flush, using=connection.alias)


# ---------------------------------------------------------------------------------------------
# What a rendering reads.

_reading: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("kenes_cache_reading", default=None)


@contextlib.contextmanager
def recording() -> Iterator[set[str]]:
    """Collect the tracked tables that queries read inside the block (nested blocks add to outer ones)."""
    outer = _reading.get()
    tables: set[str] = set()
    token = _reading.set(tables)
    try:
        yield tables
    finally:
        _reading.reset(token)
        if outer is not None:
            outer |= tables


def observe(execute, sql, params, many, context):
    """The connection hook (installed on every connection in CoreConfig.ready)."""
    result = execute(sql, params, many, context)
    text = sql if isinstance(sql, str) else str(sql)
    reading = _reading.get()
    if reading is not None:
        reading.update(name for name in _NAME.findall(text) if name in tracked_tables())
    if _MAY_WRITE.search(text):
        written = {name for name in _WRITE.findall(text) if name in tracked_tables()}
        if written:
            _written(context["connection"], written)
    return result


def install(connection: Any, **kwargs: Any) -> None:
    """connection_created receiver: observe every query of the connection."""
    if observe not in connection.execute_wrappers:
        connection.execute_wrappers.append(observe)


# ---------------------------------------------------------------------------------------------
# Cached values and responses.


def _fresh(entry: Any) -> bool:
    return isinstance(entry, tuple) and len(entry) == 3 and versions(entry[0]) == entry[1]


def remember(key: str, produce: Callable[[], T], timeout: int, *, keep: Callable[[T], Any] = lambda value: value) -> T:
    """The value stored under `key` while none of the tables it was made from has changed, else
    `produce()` (stored as `keep(value)` unless that is None). `keep` may turn the value into
    what is stored; a stored entry is returned as stored."""
    entry = cache.get(key)
    if _fresh(entry):
        reading = _reading.get()
        if reading is not None:  # a fragment inside a page: the page depends on what it read
            reading.update(entry[0])
        return entry[2]
    before = dict(zip(all_tables(), versions(all_tables()), strict=True))
    with recording() as read:
        value = produce()
        stored = keep(value)
    if stored is not None:
        tables = tuple(sorted(read))
        cache.set(key, (tables, tuple(before[table] for table in tables), stored), timeout)
    return value


# Entries keep large bodies gzip-compressed (compressed once, when stored): browsers, which all
# accept gzip, get a fraction of the bytes, and the shared cache moves a fraction of them too.
# The rare client without gzip gets the body decompressed.
COMPRESS_MIN_BYTES = 1024


# Headers a cached answer keeps besides its type: a download keeps its file name, a page its language.
KEPT_HEADERS = ("Content-Disposition", "Content-Language")


def pack(response: HttpResponse) -> tuple:
    """A cache entry for a rendered response: (body, compressed?, content type, status, headers)."""
    content = response.content
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    if len(content) >= COMPRESS_MIN_BYTES:
        return (gzip.compress(content, 6), True, response["Content-Type"], response.status_code, headers)
    return (content, False, response["Content-Type"], response.status_code, headers)


def unpack(request: HttpRequest, entry: tuple) -> HttpResponse:
    """The response for `request` from a cache entry: compressed when the client accepts gzip."""
    body, compressed, content_type, status, headers = entry
    if compressed and "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", ""):
        response = HttpResponse(body, content_type=content_type, status=status)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(body) if compressed else body, content_type=content_type, status=status)
    for name, value in headers.items():
        response[name] = value
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


def cached_response(request: HttpRequest, key: str, produce: Callable[[], HttpResponse], timeout: int) -> HttpResponse:
    """`produce()`'s response, kept under `key` (compressed) while the tables it read keep their
    versions. Only a 200 or 404 answer that sets no cookie is kept."""

    def render() -> HttpResponse:
        response = produce()
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        return response

    def keep(response: HttpResponse) -> tuple | None:
        if response.status_code in (200, 404) and not response.cookies and not response.streaming:
            return pack(response)
        return None

    result = remember(key, render, timeout, keep=keep)
    return unpack(request, result) if isinstance(result, tuple) else result


def _cacheable(request: HttpRequest) -> bool:
    return bool(
        settings.KENES_PUBLIC_CACHE
        and request.method == "GET"
        and not request.user.is_authenticated
        # A visitor with a session may have flash messages waiting: render their page afresh.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def serve_cached(request: HttpRequest, produce: Callable[[], HttpResponse]) -> HttpResponse:
    """The response for an anonymous GET from the shared cache, else from `produce()` (then stored)."""
    if not _cacheable(request):
        return produce()
    key = f"kenes:page:{get_language()}:{request.get_full_path()}"
    response = cached_response(request, key, produce, settings.KENES_PUBLIC_CACHE_SECONDS)
    patch_vary_headers(response, ["Cookie", "Accept-Language"])
    return response


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve GET requests of anonymous visitors from the shared cache."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return serve_cached(request, lambda: view(request, *args, **kwargs))

    return wrapper


class PublicApiCacheMiddleware:
    """The public API's GET answers for anonymous clients, from the same shared cache as the pages
    and expired the same way. Signed-in staff, who may see drafts, are never cached."""

    prefix = "/api/v1/"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(self.prefix):
            return self.get_response(request)
        return serve_cached(request, lambda: self.get_response(request))
