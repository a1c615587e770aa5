"""End to end in a real Chromium: the secretariat signs in, creates the 21 October 2020 session,
sets its agenda, marks the 17 regions of 2020 as remote participants and announces it; an
anonymous visitor then sees the 17 regions on the public session page."""

from __future__ import annotations

import datetime
import re
import shutil

import pytest
from django.db import connections
from django.utils import translation

from kenes.councils.models import Participation, Session
from kenes.registry.models import Maslikhat, Region
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; Django's ORM must still be allowed here.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    assert shutil.which(CHROMIUM), "Debian's Chromium is required: apt-get install -y chromium"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
            # Queries made while Playwright's loop runs may hold their own connection; close it so
            # that the test database can be dropped afterwards.
            connections.close_all()


def test_secretariat_creates_and_announces_a_session_with_17_remote_regions(live_server, reference, browser):
    UserFactory(username="clerk", role="secretariat")
    base = live_server.url
    day = datetime.date(2020, 10, 21)
    regions = list(Region.objects.filter(Region.q_valid_on(day)).order_by("kato"))
    assert len(regions) == 17

    context = browser.new_context(locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()

    # The main call to action looks like one: a filled button, not a plain link.
    page.goto(f"{base}/en/")
    cta = page.locator("nav.main a.cta")
    assert cta.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(0, 85, 127)"
    assert cta.evaluate("e => getComputedStyle(e).color") == "rgb(255, 255, 255)"

    # Sign in through the login page; the workspace opens on the session list.
    page.goto(f"{base}/en/accounts/login/")
    page.fill("input[name=username]", "clerk")
    page.fill("input[name=password]", "pw-for-tests-1")
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(re.compile(r"/en/staff/councils/$"))
    assert page.locator("h1").inner_text() == "Council sessions"

    # Create the session through the form.
    page.click("text=New session")
    page.fill("input[name=title_0]", "Мәслихаттармен өзара іс-қимыл жөніндегі кеңес отырысы")
    page.fill("input[name=title_1]", "Заседание Совета по взаимодействию с маслихатами")
    page.fill("input[name=title_2]", "Session of the Council for interaction with maslikhats")
    page.select_option("select[name=kind]", "regular")
    page.fill("input[name=starts_at]", "2020-10-21T10:00")
    page.select_option("select[name=format]", "videoconference")
    page.click("button:has-text('Create the session')")
    page.wait_for_url(re.compile(r"/en/staff/councils/sessions/\d+/$"))
    session = Session.objects.get()
    assert session.status == Session.Status.DRAFT and session.date == day

    # An agenda item, marked as the main question.
    page.fill("input[name=agenda-title_0]", "Мәслихаттардың өкілеттіктерін кеңейту туралы")
    page.fill("input[name=agenda-title_1]", "О расширении полномочий маслихатов")
    page.check("input[name=agenda-is_main]")
    page.click("button:has-text('Add to the agenda')")
    page.wait_for_selector("text=The agenda item was added.")
    assert page.locator("ol.agenda .badge").inner_text() == "Main question"

    # The participation screen lists the 17 regions of 2020; set them all to remote.
    page.click("nav.tabs >> text=Participation")
    page.wait_for_url(re.compile(r"/participation/$"))
    rows = page.locator("table.participation tbody tr")
    assert rows.count() == 17
    page.click("button[name=all_remote]")
    page.wait_for_selector("text=All 17 maslikhats now take part remotely.")
    for index in range(17):
        assert rows.nth(index).locator("select").input_value() == "remote"
    regional = set(Maslikhat.objects.filter(level="regional", region__in=regions).values_list("pk", flat=True))
    assert set(session.participations.filter(mode="remote").values_list("maslikhat_id", flat=True)) == regional

    # Announce it.
    page.click("nav.tabs >> text=Details and agenda")
    page.click("button:has-text('Announce')")
    page.wait_for_selector("text=The session is announced and now public.")
    assert page.locator("[data-status]").first.get_attribute("data-status") == "announced"
    context.close()

    # An anonymous visitor sees the session in Kazakh with the 17 regions taking part remotely.
    visitor = browser.new_context()
    visitor.set_default_timeout(15_000)
    public = visitor.new_page()
    response = public.goto(f"{base}/kk/sessions/{session.pk}/")
    assert response is not None and response.status == 200
    assert public.locator("html").get_attribute("lang") == "kk"
    assert "Мәслихаттармен өзара іс-қимыл жөніндегі кеңес отырысы" in public.locator("h1").inner_text()
    with translation.override("kk"):
        remote = str(Participation.Mode.REMOTE.label)
    table_rows = public.locator("section[aria-labelledby=participants-h] table tbody tr")
    assert table_rows.count() == 17
    seen = {}
    for index in range(17):
        cells = table_rows.nth(index).locator("td")
        seen[cells.nth(0).inner_text().strip()] = cells.nth(2).inner_text().strip()
    assert seen == {region.name_on(day)["kk"]: remote for region in regions}  # Nur-Sultan in 2020
    visitor.close()
