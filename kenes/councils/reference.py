"""The council itself and its host chamber: real reference data, loaded idempotently."""

from __future__ import annotations

import datetime

from django.db import transaction

from kenes.councils.models import Council
from kenes.registry.models import Organization

SENATE = {
    "kk": "Қазақстан Республикасы Парламентінің Сенаты",
    "ru": "Сенат Парламента Республики Казахстан",
    "en": "Senate of the Parliament of the Republic of Kazakhstan",
}
COUNCIL = {
    "kk": "Сенат жанындағы жергілікті өкілді органдармен (мәслихаттармен) өзара іс-қимыл жөніндегі кеңес",
    "ru": "Совет по взаимодействию с местными представительными органами (маслихатами) при Сенате",
    "en": "Council for Interaction with Local Representative Bodies (Maslikhats) under the Senate",
}
COUNCIL_SLUG = "maslikhats"


@transaction.atomic
def load_council() -> Council:
    senate = Organization.objects.filter(kind=Organization.Kind.CHAMBER, name__ru=SENATE["ru"]).first()
    if senate is None:
        senate = Organization.objects.create(
            kind=Organization.Kind.CHAMBER, name=SENATE, short_name={"kk": "Сенат", "ru": "Сенат", "en": "Senate"}
        )
    council = Council.objects.filter(slug=COUNCIL_SLUG).select_related("organization").first()
    if council is None:
        organization = Organization.objects.create(
            kind=Organization.Kind.COUNCIL,
            name=COUNCIL,
            parent=senate,
            start_date=datetime.date(2007, 11, 19),
            description={
                "kk": "Сенат Бюросының 2007 жылғы 19 қарашадағы қаулысымен құрылған консультативтік-кеңесші орган. "
                "Жергілікті мемлекеттік басқару және өңірлерді дамыту жөніндегі заңнамалық ұсыныстарды дайындайды; "
                "шешімдері ұсынымдық сипатта болады.",
                "ru": "Консультативно-совещательный орган, образованный постановлением Бюро Сената от 19 ноября 2007 года. "
                "Готовит законодательные предложения по местному государственному управлению и развитию регионов; "
                "его решения носят рекомендательный характер.",
                "en": "An advisory body set up by a resolution of the Senate Bureau of 19 November 2007. "
                "It prepares legislative proposals on local government and regional development; "
                "its decisions are recommendations.",
            },
        )
        council = Council.objects.create(
            organization=organization, host=senate, slug=COUNCIL_SLUG, established_on=datetime.date(2007, 11, 19)
        )
    return council
