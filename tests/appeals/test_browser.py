"""End to end in a real Chromium: a citizen finds the maslikhat and writes in Kazakh, gets a
tracking code; staff answer; the citizen follows the code, reads the answer and rates it.
Selectors use names and attributes, not labels, so the test survives the translation catalogues."""

from __future__ import annotations

import csv
import io
import re

import pytest

from kenes.appeals.models import Appeal
from kenes.insights.rebuild import figures_rebuild
from kenes.registry.models import Maslikhat
from tests.browser.test_session_e2e import browser  # noqa: F401 - the Chromium fixture
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT_KK = "Біздің ауылдағы көше шамдары үш айдан бері жанбайды, балалар мектептен қараңғыда қайтады. Жөндеуді сұраймыз."
ANSWER_KK = "Өтінішіңіз қаралды: әкімдік көше шамдарын осы айдың соңына дейін жөндейді, жұмыс кестесі бекітілді."


def test_citizen_writes_in_kazakh_staff_answer_citizen_rates(live_server, reference, browser, mailoutbox):  # noqa: F811
    aktobe = Maslikhat.objects.get(region__kato="150000000", level="regional")
    UserFactory(username="aktobe-clerk", role="maslikhat_staff", maslikhat=aktobe)
    base = live_server.url

    citizen = browser.new_context(locale="kk-KZ", viewport={"width": 390, "height": 844})  # a phone
    citizen.set_default_timeout(15_000)
    page = citizen.new_page()
    page.goto(f"{base}/kk/appeals/")
    assert page.locator("html").get_attribute("lang") == "kk"
    page.click("a[href='/kk/appeals/regions/150000000/']")
    page.click(f"a[href='/kk/appeals/maslikhats/{aktobe.pk}/']")
    page.click(f"a[href='/kk/appeals/maslikhats/{aktobe.pk}/write/']")
    page.select_option("select[name=kind]", "complaint")
    page.fill("input[name=topic]", "Көше жарығы")
    page.fill("textarea[name=text]", TEXT_KK)
    page.select_option("select[name=language]", "kk")
    page.fill("input[name=name]", "Сынақ Азамат")
    page.fill("input[name=email]", "citizen@example.kz")
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(re.compile(r"/kk/appeals/sent/$"))
    code = page.locator("[data-code]").get_attribute("data-code")
    appeal = Appeal.objects.get(tracking_code=code)
    assert appeal.language == "kk" and appeal.status == "registered" and appeal.maslikhat == aktobe
    assert any(appeal.display_code in m.body for m in mailoutbox)
    assert "Сынақ Азамат" not in page.content()

    staff = browser.new_context(locale="en-GB")
    staff.set_default_timeout(15_000)
    desk = staff.new_page()
    desk.goto(f"{base}/en/accounts/login/")
    desk.fill("input[name=username]", "aktobe-clerk")
    desk.fill("input[name=password]", "pw-for-tests-1")
    desk.click("form.stacked button[type=submit]")
    desk.wait_for_load_state()
    desk.goto(f"{base}/en/staff/appeals/")
    desk.click(f"text={appeal.display_code}")
    desk.wait_for_url(re.compile(rf"/en/staff/appeals/{appeal.pk}/$"))
    assert "Сынақ Азамат" in desk.locator("dl.applicant").inner_text()
    desk.select_option("select[name=answer-outcome]", "satisfied")
    desk.fill("textarea[name=answer-answer_text]", ANSWER_KK)
    desk.click("form[action$='/answer/'] button[type=submit]")
    desk.wait_for_selector("[data-status=answered]")
    staff.close()

    page.goto(f"{base}/kk/appeals/track/")
    page.fill("input[name=code]", appeal.display_code)
    page.click("form.search button[type=submit]")
    page.wait_for_selector("[data-status=answered]")
    assert ANSWER_KK in page.locator(".answer").inner_text()
    # Each choice sits next to its label (they were about 200 px apart on a phone).
    for radio in page.locator("form[action$='/rate/'] input[type=radio]").all():
        label = page.locator(f"label[for='{radio.get_attribute('id')}']")
        box, text = radio.bounding_box(), label.bounding_box()
        assert abs(text["x"] - (box["x"] + box["width"])) < 24 or abs(box["x"] - (text["x"] + text["width"])) < 24
    page.check("input[name=rate-substance][value=yes]")
    page.check("input[name=rate-score][value='5']")
    page.click("form[action$='/rate/'] button[type=submit]")
    page.wait_for_selector("[data-rated]")
    appeal.refresh_from_db()
    assert appeal.rating_substance is True and appeal.rating_score == 5

    # The nightly rebuild runs; the public dashboard now counts the answered, rated appeal.
    before = aktobe_figures(page, base)
    figures_rebuild()
    page.goto(f"{base}/kk/insights/")
    after = aktobe_figures(page, base)
    assert (int(after["answered"] or 0), int(after["rated_substance"] or 0)) == (
        int(before["answered"] or 0) + 1,
        int(before["rated_substance"] or 0) + 1,
    )
    citizen.close()


def aktobe_figures(page, base: str) -> dict:
    """The Aktobe row of the dashboard's CSV export, fetched by the citizen's browser."""
    text = page.request.get(f"{base}/kk/insights/export.csv").text().lstrip("\ufeff")
    return next(row for row in csv.DictReader(io.StringIO(text)) if row["id"] == "150000000")
