"""On a 360 px phone no public page scrolls sideways, in any language (a real Chromium over the
demo content)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from kenes.councils.models import Session
from kenes.plans.models import WorkPlan
from kenes.registry.models import Maslikhat
from tests.browser.test_session_e2e import browser  # noqa: F401 - the Chromium fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 360


def test_public_pages_fit_a_360_px_phone(live_server, browser, settings):  # noqa: F811
    settings.KENES_PUBLIC_CACHE = False
    call_command("load_demo", "--force", "--no-accounts", verbosity=0)
    session = Session.objects.filter(status=Session.Status.MINUTES_PUBLISHED).order_by("starts_at").first()
    plan = WorkPlan.objects.order_by("pk").first()
    maslikhat = Maslikhat.objects.get(region__kato="150000000", level=Maslikhat.Level.REGIONAL)
    paths = [
        "/{lang}/",
        f"/{{lang}}/sessions/{session.pk}/",
        f"/{{lang}}/sessions/{session.pk}/minutes/",
        f"/{{lang}}/plans/{plan.pk}/",
        "/{lang}/regions/",
        "/{lang}/insights/",
        "/{lang}/voters/mandates/",
        f"/{{lang}}/appeals/maslikhats/{maslikhat.pk}/write/",
    ]
    context = browser.new_context(viewport={"width": WIDTH, "height": 740})
    page = context.new_page()
    too_wide = []
    for lang in ("kk", "ru", "en"):
        for path in paths:
            url = live_server.url + path.format(lang=lang)
            assert page.goto(url).status == 200, url
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > WIDTH:
                too_wide.append((url, width))
    context.close()
    assert too_wide == []
