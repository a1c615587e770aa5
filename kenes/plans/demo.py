"""Demo content: the forward work plan adopted at the council's session of 21 October 2020.

The press release (seed 000) says only that the participants "drew up the council's forward work
plan in line with the questions considered"; its items are not published. The items below are
plausible, written by hand from the questions of that session and of the Aktobe meeting (seed 003):
lectures by the Union of Lawyers, off-site sessions with the public, youth and cultural centres,
social networks, the draft law on local government. Every record is demo (plan.is_demo=True) and
goes through the real services; report dates are then set to plausible 2020–2021 dates.

Idempotent: nothing is created if the plan already exists or decision № 2 (adopt_plan) of the
2020-10-21 session is absent (the portal's demo loader creates it).
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.db import transaction

from kenes.core.i18n import tr as t
from kenes.councils.models import Decision
from kenes.plans import services
from kenes.plans.models import PlanItem, PlanReport, WorkPlan
from kenes.registry.models import Maslikhat, Organization, Region

SESSION_DAY = datetime.date(2020, 10, 21)
TZ = zoneinfo.ZoneInfo("Asia/Almaty")
KATO = {
    "aktobe": "150000000",
    "west": "270000000",
    "karaganda": "350000000",
    "turkistan": "610000000",
    "shymkent": "790000000",
    "almaty_city": "750000000",
    "kostanay": "390000000",
    "pavlodar": "550000000",
}
DEMO_NOTE = {
    "kk": "(Демо: жоспардың тармақтары жарияланбаған, қолмен жазылған.)",
    "ru": "(Демо: пункты плана не опубликованы, составлены вручную.)",
    "en": "(Demo: the plan's items are not published; written by hand.)",
}


def adopting_decision() -> Decision | None:
    return (
        Decision.objects.filter(kind=Decision.Kind.ADOPT_PLAN, session__starts_at__date=SESSION_DAY)
        .select_related("session__council")
        .order_by("number")
        .first()
    )


def _org(name_ru: str) -> Organization | None:
    return Organization.objects.filter(name__ru=name_ru).first()


def _at(day: str, hour: int = 11) -> datetime.datetime:
    return datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(hour), tzinfo=TZ)


ITEMS = [
    {
        "key": "lectures",
        "title": t(
            "Қазақстан заңгерлер одағының Парламент қабылдаған заңдар бойынша өңірлерде дәрістер оқуы",
            "Проведение Союзом юристов Казахстана лекций в регионах по принимаемым Парламентом законам",
            "Lectures in the regions by the Union of Lawyers of Kazakhstan on the laws passed by Parliament",
        ),
        "expected_result": t(
            "Әр өңірде мәслихат депутаттары үшін кемінде екі тақырыптық дәріс.",
            "Не менее двух тематических лекций для депутатов маслихатов в каждом регионе.",
            "At least two thematic lectures for maslikhat deputies in every region.",
        ),
        "deadline": "2021-06-30",
        "organizations": ["Союз юристов Казахстана"],
        "co_executors": "all",
    },
    {
        "key": "offsite",
        "title": t(
            "Мәслихаттардың жұртшылықтың қатысуымен көшпелі отырыстарын өткізу",
            "Проведение выездных заседаний маслихатов с участием общественности",
            "Off-site sessions of maslikhats with the public",
        ),
        "expected_result": t(
            "Әр өңірде аудандарда кемінде бір көшпелі отырыс, қорытындылары сайтта жарияланады.",
            "Не менее одного выездного заседания в районах каждого региона с публикацией итогов на сайте.",
            "At least one off-site session in the districts of each region, with the results published online.",
        ),
        "deadline": "2021-09-30",
        "executors": ["aktobe", "west", "karaganda"],
    },
    {
        "key": "social",
        "title": t(
            "Мәслихаттар қызметін әлеуметтік желілерде жариялау",
            "Освещение деятельности маслихатов в социальных сетях",
            "Publicity of maslikhats' work in social networks",
        ),
        "expected_result": t(
            "Әр облыстық мәслихаттың әлеуметтік желілерде тұрақты жаңартылатын парақшасы.",
            "Регулярно обновляемые страницы каждого областного маслихата в социальных сетях.",
            "Regularly updated social network pages of every regional maslikhat.",
        ),
        "deadline": "2021-12-31",
        "executors": "all",
    },
    {
        "key": "youth",
        "title": t(
            "Жастарды ұлттық мәдени орталықтардың жұмысына тарту",
            "Вовлечение молодёжи в работу национальных культурных центров",
            "Involving young people in the work of national cultural centres",
        ),
        "expected_result": t(
            "Мәдени орталықтармен бірлескен жастар іс-шаралары, әлеуметтік лифттер туралы ұсыныстар.",
            "Совместные с культурными центрами молодёжные мероприятия, предложения по социальным лифтам.",
            "Youth events held with cultural centres; proposals on social lifts.",
        ),
        "deadline": "2021-05-31",
        "executors": ["aktobe", "turkistan"],
        "co_organizations": ["Департамент координации программы «Рухани жаңғыру»"],
    },
    {
        "key": "draft_law",
        "title": t(
            "«Қазақстан Республикасындағы жергілікті мемлекеттік басқару және өзін-өзі басқару туралы» Заң "
            "жобасына ұсыныстар дайындау",
            "Подготовка предложений к проекту поправок в Закон «О местном государственном управлении и "
            "самоуправлении в Республике Казахстан»",
            "Proposals on the draft amendments to the Law on local government and self-government",
        ),
        "expected_result": t(
            "Мәслихаттардың жинақталған ұсыныстары Кеңеске жіберіледі.",
            "Обобщённые предложения маслихатов направлены в Совет.",
            "The maslikhats' consolidated proposals are sent to the council.",
        ),
        "deadline": "2021-03-31",
        "executors": ["aktobe", "west", "karaganda", "kostanay", "pavlodar"],
    },
    {
        "key": "address",
        "title": t(
            "Мемлекет басшысының Жолдауын сайлаушыларға түсіндіру",
            "Разъяснение избирателям Послания Главы государства",
            "Explaining the Head of State's Address to voters",
        ),
        "expected_result": t(
            "Әр өңірде депутаттардың сайлаушылармен кездесулері.",
            "Встречи депутатов с избирателями в каждом регионе.",
            "Meetings of deputies with voters in every region.",
        ),
        "deadline": "2020-12-31",
        "executors": ["almaty_city", "shymkent", "turkistan"],
    },
    {
        "key": "seminars",
        "title": t(
            "Мәслихат депутаттарына арналған оқыту семинарлары",
            "Обучающие семинары для депутатов маслихатов",
            "Training seminars for maslikhat deputies",
        ),
        "expected_result": t(
            "Жергілікті басқару мәселелері бойынша семинарлар циклы.",
            "Цикл семинаров по вопросам местного управления.",
            "A series of seminars on local government.",
        ),
        "deadline": "2021-10-31",
        "organizations": ["Институт государственного местного управления"],
    },
    {
        "key": "magazine",
        "title": t(
            "Мәслихаттардың үздік тәжірибесін «Мәслихат және әкімдік» журналында жариялау",
            "Публикация лучших практик маслихатов в журнале «Мәслихат және әкімдік»",
            "Best practices of maslikhats in the magazine “Maslikhat and Akimat”",
        ),
        "expected_result": t(
            "Әр нөмірде өңірлер тәжірибесі туралы айдар.",
            "Рубрика об опыте регионов в каждом номере.",
            "A section on the regions' experience in every issue.",
        ),
        "deadline": "2021-12-31",
        "organizations": ["Республиканский журнал «Мәслихат және әкімдік – маслихат и акимат»"],
    },
    {
        "key": "public_councils",
        "title": t(
            "Мәслихаттар жанындағы қоғамдық кеңестердің дербестігін арттыру",
            "Повышение самостоятельности общественных советов при маслихатах",
            "More independence for the public councils attached to maslikhats",
        ),
        "expected_result": t(
            "Қоғамдық кеңестер жұмысының талдауы және ұсыныстар.",
            "Анализ работы общественных советов и предложения.",
            "A review of the public councils' work, with proposals.",
        ),
        "deadline": "2021-11-30",
        "executors": ["aktobe"],
    },
    {
        "key": "shymkent_session",
        "title": t(
            "Кеңестің Шымкент қаласында көшпелі отырысы",
            "Выездное заседание Совета в городе Шымкенте",
            "An off-site session of the council in Shymkent",
        ),
        "deadline": "2021-04-30",
        "executors": ["shymkent"],
    },
]


def _bodies(spec, key: str, maslikhats: dict[str, Maslikhat], all_2020: list[Maslikhat]) -> list[Maslikhat]:
    value = spec.get(key)
    if value == "all":
        return all_2020
    return [maslikhats[k] for k in value or [] if k in maslikhats]


def _report(item, maslikhat, text, submitted, *, review=None, comment="", reviewed=None) -> PlanReport:
    report = services.report_submit(item=item, maslikhat=maslikhat, actor=None, text=text)
    PlanReport.objects.filter(pk=report.pk).update(submitted_at=_at(submitted))
    if review == "accept":
        services.report_accept(report=report, actor=None)
    elif review == "return":
        services.report_return(report=report, actor=None, comment=comment)
    if review:
        PlanReport.objects.filter(pk=report.pk).update(reviewed_at=_at(reviewed or submitted, 16))
    return report


ACCEPT = "accept"
RETURN = "return"


@transaction.atomic
def load_demo() -> WorkPlan | None:
    decision = adopting_decision()
    if decision is None:
        return None
    existing = WorkPlan.objects.filter(adopted_by=decision).first()
    if existing is not None:
        return existing
    plan = services.plan_create(
        council=decision.session.council,
        actor=None,
        adopted_by=decision,
        data={
            "title": t(
                "Кеңестің 2020–2021 жылдарға арналған перспективалық жұмыс жоспары",
                "Перспективный план работы Совета на 2020–2021 годы",
                "Forward work plan of the Council for 2020–2021",
            ),
            "period_start": SESSION_DAY,
            "period_end": datetime.date(2021, 12, 31),
            "is_demo": True,
        },
    )
    regions_2020 = Region.objects.filter(Region.q_valid_on(SESSION_DAY))
    all_2020 = list(
        Maslikhat.objects.filter(level=Maslikhat.Level.REGIONAL, region__in=regions_2020).order_by("region__kato")
    )
    maslikhats = {
        key: m for key, kato in KATO.items() if (m := next((x for x in all_2020 if x.region.kato == kato), None))
    }
    items: dict[str, PlanItem] = {}
    for spec in ITEMS:
        items[spec["key"]] = services.plan_item_create(
            plan=plan,
            actor=None,
            data={
                "title": spec["title"],
                "description": DEMO_NOTE,
                "expected_result": spec.get("expected_result", {}),
                "deadline": datetime.date.fromisoformat(spec["deadline"]),
            },
            assignee_maslikhats=_bodies(spec, "executors", maslikhats, all_2020),
            assignee_organizations=[o for name in spec.get("organizations", []) if (o := _org(name))],
            co_executor_maslikhats=_bodies(spec, "co_executors", maslikhats, all_2020),
            co_executor_organizations=[o for name in spec.get("co_organizations", []) if (o := _org(name))],
        )
    m = maslikhats
    text = {
        "lectures": "Демо: в маслихате проведены две лекции Союза юристов по новым законам, 34 депутата.",
        "offsite": "Демо: выездное заседание в районе с участием общественного совета и жителей; итоги на сайте.",
        "offsite_short": "Демо: заседание проведено.",
        "social": "Демо: открыты страницы маслихата в Facebook и Instagram, публикации еженедельно.",
        "youth": "Демо: совместно с культурными центрами проведены молодёжные форумы; предложения направлены.",
        "law": "Демо: обобщены предложения депутатов по статусу председателя маслихата и освобождённым депутатам.",
        "address": "Демо: депутаты провели встречи с избирателями по Посланию Главы государства.",
    }
    # Lectures: done by the Union of Lawyers; two regions reported as co-executors.
    if "lectures" in items:
        for key in ("aktobe", "west"):
            if key in m:
                _report(items["lectures"], m[key], text["lectures"], "2021-05-20", review=ACCEPT, reviewed="2021-05-25")
        services.plan_item_set_status(
            item=items["lectures"], actor=None, status=PlanItem.Status.DONE, completed_on=datetime.date(2021, 6, 15)
        )
    # Off-site sessions: Aktobe accepted; West Kazakhstan returned, then reported again; Karaganda silent.
    if {"aktobe", "west"} <= m.keys():
        _report(items["offsite"], m["aktobe"], text["offsite"], "2021-06-10", review=ACCEPT, reviewed="2021-06-14")
        _report(
            items["offsite"],
            m["west"],
            text["offsite_short"],
            "2021-07-01",
            review=RETURN,
            comment="Демо: укажите дату, место и число участников, приложите ссылку на публикацию.",
            reviewed="2021-07-05",
        )
        _report(items["offsite"], m["west"], text["offsite"], "2021-07-12")
    # Social networks: several regions accepted, one waiting.
    for index, maslikhat in enumerate(all_2020[:6]):
        review = ACCEPT if index < 5 else None
        _report(items["social"], maslikhat, text["social"], "2021-03-01", review=review, reviewed="2021-03-05")
    # Youth and cultural centres: both executors accepted, so the item is done on time.
    if {"aktobe", "turkistan"} <= m.keys():
        _report(items["youth"], m["aktobe"], text["youth"], "2021-05-12", review=ACCEPT, reviewed="2021-05-14")
        _report(items["youth"], m["turkistan"], text["youth"], "2021-05-20", review=ACCEPT, reviewed="2021-05-24")
        services.plan_item_set_status(
            item=items["youth"], actor=None, status=PlanItem.Status.DONE, completed_on=datetime.date(2021, 5, 28)
        )
    # The draft law: proposals from three regions accepted, one returned.
    for key in ("aktobe", "west", "karaganda"):
        if key in m:
            _report(items["draft_law"], m[key], text["law"], "2021-03-15", review=ACCEPT, reviewed="2021-03-19")
    if "kostanay" in m:
        _report(
            items["draft_law"],
            m["kostanay"],
            "Демо: предложений нет.",
            "2021-03-29",
            review=RETURN,
            comment="Демо: просим обсудить проект на сессии маслихата и направить предложения депутатов.",
            reviewed="2021-03-31",
        )
    # The proposals were taken into the law of 05.11.2022 No. 157-VII; the secretariat closed the
    # item without Kostanay's accepted report, with a reason (the override).
    services.plan_item_set_status(
        item=items["draft_law"],
        actor=None,
        status=PlanItem.Status.DONE,
        completed_on=datetime.date(2021, 3, 31),
        override=True,
        reason="Демо: обобщённые предложения направлены в Совет; предложения Костанайского маслихата получены письмом.",
    )
    # Explaining the Address: one region reported after the deadline.
    if "almaty_city" in m:
        _report(items["address"], m["almaty_city"], text["address"], "2021-01-15", review=ACCEPT, reviewed="2021-01-18")
    # The council's session in Shymkent: cancelled.
    services.plan_item_set_status(
        item=items["shymkent_session"],
        actor=None,
        status=PlanItem.Status.CANCELLED,
        reason="Демо: перенесено из-за карантинных ограничений.",
    )
    services.plan_item_set_status(item=items["magazine"], actor=None, status=PlanItem.Status.IN_PROGRESS)
    return plan
