"""Whole-page cache for anonymous visitors of public pages.

Entries are keyed by a generation number kept in the shared cache; any staff change bumps it
(see audit.audit_record), so no app server ever serves a page older than the last change.
"""

from __future__ import annotations

import functools
import gzip
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

GENERATION_KEY = "kenes:public:generation"


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return int(value)


def bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


# Entries keep large bodies gzip-compressed (compressed once, when stored): browsers, which all
# accept gzip, get a fraction of the bytes, and the shared cache moves a fraction of them too.
# The rare client without gzip gets the body decompressed.
COMPRESS_MIN_BYTES = 1024


def pack(response: HttpResponse) -> tuple:
    """A cache entry for a rendered response: (body, compressed?, content type, status)."""
    content = response.content
    if len(content) >= COMPRESS_MIN_BYTES:
        return (gzip.compress(content, 6), True, response["Content-Type"], response.status_code)
    return (content, False, response["Content-Type"], response.status_code)


def unpack(request: HttpRequest, entry: tuple) -> HttpResponse:
    """The response for `request` from a cache entry: compressed when the client accepts gzip."""
    body, compressed, content_type, status = entry
    if compressed and "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", ""):
        response = HttpResponse(body, content_type=content_type, status=status)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(body) if compressed else body, content_type=content_type, status=status)
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


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
    key = f"kenes:page:{generation()}:{get_language()}:{request.get_full_path()}"
    cached = cache.get(key)
    if cached is not None and len(cached) == 4:
        response = unpack(request, cached)
    else:
        response = produce()
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code in (200, 404) and not response.cookies and not response.streaming:
            cache.set(key, pack(response), settings.KENES_PUBLIC_CACHE_SECONDS)
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
    (every audited change expires both). Signed-in staff, who may see drafts, are never cached."""

    prefix = "/api/v1/"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(self.prefix):
            return self.get_response(request)
        return serve_cached(request, lambda: self.get_response(request))
