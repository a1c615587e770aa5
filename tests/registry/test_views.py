import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from kenes.councils.models import Participation, Session, Statement
from kenes.registry.models import Maslikhat, Membership, Organization, Post, Region
from tests.factories import MaslikhatFactory, MembershipFactory, OrganizationFactory, PersonFactory
from tests.portal.builders import make_head, make_session

pytestmark = pytest.mark.django_db
LANGS = ("kk", "ru", "en")


@pytest.fixture(autouse=True)
def _page_settings(settings):
    settings.WHITENOISE_AUTOREFRESH = True
    settings.KENES_PUBLIC_CACHE = False


def url(name: str, lang: str = "kk", *args) -> str:
    with translation.override(lang):
        return reverse(name, args=args)


def assert_page(response, lang: str) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    return html


def region_rows(html: str) -> int:
    return len(re.findall(r'<tr class="region"', html))


@pytest.mark.parametrize("lang", LANGS)
def test_region_list_today_and_in_2020(client, reference, lang):
    html = assert_page(client.get(url("registry:region-list", lang)), lang)
    assert region_rows(html) == 20
    html = assert_page(client.get(url("registry:region-list", lang), {"on": "2020-10-21"}), lang)
    assert region_rows(html) == 17
    abai = Region.objects.get(name__en__startswith="Abai")
    assert abai.name[lang] not in html


def test_region_list_uses_the_name_of_the_day(client, reference):
    html = client.get(url("registry:region-list", "ru"), {"on": "2020-10-21"}).content.decode()
    assert ">Нур-Султан</a>" in html
    html = client.get(url("registry:region-list", "ru")).content.decode()
    assert ">Астана</a>" in html and "Нур-Султан" not in html


@pytest.mark.parametrize("bad", ["2020-13-45", "yesterday", "21.10.2020"])
def test_region_list_bad_date_gets_a_message(client, reference, bad):
    response = client.get(url("registry:region-list", "en"), {"on": bad})
    assert response.status_code == 400
    html = response.content.decode()
    assert "is not a date. Write it as YYYY-MM-DD" in html
    assert region_rows(html) == 20


@pytest.mark.parametrize("lang", LANGS)
def test_region_page_in_each_language(client, reference, lang):
    region = Region.objects.get(kato=Maslikhat.objects.filter(level="regional").first().region.kato)
    regional = region.maslikhats.get(level="regional")
    district = MaslikhatFactory(level=Maslikhat.Level.DISTRICT, region=region, parent=regional)
    head = make_head(regional, PersonFactory(name={"kk": "Төраға Ерлан", "ru": "Председатель Ерлан", "en": "Yerlan"}))
    session = make_session(reference, maslikhats=0)
    Participation.objects.create(session=session, maslikhat=regional, mode="remote", attended=True)
    draft = make_session(reference, status=Session.Status.DRAFT, maslikhats=0)
    Participation.objects.create(session=draft, maslikhat=regional, mode="in_person")
    html = assert_page(client.get(url("registry:region-detail", lang, region.kato)), lang)
    assert f"<h1>{region.name[lang]}</h1>" in html
    assert regional.name[lang] in html and district.name[lang] in html
    assert head.person.name[lang] in html
    assert Post.objects.get(pk=head.post_id).title_on(datetime.date.today())[lang] in html
    assert session.title[lang] in html and draft.title[lang] not in html


def test_region_head_title_depends_on_the_date(client, reference):
    regional = Maslikhat.objects.filter(level="regional").first()
    make_head(regional, start=datetime.date(2021, 1, 1))
    with time_machine.travel(datetime.datetime(2022, 6, 1, 12, tzinfo=datetime.UTC)):
        html = client.get(url("registry:region-detail", "en", regional.region.kato)).content.decode()
    assert "Secretary of the maslikhat" in html
    with time_machine.travel(datetime.datetime(2023, 6, 1, 12, tzinfo=datetime.UTC)):
        html = client.get(url("registry:region-detail", "en", regional.region.kato)).content.decode()
    assert "Chairman of the maslikhat" in html and "Secretary of the maslikhat" not in html


