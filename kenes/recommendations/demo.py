"""Demo: the council's package "on further strengthening the role of maslikhats" (seed 003, the
Senate press release on Dariga Nazarbayeva's trip to Aktobe Region, 2019), followed to the Law of
5 November 2022 No. 157-VII, in force from 1 January 2023, which made the head of a maslikhat its
chairman, elected from the deputies and working full-time (article 19 of the Law of 23 January 2001
No. 148-II as amended; see kenes/registry/data/SOURCES.md).

Confirmed: the three recommendations and their addressee (the seed); the law's date, number and
entry into force, and the chairman's full-time post (article 19, footnote "157-VII"). Not confirmed
and marked "date approximate": when the package was adopted, sent and answered, and the wording of
the Government's response. Everything goes through the real services with actor=None; records are
is_demo=True; loading twice changes nothing."""

from __future__ import annotations

import datetime

from django.db import transaction

from kenes.core.i18n import tr as t
from kenes.councils.models import Council
from kenes.councils.reference import COUNCIL_SLUG, load_council
from kenes.recommendations import services
from kenes.recommendations.models import Package, Status
from kenes.registry import services as registry
from kenes.registry.models import Organization, Region
from kenes.registry.reference import load_regions

GOVERNMENT = {
    "kind": Organization.Kind.GOVERNMENT,
    "name": t(
        "Қазақстан Республикасының Үкіметі",
        "Правительство Республики Казахстан",
        "Government of the Republic of Kazakhstan",
    ),
    "short_name": t("Үкімет", "Правительство", "Government"),
}

APPROXIMATE = t(
    "Күні шамамен (демо): расталмаған.",
    "Дата приблизительная (демо): не подтверждена.",
    "Date approximate (demo): not confirmed.",
)

PACKAGE = {
    "title": t(
        "Мәслихаттардың рөлін одан әрі күшейту туралы",
        "О дальнейшем укреплении роли маслихатов",
        "On further strengthening the role of maslikhats",
    ),
    "summary": t(
        "Кеңес Үкіметке мәслихаттардың рөлін одан әрі күшейту, мәслихат хатшысының мәртебесін арттыру және "
        "босатылған депутаттар институтын енгізу жөнінде ұсынымдар топтамасын дайындады; олар «Қазақстан "
        "Республикасындағы жергілікті мемлекеттік басқару және өзін-өзі басқару туралы» Заңға түзетулерде "
        "көрсетілді (Сенат баспасөз қызметі, 2019). Қабылданған күні шамамен: 2019 жылдың күзі, расталмаған. "
        "Демо-жазба.",
        "Совет подготовил для Правительства пакет рекомендаций по дальнейшему укреплению роли маслихатов, "
        "повышению статуса секретаря маслихата и введению института освобождённых депутатов; они отражены в "
        "поправках к Закону «О местном государственном управлении и самоуправлении в Республике Казахстан» "
        "(пресс-служба Сената, 2019). Дата принятия приблизительная: осень 2019 года, не подтверждена. "
        "Демо-запись.",
        "The Council prepared a package of recommendations for the Government on further strengthening the role "
        "of maslikhats, raising the status of the maslikhat secretary and introducing released (full-time) "
        "deputies; they were reflected in the amendments to the Law “On Local State Administration and "
        "Self-Government in the Republic of Kazakhstan” (Senate press service, 2019). Date of adoption "
        "approximate: autumn 2019, not confirmed. Demo record.",
    ),
    "adopted_on": datetime.date(2019, 10, 1),
}

SENT_ON = datetime.date(2019, 10, 15)
ANSWERED_ON = datetime.date(2019, 11, 29)
DECIDED_ON = datetime.date(2019, 12, 10)
LAW_DATE = datetime.date(2022, 11, 5)
IN_FORCE = datetime.date(2023, 1, 1)

