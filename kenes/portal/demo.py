"""Demo content written by hand from the two Senate press releases in the seeds (21 October 2020
council session; Dariga Nazarbayeva's meeting with the Aktobe regional maslikhat), with names and
spellings from kenes/registry/data/SOURCES.md.

Every record created here carries is_demo=True. Everything goes through the real services with
actor=None, so the same rules apply as for staff. Loading is idempotent: people and organisations
are found by their Russian name, memberships by person, post and start date, sessions by council,
kind and start time; an existing record is left as it is. Three demo staff accounts with a known
password are created too; they exist only where load_demo has run, never in production.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from kenes.accounts.models import Role, User
from kenes.councils import services as councils
from kenes.councils.models import Council, Decision, Participation, Session
from kenes.councils.reference import COUNCIL_SLUG, SENATE, load_council
from kenes.registry import services as registry
from kenes.registry.models import Maslikhat, Membership, Organization, Person, Post, Region
from kenes.registry.reference import load_regions

ALMATY = ZoneInfo("Asia/Almaty")
SESSION_2020_STARTS = datetime.datetime(2020, 10, 21, 10, 0, tzinfo=ALMATY)
# SOURCES.md: no report of the Aktobe trip was found; the best estimate is Sept–Dec 2019.
AKTOBE_MEETING_STARTS = datetime.datetime(2019, 11, 1, 11, 0, tzinfo=ALMATY)
DEMO_PASSWORD = "kenes-demo"  # noqa: S105 - a documented demo password, created only by load_demo
KATO_AKTOBE = "150000000"
KATO_WEST_KAZAKHSTAN = "270000000"

DATES_APPROXIMATE = {
    "kk": "Демо-деректер: күндері шамамен алынған, ресми дереккөзбен расталмаған.",
    "ru": "Демо-данные: даты приблизительные, официальным источником не подтверждены.",
    "en": "Demo data: the dates are approximate and not confirmed by an official source.",
}


def t(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


# --- organisations and people ---------------------------------------------------------------

ORGANIZATIONS: dict[str, dict[str, Any]] = {
    "ministry": {
        "kind": Organization.Kind.GOVERNMENT,
        "name": t(
            "Қазақстан Республикасы Ақпарат және қоғамдық даму министрлігі",
            "Министерство информации и общественного развития Республики Казахстан",
            "Ministry of Information and Social Development of the Republic of Kazakhstan",
        ),
        "short_name": t("АҚДМ", "МИОР", "MISD"),
        "end_date": datetime.date(2023, 8, 31),
        "description": t(
            "2023 жылғы 1 қыркүйектен бастап оның ізбасары — Мәдениет және ақпарат министрлігі.",
            "С 1 сентября 2023 года его преемник — Министерство культуры и информации.",
            "Since 1 September 2023 its successor is the Ministry of Culture and Information.",
        ),
    },
    "government": {
        "kind": Organization.Kind.GOVERNMENT,
        "name": t(
            "Қазақстан Республикасының Үкіметі",
            "Правительство Республики Казахстан",
            "Government of the Republic of Kazakhstan",
        ),
        "short_name": t("Үкімет", "Правительство", "Government"),
    },
    "lawyers": {
        "kind": Organization.Kind.PARTNER,
        "name": t("Қазақстан заңгерлер одағы", "Союз юристов Казахстана", "Union of Lawyers of Kazakhstan"),
        "short_name": t("ҚЗО", "СЮК", "ULK"),
        "description": t(
            "Республикалық қоғамдық бірлестік, елде шамамен 20 мың мүшесі бар. Сенаттың үйлестіруімен мәслихат "
            "депутаттарына құқықтық сауаттылық бойынша дәрістер дайындайды.",
            "Республиканское общественное объединение, насчитывает в стране около 20 тысяч членов. При "
            "координирующей роли Сената готовит для депутатов маслихатов лекции по правовой грамотности.",
            "A national public association with about 20,000 members. Coordinated by the Senate, it prepares "
            "lectures on legal literacy for maslikhat deputies.",
        ),
    },
    "association": {
        "kind": Organization.Kind.ASSOCIATION,
        "name": t(
            "«Қазақстан мәслихаттары депутаттары бірлестігі» республикалық қоғамдық бірлестігі",
            "РОО «Объединение депутатов маслихатов Казахстана»",
            "Association of Maslikhat Deputies of Kazakhstan",
        ),
        "short_name": t(
            "Мәслихат депутаттары бірлестігі", "Объединение депутатов маслихатов", "Association of Maslikhat Deputies"
        ),
    },
    "rukhani": {
        "kind": Organization.Kind.GOVERNMENT,
        "parent": "ministry",
        "name": t(
            "«Рухани жаңғыру» бағдарламасын үйлестіру департаменті",
            "Департамент координации программы «Рухани жаңғыру»",
            "Department for Coordination of the Rukhani Zhangyru Programme",
        ),
        "description": t(
            "Қазақстан Республикасы Ақпарат және қоғамдық даму министрлігінің департаменті. Қазақша және ағылшынша "
            "атауы аударма, расталмаған.",
            "Департамент Министерства информации и общественного развития Республики Казахстан. Казахское и "
            "английское названия — перевод, не подтверждены.",
            "A department of the Ministry of Information and Social Development. The Kazakh and English names are "
            "translations, not confirmed.",
        ),
    },
    "institute": {
        "kind": Organization.Kind.INSTITUTE,
        "name": t(
            "Мемлекеттік жергілікті басқару институты",
            "Институт государственного местного управления",
            "Institute of State Local Government",
        ),
        "description": t(
            "Қазақша және ағылшынша атауы аударма, расталмаған.",
            "Казахское и английское названия — перевод, не подтверждены.",
            "The Kazakh and English names are translations, not confirmed.",
        ),
    },
    "magazine": {
        "kind": Organization.Kind.MEDIA,
        "name": t(
            "«Мәслихат және әкімдік – маслихат и акимат» республикалық журналы",
            "Республиканский журнал «Мәслихат және әкімдік – маслихат и акимат»",
            "“Maslikhat and Akimat” national magazine",
        ),
        "short_name": t("«Мәслихат және әкімдік»", "«Мәслихат және әкімдік»", "Maslikhat and Akimat"),
    },
}

PEOPLE: dict[str, dict[str, Any]] = {
    "shakirov": {
        "name": t("Асқар Шәкіров", "Аскар Шакиров", "Askar Shakirov"),
        "sort_name": "Shakirov Askar",
    },
    "mukashev": {
        "name": t("Төлеубек Мұқашев", "Толеубек Мукашев", "Toleubek Mukashev"),
        "sort_name": "Mukashev Toleubek",
    },
    "kulshar": {
        "name": t("Мәлік Құлшар", "Малик Кулшар", "Malik Kulshar"),
        "sort_name": "Kulshar Malik",
    },
    "akylbay": {
        "name": t("Серік Ақылбай", "Серик Акылбай", "Serik Akylbay"),
        "sort_name": "Akylbay Serik",
    },
    "nazarbayeva": {
        "name": t("Дариға Назарбаева", "Дарига Назарбаева", "Dariga Nazarbayeva"),
        "sort_name": "Nazarbayeva Dariga",
    },
}


@dataclass
class Demo:
    """What load_demo found or created, by key, and how many records it created."""

    council: Council
    senate: Organization
    organizations: dict[str, Organization] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    created: dict[str, int] = field(default_factory=dict)
    accounts: list[str] = field(default_factory=list)

    def count(self, what: str, n: int = 1) -> None:
        self.created[what] = self.created.get(what, 0) + n


def _organizations(demo: Demo) -> None:
    for key, spec in ORGANIZATIONS.items():
        spec = dict(spec)
        parent = spec.pop("parent", None)
        found = Organization.objects.filter(kind=spec["kind"], name__ru=spec["name"]["ru"]).first()
        if found is None:
            data = {**spec, "is_demo": True}
            if parent:
                data["parent"] = demo.organizations[parent]
            found = registry.organization_create(actor=None, data=data)
            demo.count("organizations")
        demo.organizations[key] = found


def _people(demo: Demo) -> None:
    for key, spec in PEOPLE.items():
        found = Person.objects.filter(name__ru=spec["name"]["ru"]).first()
        if found is None:
            found = registry.person_create(actor=None, data={**spec, "is_demo": True})
            demo.count("people")
        demo.people[key] = found


def _membership(demo: Demo, person: str, post: Post, start: datetime.date, end: datetime.date | None, note) -> None:
    person_obj = demo.people[person]
    if Membership.objects.filter(person=person_obj, post=post, start_date=start).exists():
        return
    registry.membership_create(
        actor=None,
        person=person_obj,
        post=post,
        data={"start_date": start, "end_date": end, "note": note, "is_demo": True},
    )
    demo.count("memberships")


def _org_post(organization: Organization, role: str) -> Post:
    post, _created = Post.objects.get_or_create(organization=organization, role=role, defaults={"label": {}})
    return post


def _memberships(demo: Demo) -> None:
    west = Maslikhat.objects.get(region__kato=KATO_WEST_KAZAKHSTAN, level=Maslikhat.Level.REGIONAL)
    _membership(
        demo,
        "kulshar",
        registry.post_for(maslikhat=west, role=Post.Role.HEAD),
        datetime.date(2016, 4, 1),
        datetime.date(2021, 1, 29),
        t(
            "Мәслихат хатшысы ретінде 2020 жылғы 21 қазанда аталған. " + DATES_APPROXIMATE["kk"],
            "Назван секретарём маслихата 21 октября 2020 года. " + DATES_APPROXIMATE["ru"],
            "Named secretary of the maslikhat on 21 October 2020. " + DATES_APPROXIMATE["en"],
        ),
    )
    _membership(
        demo,
        "shakirov",
        _org_post(demo.senate, Post.Role.DEPUTY_CHAIR),
        datetime.date(2020, 1, 1),
        datetime.date(2022, 12, 31),
        t(
            "Сенат Төрағасының орынбасары ретінде 2020 жылғы 21 қазанда аталған. " + DATES_APPROXIMATE["kk"],
            "Назван вице-спикером Сената 21 октября 2020 года. " + DATES_APPROXIMATE["ru"],
            "Named vice-speaker of the Senate on 21 October 2020. " + DATES_APPROXIMATE["en"],
        ),
    )
    _membership(
        demo,
        "nazarbayeva",
        _org_post(demo.senate, Post.Role.CHAIR),
        datetime.date(2019, 3, 20),
        datetime.date(2020, 5, 2),
        t(
            "Сенат Төрағасы 2019 жылғы 20 наурыздан 2020 жылғы 2 мамырға дейін.",
            "Председатель Сената с 20 марта 2019 года по 2 мая 2020 года.",
            "Chair of the Senate from 20 March 2019 to 2 May 2020.",
        ),
    )
    _membership(
        demo,
        "akylbay",
        _org_post(demo.organizations["lawyers"], Post.Role.CHAIR),
        datetime.date(2018, 1, 1),
        None,
        DATES_APPROXIMATE,
    )
    _membership(
        demo,
        "mukashev",
        _org_post(demo.organizations["association"], Post.Role.CHAIR),
        datetime.date(2019, 1, 1),
        None,
        DATES_APPROXIMATE,
    )


# --- the session of 21 October 2020 ---------------------------------------------------------

TITLES = {
    "vice_speaker": t("Сенат Төрағасының орынбасары", "Вице-спикер Сената", "Vice-speaker of the Senate"),
    "senate_chair": t("Сенат Төрағасы", "Председатель Сената", "Chair of the Senate"),
    "mukashev": t(
        "«Қазақстан мәслихаттары депутаттары бірлестігі» РҚБ төрағасы",
        "Председатель РОО «Объединение депутатов маслихатов Казахстана»",
        "Chairman of the Association of Maslikhat Deputies of Kazakhstan",
    ),
    "kulshar": t(
        "Батыс Қазақстан облыстық мәслихатының хатшысы",
        "Секретарь Западно-Казахстанского областного маслихата",
        "Secretary of the West Kazakhstan Regional Maslikhat",
    ),
    "akylbay": t(
        "«Қазақстан заңгерлер одағы» РҚБ төрағасы",
        "Председатель РОО «Союз юристов Казахстана»",
        "Chairman of the Union of Lawyers of Kazakhstan",
    ),
}

SESSION_2020 = {
    "kind": Session.Kind.REGULAR,
    "format": Session.Format.VIDEOCONFERENCE,
    "starts_at": SESSION_2020_STARTS,
    "ends_at": SESSION_2020_STARTS + datetime.timedelta(hours=2),
    "title": t(
        "Сенат жанындағы мәслихаттармен өзара іс-қимыл жөніндегі кеңестің кезекті отырысы",
        "Очередное заседание Совета по взаимодействию с маслихатами при Сенате",
        "Regular session of the Council for Interaction with Maslikhats under the Senate",
    ),
    "place": t(
        "Қазақстан Республикасы Парламентінің Сенаты, Нұр-Сұлтан қаласы (бейнеконференция)",
        "Сенат Парламента Республики Казахстан, г. Нур-Султан (видеоконференция)",
        "Senate of the Parliament of the Republic of Kazakhstan, Nur-Sultan (videoconference)",
    ),
    "chair_title": TITLES["vice_speaker"],
    "summary": t(
        "Отырысқа Кеңес мүшелерімен қатар 17 өңірдің мәслихат депутаттары бейнеконференция режимінде қатысты. "
        "Негізгі мәселе — мәслихат депутаттарының Мемлекет басшысы Жолдауын іске асыруға қатысуы; "
        "«Рухани жаңғыру» бағдарламасын ілгерілету де талқыланды. Кеңеске үш ұжымдық мүше қабылданып, "
        "Кеңестің перспективалық жұмыс жоспары қабылданды. Демо-жазба: Сенаттың 2020 жылғы 21 қазандағы "
        "баспасөз хабарламасы бойынша қолмен жазылған.",
        "В заседании, помимо членов Совета, в режиме видеоконференции приняли участие депутаты маслихатов "
        "17 регионов страны. Основной вопрос — участие депутатов маслихатов в реализации Послания Главы "
        "государства; обсуждалось также продвижение программы «Рухани жаңғыру». В состав Совета приняты три "
        "коллективных члена, выработан перспективный план работы Совета. Демо-запись: составлена вручную "
        "по пресс-релизу Сената от 21 октября 2020 года.",
        "Besides the members of the Council, deputies of the maslikhats of all 17 regions took part by "
        "videoconference. The main question was the participation of maslikhat deputies in implementing the "
        "Head of State's Address; the promotion of the Rukhani Zhangyru programme was also discussed. Three "
        "collective members were admitted and a forward work plan of the Council was adopted. Demo record: "
        "written by hand from the Senate press release of 21 October 2020.",
    ),
}

AGENDA_2020 = [
    {
        "key": "address",
        "is_main": True,
        "title": t(
            "Мәслихат депутаттарының Қазақстан Республикасы Президенті Қ.-Ж. Тоқаевтың Қазақстан халқына "
            "Жолдауын іске асыруға қатысуы туралы",
            "Об участии депутатов маслихатов в реализации Послания Президента Республики Казахстан "
            "К.-Ж. Токаева народу Казахстана",
            "On the participation of maslikhat deputies in implementing the Address of President "
            "Kassym-Jomart Tokayev to the people of Kazakhstan",
        ),
        "description": t(
            "2020 жылғы Жолдау. Жергілікті өзін-өзі басқаруды дамыту, жергілікті өкілді органдарды нығайту және "
            "олардың қызметінің халық үшін ашықтығы; сайлаушылармен нақты әрі мазмұнды жұмыс.",
            "Послание 2020 года. Развитие местного самоуправления, укрепление местных представительных органов и "
            "прозрачность их деятельности для населения; предметная работа с избирателями.",
            "The 2020 Address. Developing local self-government, strengthening local representative bodies and "
            "making their work transparent to the public; focused work with voters.",
        ),
    },
    {
        "key": "rukhani",
        "title": t(
            "«Рухани жаңғыру» мемлекеттік бағдарламасын ілгерілету туралы",
            "О продвижении государственной программы «Рухани жаңғыру»",
            "On promoting the state programme “Rukhani Zhangyru”",
        ),
        "description": t(
            "Бағдарлама елде жүргізіліп жатқан саяси және экономикалық реформалардың қозғаушы күштерінің бірі "
            "болуға арналған.",
            "Программа призвана быть одной из движущих сил проводимых в стране политических и экономических реформ.",
            "The programme is meant to be one of the driving forces of the country's political and economic reforms.",
        ),
    },
    {
        "key": "members",
        "title": t(
            "Кеңестің ұжымдық мүшелерін қабылдау туралы",
            "О приёме коллективных членов Совета",
            "On the admission of collective members of the Council",
        ),
    },
]

STATEMENTS_2020 = [
    {
        "speaker": "shakirov",
        "item": "address",
        "speaker_title": TITLES["vice_speaker"],
        "text": t(
            "Отырысты ашып, негізгі мәселе бойынша сөз сөйледі. Өңірлердің тиімді дамуына жәрдемдесу — Парламенттің "
            "жоғарғы палатасы қызметінің маңызды бағыттарының бірі екенін, Кеңес арқылы мәслихаттарға олардың "
            "заңнамалық өкілеттіктері шеңберінде жан-жақты көмек көрсетілетінін атап өтті.",
            "Открыл заседание и выступил по основному вопросу. Отметил, что содействие эффективному развитию "
            "регионов является одним из важных направлений деятельности верхней палаты Парламента, и через Совет "
            "маслихатам оказывается всемерная помощь в рамках их законодательных полномочий.",
            "Opened the session and spoke on the main question. He noted that supporting the effective development "
            "of the regions is one of the important lines of work of the upper chamber of Parliament, and that "
            "through the Council the maslikhats receive every assistance within their legislative powers.",
        ),
        "quotation": t(
            "Бұл құжат бұрын-соңды болмаған заманауи сын-қатерлер жағдайында елдің тыныс-тіршілігін қамтамасыз "
            "етудің жан-жақты бағдарламасын қамтиды. Мемлекет басшысы өз Жолдауында мемлекеттік басқару жүйесін "
            "жетілдіру мақсатында өзара байланысты міндеттер кешенін қойды. Бұл үдерістің маңызды бағыттарының бірі "
            "ретінде жергілікті өзін-өзі басқаруды дамыту айқындалды, ол жергілікті өкілді органдарды нығайтуды "
            "көздейді, ал олардың қызметі халық үшін барынша ашық болуы тиіс",
            "Данный документ содержит в себе всестороннюю программу обеспечения жизнедеятельности страны в "
            "условиях беспрецедентных современных вызовов. В своем Послании Глава государства поставил комплекс "
            "взаимосвязанных задач, в целях совершенствования системы государственного управления. Одним из важных "
            "направлений данного процесса определено развитие местного самоуправления, подразумевающего укрепление "
            "местных представительных органов, деятельность которых должна стать максимально транспарентной для "
            "населения",
            "This document contains a comprehensive programme for sustaining the life of the country amid "
            "unprecedented modern challenges. In his Address the Head of State set a range of interrelated tasks "
            "aimed at improving the system of public administration. One of the important directions of this "
            "process is the development of local self-government, which implies strengthening local representative "
            "bodies, whose work must become as transparent as possible for the population",
        ),
    },
    {
        "speaker": "mukashev",
        "item": "rukhani",
        "speaker_title": TITLES["mukashev"],
        "text": t(
            "«Рухани жаңғыру» бағдарламасын ілгерілету туралы сөйлеп, бұл жұмыста ең алдымен жастар арасындағы "
            "насихатқа басымдық беру қажет екенін айтты.",
            "Выступил по вопросу продвижения программы «Рухани жаңғыру» и предложил сделать акцент на работе "
            "прежде всего среди молодёжи.",
            "Spoke on promoting the Rukhani Zhangyru programme and proposed to focus the work above all on young "
            "people.",
        ),
        "quotation": t(
            "бұл жұмыста бүгінгі күні ең өзекті тәсілдер басым болуы тиіс – ең алдымен жастар арасында білімге "
            "және білімділікке құштарлықты, төзімділік пен кәсібилікті насихаттау",
            "в данной работе должны превалировать наиболее актуальные на сегодняшний день подходы – популяризация, "
            "прежде всего среди молодежи, культа знаний и образованности, толерантности и профессионализма",
            "this work should be led by the approaches most relevant today – popularising, above all among young "
            "people, a cult of knowledge and education, tolerance and professionalism",
        ),
    },
    {
        "speaker": "kulshar",
        "item": "address",
        "speaker_title": TITLES["kulshar"],
        "text": t(
            "Сайлаушылармен неғұрлым нақты әрі мазмұнды жұмыс жүргізу қажеттігі туралы айтты.",
            "Говорил о необходимости более акцентированной и предметной работы с избирателями.",
            "Spoke of the need for more focused and substantive work with voters.",
        ),
        "quotation": t(
            "мәслихат депутаттары Мемлекет басшысы Жолдауының мәнін және оны іске асыру жолдарын әрбір "
            "қазақстандыққа жеткізуі тиіс",
            "депутаты маслихатов должны донести до каждого казахстанца суть и пути реализации Послания Главы "
            "государства",
            "maslikhat deputies must bring to every Kazakhstani the essence of the Head of State's Address and the "
            "ways it is to be implemented",
        ),
    },
    {
        "speaker": "akylbay",
        "item": "address",
        "speaker_title": TITLES["akylbay"],
        "text": t(
            "Сенаттың үйлестіруімен мәслихаттарға көмек көрсетіп отырған Қазақстан заңгерлер одағының (елде "
            "шамамен 20 мың мүшесі бар) жұмысы туралы хабарлады.",
            "Проинформировал о содействии, которое при координирующей роли Сената оказывает маслихатам Союз "
            "юристов Казахстана (около 20 тысяч членов в стране).",
            "Reported on the support the Union of Lawyers of Kazakhstan (about 20,000 members nationwide) gives the "
            "maslikhats, coordinated by the Senate.",
        ),
        "quotation": t(
            "мәслихат депутаттарының құқықтық сауаттылығын арттыру мақсатында Қазақстан заңгерлер одағы Парламент "
            "қабылдаған заңдарды түсіндіретін бірқатар тақырыптық дәрістер дайындап, өңірлерге жіберді. Бұл жұмыс "
            "жалғасатын болады",
            "в целях повышения правовой грамотности депутатов маслихатов Союзом юристов Казахстана подготовлен и "
            "передан в регионы ряд тематических лекций с разъяснениями о принимаемых Парламентом законов. Данная "
            "работа будет продолжена",
            "to raise the legal literacy of maslikhat deputies, the Union of Lawyers of Kazakhstan has prepared and "
            "sent to the regions a series of thematic lectures explaining the laws passed by Parliament. This work "
            "will continue",
        ),
    },
]

DECISIONS_2020 = [
    {
        "kind": Decision.Kind.ADMIT_MEMBER,
        "item": "members",
        "admit": ("rukhani", "institute", "magazine"),
        "title": t(
            "Кеңеске ұжымдық мүшелер қабылдау туралы",
            "О приёме в состав Совета коллективных членов",
            "On admitting collective members to the Council",
        ),
        "text": t(
            "Кеңестің құрамына ұжымдық мүшелер ретінде қабылдансын: Қазақстан Республикасы Ақпарат және қоғамдық "
            "даму министрлігінің «Рухани жаңғыру» бағдарламасын үйлестіру департаменті; Мемлекеттік жергілікті "
            "басқару институты; «Мәслихат және әкімдік – маслихат и акимат» республикалық журналы.",
            "Принять в состав Совета в качестве коллективных членов: Департамент координации программы «Рухани "
            "жаңғыру» Министерства информации и общественного развития Республики Казахстан; Институт "
            "государственного местного управления; республиканский журнал «Мәслихат және әкімдік – маслихат и "
            "акимат».",
            "To admit as collective members of the Council: the Department for Coordination of the Rukhani Zhangyru "
            "Programme of the Ministry of Information and Social Development of the Republic of Kazakhstan; the "
            "Institute of State Local Government; the national magazine “Maslikhat and Akimat”.",
        ),
    },
    {
        "kind": Decision.Kind.ADOPT_PLAN,
        "item": None,
        "title": t(
            "Кеңестің перспективалық жұмыс жоспары туралы",
            "О перспективном плане работы Совета",
            "On the forward work plan of the Council",
        ),
        "text": t(
            "Қаралған мәселелер бойынша әзірленген Кеңестің перспективалық жұмыс жоспары қабылдансын.",
            "Принять перспективный план работы Совета, выработанный в соответствии с рассмотренными вопросами.",
            "To adopt the forward work plan of the Council, drawn up in line with the questions considered.",
        ),
    },
    {
        "kind": Decision.Kind.RECOMMENDATION,
        "item": "address",
        "title": t(
            "Мәслихат депутаттарының құқықтық сауаттылығын арттыру туралы",
            "О повышении правовой грамотности депутатов маслихатов",
            "On raising the legal literacy of maslikhat deputies",
        ),
        "text": t(
            "Қазақстан заңгерлер одағына Парламент қабылдаған заңдар бойынша мәслихат депутаттарына арналған "
            "тақырыптық дәрістерді дайындауды жалғастыру, ал мәслихаттарға Мемлекет басшысының Жолдауы бойынша "
            "сайлаушылармен түсіндіру жұмысын күшейту ұсынылсын. (Демо: баспасөз хабарламасынан шығарылған тұжырым.)",
            "Рекомендовать Союзу юристов Казахстана продолжить подготовку тематических лекций для депутатов "
            "маслихатов о принимаемых Парламентом законах, а маслихатам — усилить разъяснительную работу с "
            "избирателями по Посланию Главы государства. (Демо: вывод из пресс-релиза.)",
            "To recommend that the Union of Lawyers of Kazakhstan continue preparing thematic lectures for "
            "maslikhat deputies on the laws passed by Parliament, and that the maslikhats step up explaining the "
            "Head of State's Address to voters. (Demo: inferred from the press release.)",
        ),
    },
]


def _session_2020(demo: Demo) -> Session | None:
    existing = Session.objects.filter(council=demo.council, kind=Session.Kind.REGULAR, starts_at=SESSION_2020_STARTS)
    if existing.exists():
        return None
    session = councils.session_create(
        actor=None,
        council=demo.council,
        data={**SESSION_2020, "chair": demo.people["shakirov"], "is_demo": True},
    )
    items = {}
    for spec in AGENDA_2020:
        spec = dict(spec)
        key = spec.pop("key")
        items[key] = councils.agenda_item_add(session=session, actor=None, data=spec)
    day = SESSION_2020_STARTS.date()
    regional = list(
        Maslikhat.objects.filter(
            level=Maslikhat.Level.REGIONAL, region__in=Region.objects.filter(Region.q_valid_on(day))
        )
    )
    remote = Participation.Mode.REMOTE
    rows = [councils.MaslikhatAttendance(m.pk, remote) for m in regional]
    councils.participation_set_maslikhats(session=session, actor=None, rows=rows)
    session = councils.session_announce(session=session, actor=None)
    session = councils.session_mark_held(session=session, actor=None)
    rows = [councils.MaslikhatAttendance(m.pk, remote, True) for m in regional]
    councils.participation_set_maslikhats(session=session, actor=None, rows=rows)
    # The chair and the speakers from national bodies were in the Senate; the maslikhat secretary joined
    # from his region with the other maslikhats (a plausible reading of the press release).
    for key, mode in (
        ("shakirov", Participation.Mode.IN_PERSON),
        ("mukashev", Participation.Mode.IN_PERSON),
        ("akylbay", Participation.Mode.IN_PERSON),
        ("kulshar", remote),
    ):
        councils.participation_add(session=session, actor=None, mode=mode, person=demo.people[key], attended=True)
    _record(demo, session, items, STATEMENTS_2020, DECISIONS_2020)
    return councils.session_publish_minutes(session=session, actor=None)


def _record(demo: Demo, session: Session, items: dict, statements: list[dict], decisions: list[dict]) -> None:
    for spec in statements:
        councils.statement_add(
            session=session,
            actor=None,
            data={
                "speaker": demo.people[spec["speaker"]],
                "agenda_item": items.get(spec["item"]),
                "speaker_title": spec["speaker_title"],
                "text": spec["text"],
                "quotation": spec["quotation"],
            },
        )
    for spec in decisions:
        councils.decision_add(
            session=session,
            actor=None,
            data={
                "kind": spec["kind"],
                "agenda_item": items.get(spec["item"]) if spec["item"] else None,
                "title": spec["title"],
                "text": spec["text"],
                "is_demo": True,
            },
            admit_organizations=[demo.organizations[key] for key in spec.get("admit", ())],
        )


# --- the meeting in Aktobe -----------------------------------------------------------------

MEETING_AKTOBE = {
    "kind": Session.Kind.MEETING,
    "format": Session.Format.IN_PERSON,
    "starts_at": AKTOBE_MEETING_STARTS,
    "title": t(
        "Сенат Төрағасы Дариға Назарбаеваның Ақтөбе облыстық мәслихатының депутаттарымен кездесуі",
        "Встреча Председателя Сената Дариги Назарбаевой с депутатами Актюбинского областного маслихата",
        "Meeting of Senate Chair Dariga Nazarbayeva with the deputies of the Aktobe Regional Maslikhat",
    ),
    "place": t("Ақтөбе қаласы", "г. Актобе", "Aktobe"),
    "chair_title": TITLES["senate_chair"],
    "summary": t(
        "Ақтөбе облысына жұмыс сапары барысында Сенат Төрағасы облыстық мәслихат депутаттарымен кездесіп, оларды "
        "мәслихаттардың құрылғанына 25 жыл толуымен құттықтады. Кеңес Үкіметке мәслихаттардың рөлін күшейту, "
        "мәслихат хатшысының мәртебесін арттыру және босатылған депутаттар институтын енгізу жөнінде ұсынымдар "
        "топтамасын дайындады. Күні шамамен: баспасөз хабарламасының күні табылмады, 2019 жылдың күзі деп "
        "бағаланды. Демо-жазба: Сенат баспасөз қызметінің хабарламасы бойынша қолмен жазылған.",
        "Во время рабочей поездки в Актюбинскую область Председатель Сената встретилась с депутатами областного "
        "маслихата и поздравила их с 25-летием со дня образования маслихатов. Совет подготовил для Правительства "
        "пакет рекомендаций по укреплению роли маслихатов, повышению статуса секретаря маслихата и введению "
        "института освобождённых депутатов. Дата приблизительная: дата пресс-релиза не найдена, оценка — осень "
        "2019 года. Демо-запись: составлена вручную по сообщению пресс-службы Сената.",
        "During a working trip to Aktobe Region the Chair of the Senate met the deputies of the regional "
        "maslikhat and congratulated them on the 25th anniversary of the maslikhats. The Council had prepared a "
        "package of recommendations for the Government on strengthening the role of maslikhats, raising the "
        "status of the maslikhat secretary and introducing released (full-time) deputies. Date approximate: the "
        "date of the press release was not found; estimated as autumn 2019. Demo record: written by hand from "
        "the Senate press service's release.",
    ),
}

AGENDA_AKTOBE = [
    {
        "key": "maslikhats",
        "is_main": True,
        "title": t(
            "Мәслихаттардың құрылғанына 25 жыл толуы және олардың рөлін одан әрі нығайту туралы",
            "О 25-летии маслихатов и дальнейшем укреплении их роли",
            "On the 25th anniversary of the maslikhats and further strengthening their role",
        ),
        "description": t(
            "Кеңестің Үкіметке арналған ұсынымдар топтамасы: мәслихаттардың рөлін нығайту, мәслихат хатшысының "
            "мәртебесін арттыру, босатылған депутаттар институтын енгізу. Бұлар «Қазақстан Республикасындағы "
            "жергілікті мемлекеттік басқару және өзін-өзі басқару туралы» Заңға түзетулерде көрсетілген.",
            "Пакет рекомендаций Совета для Правительства: укрепление роли маслихатов, повышение статуса секретаря "
            "маслихата, введение института освобождённых депутатов. Всё это отражено в поправках к Закону «О местном "
            "государственном управлении и самоуправлении в Республике Казахстан».",
            "The Council's package of recommendations for the Government: strengthening the role of maslikhats, "
            "raising the status of the maslikhat secretary, introducing released (full-time) deputies. All of it is "
            "reflected in the amendments to the Law “On Local State Administration and Self-Government in the "
            "Republic of Kazakhstan”.",
        ),
    },
]

STATEMENTS_AKTOBE = [
    {
        "speaker": "nazarbayeva",
        "item": "maslikhats",
        "speaker_title": TITLES["senate_chair"],
        "text": t(
            "Депутаттарды мәслихаттардың 25 жылдығымен құттықтап, өңірлік өкілді органдар жергілікті мемлекеттік "
            "басқару жүйесінде аса маңызды рөл атқаратынын айтты. Депутаттарды Заңға түзетулерді талқылауға белсене "
            "қатысуға шақырды.",
            "Поздравила депутатов с 25-летием маслихатов и отметила, что региональные представительные органы играют "
            "важнейшую роль в системе местного государственного управления. Призвала депутатов принять активное "
            "участие в обсуждении поправок к Закону.",
            "Congratulated the deputies on the 25th anniversary of the maslikhats and said that regional "
            "representative bodies play a vital role in local state administration. She called on the deputies to "
            "take an active part in discussing the amendments to the Law.",
        ),
        "quotation": t(
            "Біз Сенат жанынан Жергілікті өкілді органдармен өзара іс-қимыл жөніндегі кеңес құрдық және оған үлкен "
            "үміт артамыз. Бұл екі жақты қозғалысы бар көше болғанын, ал мәслихаттармен байланыс тығыз әрі "
            "белсенді болғанын қалаймыз",
            "Мы создали Совет по взаимодействию с местными представительными органами при Сенате и возлагаем на "
            "него большие надежды. Хочется, чтобы это была улица с двусторонним движением, а связь с маслихатами "
            "была тесной и активной",
            "We have created the Council for Interaction with Local Representative Bodies under the Senate and we "
            "place great hopes in it. We want it to be a two-way street, with close and active ties with the "
            "maslikhats",
        ),
    },
    {
        "speaker": "nazarbayeva",
        "item": "maslikhats",
        "speaker_title": TITLES["senate_chair"],
        "text": t(
            "Халықпен жұмыстың жаңа форматтары қажет екенін айтты: жұртшылықтың қатысуымен көшпелі отырыстарды "
            "тұрақты өткізу, қызметті ресми сайттарда ғана емес, әлеуметтік желілерде де кеңінен көрсету.",
            "Сказала, что нужны новые форматы работы с населением: регулярно проводить выездные заседания с участием "
            "общественности и широко освещать деятельность не только на официальных сайтах, но и в социальных сетях.",
            "Said that new ways of working with the public are needed: holding regular off-site sessions open to the "
            "public, and covering the maslikhats' work widely not only on official websites but also on social media.",
        ),
        "quotation": t(
            "бұл жұмыс нақты мазмұнға толы болуы керек, жиі болатындай, формальды түрде, көзбояушылық үшін "
            "жүргізілмеуі тиіс",
            "эта работа должна быть наполнена реальным содержанием, а не проводиться, как это нередко бывает, "
            "формально, для галочки",
            "this work must be filled with real content, and not be done, as often happens, formally, just to tick "
            "a box",
        ),
    },
]


def _meeting_aktobe(demo: Demo) -> Session | None:
    existing = Session.objects.filter(council=demo.council, kind=Session.Kind.MEETING, starts_at=AKTOBE_MEETING_STARTS)
    if existing.exists():
        return None
    session = councils.session_create(
        actor=None,
        council=demo.council,
        data={**MEETING_AKTOBE, "chair": demo.people["nazarbayeva"], "is_demo": True},
    )
    items = {}
    for spec in AGENDA_AKTOBE:
        spec = dict(spec)
        key = spec.pop("key")
        items[key] = councils.agenda_item_add(session=session, actor=None, data=spec)
    aktobe = Maslikhat.objects.get(region__kato=KATO_AKTOBE, level=Maslikhat.Level.REGIONAL)
    in_person = Participation.Mode.IN_PERSON
    councils.participation_set_maslikhats(
        session=session, actor=None, rows=[councils.MaslikhatAttendance(aktobe.pk, in_person)]
    )
    session = councils.session_announce(session=session, actor=None)
    session = councils.session_mark_held(session=session, actor=None)
    councils.participation_set_maslikhats(
        session=session, actor=None, rows=[councils.MaslikhatAttendance(aktobe.pk, in_person, True)]
    )
    councils.participation_add(
        session=session, actor=None, mode=in_person, person=demo.people["nazarbayeva"], attended=True
    )
    _record(demo, session, items, STATEMENTS_AKTOBE, [])
    return councils.session_publish_minutes(session=session, actor=None)


# --- demo staff accounts -------------------------------------------------------------------


def _accounts(demo: Demo) -> None:
    aktobe = Maslikhat.objects.get(region__kato=KATO_AKTOBE, level=Maslikhat.Level.REGIONAL)
    specs = [
        ("secretariat", {"role": Role.SECRETARIAT}, "Council secretariat"),
        ("aktobe", {"role": Role.MASLIKHAT_HEAD, "maslikhat": aktobe}, f"Head of {aktobe.name['en']}"),
        ("admin", {"role": Role.CITIZEN, "is_superuser": True, "is_staff": True}, "Administrator (superuser)"),
    ]
    for username, fields, description in specs:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, email=f"{username}@kenes.local", **fields)
            user.set_password(DEMO_PASSWORD)
            user.save()
            demo.count("accounts")
        demo.accounts.append(f"{username} / {DEMO_PASSWORD} — {description}")


@transaction.atomic
def load_demo(*, accounts: bool = True) -> Demo:
    """Load the demo content (idempotent). Reference data is loaded first if it is missing."""
    if not Council.objects.filter(slug=COUNCIL_SLUG).exists() or not Region.objects.exists():
        load_regions()
        load_council()
    council = Council.objects.select_related("host").get(slug=COUNCIL_SLUG)
    senate = Organization.objects.filter(kind=Organization.Kind.CHAMBER, name__ru=SENATE["ru"]).first() or council.host
    demo = Demo(council=council, senate=senate)
    _organizations(demo)
    _people(demo)
    _memberships(demo)
    if _session_2020(demo):
        demo.count("sessions")
    if _meeting_aktobe(demo):
        demo.count("sessions")
    if accounts:
        _accounts(demo)
    return demo