def test_unknown_region_is_404(client, reference):
    assert client.get(url("registry:region-detail", "en", "000000000")).status_code == 404


@pytest.mark.parametrize("lang", LANGS)
def test_maslikhat_page_in_each_language(client, reference, lang):
    regional = Maslikhat.objects.filter(level="regional").first()
    regional.convocation = 8
    regional.save()
    head = make_head(regional)
    party = OrganizationFactory(kind=Organization.Kind.PARTY)
    deputy_post = Post.objects.get(maslikhat=regional, role=Post.Role.DEPUTY)
    deputy = MembershipFactory(
        post=deputy_post,
        start_date=datetime.date(2023, 3, 19),
        mandate_type=Membership.MandateType.PARTY_LIST,
        party=party,
    )
    former = MembershipFactory(
        post=deputy_post,
        start_date=datetime.date(2016, 3, 20),
        end_date=datetime.date(2021, 1, 10),
    )
    html = assert_page(client.get(url("registry:maslikhat-detail", lang, regional.pk)), lang)
    assert f"<h1>{regional.name[lang]}</h1>" in html
    assert "VIII" in html
    assert head.person.name[lang] in html and deputy.person.name[lang] in html
    assert former.person.name[lang] not in html
    assert f"/{lang}/organizations/{party.pk}/" in html


@pytest.mark.parametrize("lang", LANGS)
def test_person_page_in_each_language(client, reference, lang):
    regional = Maslikhat.objects.filter(level="regional").first()
    person = PersonFactory(name={"kk": "Сейітов Марат", "ru": "Сеитов Марат", "en": "Marat Seitov"})
    make_head(regional, person, start=datetime.date(2019, 1, 1))
    Membership.objects.filter(person=person).update(end_date=datetime.date(2022, 5, 1))
    published = make_session(reference, maslikhats=0)
    held = make_session(reference, status=Session.Status.HELD, maslikhats=0)
    Statement.objects.create(
        session=published, speaker=person, text={"kk": "Жария сөз", "ru": "Публичная речь", "en": "Public words"}
    )
    Statement.objects.create(
        session=held, speaker=person, text={"kk": "Жасырын", "ru": "Скрытая речь", "en": "Hidden words"}
    )
    Session.objects.filter(pk=held.pk).update(chair=person)
    html = assert_page(client.get(url("registry:person-detail", lang, person.pk)), lang)
    assert f"<h1>{person.name[lang]}</h1>" in html
    assert regional.name[lang] in html
    # the post ended in 2022, when the head of a maslikhat was its secretary
    assert {"kk": "Мәслихат хатшысы", "ru": "Секретарь маслихата", "en": "Secretary of the maslikhat"}[lang] in html
    assert {"kk": "Жария сөз", "ru": "Публичная речь", "en": "Public words"}[lang] in html
    assert {"kk": "Жасырын", "ru": "Скрытая речь", "en": "Hidden words"}[lang] not in html
    assert held.title[lang] in html  # chaired a public (held) session


def test_person_page_lists_council_membership(client, reference):
    session = make_session(reference, decisions=1)
    member = session.decisions.get().admitted_members.get(person__isnull=False)
    html = client.get(url("registry:person-detail", "en", member.person_id)).content.decode()
    assert "Council membership" in html
    assert f"/en/sessions/{session.pk}/#decision-1" in html


@pytest.mark.parametrize("lang", LANGS)
def test_organization_page_in_each_language(client, reference, lang):
    session = make_session(reference, decisions=1)
    member = session.decisions.get().admitted_members.get(organization__isnull=False)
    html = assert_page(client.get(url("registry:organization-detail", lang, member.organization_id)), lang)
    assert f"<h1>{member.organization.name[lang]}</h1>" in html
    assert f"/{lang}/sessions/{session.pk}/#decision-1" in html
    senate = assert_page(client.get(url("registry:organization-detail", lang, reference.host_id)), lang)
    assert reference.name[lang] in senate  # the council it hosts