LAW = {
    "act_title": t(
        "Қазақстан Республикасының 2022 жылғы 5 қарашадағы № 157-VII Заңы («Қазақстан Республикасындағы "
        "жергілікті мемлекеттік басқару және өзін-өзі басқару туралы» Заңның 19-бабын өзгертті)",
        "Закон Республики Казахстан от 5 ноября 2022 года № 157-VII (изменил статью 19 Закона «О местном "
        "государственном управлении и самоуправлении в Республике Казахстан»)",
        "Law of the Republic of Kazakhstan of 5 November 2022 No. 157-VII (amended article 19 of the Law “On Local "
        "State Administration and Self-Government in the Republic of Kazakhstan”)",
    ),
    "act_number": "157-VII",
    "act_date": LAW_DATE,
    # The consolidated text of the amended Law No. 148-II; its article 19 carries the 157-VII footnote.
    "act_url": "https://adilet.zan.kz/rus/docs/Z010000148_",
}


def _sent(gov: Organization) -> dict:
    return {
        "date": SENT_ON,
        "body": gov,
        "text": t(
            "Ұсынымдар топтамасы Үкіметке жіберілді. " + APPROXIMATE["kk"],
            "Пакет рекомендаций направлен в Правительство. " + APPROXIMATE["ru"],
            "The package was sent to the Government. " + APPROXIMATE["en"],
        ),
    }


def _response(gov: Organization) -> dict:
    return {
        "date": ANSWERED_ON,
        "body": gov,
        "text": t(
            "Ұсыныстар «Қазақстан Республикасындағы жергілікті мемлекеттік басқару және өзін-өзі басқару туралы» "
            "Заңға түзетулерді әзірлеу кезінде ескеріледі. Демо: жауаптың мәтіні мен күні шамамен, баспасөз "
            "хабарламасы бойынша («мұның бәрі Заңға түзетулерде көрсетілген»).",
            "Предложения учитываются при подготовке поправок к Закону «О местном государственном управлении и "
            "самоуправлении в Республике Казахстан». Демо: текст и дата ответа приблизительные, по пресс-релизу "
            "(«всё это отражено в поправках к Закону»).",
            "The proposals are taken into account in drafting the amendments to the Law “On Local State "
            "Administration and Self-Government in the Republic of Kazakhstan”. Demo: the text and date of the "
            "response are approximate, after the press release (“all of this is reflected in the amendments to "
            "the Law”).",
        ),
    }


