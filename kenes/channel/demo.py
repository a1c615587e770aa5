"""Demo content of the channel (is_demo=True, idempotent), written from the seeds: the Aktobe
maslikhat's proposal to raise the status of the maslikhat secretary (the 2019 meeting, seed 003),
West Kazakhstan asking to explain the 2022 law that made the chairman a full-time post, a report on
videoconference quality after the 2020-10-21 session, and the council's request to the 17 regions
of 2020 for proposals on the draft law on local government.

Demo senders are fictional accounts without a password (they cannot sign in). Dates of the
council's steps are set back to plausible days after the services ran (a demo loader may do so).
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from kenes.accounts.models import Role, User
from kenes.core.calendar import working_days_between
from kenes.core.i18n import tr as t
from kenes.registry.models import Maslikhat, Region

from . import services
from .models import ChannelEvent, ChannelItem, CouncilRequest

ALMATY = ZoneInfo("Asia/Almaty")
ON_2020 = datetime.date(2020, 10, 21)


def at(year: int, month: int, day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, 0, tzinfo=ALMATY)


def _maslikhat(kato: str) -> Maslikhat:
    return Maslikhat.objects.get(region__kato=kato, level=Maslikhat.Level.REGIONAL)


def _staff(maslikhat: Maslikhat) -> User:
    """A fictional staff account of the maslikhat, without a usable password."""
    username = f"demo-channel-{maslikhat.region.kato}"
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(
            username=username,
            first_name="Demo",
            last_name=f"Staff {maslikhat.region.kato}",
            role=Role.MASLIKHAT_STAFF,
            maslikhat=maslikhat,
            email="",
        )
        user.set_unusable_password()
        user.save()
    return user


def _clerk() -> User:
    user = (
        User.objects.filter(username="secretariat").first()
        or User.objects.filter(username="demo-channel-clerk").first()
    )
    if user is None:
        user = User(username="demo-channel-clerk", first_name="Demo", last_name="Clerk", role=Role.SECRETARIAT)
        user.set_unusable_password()
        user.save()
    return user


ITEMS = [
    {
        "kato": "150000000",
        "sent_at": at(2019, 11, 12),
        "data": {
            "kind": ChannelItem.Kind.LEGISLATIVE_PROPOSAL,
            "subject": t(
                "Мәслихат хатшысының мәртебесін көтеру туралы",
                "О повышении статуса секретаря маслихата",
                "Raising the status of the secretary of the maslikhat",
            ),
            "text": t(
                "Ақтөбе облыстық мәслихаты мәслихат хатшысының мәртебесін көтеруді және оны депутаттар арасынан "
                "сайланатын, тұрақты негізде жұмыс істейтін лауазымға айналдыруды ұсынады.",
                "Актюбинский областной маслихат предлагает повысить статус секретаря маслихата и сделать его "
                "должностью, избираемой из числа депутатов и работающей на постоянной основе.",
                "The Aktobe Regional Maslikhat proposes raising the status of the secretary of the maslikhat and "
                "making it a post elected from among the deputies and held full-time.",
            ),
            "is_public": True,
        },
        "answer": t(
            "Ұсыныс Кеңестің мәслихаттардың рөлін күшейту жөніндегі ұсынымдар пакетіне енгізіліп, Үкіметке жіберілді.",
            "Предложение включено в пакет рекомендаций Совета по укреплению роли маслихатов и направлено в "
            "Правительство.",
            "The proposal was included in the council's package of recommendations on strengthening the role of "
            "maslikhats and sent to the Government.",
        ),
        # Linked when the recommendations demo (loaded first) holds this recommendation.
        "recommendation_en": "Raise the status of the secretary of the maslikhat.",
        "assigned_at": at(2019, 11, 14),
        "answered_at": at(2019, 11, 29),
        "closed_at": None,
    },
    {
        "kato": "270000000",
        "sent_at": at(2022, 11, 21),
        "data": {
            "kind": ChannelItem.Kind.EXPLAIN_LAW,
            "subject": t(
                "2022 жылғы 5 қарашадағы № 157-VII Заңды түсіндіру туралы",
                "О разъяснении Закона от 5 ноября 2022 года № 157-VII",
                "Explaining the Law of 5 November 2022 No. 157-VII",
            ),
            "text": t(
                "2023 жылғы 1 қаңтардан бастап мәслихат хатшысының орнына мәслихат төрағасы сайланатын тәртібін "
                "түсіндіруді сұраймыз: өкілеттіктерді беру және аппараттың жұмысы.",
                "Просим разъяснить порядок перехода с 1 января 2023 года от секретаря маслихата к избираемому "
                "председателю маслихата: передача полномочий и работа аппарата.",
                "Please explain how, from 1 January 2023, the secretary of the maslikhat gives way to an elected "
                "chairman of the maslikhat: the handover of powers and the work of the staff.",
            ),
            "is_public": True,
        },
        "answer": t(
            "2023 жылғы 1 қаңтардан бастап мәслихатты депутаттар арасынан сайланатын, тұрақты негізде жұмыс "
            "істейтін мәслихат төрағасы басқарады; хатшының өкілеттіктері төрағаға өтеді.",
            "С 1 января 2023 года маслихат возглавляет председатель, избираемый из числа депутатов и работающий на "
            "постоянной основе; полномочия секретаря переходят к председателю.",
            "From 1 January 2023 the maslikhat is led by a chairman elected from among the deputies and working "
            "full-time; the secretary's powers pass to the chairman.",
        ),
        "assigned_at": at(2022, 11, 22),
        "answered_at": at(2022, 12, 6),
        "closed_at": None,
    },
    {
        "kato": "390000000",
        "sent_at": at(2020, 10, 23),
        "data": {
            "kind": ChannelItem.Kind.PROBLEM_REPORT,
            "subject": t(
                "Бейнеконференция байланысының сапасы туралы",
                "О качестве видеоконференцсвязи",
                "Quality of the videoconference link",
            ),
            "text": t(
                "2020 жылғы 21 қазандағы отырыс кезінде бейнеконференция байланысы бірнеше рет үзілді, дыбыс кешікті.",
                "Во время заседания 21 октября 2020 года видеоконференцсвязь несколько раз прерывалась, звук "
                "запаздывал.",
                "During the session of 21 October 2020 the videoconference link dropped several times and the sound "
                "lagged.",
            ),
            "is_public": True,
        },
        "answer": t(
            "Келесі отырыс алдында барлық өңірлермен байланыс алдын ала тексеріледі.",
            "Перед следующим заседанием связь со всеми регионами будет проверяться заранее.",
            "Before the next session the link with every region will be tested in advance.",
        ),
        "assigned_at": at(2020, 10, 26),
        "answered_at": at(2020, 11, 20),  # late: the council's answer came after the due date
        "closed_at": at(2020, 11, 23),
    },
]

REQUEST = {
    "title": t(
        "Жергілікті мемлекеттік басқару туралы заң жобасы бойынша ұсыныстарыңызды 2020 жылғы 20 қарашаға дейін "
        "жіберіңіз",
        "Направьте ваши предложения по проекту закона о местном государственном управлении до 20 ноября 2020 года",
        "Send your proposals on the draft law on local government by 20 November 2020",
    ),
    "text": t(
        "Кеңес мәслихаттардан жергілікті мемлекеттік басқару және өзін-өзі басқару туралы заң жобасы бойынша "
        "ұсыныстар күтеді.",
        "Совет ждёт от маслихатов предложений по проекту закона о местном государственном управлении и самоуправлении.",
        "The council awaits the maslikhats' proposals on the draft law on local government and self-government.",
    ),
    "due_date": datetime.date(2020, 11, 20),
}
REQUEST_SENT = at(2020, 10, 30)
# (KATO, day of November 2020 the answer came): 11 on time, 2 late; the other 4 did not answer.
ANSWERS = [
    ("110000000", 10), ("150000000", 12), ("190000000", 16), ("230000000", 17), ("270000000", 18),
    ("310000000", 19), ("350000000", 19), ("390000000", 20), ("550000000", 13), ("710000000", 18),
    ("750000000", 20), ("470000000", 25), ("630000000", 27),
]  # fmt: skip


def _backdate(item: ChannelItem, spec: dict) -> None:
    """Move the council's steps to the days they would have happened."""
    days = {
        ChannelEvent.Action.SENT: spec["sent_at"],
        ChannelEvent.Action.ASSIGNED: spec["assigned_at"],
        ChannelEvent.Action.CONVERTED: spec["assigned_at"] + datetime.timedelta(days=8),
        ChannelEvent.Action.ANSWERED: spec["answered_at"],
        ChannelEvent.Action.CLOSED: spec["closed_at"],
    }
    for event in item.events.all():
        if days.get(event.action):
            ChannelEvent.objects.filter(pk=event.pk).update(at=days[event.action])
    answered = spec["answered_at"]
    first = min(
        d for a, d in days.items() if d and a in ("converted", "answered") and item.events.filter(action=a).exists()
    )
    ChannelItem.objects.filter(pk=item.pk).update(
        answered_at=answered,
        responded_at=first,
        response_working_days=working_days_between(spec["sent_at"].date(), first.date()),
    )


