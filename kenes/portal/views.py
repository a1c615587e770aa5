from django.http import HttpRequest, HttpResponse


def bare(request: HttpRequest) -> HttpResponse:
    """The benchmark's baseline: the cheapest view Django can serve (also a health check)."""
    return HttpResponse("ok", content_type="text/plain")


def robots_txt(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        "User-agent: *\nDisallow: /kk/staff/\nDisallow: /ru/staff/\nDisallow: /en/staff/\n", content_type="text/plain"
    )
