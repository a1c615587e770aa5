"""The reference data that ships with Kenes: 20 regions and their regional maslikhats in kk/ru/en,
loaded idempotently (load_reference can run on every start)."""

import datetime

import pytest
from django.core.management import call_command

from kenes.councils.models import Council
from kenes.registry.models import Maslikhat, Post, Region

pytestmark = pytest.mark.django_db

KAZAKH_LETTERS = set("әғқңөұүһі")


def _counts():
    return (
        Region.objects.count(),
        Maslikhat.objects.count(),
        Post.objects.count(),
        Council.objects.count(),
        list(Region.objects.order_by("kato").values_list("kato", "name", "valid_from", "valid_to", "split_from")),
    )


def test_reference_loader_is_idempotent():
    call_command("load_reference")
    first = _counts()
    call_command("load_reference")
    assert _counts() == first
    assert first[:2] == (20, 20)
    assert first[3] == 1


def test_regions_and_maslikhats_in_three_languages():
    call_command("load_reference")
    assert Region.objects.count() == 20
    regional = Maslikhat.objects.filter(level=Maslikhat.Level.REGIONAL).select_related("region")
    assert regional.count() == 20
    assert {m.region_id for m in regional} == set(Region.objects.values_list("pk", flat=True))
    for record in [*Region.objects.all(), *regional]:
        for lang in ("kk", "ru", "en"):
            assert record.name.get(lang), (record.pk, lang)
        assert record.name["kk"] != record.name["en"]
    for maslikhat in regional:
        assert "мәслихат" in maslikhat.name["kk"], maslikhat.name
        assert "маслихат" in maslikhat.name["ru"].lower(), maslikhat.name
        assert "Maslikhat" in maslikhat.name["en"], maslikhat.name


def test_kazakh_names_are_written_in_kazakh():
    call_command("load_reference")
    kk = dict(Region.objects.values_list("kato", "name__kk"))
    assert kk["150000000"] == "Ақтөбе облысы"
    assert kk["270000000"] == "Батыс Қазақстан облысы"
    assert kk["610000000"] == "Түркістан облысы"
    assert kk["620000000"] == "Ұлытау облысы"
    assert Region.objects.get(kato="150000000").name["ru"] == "Актюбинская область"
    with_kazakh_letters = [name for name in kk.values() if KAZAKH_LETTERS & set(name.lower())]
    assert len(with_kazakh_letters) >= 12, with_kazakh_letters
    # Every oblast is "<X> облысы" in Kazakh, never the Russian "область".
    oblasts = Region.objects.filter(kind=Region.Kind.OBLAST)
    assert all(r.name["kk"].endswith("облысы") and "область" not in r.name["kk"] for r in oblasts)
    assert Maslikhat.objects.get(region__kato="150000000").name["kk"] == "Ақтөбе облыстық мәслихаты"


def test_regions_valid_on_2020_10_21_and_today():
    call_command("load_reference")
    in_2020 = Region.objects.filter(Region.q_valid_on(datetime.date(2020, 10, 21)))
    assert in_2020.count() == 17
    assert not in_2020.filter(kato__in=["100000000", "330000000", "620000000"]).exists()
    assert Region.objects.filter(Region.q_valid_on(datetime.date(2022, 6, 8))).count() == 20
    astana = Region.objects.get(kato="710000000")
    assert astana.name_on(datetime.date(2020, 10, 21))["kk"] == "Нұр-Сұлтан"
    assert astana.name["kk"] == "Астана"
