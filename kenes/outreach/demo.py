"""Demo content for work with voters: reception hours, meetings with voters and an off-site session
with the public of the Aktobe regional maslikhat (seed 003: "regularly hold off-site sessions with
the participation of the public"), and of the Karaganda and Shymkent maslikhats; voter mandates in
different states (a road repair, school heating, a bus route, street lighting, a park, one outside
the maslikhat's competence).

Everything is fictional and marked is_demo: the deputies are invented people ("(demo)" in their
names), the questions carry no real citizen's data. Written through the real services; dates are
relative to today so that the calendar always has upcoming meetings. Idempotent: nothing is created
if demo meetings exist already."""

from __future__ import annotations

import datetime
import zoneinfo

from django.db import transaction
from django.utils import timezone

from kenes.core.i18n import tr as t
from kenes.outreach import services
from kenes.outreach.models import VoterMandate, VoterMeeting
from kenes.registry import services as registry
from kenes.registry.models import Maslikhat, Membership, Organization, Person, Post, Region

TZ = zoneinfo.ZoneInfo("Asia/Almaty")
KATO = {"aktobe": "150000000", "karaganda": "350000000", "shymkent": "790000000"}
S = VoterMandate.Status
K = VoterMeeting.Kind


DEPUTIES = {
    "aktobe": [
        t("Ерлан Демоұлы (демо)", "Ерлан Демоулы (демо)", "Yerlan Demouly (demo)"),
        t("Гүлнар Үлгібаева (демо)", "Гульнар Ульгибаева (демо)", "Gulnar Ulgibayeva (demo)"),
    ],
    "karaganda": [t("Марат Сынақов (демо)", "Марат Сынаков (демо)", "Marat Synakov (demo)")],
    "shymkent": [t("Әсел Мысалова (демо)", "Асель Мысалова (демо)", "Assel Mysalova (demo)")],
}
AKIMATS = {
    "aktobe": t("Ақтөбе облысының әкімдігі", "Акимат Актюбинской области", "Akimat of Aktobe Region"),
    "karaganda": t("Қарағанды облысының әкімдігі", "Акимат Карагандинской области", "Akimat of Karaganda Region"),
    "shymkent": t("Шымкент қаласының әкімдігі", "Акимат города Шымкент", "Akimat of Shymkent"),
}


def _at(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=TZ)


def _deputies(key: str, maslikhat: Maslikhat) -> list[Person]:
    post = registry.post_for(maslikhat=maslikhat, role=Post.Role.DEPUTY)
    people = []
    for name in DEPUTIES[key]:
        person = Person.objects.filter(name__ru=name["ru"]).first()
        if person is None:
            person = registry.person_create(actor=None, data={"name": name, "is_demo": True})
        if not Membership.objects.filter(person=person, post=post).exists():
            registry.membership_create(
                actor=None,
                person=person,
                post=post,
                data={
                    "start_date": datetime.date(2023, 3, 29),
                    "mandate_type": "single_member",
                    "constituency": f"№ {len(people) + 3} (demo)",
                    "is_demo": True,
                },
            )
        people.append(person)
    return people


def _akimat(key: str, region: Region) -> Organization:
    found = Organization.objects.filter(kind=Organization.Kind.AKIMAT, name__ru=AKIMATS[key]["ru"]).first()
    if found is not None:
        return found
    return registry.organization_create(
        actor=None, data={"kind": Organization.Kind.AKIMAT, "name": AKIMATS[key], "region": region, "is_demo": True}
    )


def _meeting(maslikhat, deputies, *, kind, topic, place, days, hour=10, hours=2, record=None, questions=()):
    meeting = services.meeting_create(
        actor=None,
        maslikhat=maslikhat,
        data={
            "kind": kind,
            "topic": topic,
            "place": place,
            "starts_at": _at(days, hour),
            "ends_at": _at(days, hour + hours),
            "is_demo": True,
        },
        deputies=deputies,
    )
    if record is not None:
        meeting = services.meeting_mark_held(meeting=meeting, actor=None, data=record)
        for text, outcome, answer in questions:
            services.question_add(
                meeting=meeting, actor=None, data={"text": text, "outcome": outcome, "answer": answer}
            )
    return meeting