def _recommendation(text_en: str | None):
    if not text_en:
        return None
    from kenes.recommendations.models import Recommendation

    return Recommendation.objects.filter(is_demo=True, text__en=text_en).order_by("id").first()


def _items(clerk: User) -> int:
    created = 0
    for spec in ITEMS:
        if ChannelItem.objects.filter(is_demo=True, subject__en=spec["data"]["subject"]["en"]).exists():
            continue
        sender = _staff(_maslikhat(spec["kato"]))
        item = services.item_send(actor=sender, data={**spec["data"], "sent_at": spec["sent_at"]}, is_demo=True)
        item = services.item_assign(item=item, actor=clerk, assignee=clerk)
        recommendation = _recommendation(spec.get("recommendation_en"))
        if recommendation is not None:
            item = services.item_link_recommendation(item=item, actor=clerk, recommendation=recommendation)
        item = services.item_answer(item=item, actor=clerk, answer=spec["answer"])
        if spec["closed_at"]:
            item = services.item_close(item=item, actor=clerk)
        _backdate(item, spec)
        created += 1
    return created


def _request(clerk: User) -> int:
    if CouncilRequest.objects.filter(is_demo=True, title__en=REQUEST["title"]["en"]).exists():
        return 0
    targets = list(
        Maslikhat.objects.filter(
            level=Maslikhat.Level.REGIONAL, region__in=Region.objects.filter(Region.q_valid_on(ON_2020))
        )
    )
    council_request = services.request_create(actor=clerk, data=dict(REQUEST), targets=targets, is_demo=True)
    CouncilRequest.objects.filter(pk=council_request.pk).update(created_at=REQUEST_SENT)
    by_kato = {
        m.region.kato: m for m in Maslikhat.objects.filter(pk__in=[m.pk for m in targets]).select_related("region")
    }
    for kato, day in ANSWERS:
        maslikhat = by_kato[kato]
        services.response_submit(
            request=council_request,
            actor=_staff(maslikhat),
            text=t(
                f"{maslikhat.name['kk']}: заң жобасы бойынша ұсыныстар қоса беріледі.",
                f"{maslikhat.name['ru']}: предложения по законопроекту прилагаются.",
                f"{maslikhat.name['en']}: our proposals on the draft law are attached.",
            ),
            submitted_at=at(2020, 11, day, 15),
        )
    return 1


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Load the channel's demo records (needs the reference regions and maslikhats)."""
    if not Maslikhat.objects.filter(level=Maslikhat.Level.REGIONAL).exists():
        return {}
    clerk = _clerk()
    return {"channel items": _items(clerk), "requests to maslikhats": _request(clerk)}
