"""No applicant's personal data on any public page, public API answer or feed — in any language,
whatever state the appeal is in."""

import pytest
from django.urls import reverse

from kenes.appeals import services
from kenes.appeals.models import Appeal
from tests.appeals.conftest import TEXT
from tests.factories import OrganizationFactory

SECRETS = {
    "name": "Зейнеп Құпиябекқызы",
    "iin": "880214401337",
    "phone": "+77019876543",
    "email": "zeinep.secret@example.kz",
    "address": "Құпия көшесі, 77-үй, 13-пәтер",
}
NEEDLES = [SECRETS["name"], "Құпиябек", SECRETS["iin"], "7019876543", "987 65 43", SECRETS["email"], "Құпия көшесі"]
ANSWER = "Құрметті Зейнеп Құпиябекқызы! Жарық шамдары ай соңына дейін жөнделеді. Сұрақтар болса 87019876543 нөміріне хабарласыңыз."


@pytest.fixture
def seeded(reference, make_user):
    from kenes.registry.models import Maslikhat

    masl = Maslikhat.objects.filter(level="regional").first()
    staff = make_user("maslikhat_staff", maslikhat=masl)
    appeals = []
    for n in range(5):
        data = services.AppealData(
            maslikhat=masl,
            kind="complaint",
            topic=f"Жарық {n}: {SECRETS['name']}",
            text=f"{TEXT} Мен {SECRETS['name']}, ЖСН {SECRETS['iin']}, тел {SECRETS['phone']}. Nr {n} unique{n}word{n}.",
            language="kk",
            applicant=services.ApplicantData(**SECRETS),
        )
        appeals.append(services.appeal_submit(data=data)[0])
    answered, rated, complained, forwarded, _open = appeals
    for appeal in (answered, rated, complained):
        services.appeal_answer(appeal=appeal, actor=staff, text=ANSWER, outcome="satisfied")
    services.appeal_rate(appeal=rated, substance=True, score=5)
    services.appeal_complain(appeal=complained, text=f"Жауап дұрыс емес, {SECRETS['name']}.")
    services.appeal_forward(appeal=forwarded, actor=staff, organization=OrganizationFactory())
    return masl, appeals


def _check(response, where):
    body = response.content.decode()
    for needle in NEEDLES:
        assert needle not in body, (where, needle)


def test_no_personal_data_on_public_pages_api_or_feed(client, seeded, django_capture_on_commit_callbacks):
    masl, appeals = seeded
    codes = [a.tracking_code for a in appeals] + [
        a.forwarded_as.tracking_code for a in Appeal.objects.filter(forwarded_as__isnull=False)
    ]
    urls = []
    for lang in ("kk", "ru", "en"):
        urls += [
            f"/{lang}/appeals/",
            f"/{lang}/appeals/regions/{masl.region.kato}/",
            f"/{lang}/appeals/maslikhats/{masl.pk}/",
            f"/{lang}/appeals/maslikhats/{masl.pk}/write/",
            f"/{lang}/appeals/track/",
            f"/{lang}/maslikhats/{masl.pk}/",
            f"/{lang}/feeds/changes.atom",
            f"/{lang}/",
        ]
        urls += [f"/{lang}/appeals/track/?code={code}" for code in codes]
    urls += ["/api/v1/appeals/stats"] + [f"/api/v1/appeals/track/{code}" for code in codes]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        _check(response, url)
    # The tracking pages really show the (masked) answer and the statuses.
    page = client.get(f"/kk/appeals/track/?code={appeals[0].tracking_code}").content.decode()
    assert "Жарық шамдары ай соңына дейін жөнделеді" in page and "[phone]" in page
    feed = client.get("/kk/feeds/changes.atom").content.decode()
    # The feed says which maslikhat answered which kind of appeal — never who wrote or what.
    assert f"{masl.name['kk']} азаматтың" in feed and "өтінішіне (шағым) жауап берді" in feed
    # The confirmation page and the API's answer to a submission.
    response = client.post(
        reverse("appeals:write", args=[masl.pk]),
        {
            "kind": "statement",
            "topic": "Тест",
            "text": TEXT + " walk",
            "language": "kk",
            "idempotency_key": "walk",
            **SECRETS,
        },
    )
    assert response.status_code == 302
    _check(client.get(response["Location"]), "sent")
    api = client.post(
        "/api/v1/appeals",
        {
            "maslikhat_id": masl.pk,
            "kind": "request",
            "topic": "API",
            "text": TEXT + " api walk",
            "language": "kk",
            "applicant": SECRETS,
        },
        content_type="application/json",
    )
    assert api.status_code == 201
    _check(api, "api post")