def _steps(mandate: VoterMandate, steps: list[tuple[str, int, dict | None]]) -> VoterMandate:
    for status, days_ago, text in steps:
        mandate = services.mandate_transition(
            mandate=mandate,
            actor=None,
            status=status,
            date=timezone.localdate() - datetime.timedelta(days=days_ago),
            note=text if status not in (S.REJECTED, S.NOT_EXECUTABLE) else None,
            reason=text if status in (S.REJECTED, S.NOT_EXECUTABLE) else None,
        )
    return mandate


@transaction.atomic
def load_demo() -> dict[str, int]:
    if VoterMeeting.objects.filter(is_demo=True).exists():
        return {"meetings": 0, "mandates": 0}
    maslikhats = {
        key: Maslikhat.objects.filter(region__kato=kato, level=Maslikhat.Level.REGIONAL)
        .select_related("region")
        .first()
        for key, kato in KATO.items()
    }
    if not all(maslikhats.values()):
        return {"meetings": 0, "mandates": 0}
    deputies = {key: _deputies(key, m) for key, m in maslikhats.items()}
    akimats = {key: _akimat(key, m.region) for key, m in maslikhats.items()}
    aktobe, karaganda, shymkent = maslikhats["aktobe"], maslikhats["karaganda"], maslikhats["shymkent"]
    today = timezone.localdate()

    # --- Aktobe: an off-site session with the public, a meeting, reception hours -------------
    off_site = _meeting(
        aktobe,
        deputies["aktobe"],
        kind=K.OFF_SITE_SESSION,
        topic=t(
            "Қарғалы ауданындағы мектептерді жылыту: қоғамның қатысуымен көшпелі отырыс",
            "Отопление школ Каргалинского района: выездное заседание с участием общественности",
            "Heating of schools in Kargaly District: off-site session with the public",
        ),
        place=t("Бадамша ауылы, мәдениет үйі", "село Бадамша, Дом культуры", "Badamsha village, House of Culture"),
        days=-45,
        hour=11,
        hours=3,
        record={
            "attendees_count": 86,
            "topics": t(
                "Мектептерді жылыту, қазандықты жөндеу, мектеп автобусы.",
                "Отопление школ, ремонт котельной, школьный автобус.",
                "Heating of schools, repair of the boiler house, the school bus.",
            ),
            "summary": t(
                "Депутаттар ата-аналармен, мұғалімдермен және аудан әкімдігінің өкілдерімен кездесті. "
                "Үш мәселе айтылды; біреуі сайлаушылар наказы ретінде қабылданды.",
                "Депутаты встретились с родителями, учителями и представителями акимата района. "
                "Поднято три вопроса; один принят как наказ избирателей.",
                "The deputies met parents, teachers and district akimat officials. Three questions were "
                "raised; one was taken as a voter mandate.",
            ),
        },
        questions=[
            (
                "Зимой в школе №2 села Бадамша в классах +14 градусов, котельная требует ремонта.",
                "noted",
                "",
            ),
            (
                "Будет ли школьный автобус для детей из отдалённых улиц?",
                "answered_on_spot",
                "Акимат района закупает автобус в следующем году.",
            ),
            ("Когда откроют спортзал после ремонта?", "answered_on_spot", "В сентябре."),
        ],
    )
    heating = services.question_to_mandate(
        question=off_site.questions.get(position=1),
        actor=None,
        data={
            "title": t(
                "Бадамша ауылындағы №2 мектептің қазандығын жөндеу",
                "Ремонт котельной школы №2 села Бадамша",
                "Repair of the boiler house of school No. 2 in Badamsha",
            ),
            "responsible_body": akimats["aktobe"],
            "responsible_text": t("Білім басқармасы", "Управление образования", "Department of Education"),
            "planned_completion": today + datetime.timedelta(days=10),
            "is_demo": True,
        },
    )
    _steps(
        heating,
        [(S.ACCEPTED, 40, t("Жөндеу жоспарына енгізілді.", "Включено в план ремонта.", "Added to the repair plan."))],
    )

    road_meeting = _meeting(
        aktobe,
        deputies["aktobe"][:1],
        kind=K.MEETING,
        topic=t(
            "Сайлаушылармен кездесу: ауыл жолдары",
            "Встреча с избирателями: сельские дороги",
            "Meeting with voters: rural roads",
        ),
        place=t(
            "Хромтау қаласы, әкімдік мәжіліс залы", "г. Хромтау, актовый зал акимата", "Khromtau, akimat assembly hall"
        ),
        days=-120,
        hour=15,
        record={"attendees_count": 42, "topics": t("Жолдар", "Дороги", "Roads")},
    )
    road = services.mandate_create(
        actor=None,
        maslikhat=aktobe,
        data={
            "title": t(
                "Хромтау – Дөң учаскесіндегі жолды жөндеу (12 км)",
                "Ремонт дороги на участке Хромтау – Донское (12 км)",
                "Repair of the Khromtau – Donskoye road section (12 km)",
            ),
            "meeting": road_meeting,
            "deputy": deputies["aktobe"][0],
            "received_on": timezone.localtime(road_meeting.starts_at).date(),
            "responsible_body": akimats["aktobe"],
            "responsible_text": t(
                "Жолаушылар көлігі және автомобиль жолдары басқармасы",
                "Управление пассажирского транспорта и автомобильных дорог",
                "Department of Passenger Transport and Roads",
            ),
            "planned_completion": today - datetime.timedelta(days=5),
            "is_demo": True,
        },
    )
    _steps(
        road,
        [
            (S.ACCEPTED, 110, None),
            (S.IN_PROGRESS, 60, t("Мердігер анықталды.", "Определён подрядчик.", "A contractor was chosen.")),
        ],
    )
    _meeting(
        aktobe,
        deputies["aktobe"][1:],
        kind=K.RECEPTION_HOURS,
        topic=t("Депутаттың азаматтарды қабылдауы", "Приём граждан депутатом", "Deputy's reception hours"),
        place=t(
            "Ақтөбе, Әбілқайыр хан даңғылы, мәслихат ғимараты, 204-кабинет",
            "Актобе, здание маслихата, кабинет 204",
            "Aktobe, maslikhat building, room 204",
        ),
        days=5,
        hour=10,
        hours=3,
    )
    _meeting(
        aktobe,
        deputies["aktobe"],
        kind=K.MEETING,
        topic=t(
            "Сайлаушылармен кездесу: ауыз су",
            "Встреча с избирателями: питьевая вода",
            "Meeting with voters: drinking water",
        ),
        place=t("Алға қаласы, мәдениет үйі", "г. Алга, Дом культуры", "Alga, House of Culture"),
        days=12,
        hour=16,
    )

    # --- Karaganda: a bus route, executed; street lighting, partially -------------------------
    bus_meeting = _meeting(
        karaganda,
        deputies["karaganda"],
        kind=K.MEETING,
        topic=t(
            "Сайлаушылармен кездесу: қоғамдық көлік",
            "Встреча с избирателями: общественный транспорт",
            "Meeting with voters: public transport",
        ),
        place=t(
            "Қарағанды, Майқұдық, №45 мектеп", "Караганда, Майкудук, школа №45", "Karaganda, Maikuduk, school No. 45"
        ),
        days=-200,
        hour=18,
        record={"attendees_count": 63, "topics": t("Автобус бағыттары", "Автобусные маршруты", "Bus routes")},
    )
    bus = services.mandate_create(
        actor=None,
        maslikhat=karaganda,
        data={
            "title": t(
                "Майқұдықтан облыстық ауруханаға дейін автобус бағытын ашу",
                "Открыть автобусный маршрут из Майкудука до областной больницы",
                "Open a bus route from Maikuduk to the regional hospital",
            ),
            "meeting": bus_meeting,
            "deputy": deputies["karaganda"][0],
            "received_on": timezone.localtime(bus_meeting.starts_at).date(),
            "responsible_body": akimats["karaganda"],
            "planned_completion": today - datetime.timedelta(days=60),
            "is_demo": True,
        },
    )
    _steps(
        bus,
        [
            (S.ACCEPTED, 190, None),
            (S.IN_PROGRESS, 150, None),
            (S.EXECUTED, 70, t("№57 бағыт ашылды.", "Открыт маршрут №57.", "Route No. 57 opened.")),
        ],
    )
    lights = services.mandate_create(
        actor=None,
        maslikhat=karaganda,
        data={
            "title": t(
                "Көшелерді жарықтандыру",
                "Уличное освещение в частном секторе",
                "Street lighting in the private-housing area",
            ),
            "source": VoterMandate.Source.ELECTION,
            "deputy": deputies["karaganda"][0],
            "received_on": datetime.date(2023, 3, 1),
            "responsible_body": akimats["karaganda"],
            "is_demo": True,
        },
    )
    _steps(
        lights,
        [
            (S.ACCEPTED, 700, None),
            (
                S.PARTIALLY_EXECUTED,
                100,
                t("12 көшенің 8-і жарықтандырылды.", "Освещены 8 улиц из 12.", "8 of 12 streets lit."),
            ),
        ],
    )
    _meeting(
        karaganda,
        deputies["karaganda"],
        kind=K.RECEPTION_HOURS,
        topic=t("Депутаттың азаматтарды қабылдауы", "Приём граждан депутатом", "Deputy's reception hours"),
        place=t("Қарағанды, мәслихат ғимараты", "Караганда, здание маслихата", "Karaganda, maslikhat building"),
        days=8,
        hour=11,
    )

    # --- Shymkent: a park (received), one outside the competence (rejected) ---------------------
    services.mandate_create(
        actor=None,
        maslikhat=shymkent,
        data={
            "title": t(
                "Тұрғын үй алабында саябақ салу",
                "Разбить сквер в жилом массиве",
                "Lay out a park in the housing estate",
            ),
            "source": VoterMandate.Source.ELECTION,
            "deputy": deputies["shymkent"][0],
            "received_on": today - datetime.timedelta(days=20),
            "responsible_body": akimats["shymkent"],
            "is_demo": True,
        },
    )
    rejected = services.mandate_create(
        actor=None,
        maslikhat=shymkent,
        data={
            "title": t(
                "Жеке дүкеннің жұмыс уақытын өзгерту",
                "Изменить часы работы частного магазина",
                "Change the opening hours of a private shop",
            ),
            "source": VoterMandate.Source.OTHER,
            "deputy": deputies["shymkent"][0],
            "received_on": today - datetime.timedelta(days=30),
            "is_demo": True,
        },
    )
    _steps(
        rejected,
        [
            (
                S.REJECTED,
                25,
                t(
                    "Мәслихаттың құзыретіне жатпайды; өтініш берушіге түсіндірілді.",
                    "Не относится к компетенции маслихата; заявителю разъяснено.",
                    "Outside the maslikhat's competence; explained to the applicant.",
                ),
            )
        ],
    )
    _meeting(
        shymkent,
        deputies["shymkent"],
        kind=K.OFF_SITE_SESSION,
        topic=t(
            "Көшпелі отырыс: аулаларды абаттандыру",
            "Выездное заседание: благоустройство дворов",
            "Off-site session: improving courtyards",
        ),
        place=t(
            "Шымкент, Тұран ауданы, жастар орталығы",
            "Шымкент, Туранский район, молодёжный центр",
            "Shymkent, Turan District, youth centre",
        ),
        days=20,
        hour=15,
    )
    return {
        "meetings": VoterMeeting.objects.filter(is_demo=True).count(),
        "mandates": VoterMandate.objects.filter(is_demo=True).count(),
    }
