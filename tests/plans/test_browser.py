"""End to end in a real Chromium: a maslikhat reports on a plan item, the secretariat returns the
report, the maslikhat reports again, the secretariat accepts, and the public plan page shows the
progress."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from kenes.plans import services
from kenes.plans.models import PlanReport
from tests.browser.test_session_e2e import browser  # noqa: F401 - the shared Chromium fixture
from tests.factories import CouncilFactory, MaslikhatFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/en/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-for-tests-1")
    page.click("form.stacked button[type=submit]")
    page.wait_for_load_state()


def test_report_returned_then_accepted_shows_on_the_public_page(live_server, browser):  # noqa: F811
    clerk = UserFactory(username="clerk", role="secretariat")
    aktobe = MaslikhatFactory(name={"kk": "Ақтөбе облыстық мәслихаты", "ru": "", "en": "Aktobe regional maslikhat"})
    UserFactory(username="aktobe", role="maslikhat_staff", maslikhat=aktobe)
    plan = services.plan_create(
        council=CouncilFactory(),
        actor=clerk,
        data={
            "title": {"kk": "Жұмыс жоспары", "ru": "План работы", "en": "Forward work plan"},
            "period_start": timezone.localdate() - datetime.timedelta(days=30),
            "period_end": timezone.localdate() + datetime.timedelta(days=300),
        },
    )
    item = services.plan_item_create(
        plan=plan,
        actor=clerk,
        data={
            "title": {"kk": "Дәрістер", "ru": "Лекции", "en": "Lectures by the Union of Lawyers"},
            "deadline": timezone.localdate() + datetime.timedelta(days=60),
        },
        assignee_maslikhats=[aktobe],
    )
    base = live_server.url

    maslikhat = browser.new_context(locale="en-GB")
    maslikhat.set_default_timeout(15_000)
    m_page = maslikhat.new_page()
    sign_in(m_page, base, "aktobe")
    m_page.goto(f"{base}/en/staff/plans/my/")
    assert m_page.locator("h1").inner_text() == "My plan items"
    m_page.click("text=Lectures by the Union of Lawyers")
    m_page.wait_for_url(re.compile(rf"/en/staff/plans/my/items/{item.pk}/$"))
    m_page.fill("textarea[name=text]", "One lecture held.")
    m_page.click("button:has-text('Send the report')")
    m_page.wait_for_selector("text=Your report was sent to the secretariat.")
    assert m_page.locator("[data-my-state]").inner_text() == "Reported, awaiting review"

    secretariat = browser.new_context(locale="en-GB")
    secretariat.set_default_timeout(15_000)
    s_page = secretariat.new_page()
    sign_in(s_page, base, "clerk")
    s_page.goto(f"{base}/en/staff/plans/items/{item.pk}/")
    first = PlanReport.objects.get()
    s_page.fill(f"textarea[name=r{first.pk}-review_comment]", "Give the date and the number of deputies.")
    s_page.click("button[name=return]")
    s_page.wait_for_selector("text=was returned")
    assert s_page.locator(f"#report-{first.pk}").get_attribute("data-report-status") == "returned"

    m_page.reload()
    assert m_page.locator("[data-my-state]").inner_text() == "Returned"
    assert "Give the date and the number of deputies." in m_page.locator("ol.reports").inner_text()
    m_page.fill("textarea[name=text]", "Two lectures held on 12 March, 34 deputies took part.")
    m_page.click("button:has-text('Send the report')")
    m_page.wait_for_selector("text=Your report was sent to the secretariat.")
    assert m_page.locator("ol.reports > li").count() == 2

    s_page.reload()
    second = PlanReport.objects.exclude(pk=first.pk).get()
    s_page.locator(f"#report-{second.pk} button[name=accept]").click()
    s_page.wait_for_selector("text=was accepted")
    assert s_page.locator(f"#report-{second.pk}").get_attribute("data-report-status") == "accepted"
    maslikhat.close()
    secretariat.close()

    visitor = browser.new_context()
    visitor.set_default_timeout(15_000)
    public = visitor.new_page()
    response = public.goto(f"{base}/en/plans/{plan.pk}/")
    assert response is not None and response.status == 200
    row = public.locator(f"#item-{item.pk}")
    assert row.get_attribute("data-status") == "in_progress"
    assert row.locator("[data-progress]").inner_text() == "100 %"
    assert "reports accepted: 1 of 1" in row.inner_text()
    region_row = public.locator(f"tr[data-region='{aktobe.region.kato}']")
    assert region_row.locator("td").nth(1).inner_text() == "1"  # accepted
    assert "100 %" in region_row.inner_text()
    assert "Two lectures held" not in public.content()  # report texts are not public
    visitor.close()
