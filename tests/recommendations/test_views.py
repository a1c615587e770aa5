import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kenes.core.models import CalendarDay
from kenes.recommendations import selectors, services
from kenes.recommendations.models import Status
from tests.factories import CouncilFactory, OrganizationFactory, UserFactory
from tests.recommendations.helpers import (
    START,
    government,
    make_package,
    make_recommendation,
    private_package,
    step_data,
    walk_to,
)

pytestmark = pytest.mark.django_db


def url(name, lang="en", *args):
    with translation.override(lang):
        return reverse(name, args=args)


def test_package_list_shows_public_packages_and_figures(client):
    clerk = UserFactory(role="secretariat")
    package = make_package(actor=clerk)
    walk_to(make_recommendation(package=package), Status.IMPLEMENTED)
    make_recommendation(package=package, text="Second")
    hidden = private_package(package.council, clerk)
    html = client.get(url("recommendations:package-list")).content.decode()
    assert "On strengthening the role of maslikhats" in html and "Unpublished package" not in html
    assert html.count("<h1>") == 1
    assert '<dd data-figure="implemented-share">50.0% (1)</dd>' in html
    assert '<dd data-figure="total">2</dd>' in html
    assert f"/recommendations/packages/{package.pk}/" in html and f"/packages/{hidden.pk}/" not in html


def test_package_page_lists_recommendations_with_addressees_and_status(client):
    package = make_package()
    gov = government()
    ministry = OrganizationFactory(kind="government", name={"en": "Ministry of Tests"})
    first = services.recommendation_create(
        package=package, actor=None, data={"text": {"en": "Raise the status"}}, addressees=[gov, ministry]
    )
    walk_to(first, Status.PARTIALLY_ACCEPTED)
    response = client.get(url("recommendations:package-detail", "en", package.pk))
    html = response.content.decode()
    assert "Raise the status" in html and "Government of Testland" in html and "Ministry of Tests" in html
    assert '<span class="status status-partially_accepted">Partially accepted</span>' in html
    assert f"/en/recommendations/{first.pk}/" in html


def test_package_page_in_kazakh_falls_back_and_marks_demo(client):
    package = make_package(is_demo=True, title={"kk": "Ұсынымдар топтамасы", "en": "Package"})
    html = client.get(url("recommendations:package-detail", "kk", package.pk)).content.decode()
    assert "Ұсынымдар топтамасы" in html and 'class="demo-banner"' in html


def test_recommendation_page_shows_the_timeline_with_act_link(client):
    rec = walk_to(make_recommendation(), Status.IMPLEMENTED)
    html = client.get(url("recommendations:recommendation-detail", "en", rec.pk)).content.decode()
    assert html.count('<li data-status="') == 5
    for label in ("Adopted", "Sent to the addressee", "Response received", "Accepted", "Implemented"):
        assert f"<strong>{label}</strong>" in html
    assert '<a href="https://adilet.zan.kz/rus/docs/Z010000148_" rel="external noopener">Law No. 157-VII</a>' in html
    assert "Government of Testland" in html and "Response text 2021-03-21" in html
    assert "(final)" in html


def test_unpublished_package_and_its_recommendations_are_not_found(client):
    clerk = UserFactory(role="secretariat")
    hidden = private_package(CouncilFactory(), clerk)
    rec = make_recommendation(package=hidden)
    assert client.get(url("recommendations:package-detail", "en", hidden.pk)).status_code == 404
    assert client.get(url("recommendations:recommendation-detail", "en", rec.pk)).status_code == 404
    assert client.get(url("recommendations:package-detail", "en", 999999)).status_code == 404


def _count(client, package) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("recommendations:package-detail", "en", package.pk))
    assert response.status_code == 200
    return len(queries)


def _filled_package(n: int):
    package = make_package()
    gov = government()
    others = [OrganizationFactory() for _ in range(3)]
    for i in range(n):
        rec = services.recommendation_create(
            package=package, actor=None, data={"text": {"en": f"Rec {i}"}}, addressees=[gov, *others[: i % 4]]
        )
        walk_to(rec, [Status.IMPLEMENTED, Status.ADOPTED, Status.SENT, Status.CLOSED][i % 4])
    return package


def test_package_page_runs_a_constant_number_of_queries(client, django_assert_num_queries):
    small = _filled_package(1)
    large = _filled_package(12)
    expected = _count(client, small)
    assert expected <= 10
    with django_assert_num_queries(expected):
        response = client.get(url("recommendations:package-detail", "en", large.pk))
    assert response.content.decode().count("/en/recommendations/") >= 12


def test_recommendation_page_and_list_run_a_constant_number_of_queries(client, settings, django_assert_num_queries):
    settings.KENES_PUBLIC_CACHE = False  # every request renders
    small = _filled_package(1)
    rec = small.recommendations.get()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("recommendations:recommendation-detail", "en", rec.pk)).status_code == 200
    expected = len(queries)
    big = walk_to(make_recommendation(), Status.IMPLEMENTED)
    with django_assert_num_queries(expected):
        response = client.get(url("recommendations:recommendation-detail", "en", big.pk))
    assert response.status_code == 200
    assert response.content.decode().count('<li data-status="') == 5  # the whole timeline was rendered
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("recommendations:package-list")).status_code == 200
    expected = len(queries)
    _filled_package(8)
    with django_assert_num_queries(expected):
        response = client.get(url("recommendations:package-list"))
    assert response.status_code == 200


# --- figures ------------------------------------------------------------------------------


def _answered(package, sent: datetime.date, answered: datetime.date):
    rec = make_recommendation(package=package)
    services.recommendation_transition(recommendation=rec, actor=None, to_status="sent", data={"date": sent})
    services.recommendation_transition(
        recommendation=rec, actor=None, to_status="response_received", data=step_data("response_received", answered)
    )
    return rec


def test_figures_median_days_in_calendar_and_working_days_across_holidays():
    # Nauryz 2021: 22-23 March were days off (Monday, Tuesday) in this test's calendar.
    CalendarDay.objects.get_or_create(date=datetime.date(2021, 3, 22), defaults={"kind": CalendarDay.Kind.HOLIDAY})
    CalendarDay.objects.get_or_create(date=datetime.date(2021, 3, 23), defaults={"kind": CalendarDay.Kind.HOLIDAY})
    package = make_package()
    _answered(package, datetime.date(2021, 3, 19), datetime.date(2021, 3, 26))  # 7 days, Wed-Fri = 3 working
    _answered(package, datetime.date(2021, 3, 1), datetime.date(2021, 3, 15))  # 14 days, 10 working
    _answered(package, datetime.date(2021, 3, 1), datetime.date(2021, 3, 3))  # 2 days, 2 working
    walk_to(make_recommendation(package=package), Status.IMPLEMENTED)  # START+10 -> +20: 10 days
    make_recommendation(package=package)  # not sent: not counted
    figures = selectors.recommendation_figures(package.recommendations.all())
    assert figures.total == 5 and figures.implemented == 1 and figures.implemented_share == 20.0
    assert figures.responses == 4
    assert figures.median_days_to_response == 8.5  # median of 2, 7, 10, 14
    # 2021-03-11 -> 2021-03-21: 6 working days (Mar 12, 15-19); median of 2, 3, 6, 10
    assert figures.median_working_days_to_response == 4.5
    counts = {row.status: row.count for row in figures.by_status}
    assert counts["response_received"] == 3 and counts["adopted"] == 1 and counts["implemented"] == 1
    assert len(figures.by_status) == len(Status.values)


def test_figures_of_nothing():
    figures = selectors.recommendation_figures(make_package().recommendations.all())
    assert figures.total == 0 and figures.implemented_share is None and figures.median_days_to_response is None


# --- staff pages ----------------------------------------------------------------------------


def test_staff_forms_offer_only_the_allowed_next_steps(client):
    clerk = UserFactory(role="secretariat")
    client.force_login(clerk)
    rec = make_recommendation()
    page = url("recommendations-staff:recommendation", "en", rec.pk)
    html = client.get(page).content.decode()
    assert 'data-step="sent"' in html and 'data-step="closed"' in html
    assert 'data-step="implemented"' not in html and 'data-step="response_received"' not in html
    walk_to(rec, Status.RESPONSE_RECEIVED)
    html = client.get(page).content.decode()
    steps = {s for s in Status.values if f'data-step="{s}"' in html}
    assert steps == {"accepted", "partially_accepted", "rejected", "closed"}
    walk_to(rec, Status.CLOSED, start=START + datetime.timedelta(days=40))
    html = client.get(page).content.decode()
    assert "data-step=" not in html and "final" in html


def test_staff_records_a_response_and_sees_field_errors(client):
    clerk = UserFactory(role="secretariat")
    client.force_login(clerk)
    rec = walk_to(make_recommendation(), Status.SENT)
    target = url("recommendations-staff:transition", "en", rec.pk, "response_received")
    response = client.post(target, {"response_received-date": "2021-04-01"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter this in at least one language" in html or "This field is required" in html
    gov = government()
    response = client.post(
        target,
        {
            "response_received-date": "2021-04-01",
            "response_received-body": str(gov.pk),
            "response_received-text_2": "We agree",
        },
    )
    assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.status == Status.RESPONSE_RECEIVED
    assert rec.events.get(status="response_received").text["en"] == "We agree"


def test_staff_service_error_is_shown_on_the_form_not_a_500(client):
    clerk = UserFactory(role="secretariat")
    client.force_login(clerk)
    rec = walk_to(make_recommendation(), Status.SENT)  # sent on START + 10
    response = client.post(
        url("recommendations-staff:transition", "en", rec.pk, "closed"),
        {"closed-date": "2021-03-02", "closed-reason_2": "Obsolete"},
    )
    assert response.status_code == 400
    assert "cannot be before the previous step" in response.content.decode()


def test_a_stale_step_is_explained(client):
    clerk = UserFactory(role="secretariat")
    client.force_login(clerk)
    rec = make_recommendation()
    response = client.post(
        url("recommendations-staff:transition", "en", rec.pk, "implemented"),
        {"implemented-act_date": "2021-04-01"},
        follow=True,
    )
    assert "cannot become" in response.content.decode()
    rec.refresh_from_db()
    assert rec.status == Status.ADOPTED
    assert client.post(url("recommendations-staff:transition", "en", rec.pk, "bogus")).status_code == 404


def test_staff_creates_a_package_and_adds_recommendations(client):
    clerk = UserFactory(role="secretariat")
    council = CouncilFactory()
    client.force_login(clerk)
    response = client.post(
        url("recommendations-staff:package-create"),
        {"title_1": "О дальнейшем укреплении роли маслихатов", "adopted_on": "2019-10-01"},
    )
    assert response.status_code == 302
    package = council.recommendation_packages.get()
    gov = government()
    minister = OrganizationFactory(kind="government")
    response = client.post(
        url("recommendations-staff:recommendation-add", "en", package.pk),
        {
            "rec-text_1": "Повысить статус секретаря",
            "rec-addressee": str(gov.pk),
            "rec-other_addressees": [str(minister.pk)],
        },
    )
    assert response.status_code == 302
    rec = package.recommendations.get()
    assert rec.number == 1 and set(rec.addressees.all()) == {gov, minister}
    html = client.get(url("recommendations-staff:package", "en", package.pk)).content.decode()
    assert "Повысить статус секретаря" in html
    # a package without a date and without a decision is refused with a message
    response = client.post(url("recommendations-staff:package-create"), {"title_0": "Күнсіз"})
    assert response.status_code == 200 and "Enter the date the package was adopted" in response.content.decode()


def test_organisation_page_lists_recommendations_addressed_to_it(client):
    rec = make_recommendation()
    html = client.get(url("registry:organization-detail", "en", rec.addressee_id)).content.decode()
    assert "Recommendations of the council addressed here" in html and f"/en/recommendations/{rec.pk}/" in html


def test_staff_records_an_implementation_with_its_act(client):
    client.force_login(UserFactory(role="secretariat"))
    rec = walk_to(make_recommendation(), Status.ACCEPTED)
    target = url("recommendations-staff:transition", "en", rec.pk, "implemented")
    response = client.post(target, {"implemented-act_number": "157-VII"})
    assert response.status_code == 400 and 'data-step="implemented"' in response.content.decode()
    response = client.post(
        target,
        {
            "implemented-act_title_1": "Закон № 157-VII",
            "implemented-act_number": "157-VII",
            "implemented-act_date": "2022-11-05",
            "implemented-date": "2023-01-01",
            "implemented-act_url": "adilet.zan.kz/rus/docs/Z010000148_",
        },
    )
    assert response.status_code == 302
    event = rec.events.get(status="implemented")
    assert event.date == datetime.date(2023, 1, 1) and event.act_date == datetime.date(2022, 11, 5)
    assert event.act_url == "https://adilet.zan.kz/rus/docs/Z010000148_"
