import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from kenes.councils.models import MinutesFile, Session
from tests.portal.builders import KK_QUOTE, RU_QUOTE, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_settings(settings):
    settings.WHITENOISE_AUTOREFRESH = True
    settings.KENES_PUBLIC_CACHE = False


def url(name: str, lang: str, pk: int) -> str:
    with translation.override(lang):
        return reverse(name, args=[pk])


def test_minutes_html_in_kazakh(client, reference):
    session = make_session(reference, maslikhats=3, statements=2)
    response = client.get(url("councils:session-minutes", "kk", session.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="kk">' in html
    assert "DejaVu Sans" in html  # a font with Kazakh glyphs
    assert reference.name["kk"] in html
    assert session.title["kk"] in html and session.title["ru"] not in html
    assert session.chair.name["kk"] in html
    assert "Мәслихаттардың рөлін арттыру" in html  # the agenda in Kazakh
    assert f"<blockquote>{KK_QUOTE}</blockquote>" in html
    assert "№ 1." in html
    for participation in session.participations.filter(maslikhat__isnull=False):
        assert participation.maslikhat.region.name["kk"] in html
    assert len(re.findall(r"<h1[ >]", html)) == 1


def test_minutes_html_in_russian(client, reference):
    session = make_session(reference)
    html = client.get(url("councils:session-minutes", "ru", session.pk)).content.decode()
    assert '<html lang="ru">' in html
    assert f"<blockquote>{RU_QUOTE}</blockquote>" in html
    assert "О повышении роли маслихатов" in html


def test_minutes_pdf_rendered_on_the_fly(client, reference):
    session = make_session(reference)
    response = client.get(url("councils:session-minutes-pdf", "kk", session.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert not MinutesFile.objects.exists()


def test_minutes_pdf_served_from_stored_file(client, reference):
    session = make_session(reference)
    stored = MinutesFile(session=session, language="ru")
    stored.pdf.save("minutes-test-ru.pdf", ContentFile(b"%PDF-1.7 stored minutes"), save=True)
    response = client.get(url("councils:session-minutes-pdf", "ru", session.pk))
    assert response.content == b"%PDF-1.7 stored minutes"
    # another language has no stored file: rendered now
    other = client.get(url("councils:session-minutes-pdf", "en", session.pk))
    assert other.content.startswith(b"%PDF") and other.content != b"%PDF-1.7 stored minutes"


@pytest.mark.parametrize("status", [Session.Status.DRAFT, Session.Status.ANNOUNCED, Session.Status.HELD])
def test_minutes_404_until_published(client, reference, secretariat, status):
    session = make_session(reference, status=status)
    client.force_login(secretariat)
    assert client.get(url("councils:session-minutes", "en", session.pk)).status_code == 404
    assert client.get(url("councils:session-minutes-pdf", "en", session.pk)).status_code == 404


def test_minutes_page_has_a_way_back_and_a_main_landmark_but_the_pdf_does_not_navigate(client, reference):
    from kenes.councils.minutes import minutes_html

    session = make_session(reference)
    html = client.get(url("councils:session-minutes", "en", session.pk)).content.decode()
    assert "<main>" in html and "</main>" in html
    assert f'href="/en/sessions/{session.pk}/"' in html and 'href="/en/"' in html
    printed = minutes_html(session, "en")  # what the PDF is made from
    assert "<main>" in printed and f'href="/en/sessions/{session.pk}/"' not in printed
