"""Whole-page cache for anonymous visitors of public pages.

Entries are keyed by a generation number kept in the shared cache; any staff change bumps it
(see audit.audit_record), so no app server ever serves a page older than the last change.
"""

from __future__ import annotations

import functools
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


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve GET requests of anonymous visitors from the shared cache."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        cacheable = (
            settings.KENES_PUBLIC_CACHE
            and request.method == "GET"
            and not request.user.is_authenticated
            # A visitor with a session may have flash messages waiting: render their page afresh.
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
        )
        if not cacheable:
            return view(request, *args, **kwargs)
        key = f"kenes:page:{generation()}:{get_language()}:{request.get_full_path()}"
        cached = cache.get(key)
        if cached is not None:
            content, content_type, status = cached
            response = HttpResponse(content, content_type=content_type, status=status)
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code in (200, 404) and not response.cookies:
                cache.set(
                    key,
                    (response.content, response["Content-Type"], response.status_code),
                    settings.KENES_PUBLIC_CACHE_SECONDS,
                )
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper
