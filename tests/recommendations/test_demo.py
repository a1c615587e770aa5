import datetime

import pytest

from kenes.recommendations.demo import load_demo
from kenes.recommendations.models import OutcomeEvent, Package, Recommendation
from kenes.recommendations.selectors import recommendation_figures
from kenes.registry.models import Organization

pytestmark = pytest.mark.django_db


def test_demo_package_follows_the_recommendations_to_law_157_vii(reference):
    package = load_demo()
    again = load_demo()
    assert again.pk == package.pk and Package.objects.count() == 1 and Recommendation.objects.count() == 3
    assert package.is_demo and package.is_public
    assert package.title["ru"] == "О дальнейшем укреплении роли маслихатов"
    assert "approximate" in package.summary["en"]
    gov = Organization.objects.get(name__ru="Правительство Республики Казахстан")
    recs = list(package.recommendations.order_by("number"))
    assert [r.status for r in recs] == ["implemented", "implemented", "accepted"]
    assert all(r.addressee == gov and r.is_demo for r in recs)
    first_act = recs[0].events.get(status="implemented")
    assert first_act.act_number == "157-VII" and first_act.act_date == datetime.date(2022, 11, 5)
    assert first_act.date == datetime.date(2023, 1, 1) and "chairman" in first_act.text["en"]
    assert recs[1].events.filter(status="partially_accepted").exists()
    assert "only in part" in recs[1].events.get(status="implemented").text["en"]
    assert OutcomeEvent.objects.filter(status="sent", text__en__icontains="approximate").count() == 3
    figures = recommendation_figures(package.recommendations.all())
    assert figures.implemented_share == 66.7 and figures.median_days_to_response == 45.0


def test_demo_uses_the_portal_government_when_present(reference):
    from kenes.portal.demo import load_demo as load_portal

    load_portal(accounts=False)
    before = Organization.objects.filter(name__ru="Правительство Республики Казахстан").count()
    load_demo()
    assert Organization.objects.filter(name__ru="Правительство Республики Казахстан").count() == before == 1


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_demo_pages_in_each_language(client, reference, lang):
    from django.urls import reverse
    from django.utils import translation

    package = load_demo()
    first = package.recommendations.get(number=1)
    with translation.override(lang):
        package_url = reverse("recommendations:package-detail", args=[package.pk])
        rec_url = reverse("recommendations:recommendation-detail", args=[first.pk])
    html = client.get(package_url).content.decode()
    assert package.title[lang] in html and 'class="demo-banner"' in html
    html = client.get(rec_url).content.decode()
    assert (
        first.text[lang] in html and "157-VII" in html and 'href="https://adilet.zan.kz/rus/docs/Z010000148_"' in html
    )
    assert html.count('<li data-status="') == 5
