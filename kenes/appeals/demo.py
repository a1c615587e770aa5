"""Demo appeals: 30 fictional appeals to the Aktobe, Karaganda and Shymkent regional maslikhats,
in Kazakh and Russian, in every state (answered on time and late, extended, forwarded, rated,
reopened after a complaint, open, overdue, held for review). The applicants are obviously
fictional ("Демо Өтінішші 1", demo1@example.invalid); is_demo appeals send no e-mail.
Built through the real services, with dates in the past relative to today."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from kenes.appeals import services
from kenes.appeals.models import Appeal
from kenes.core.calendar import add_working_days
from kenes.registry.models import Maslikhat, Organization

KATO = {"aktobe": "150000000", "karaganda": "350000000", "shymkent": "790000000"}

TOPICS = {
    "kk": [
        (
            "Көше жарығы",
            "Біздің көшедегі шамдар үш айдан бері жанбайды. Кешкі уақытта балалар мектептен қараңғыда қайтады. Жарықты қалпына келтіруді сұраймын.",
        ),
        (
            "Жол жөндеу",
            "Ауылға апаратын жолдың жағдайы өте нашар, көктемде көлік жүре алмайды. Жолды жөндеу жоспарға енгізілуін сұраймыз.",
        ),
        (
            "Ауыз су",
            "Шағын ауданда ауыз су кестемен беріледі, жазда мүлде болмайды. Су құбырын жаңғырту мерзімін білгіміз келеді.",
        ),
        (
            "Балалар алаңы",
            "Аулада балалар алаңы жоқ, бар құрылғылар бұзылған. Жаңа алаң салуды ұсынамын, тұрғындар көмектесуге дайын.",
        ),
        (
            "Автобус бағыты",
            "Жаңа тұрғын үй кешеніне автобус бармайды. Бағытты ұзартуды немесе жаңа бағыт ашуды сұраймыз.",
        ),
    ],
    "ru": [
        (
            "Отопление в школе",
            "В классах школы зимой холодно, температура ниже нормы. Просим проверить систему отопления и принять меры до начала сезона.",
        ),
        (
            "Вывоз мусора",
            "Контейнерная площадка во дворе переполнена, мусор вывозят раз в неделю. Просим увеличить частоту вывоза.",
        ),
        (
            "Освещение парка",
            "В городском парке не работает освещение на центральной аллее. Вечером там небезопасно. Просим восстановить освещение.",
        ),
        (
            "Ремонт подъезда",
            "Крыша дома протекает уже второй год, управляющая компания не реагирует. Просим содействия маслихата.",
        ),
        (
            "Тротуар у больницы",
            "У входа в поликлинику нет тротуара и пандуса, пожилым людям трудно пройти. Предлагаем обустроить пешеходную дорожку.",
        ),
    ],
}
ANSWERS = {
    "kk": "Өтінішіңіз қаралды. Әкімдікпен бірге тексеру жүргізілді, жұмыстар ағымдағы жылдың жоспарына енгізілді және орындалу мерзімі белгіленді.",
    "ru": "Ваше обращение рассмотрено. Совместно с акиматом проведена проверка, работы включены в план текущего года, установлен срок исполнения.",
}
# (state, language): the states cycle over the maslikhats; 30 appeals in all.
STATES = [
    "on_time",
    "on_time_rated",
    "late",
    "extended_answered",
    "forwarded",
    "open",
    "overdue",
    "rated_low",
    "reopened",
    "held",
    "extended_open",
    "on_time",
    "on_time_rated",
    "closed",
    "explained",
]


def _submit(maslikhat: Maslikhat, n: int, lang: str, days_ago: int, text_suffix: str = "", copy_of=None) -> Appeal:
    topic, text = TOPICS[lang][n % len(TOPICS[lang])]
    if copy_of is not None:
        topic, text, text_suffix = copy_of.topic, copy_of.text, ""
    data = services.AppealData(
        maslikhat=maslikhat,
        kind=["statement", "complaint", "proposal", "request", "message"][n % 5],
        topic=topic,
        text=f"{text} {text_suffix}".strip(),
        language=lang,
        applicant=services.ApplicantData(
            name=f"Демо Өтінішші {n}" if lang == "kk" else f"Демо Заявитель {n}",
            email=f"demo{n}@example.invalid",
        ),
    )
    submitted = timezone.now() - datetime.timedelta(days=days_ago)
    appeal, _created = services.appeal_submit(
        data=data, source=Appeal.Source.WEB, is_demo=True, idempotency_key=f"demo-appeal-{n}", now=submitted
    )
    return appeal


def _answer(appeal: Appeal, days_after: int, outcome: str = "satisfied") -> None:
    services.appeal_answer(
        appeal=appeal,
        actor=None,
        text=ANSWERS[appeal.language],
        outcome=outcome,
        on=add_working_days(appeal.registered_on, days_after),
    )


@transaction.atomic
def load_demo() -> int:
    """Load the demo appeals once; returns how many were made (0 when already there)."""
    if Appeal.objects.filter(is_demo=True).exists():
        return 0
    maslikhats = [
        Maslikhat.objects.filter(region__kato=kato, level=Maslikhat.Level.REGIONAL).first() for kato in KATO.values()
    ]
    maslikhats = [m for m in maslikhats if m is not None]
    if not maslikhats:
        return 0
    akimat = Organization.objects.filter(kind=Organization.Kind.AKIMAT).first() or Organization.objects.first()
    made = 0
    for n in range(30):
        maslikhat = maslikhats[n % len(maslikhats)]
        lang = "kk" if n % 2 == 0 else "ru"
        state = STATES[n % len(STATES)]
        days_ago = 120 - n * 2 if state not in ("open", "held", "extended_open") else 5
        if state == "overdue":
            days_ago = 40
        previous = None
        if state == "held":
            # A copy of an earlier appeal to this maslikhat from another (fictional) sender: held.
            recent = timezone.now() - datetime.timedelta(days=20)
            previous = Appeal.objects.filter(is_demo=True, submitted_at__gte=recent).order_by("-id").first()
            if previous is not None:
                lang, maslikhat = previous.language, previous.maslikhat
        appeal = _submit(maslikhat, n, lang, days_ago, f"(№ {n + 1})", copy_of=previous)
        made += 1
        if appeal.status == Appeal.Status.HELD or state in ("open", "overdue"):
            continue
        if state in ("on_time", "on_time_rated", "rated_low", "closed", "explained", "reopened"):
            outcome = {"explained": "explained", "rated_low": "refused"}.get(state, "satisfied")
            _answer(appeal, 10, outcome)
        elif state == "late":
            _answer(appeal, 18, "partially_satisfied")
        elif state in ("extended_answered", "extended_open"):
            limit = services.extension_limit(appeal)
            services.appeal_extend(
                appeal=appeal,
                actor=None,
                until=limit,
                reason="Жергілікті жерде тексеру қажет / Требуется выездная проверка",
                on=add_working_days(appeal.registered_on, 5),
            )
            services.extension_notice_record(appeal=appeal, on=add_working_days(appeal.registered_on, 6))
            if state == "extended_answered":
                _answer(appeal, 25, "satisfied")
        elif state == "forwarded" and akimat is not None:
            services.appeal_forward(
                appeal=appeal, actor=None, organization=akimat, on=add_working_days(appeal.registered_on, 2)
            )
        appeal.refresh_from_db()
        if state in ("on_time_rated", "extended_answered"):
            services.appeal_rate(appeal=appeal, substance=True, score=5)
        elif state == "rated_low":
            services.appeal_rate(appeal=appeal, substance=False, score=2)
        elif state == "closed":
            services.appeal_close(appeal=appeal, actor=None)
        elif state == "reopened":
            services.appeal_complain(
                appeal=appeal,
                text="Жауап мәселені шешпейді / Ответ не решает проблему по существу.",
                on=min(timezone.localdate(), appeal.answered_on + datetime.timedelta(days=7)),
            )
    return made