RECOMMENDATIONS = [
    {
        "text": t(
            "Мәслихат хатшысының мәртебесін арттыру.",
            "Повысить статус секретаря маслихата.",
            "Raise the status of the secretary of the maslikhat.",
        ),
        "steps": [
            (Status.SENT, _sent),
            (Status.RESPONSE_RECEIVED, _response),
            (
                Status.ACCEPTED,
                lambda gov: {
                    "date": DECIDED_ON,
                    "body": gov,
                    "text": t(
                        "Ұсыным қабылданды. " + APPROXIMATE["kk"],
                        "Рекомендация принята. " + APPROXIMATE["ru"],
                        "The recommendation was accepted. " + APPROXIMATE["en"],
                    ),
                },
            ),
            (
                Status.IMPLEMENTED,
                lambda gov: {
                    **LAW,
                    "date": IN_FORCE,
                    "text": t(
                        "2023 жылғы 1 қаңтардан бастап мәслихатты мәслихат хатшысы емес, мәслихат төрағасы басқарады: "
                        "ол депутаттар арасынан сайланады және тұрақты негізде жұмыс істейді (Заңның 19-бабы, "
                        "157-VII Заңының редакциясында, 2023 жылғы 1 қаңтардан бастап қолданысқа енгізілді).",
                        "С 1 января 2023 года маслихат возглавляет не секретарь, а председатель маслихата: он "
                        "избирается из числа депутатов и работает на постоянной основе (статья 19 Закона в редакции "
                        "Закона № 157-VII, введена в действие с 1 января 2023 года).",
                        "From 1 January 2023 a maslikhat is headed not by a secretary but by the chairman of the "
                        "maslikhat, elected from among the deputies and working full-time (article 19 of the Law as "
                        "amended by Law No. 157-VII, in force from 1 January 2023).",
                    ),
                },
            ),
        ],
    },
    {
        "text": t(
            "Босатылған (тұрақты негізде жұмыс істейтін) депутаттар институтын енгізу.",
            "Ввести институт освобождённых депутатов (работающих на постоянной основе).",
            "Introduce released deputies (deputies working full-time).",
        ),
        "steps": [
            (Status.SENT, _sent),
            (Status.RESPONSE_RECEIVED, _response),
            (
                Status.PARTIALLY_ACCEPTED,
                lambda gov: {
                    "date": DECIDED_ON,
                    "body": gov,
                    "text": t(
                        "Ішінара қабылданды: тұрақты негізде мәслихат басшысы ғана жұмыс істейді. " + APPROXIMATE["kk"],
                        "Принята частично: на постоянной основе работает только руководитель маслихата. "
                        + APPROXIMATE["ru"],
                        "Partially accepted: only the head of the maslikhat works full-time. " + APPROXIMATE["en"],
                    ),
                },
            ),
            (
                Status.IMPLEMENTED,
                lambda gov: {
                    **LAW,
                    "date": IN_FORCE,
                    "text": t(
                        "Тек ішінара іске асырылды: 2023 жылғы 1 қаңтардан бастап мәслихат төрағасы тұрақты негізде "
                        "(босатылған) жұмыс істейді. Басқа депутаттар бұрынғыдай негізгі жұмысын жалғастырады; "
                        "босатылған депутаттардың кеңірек институты туралы дереккөз табылмады.",
                        "Реализована лишь частично: с 1 января 2023 года на постоянной (освобождённой) основе "
                        "работает председатель маслихата. Остальные депутаты, как и прежде, совмещают депутатскую "
                        "деятельность с основной работой; источник о более широком институте освобождённых "
                        "депутатов не найден.",
                        "Implemented only in part: from 1 January 2023 the chairman of the maslikhat works full-time "
                        "(released). The other deputies keep their jobs as before; no source was found for a wider "
                        "institute of released deputies.",
                    ),
                },
            ),
        ],
    },
    {
        "text": t(
            "Мәслихаттардың жергілікті мемлекеттік басқару жүйесіндегі рөлін одан әрі күшейту.",
            "Дальнейшее укрепление роли маслихатов в системе местного государственного управления.",
            "Further strengthen the role of maslikhats in local state administration.",
        ),
        "steps": [
            (Status.SENT, _sent),
            (Status.RESPONSE_RECEIVED, _response),
            (
                Status.ACCEPTED,
                lambda gov: {
                    "date": DECIDED_ON,
                    "body": gov,
                    "text": t(
                        "Қабылданды; кең ұсыным, оның нәтижесі мұнда нақты бір актіге дейін қадағаланбаған. Демо: "
                        "ықтимал мысал, расталмаған.",
                        "Принята; рекомендация общая, её исполнение здесь не прослежено до конкретного акта. Демо: "
                        "правдоподобный пример, не подтверждён.",
                        "Accepted; the recommendation is broad and its outcome is not traced here to a specific act. "
                        "Demo: a plausible illustration, not confirmed.",
                    ),
                },
            ),
        ],
    },
]


def _government() -> Organization:
    found = Organization.objects.filter(kind=GOVERNMENT["kind"], name__ru=GOVERNMENT["name"]["ru"]).first()
    if found is None:
        found = registry.organization_create(actor=None, data={**GOVERNMENT, "is_demo": True})
    return found


@transaction.atomic
def load_demo() -> Package:
    """Load the demo package (idempotent): an existing demo package of the same title is kept as it is."""
    if not Council.objects.filter(slug=COUNCIL_SLUG).exists() or not Region.objects.exists():
        load_regions()
        load_council()
    council = Council.objects.get(slug=COUNCIL_SLUG)
    existing = Package.objects.filter(council=council, is_demo=True, title__ru=PACKAGE["title"]["ru"]).first()
    if existing is not None:
        return existing
    gov = _government()
    package = services.package_create(council=council, actor=None, data={**PACKAGE, "is_demo": True})
    for spec in RECOMMENDATIONS:
        rec = services.recommendation_create(
            package=package, actor=None, data={"text": spec["text"], "is_demo": True}, addressees=[gov]
        )
        for status, build in spec["steps"]:
            services.recommendation_transition(recommendation=rec, actor=None, to_status=status, data=build(gov))
    return package
