"""Words and sentences the demo generator composes organisations, people and profiles from.

Everything here is invented: organisation names are built from made-up stems, and
no name, unit or company refers to a real one. Texts are written per language
(en, uk, lt, lv, et, pl) so that profiles read naturally in each; templates only
insert noun phrases in the nominative (after a colon or as a title) to keep the
grammar of the inflected languages right.
"""

from __future__ import annotations

LANGUAGES = ["en", "uk", "lt", "lv", "et", "pl"]

# Country: weight among organisations (small and large alike).
COUNTRY_WEIGHTS: dict[str, float] = {
    "UA": 44,
    "LT": 12,
    "PL": 11,
    "LV": 8,
    "EE": 8,
    "DE": 2.5,
    "FI": 2,
    "SE": 2,
    "GB": 2,
    "DK": 1.2,
    "NO": 1.2,
    "CZ": 1.5,
    "RO": 1.2,
    "NL": 1.2,
    "FR": 1.2,
    "US": 1.2,
    "CA": 0.8,
}

COUNTRY_LANGUAGE = {"UA": "uk", "LT": "lt", "LV": "lv", "EE": "et", "PL": "pl"}

COUNTRY_ADJECTIVE = {
    "UA": "Ukrainian",
    "LT": "Lithuanian",
    "LV": "Latvian",
    "EE": "Estonian",
    "PL": "Polish",
    "DE": "German",
    "FI": "Finnish",
    "SE": "Swedish",
    "DK": "Danish",
    "NO": "Norwegian",
    "GB": "British",
    "CZ": "Czech",
    "RO": "Romanian",
    "NL": "Dutch",
    "FR": "French",
    "US": "American",
    "CA": "Canadian",
}

COUNTRY_CITIES = {
    "UA": ["Kyiv", "Lviv", "Dnipro", "Kharkiv", "Zaporizhzhia", "Vinnytsia", "Odesa", "Poltava"],
    "LT": ["Vilnius", "Kaunas", "Klaipėda", "Šiauliai", "Panevėžys"],
    "LV": ["Riga", "Daugavpils", "Ventspils", "Jelgava", "Valmiera"],
    "EE": ["Tallinn", "Tartu", "Pärnu", "Narva"],
    "PL": ["Warsaw", "Kraków", "Rzeszów", "Gdańsk", "Wrocław", "Lublin", "Poznań"],
    "DE": ["Munich", "Bremen", "Kiel", "Leipzig"],
    "FI": ["Tampere", "Oulu", "Espoo"],
    "SE": ["Linköping", "Gothenburg", "Karlskoga"],
    "DK": ["Aarhus", "Odense"],
    "NO": ["Kongsberg", "Trondheim"],
    "GB": ["Bristol", "Glasgow", "Portsmouth"],
    "CZ": ["Brno", "Ostrava"],
    "RO": ["Brașov", "Cluj-Napoca"],
    "NL": ["Eindhoven", "Delft"],
    "FR": ["Toulouse", "Bordeaux"],
    "US": ["Huntsville", "Austin", "Denver"],
    "CA": ["Ottawa", "Montréal"],
}

# Country names as they read inside sentences of each language.
COUNTRY_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "UA": "Ukraine",
        "LT": "Lithuania",
        "LV": "Latvia",
        "EE": "Estonia",
        "PL": "Poland",
        "DE": "Germany",
        "FI": "Finland",
        "SE": "Sweden",
        "DK": "Denmark",
        "NO": "Norway",
        "GB": "the United Kingdom",
        "CZ": "Czechia",
        "RO": "Romania",
        "NL": "the Netherlands",
        "FR": "France",
        "US": "the United States",
        "CA": "Canada",
    },
    "uk": {
        "UA": "Україна",
        "LT": "Литва",
        "LV": "Латвія",
        "EE": "Естонія",
        "PL": "Польща",
        "DE": "Німеччина",
        "FI": "Фінляндія",
        "SE": "Швеція",
        "DK": "Данія",
        "NO": "Норвегія",
        "GB": "Велика Британія",
        "CZ": "Чехія",
        "RO": "Румунія",
        "NL": "Нідерланди",
        "FR": "Франція",
        "US": "США",
        "CA": "Канада",
    },
    "lt": {
        "UA": "Ukraina",
        "LT": "Lietuva",
        "LV": "Latvija",
        "EE": "Estija",
        "PL": "Lenkija",
        "DE": "Vokietija",
        "FI": "Suomija",
        "SE": "Švedija",
        "DK": "Danija",
        "NO": "Norvegija",
        "GB": "Jungtinė Karalystė",
        "CZ": "Čekija",
        "RO": "Rumunija",
        "NL": "Nyderlandai",
        "FR": "Prancūzija",
        "US": "JAV",
        "CA": "Kanada",
    },
    "lv": {
        "UA": "Ukraina",
        "LT": "Lietuva",
        "LV": "Latvija",
        "EE": "Igaunija",
        "PL": "Polija",
        "DE": "Vācija",
        "FI": "Somija",
        "SE": "Zviedrija",
        "DK": "Dānija",
        "NO": "Norvēģija",
        "GB": "Apvienotā Karaliste",
        "CZ": "Čehija",
        "RO": "Rumānija",
        "NL": "Nīderlande",
        "FR": "Francija",
        "US": "ASV",
        "CA": "Kanāda",
    },
    "et": {
        "UA": "Ukraina",
        "LT": "Leedu",
        "LV": "Läti",
        "EE": "Eesti",
        "PL": "Poola",
        "DE": "Saksamaa",
        "FI": "Soome",
        "SE": "Rootsi",
        "DK": "Taani",
        "NO": "Norra",
        "GB": "Ühendkuningriik",
        "CZ": "Tšehhi",
        "RO": "Rumeenia",
        "NL": "Madalmaad",
        "FR": "Prantsusmaa",
        "US": "USA",
        "CA": "Kanada",
    },
    "pl": {
        "UA": "Ukraina",
        "LT": "Litwa",
        "LV": "Łotwa",
        "EE": "Estonia",
        "PL": "Polska",
        "DE": "Niemcy",
        "FI": "Finlandia",
        "SE": "Szwecja",
        "DK": "Dania",
        "NO": "Norwegia",
        "GB": "Wielka Brytania",
        "CZ": "Czechy",
        "RO": "Rumunia",
        "NL": "Holandia",
        "FR": "Francja",
        "US": "USA",
        "CA": "Kanada",
    },
}

# Kinds of organisation and their weights.
ORG_KIND_WEIGHTS = {
    "producer": 62,
    "investor": 8,
    "buyer": 10,
    "research": 9,
    "association": 5,
    "other": 6,
}

SIZE_WEIGHTS = {
    "producer": {"micro": 25, "small": 40, "medium": 25, "large": 10},
    "investor": {"micro": 55, "small": 40, "medium": 5, "large": 0},
    "buyer": {"micro": 5, "small": 35, "medium": 40, "large": 20},
    "research": {"micro": 10, "small": 40, "medium": 40, "large": 10},
    "association": {"micro": 50, "small": 45, "medium": 5, "large": 0},
    "other": {"micro": 45, "small": 40, "medium": 15, "large": 0},
}

# Track slug: extra weight when an organisation of the country picks its tracks.
COUNTRY_TRACK_BIAS: dict[str, dict[str, float]] = {
    "UA": {"unmanned-systems": 5, "counter-uas": 3, "electronic-warfare": 3, "ammunition": 2},
    "LT": {"demining": 6, "unmanned-systems": 2, "logistics": 1.5},
    "LV": {"unmanned-systems": 5, "c4isr": 1.5},
    "EE": {"cyber": 6, "unmanned-systems": 1.5, "c4isr": 1.5},
    "PL": {"armoured-vehicles": 4, "ammunition": 2.5, "maintenance-repair": 2},
    "DE": {"air-missile-defence": 5, "armoured-vehicles": 2},
    "GB": {"maritime": 5, "training": 2},
    "NO": {"maritime": 3},
    "DK": {"maritime": 3},
    "NL": {"maritime": 2, "air-missile-defence": 1.5},
    "FI": {"c4isr": 2, "space": 2},
    "SE": {"c4isr": 2, "ammunition": 1.5},
    "CZ": {"armoured-vehicles": 2, "ammunition": 2},
    "RO": {"ammunition": 2},
    "FR": {"space": 2, "air-missile-defence": 1.5},
    "US": {"space": 2, "unmanned-systems": 2},
    "CA": {"training": 2, "medical": 1.5},
}

TRACK_BASE_WEIGHTS = {
    "demining": 2.5,
    "unmanned-systems": 4,
    "counter-uas": 2.5,
    "air-missile-defence": 1.5,
    "electronic-warfare": 2,
    "cyber": 1.5,
    "ammunition": 1.5,
    "armoured-vehicles": 1.2,
    "maritime": 1,
    "c4isr": 1.5,
    "medical": 1.2,
    "logistics": 1.2,
    "training": 1.2,
    "maintenance-repair": 1.2,
    "space": 0.7,
}

TRACK_NAMES: dict[str, dict[str, str]] = {
    "demining": {
        "en": "demining",
        "uk": "розмінування",
        "lt": "išminavimas",
        "lv": "atmīnēšana",
        "et": "demineerimine",
        "pl": "rozminowywanie",
    },
    "unmanned-systems": {
        "en": "unmanned systems",
        "uk": "безпілотні системи",
        "lt": "bepilotės sistemos",
        "lv": "bezpilota sistēmas",
        "et": "mehitamata süsteemid",
        "pl": "systemy bezzałogowe",
    },
    "counter-uas": {
        "en": "counter-UAS",
        "uk": "протидія БпЛА",
        "lt": "kova su dronais",
        "lv": "pretdronu aizsardzība",
        "et": "droonitõrje",
        "pl": "zwalczanie dronów",
    },
    "air-missile-defence": {
        "en": "air and missile defence",
        "uk": "протиповітряна та протиракетна оборона",
        "lt": "oro ir priešraketinė gynyba",
        "lv": "pretgaisa un pretraķešu aizsardzība",
        "et": "õhu- ja raketikaitse",
        "pl": "obrona powietrzna i przeciwrakietowa",
    },
    "electronic-warfare": {
        "en": "electronic warfare",
        "uk": "радіоелектронна боротьба",
        "lt": "elektroninė kova",
        "lv": "elektroniskā karadarbība",
        "et": "elektrooniline sõjapidamine",
        "pl": "walka elektroniczna",
    },
    "cyber": {
        "en": "cyber defence",
        "uk": "кіберзахист",
        "lt": "kibernetinė gynyba",
        "lv": "kiberaizsardzība",
        "et": "küberkaitse",
        "pl": "cyberobrona",
    },
    "ammunition": {
        "en": "ammunition",
        "uk": "боєприпаси",
        "lt": "šaudmenys",
        "lv": "munīcija",
        "et": "laskemoon",
        "pl": "amunicja",
    },
    "armoured-vehicles": {
        "en": "armoured vehicles",
        "uk": "броньована техніка",
        "lt": "šarvuotoji technika",
        "lv": "bruņutehnika",
        "et": "soomustehnika",
        "pl": "pojazdy opancerzone",
    },
    "maritime": {
        "en": "maritime systems",
        "uk": "морські системи",
        "lt": "jūrinės sistemos",
        "lv": "jūras sistēmas",
        "et": "merendussüsteemid",
        "pl": "systemy morskie",
    },
    "c4isr": {
        "en": "C4ISR",
        "uk": "C4ISR",
        "lt": "C4ISR",
        "lv": "C4ISR",
        "et": "C4ISR",
        "pl": "C4ISR",
    },
    "medical": {
        "en": "tactical medicine",
        "uk": "тактична медицина",
        "lt": "taktinė medicina",
        "lv": "taktiskā medicīna",
        "et": "taktikaline meditsiin",
        "pl": "medycyna taktyczna",
    },
    "logistics": {
        "en": "logistics",
        "uk": "логістика",
        "lt": "logistika",
        "lv": "loģistika",
        "et": "logistika",
        "pl": "logistyka",
    },
    "training": {
        "en": "training",
        "uk": "підготовка та навчання",
        "lt": "mokymai",
        "lv": "apmācības",
        "et": "väljaõpe",
        "pl": "szkolenia",
    },
    "maintenance-repair": {
        "en": "maintenance and repair",
        "uk": "технічне обслуговування та ремонт",
        "lt": "techninė priežiūra ir remontas",
        "lv": "tehniskā apkope un remonts",
        "et": "hooldus ja remont",
        "pl": "obsługa techniczna i naprawy",
    },
    "space": {
        "en": "space",
        "uk": "космічні технології",
        "lt": "kosmoso technologijos",
        "lv": "kosmosa tehnoloģijas",
        "et": "kosmosetehnoloogia",
        "pl": "technologie kosmiczne",
    },
}

# What organisations offer or need, per track: (kinds, TRL range, texts per language,
# one detail sentence in English and in Ukrainian).
Subject = dict[str, object]


def _s(
    kinds: str, trl: tuple[int, int], names: list[str], en_detail: str, uk_detail: str
) -> Subject:
    return {
        "kinds": kinds.split(),
        "trl": trl,
        "name": dict(zip(LANGUAGES, names, strict=True)),
        "detail": {"en": en_detail, "uk": uk_detail},
    }


SUBJECTS: dict[str, list[Subject]] = {
    "demining": [
        _s(
            "product",
            (6, 9),
            [
                "Tracked demining robot for route clearance",
                "Гусеничний робот для розмінування маршрутів",
                "Vikšrinis išminavimo robotas kelių valymui",
                "Kāpurķēžu atmīnēšanas robots ceļu attīrīšanai",
                "Roomikutel demineerimisrobot teede puhastamiseks",
                "Gąsienicowy robot do rozminowywania dróg",
            ],
            "The remotely operated platform carries a flail or a roller and clears a 3 m lane "
            "at walking pace while the operator stays at a safe distance.",
            "Дистанційно керована платформа з тралом або котком очищає смугу шириною 3 м, "
            "поки оператор перебуває на безпечній відстані.",
        ),
        _s(
            "service technology",
            (5, 8),
            [
                "Drone-borne magnetometer survey for mine detection",
                "Пошук мін з дрона за допомогою магнітометра",
                "Minų paieška bepiločiu orlaiviu su magnetometru",
                "Mīnu meklēšana ar dronu un magnetometru",
                "Miiniotsing droonile paigaldatud magnetomeetriga",
                "Wykrywanie min z drona z magnetometrem",
            ],
            "Survey flights at 1–3 m above ground map ferrous anomalies over farmland and hand "
            "the data to clearance teams as georeferenced layers.",
            "Польоти на висоті 1–3 м картографують металеві аномалії на сільськогосподарських "
            "угіддях і передають дані командам розмінування як геоприв'язані шари.",
        ),
        _s(
            "technology service",
            (6, 9),
            [
                "Non-technical survey and land release software",
                "Програмне забезпечення для нетехнічного обстеження та повернення земель",
                "Netechninio tyrimo ir žemės grąžinimo programinė įranga",
                "Netehniskās apsekošanas un zemes atbrīvošanas programmatūra",
                "Mittetehnilise uuringu ja maa vabastamise tarkvara",
                "Oprogramowanie do badań nietechnicznych i zwalniania terenu",
            ],
            "Field teams record evidence offline on rugged tablets; the system ranks hazardous "
            "areas and exports reports that follow national mine action standards.",
            "Польові команди фіксують докази офлайн на захищених планшетах; система визначає "
            "пріоритет небезпечних ділянок і формує звіти за національними стандартами "
            "протимінної діяльності.",
        ),
        _s(
            "product supply_chain",
            (8, 9),
            [
                "Protective equipment and tools for deminers",
                "Захисне спорядження та інструменти для саперів",
                "Išminuotojų apsaugos priemonės ir įrankiai",
                "Atmīnētāju aizsargaprīkojums un instrumenti",
                "Demineerijate kaitsevarustus ja tööriistad",
                "Sprzęt ochronny i narzędzia dla saperów",
            ],
            "Blast-rated visors, aprons and non-magnetic hand tools are produced in batches of "
            "several thousand units a month.",
            "Вибухостійкі щитки, фартухи та немагнітні ручні інструменти виготовляємо партіями "
            "по кілька тисяч одиниць на місяць.",
        ),
    ],
    "unmanned-systems": [
        _s(
            "product supply_chain",
            (6, 9),
            [
                "Fixed-wing reconnaissance UAV airframes",
                "Планери розвідувальних БпЛА літакового типу",
                "Žvalgybinių bepiločių orlaivių sklandmenys",
                "Izlūkošanas bezpilota lidaparātu korpusi",
                "Luuredroonide lennukikered",
                "Płatowce bezzałogowców rozpoznawczych",
            ],
            "Composite airframes with a 2.5–3.5 m wingspan, modular payload bays and wings that "
            "can be replaced in the field; current output is 40 airframes a month.",
            "Композитні планери з розмахом крила 2,5–3,5 м, модульними відсіками корисного "
            "навантаження та змінними в польових умовах крилами; поточний випуск — 40 планерів "
            "на місяць.",
        ),
        _s(
            "supply_chain product",
            (7, 9),
            [
                "FPV drone components: motors, frames, video links",
                "Компоненти FPV-дронів: мотори, рами, відеоканали",
                "FPV dronų komponentai: varikliai, rėmai, vaizdo ryšys",
                "FPV dronu komponentes: motori, rāmji, video saites",
                "FPV-droonide komponendid: mootorid, raamid, videolingid",
                "Komponenty dronów FPV: silniki, ramy, łącza wideo",
            ],
            "We supply brushless motors, carbon frames and analogue and digital video "
            "transmitters with a documented origin of every component.",
            "Постачаємо безколекторні мотори, карбонові рами та аналогові й цифрові "
            "відеопередавачі з підтвердженим походженням кожного компонента.",
        ),
        _s(
            "product",
            (5, 8),
            [
                "Unmanned ground vehicle for evacuation and logistics",
                "Наземний роботизований комплекс для евакуації та логістики",
                "Antžeminė bepilotė transporto priemonė evakuacijai ir logistikai",
                "Bezpilota sauszemes transportlīdzeklis evakuācijai un loģistikai",
                "Mehitamata maismaasõiduk evakuatsiooniks ja logistikaks",
                "Bezzałogowy pojazd lądowy do ewakuacji i logistyki",
            ],
            "The electric 6x6 platform carries up to 300 kg over 15 km on one charge and is "
            "controlled through a mesh radio or a fibre-optic cable.",
            "Електрична платформа 6x6 перевозить до 300 кг на 15 км на одному заряді та "
            "керується через mesh-радіо або оптоволоконний кабель.",
        ),
        _s(
            "technology rnd",
            (4, 7),
            [
                "Autonomous navigation without GNSS",
                "Автономна навігація без GNSS",
                "Autonominė navigacija be GNSS",
                "Autonoma navigācija bez GNSS",
                "Autonoomne navigatsioon ilma GNSS-ita",
                "Autonomiczna nawigacja bez GNSS",
            ],
            "Visual-inertial odometry and terrain matching keep a drone on course when "
            "satellite navigation is jammed or spoofed.",
            "Візуально-інерціальна одометрія та зіставлення з рельєфом утримують дрон на курсі, "
            "коли супутникову навігацію заглушено або підмінено.",
        ),
    ],
    "counter-uas": [
        _s(
            "product",
            (7, 9),
            [
                "Passive RF detector for drone control links",
                "Пасивний радіодетектор каналів керування дронами",
                "Pasyvus dronų valdymo kanalų radijo detektorius",
                "Pasīvs dronu vadības kanālu radiodetektors",
                "Passiivne droonide juhtimiskanalite raadiodetektor",
                "Pasywny detektor radiowy łączy sterowania dronami",
            ],
            "The wearable unit warns a squad of FPV and reconnaissance drones in the "
            "700 MHz–6 GHz range and shows their direction on a small display.",
            "Носимий пристрій попереджає підрозділ про FPV- та розвідувальні дрони в діапазоні "
            "700 МГц–6 ГГц і показує напрямок на невеликому дисплеї.",
        ),
        _s(
            "technology product",
            (5, 8),
            [
                "Acoustic sensor network against low-flying drones",
                "Акустична сенсорна мережа проти низьколітних дронів",
                "Akustinių jutiklių tinklas prieš žemai skrendančius dronus",
                "Akustisko sensoru tīkls pret zemu lidojošiem droniem",
                "Akustiline andurivõrk madalalt lendavate droonide vastu",
                "Akustyczna sieć czujników przeciw nisko lecącym dronom",
            ],
            "Low-cost microphones on masts triangulate one-way attack drones and pass tracks to "
            "mobile fire groups within seconds.",
            "Недорогі мікрофони на щоглах тріангулюють ударні дрони й за лічені секунди "
            "передають треки мобільним вогневим групам.",
        ),
        _s(
            "product rnd",
            (5, 8),
            [
                "Interceptor drones for mobile air defence groups",
                "Дрони-перехоплювачі для мобільних вогневих груп",
                "Perėmimo dronai mobilioms oro gynybos grupėms",
                "Pārtvērējdroni mobilajām pretgaisa grupām",
                "Püüdurdroonid mobiilsetele õhutõrjegruppidele",
                "Drony przechwytujące dla mobilnych grup obrony powietrznej",
            ],
            "A fast quadcopter cued by radar engages reconnaissance drones at a fraction of the "
            "cost of a missile.",
            "Швидкісний квадрокоптер із радіолокаційним цілевказанням уражає розвідувальні дрони "
            "за частку вартості ракети.",
        ),
    ],
    "air-missile-defence": [
        _s(
            "product",
            (6, 9),
            [
                "Short-range 3D surveillance radar",
                "Трикоординатна РЛС огляду малої дальності",
                "Trumpojo nuotolio 3D stebėjimo radaras",
                "Tuvās darbības 3D novērošanas radars",
                "Lähimaa 3D-seireradar",
                "Radar obserwacyjny 3D krótkiego zasięgu",
            ],
            "The AESA radar detects small drones at 8 km and cruise missiles at 25 km and "
            "connects to existing command posts through open interfaces.",
            "Радар з АФАР виявляє малі дрони на відстані 8 км і крилаті ракети на 25 км та "
            "підключається до наявних пунктів управління через відкриті інтерфейси.",
        ),
        _s(
            "product service",
            (7, 9),
            [
                "Mobile fire group kits for pick-up trucks",
                "Комплекти мобільних вогневих груп на пікапах",
                "Mobiliųjų ugnies grupių rinkiniai pikapams",
                "Mobilo uguns grupu komplekti pikapiem",
                "Mobiilsete tulegruppide komplektid pikapidele",
                "Zestawy mobilnych grup ogniowych na pickupy",
            ],
            "Each kit combines a thermal sight, a stabilised mount and a tablet with the air "
            "picture and is installed in two days.",
            "Кожен комплект поєднує тепловізійний приціл, стабілізовану турель і планшет із "
            "повітряною обстановкою та встановлюється за два дні.",
        ),
        _s(
            "service rnd",
            (5, 8),
            [
                "Integration of air defence sensors and effectors",
                "Інтеграція засобів виявлення та ураження ППО",
                "Oro gynybos jutiklių ir naikinimo priemonių integracija",
                "Pretgaisa aizsardzības sensoru un iznīcināšanas līdzekļu integrācija",
                "Õhutõrje andurite ja relvasüsteemide integreerimine",
                "Integracja sensorów i efektorów obrony powietrznej",
            ],
            "Our engineers connect radars, optical sensors and launchers of different origin "
            "into one air picture.",
            "Наші інженери об'єднують радари, оптичні сенсори та пускові установки різного "
            "походження в єдину картину повітряної обстановки.",
        ),
    ],
    "electronic-warfare": [
        _s(
            "product",
            (6, 9),
            [
                "Wideband jamming modules for vehicle protection",
                "Широкосмугові модулі РЕБ для захисту техніки",
                "Plačiajuosčiai trukdymo moduliai technikos apsaugai",
                "Platjoslas traucēšanas moduļi tehnikas aizsardzībai",
                "Lairiba segajamoodulid sõidukite kaitseks",
                "Szerokopasmowe moduły zakłócające do ochrony pojazdów",
            ],
            "Modular jammers cover FPV control and video bands and can be reprogrammed in the "
            "field when the enemy changes frequencies.",
            "Модульні засоби РЕБ перекривають діапазони керування та відео FPV-дронів і "
            "перепрограмовуються в польових умовах, коли противник змінює частоти.",
        ),
        _s(
            "product technology",
            (6, 9),
            [
                "SIGINT receivers and direction finding",
                "Приймачі радіорозвідки та пеленгація",
                "Radijo žvalgybos imtuvai ir pelengavimas",
                "Radioizlūkošanas uztvērēji un pelengācija",
                "Raadioluure vastuvõtjad ja suunamääramine",
                "Odbiorniki rozpoznania radiowego i namierzanie",
            ],
            "Software-defined receivers locate emitters and feed the data into the battlefield "
            "management system.",
            "Програмно-визначені приймачі визначають місцеположення випромінювачів і передають "
            "дані в систему управління боєм.",
        ),
        _s(
            "product supply_chain",
            (7, 9),
            [
                "Signature management and decoys",
                "Маскування сигнатур і хибні цілі",
                "Signatūrų maskavimas ir masalai",
                "Signatūru maskēšana un mānekļi",
                "Signatuuri varjamine ja peibutised",
                "Maskowanie sygnatur i wabiki",
            ],
            "Inflatable and radar-reflective decoys reproduce the thermal and radio signature "
            "of real equipment.",
            "Надувні та радіовідбивні макети відтворюють теплову й радіосигнатуру справжньої "
            "техніки.",
        ),
    ],
    "cyber": [
        _s(
            "product technology",
            (7, 9),
            [
                "Secure tactical messaging for units",
                "Захищений тактичний месенджер для підрозділів",
                "Saugus taktinis pranešimų perdavimas padaliniams",
                "Droša taktiskā saziņa vienībām",
                "Turvaline taktikaline sõnumside üksustele",
                "Bezpieczny komunikator taktyczny dla pododdziałów",
            ],
            "End-to-end encrypted messaging and file exchange that keeps working over satellite "
            "links, mesh radio and unstable mobile networks.",
            "Наскрізно зашифровані повідомлення та обмін файлами, що працюють через супутниковий "
            "зв'язок, mesh-радіо та нестабільні мобільні мережі.",
        ),
        _s(
            "service",
            (9, 9),
            [
                "Security operations centre for defence suppliers",
                "Центр кіберзахисту для оборонних підприємств",
                "Kibernetinio saugumo operacijų centras gynybos tiekėjams",
                "Kiberdrošības operāciju centrs aizsardzības piegādātājiem",
                "Küberturbe operatsioonikeskus kaitsetööstusele",
                "Centrum operacji bezpieczeństwa dla dostawców obronnych",
            ],
            "Round-the-clock monitoring, incident response and supply-chain security audits for "
            "small and medium manufacturers.",
            "Цілодобовий моніторинг, реагування на інциденти та аудит безпеки ланцюга постачання "
            "для малих і середніх виробників.",
        ),
        _s(
            "training service",
            (8, 9),
            [
                "Cyber range exercises",
                "Навчання на кіберполігоні",
                "Kibernetinio poligono pratybos",
                "Kiberpoligona mācības",
                "Küberharjutusväljaku õppused",
                "Ćwiczenia na cyberpoligonie",
            ],
            "Scenario-based exercises for CERT teams of ministries, operators of critical "
            "infrastructure and manufacturers.",
            "Сценарні навчання для команд CERT міністерств, операторів критичної інфраструктури "
            "та виробників.",
        ),
    ],
    "ammunition": [
        _s(
            "supply_chain product",
            (8, 9),
            [
                "155 mm shell bodies and metal parts",
                "Корпуси 155-мм снарядів і металеві деталі",
                "155 mm sviedinių korpusai ir metalinės detalės",
                "155 mm šāviņu korpusi un metāla detaļas",
                "155 mm mürsukered ja metallosad",
                "Korpusy pocisków 155 mm i części metalowe",
            ],
            "Forging and machining capacity for shell bodies, with certified quality control and "
            "export licences in place.",
            "Потужності з кування та механічної обробки корпусів снарядів із сертифікованим "
            "контролем якості та чинними експортними ліцензіями.",
        ),
        _s(
            "supply_chain",
            (9, 9),
            [
                "Nitrocellulose and propellant supply",
                "Постачання нітроцелюлози та порохів",
                "Nitroceliuliozės ir parako tiekimas",
                "Nitrocelulozes un šaujampulvera piegādes",
                "Nitrotselluloosi ja püssirohu tarned",
                "Dostawy nitrocelulozy i prochu",
            ],
            "Long-term offtake agreements for propellant components, with deliveries planned "
            "over 24 months.",
            "Довгострокові договори на постачання компонентів порохів із поставками, "
            "запланованими на 24 місяці.",
        ),
        _s(
            "product rnd",
            (6, 9),
            [
                "Munitions for FPV and bomber drones",
                "Боєприпаси для FPV-дронів і дронів-бомберів",
                "Šaudmenys FPV ir bombonešiams dronams",
                "Munīcija FPV un bumbvedējiem droniem",
                "Laskemoon FPV- ja pommiheitjadroonidele",
                "Amunicja do dronów FPV i zrzutowych",
            ],
            "Light drop munitions and warhead adapters with safe arming, produced under state "
            "quality control.",
            "Легкі боєприпаси для скидання та адаптери бойових частин із безпечним зведенням, "
            "виготовлені під державним контролем якості.",
        ),
    ],
    "armoured-vehicles": [
        _s(
            "service",
            (9, 9),
            [
                "Repair and overhaul of armoured vehicles",
                "Ремонт і капітальне відновлення броньованої техніки",
                "Šarvuotosios technikos remontas ir kapitalinis remontas",
                "Bruņutehnikas remonts un kapitālais remonts",
                "Soomustehnika remont ja kapitaalremont",
                "Naprawy i remonty kapitalne pojazdów opancerzonych",
            ],
            "Workshops near the border restore tracked and wheeled vehicles, including engines, "
            "transmissions and fire-control systems.",
            "Майстерні поблизу кордону відновлюють гусеничну й колісну техніку, зокрема "
            "двигуни, трансмісії та системи керування вогнем.",
        ),
        _s(
            "supply_chain",
            (8, 9),
            [
                "Spare parts for Western-supplied vehicles",
                "Запчастини для техніки західного виробництва",
                "Atsarginės dalys Vakarų gamybos technikai",
                "Rezerves daļas Rietumos ražotai tehnikai",
                "Varuosad lääne päritolu sõidukitele",
                "Części zamienne do pojazdów produkcji zachodniej",
            ],
            "Reverse engineering and serial production of wear parts that the original "
            "manufacturers no longer supply.",
            "Зворотна розробка та серійне виробництво зношуваних деталей, яких уже не постачають "
            "оригінальні виробники.",
        ),
        _s(
            "product",
            (7, 9),
            [
                "Add-on armour and anti-drone cages",
                "Додаткове бронювання та протидронові екрани",
                "Papildomi šarvai ir apsauginės grotos nuo dronų",
                "Papildbruņas un pretdronu režģi",
                "Lisasoomus ja droonitõrjevõred",
                "Dodatkowe opancerzenie i kraty przeciwdronowe",
            ],
            "Bolt-on kits tested against FPV drone warheads, with installation instructions for "
            "field workshops.",
            "Навісні комплекти, випробувані проти бойових частин FPV-дронів, з інструкціями з "
            "монтажу для польових майстерень.",
        ),
    ],
    "maritime": [
        _s(
            "product",
            (6, 9),
            [
                "Unmanned surface vessel for coastal patrol",
                "Безекіпажний катер для патрулювання узбережжя",
                "Bepilotis paviršinis laivas pakrančių patruliavimui",
                "Bezpilota virsūdens kuģis piekrastes patrulēšanai",
                "Mehitamata pinnasõiduk rannikupatrulliks",
                "Bezzałogowa jednostka nawodna do patrolowania wybrzeża",
            ],
            "A 6 m glass-fibre hull with a range of 400 km carries electro-optical sensors and a "
            "satellite link.",
            "Корпус зі склопластику довжиною 6 м із запасом ходу 400 км несе оптико-електронні "
            "сенсори та супутниковий зв'язок.",
        ),
        _s(
            "service technology",
            (7, 9),
            [
                "Naval mine countermeasures",
                "Протимінні заходи на морі",
                "Jūrinių minų neutralizavimas",
                "Jūras mīnu neitralizēšana",
                "Meremiinitõrje",
                "Zwalczanie min morskich",
            ],
            "Side-scan sonar surveys and remotely operated vehicles find and neutralise sea "
            "mines in ports and shipping lanes.",
            "Гідролокаційне обстеження та дистанційно керовані апарати знаходять і знешкоджують "
            "морські міни в портах і на судноплавних шляхах.",
        ),
        _s(
            "product rnd",
            (5, 8),
            [
                "Underwater acoustic sensors for port protection",
                "Підводні акустичні сенсори для захисту портів",
                "Povandeniniai akustiniai jutikliai uostų apsaugai",
                "Zemūdens akustiskie sensori ostu aizsardzībai",
                "Veealused akustilised andurid sadamate kaitseks",
                "Podwodne czujniki akustyczne do ochrony portów",
            ],
            "Hydrophone arrays detect divers and underwater drones and connect to the harbour's "
            "security system.",
            "Гідрофонні антени виявляють водолазів і підводні дрони та підключаються до системи "
            "безпеки порту.",
        ),
    ],
    "c4isr": [
        _s(
            "technology product",
            (7, 9),
            [
                "Battlefield management system for brigades",
                "Система управління боєм для бригад",
                "Mūšio valdymo sistema brigadoms",
                "Kaujas vadības sistēma brigādēm",
                "Lahinguvälja juhtimissüsteem brigaadidele",
                "System zarządzania polem walki dla brygad",
            ],
            "A map-based common operational picture that runs on tablets and laptops and "
            "exchanges data with allied systems.",
            "Спільна оперативна картина на основі мапи, що працює на планшетах і ноутбуках та "
            "обмінюється даними із системами союзників.",
        ),
        _s(
            "product supply_chain",
            (7, 9),
            [
                "Mesh radios for tactical networks",
                "Mesh-радіостанції для тактичних мереж",
                "Tinklinio ryšio radijo stotys taktiniams tinklams",
                "Mesh radiostacijas taktiskajiem tīkliem",
                "Mesh-raadiojaamad taktikalistele võrkudele",
                "Radiostacje mesh do sieci taktycznych",
            ],
            "Frequency-hopping radios with AES-256 encryption form a self-healing network of up "
            "to 200 nodes.",
            "Радіостанції з псевдовипадковою перебудовою частоти та шифруванням AES-256 "
            "утворюють самовідновлювану мережу до 200 вузлів.",
        ),
        _s(
            "technology rnd",
            (5, 8),
            [
                "AI-assisted analysis of drone video",
                "Аналіз відео з дронів за допомогою ШІ",
                "Dronų vaizdo analizė naudojant DI",
                "Dronu video analīze ar MI",
                "Droonivideo analüüs tehisintellekti abil",
                "Analiza wideo z dronów wspomagana przez AI",
            ],
            "Computer-vision models detect and classify vehicles in real time on the ground "
            "station, without a cloud connection.",
            "Моделі комп'ютерного зору виявляють і класифікують техніку в реальному часі на "
            "наземній станції без підключення до хмари.",
        ),
    ],
    "medical": [
        _s(
            "product supply_chain",
            (9, 9),
            [
                "Individual first aid kits and tourniquets",
                "Індивідуальні аптечки та турнікети",
                "Individualūs pirmosios pagalbos rinkiniai ir turniketai",
                "Individuālās pirmās palīdzības aptieciņas un žņaugi",
                "Individuaalsed esmaabikomplektid ja žgutid",
                "Indywidualne apteczki i stazy taktyczne",
            ],
            "Kits assembled to TCCC guidelines, with certified tourniquets and haemostatic "
            "dressings, in volumes of 10,000 a month.",
            "Аптечки, укомплектовані за настановами TCCC, із сертифікованими турнікетами та "
            "гемостатичними бинтами, обсягом 10 000 на місяць.",
        ),
        _s(
            "training",
            (9, 9),
            [
                "Tactical combat casualty care courses",
                "Курси тактичної медицини",
                "Taktinės kovinės medicinos kursai",
                "Taktiskās kaujas medicīnas kursi",
                "Taktikalise lahingumeditsiini kursused",
                "Kursy taktycznej opieki nad poszkodowanym",
            ],
            "Instructor-led courses with high-fidelity simulators for combat medics and for "
            "every soldier.",
            "Курси з інструкторами та реалістичними симуляторами для бойових медиків і для "
            "кожного військовослужбовця.",
        ),
        _s(
            "technology rnd",
            (5, 8),
            [
                "Rehabilitation and prosthetics technology",
                "Технології реабілітації та протезування",
                "Reabilitacijos ir protezavimo technologijos",
                "Rehabilitācijas un protezēšanas tehnoloģijas",
                "Taastusravi ja proteesimise tehnoloogia",
                "Technologie rehabilitacji i protezowania",
            ],
            "Sockets made from 3D scans and prostheses with sensors shorten fitting times for "
            "injured veterans.",
            "Гільзи, виготовлені за 3D-скануванням, і протези із сенсорами скорочують час "
            "припасування для поранених ветеранів.",
        ),
    ],
    "logistics": [
        _s(
            "service",
            (9, 9),
            [
                "Cross-border transport of dual-use goods",
                "Транскордонні перевезення товарів подвійного призначення",
                "Dvejopo naudojimo prekių pervežimas per sieną",
                "Divējāda lietojuma preču pārrobežu pārvadājumi",
                "Kahesuguse kasutusega kaupade piiriülene vedu",
                "Transgraniczny transport towarów podwójnego zastosowania",
            ],
            "Licensed carriers handle customs and export control paperwork and provide guarded "
            "storage on both sides of the border.",
            "Ліцензовані перевізники оформлюють митні документи й документи експортного "
            "контролю та забезпечують охоронюване зберігання по обидва боки кордону.",
        ),
        _s(
            "product supply_chain",
            (7, 9),
            [
                "Field power: generators, batteries and solar kits",
                "Польова енергетика: генератори, батареї та сонячні комплекти",
                "Lauko energetika: generatoriai, baterijos ir saulės rinkiniai",
                "Lauka enerģētika: ģeneratori, akumulatori un saules komplekti",
                "Välienergia: generaatorid, akud ja päikesekomplektid",
                "Zasilanie polowe: agregaty, akumulatory i zestawy solarne",
            ],
            "Quiet hybrid power stations keep command posts and drone teams running without a "
            "visible heat signature.",
            "Безшумні гібридні електростанції живлять пункти управління та екіпажі дронів без "
            "помітної теплової сигнатури.",
        ),
        _s(
            "product",
            (8, 9),
            [
                "Modular field shelters and warehouses",
                "Модульні польові укриття та склади",
                "Modulinės lauko slėptuvės ir sandėliai",
                "Modulāras lauka patversmes un noliktavas",
                "Moodulvarjendid ja välilaod",
                "Modułowe schrony polowe i magazyny",
            ],
            "Prefabricated shelters are assembled by four people in a day and protect against "
            "shrapnel.",
            "Збірні укриття монтують четверо людей за день; вони захищають від уламків.",
        ),
    ],
    "training": [
        _s(
            "training",
            (9, 9),
            [
                "Drone operator training programme",
                "Програма підготовки операторів дронів",
                "Dronų operatorių rengimo programa",
                "Dronu operatoru apmācības programma",
                "Drooni-operaatorite väljaõppeprogramm",
                "Program szkolenia operatorów dronów",
            ],
            "A six-week curriculum from simulator to live flights, written with instructors who "
            "have front-line experience.",
            "Шеститижнева програма від симулятора до реальних польотів, розроблена разом з "
            "інструкторами з фронтовим досвідом.",
        ),
        _s(
            "product technology",
            (6, 9),
            [
                "Simulators for crew and operator training",
                "Тренажери для підготовки екіпажів і операторів",
                "Treniruokliai įgulų ir operatorių rengimui",
                "Trenažieri apkalpju un operatoru apmācībai",
                "Simulaatorid meeskondade ja operaatorite väljaõppeks",
                "Symulatory do szkolenia załóg i operatorów",
            ],
            "PC-based and mixed-reality simulators reproduce real controls, weather and "
            "electronic warfare conditions.",
            "Тренажери на базі ПК і змішаної реальності відтворюють справжні органи керування, "
            "погоду та умови радіоелектронної боротьби.",
        ),
        _s(
            "training service",
            (9, 9),
            [
                "Instructor exchange and train-the-trainer courses",
                "Обмін інструкторами та курси для інструкторів",
                "Instruktorių mainai ir instruktorių rengimo kursai",
                "Instruktoru apmaiņa un instruktoru sagatavošanas kursi",
                "Instruktorite vahetus ja instruktorite koolitus",
                "Wymiana instruktorów i kursy dla instruktorów",
            ],
            "Allied instructors and Ukrainian veterans teach together, so that lessons from the "
            "front reach training centres quickly.",
            "Інструктори союзників і українські ветерани навчають разом, щоб досвід фронту "
            "швидко потрапляв до навчальних центрів.",
        ),
    ],
    "maintenance-repair": [
        _s(
            "product service",
            (8, 9),
            [
                "Mobile repair workshops in containers",
                "Мобільні ремонтні майстерні в контейнерах",
                "Mobiliosios remonto dirbtuvės konteineriuose",
                "Mobilās remonta darbnīcas konteineros",
                "Mobiilsed remonditöökojad konteinerites",
                "Mobilne warsztaty naprawcze w kontenerach",
            ],
            "Container workshops with lathes, welding and diagnostics reach repair sites by "
            "truck and are ready within hours.",
            "Контейнерні майстерні з токарними верстатами, зварюванням і діагностикою "
            "доставляють вантажівкою на місце ремонту й розгортають за кілька годин.",
        ),
        _s(
            "service",
            (9, 9),
            [
                "Barrel relining and artillery maintenance",
                "Відновлення стволів і обслуговування артилерії",
                "Vamzdžių atnaujinimas ir artilerijos priežiūra",
                "Stobru atjaunošana un artilērijas apkope",
                "Torude taastamine ja suurtükiväe hooldus",
                "Regeneracja luf i obsługa artylerii",
            ],
            "Inspection, relining and recalibration of artillery barrels with short turnaround "
            "times.",
            "Огляд, відновлення та повторне калібрування артилерійських стволів у стислі строки.",
        ),
        _s(
            "technology rnd",
            (5, 8),
            [
                "Additive manufacturing of spare parts in the field",
                "Адитивне виробництво запчастин у польових умовах",
                "Atsarginių dalių adityvioji gamyba lauko sąlygomis",
                "Rezerves daļu aditīvā ražošana lauka apstākļos",
                "Varuosade lisandtootmine välitingimustes",
                "Druk 3D części zamiennych w warunkach polowych",
            ],
            "Metal and polymer printers with a library of qualified parts cut the wait for rare "
            "components from months to days.",
            "Металеві та полімерні 3D-принтери з бібліотекою кваліфікованих деталей скорочують "
            "очікування рідкісних компонентів з місяців до днів.",
        ),
    ],
    "space": [
        _s(
            "service technology",
            (8, 9),
            [
                "Satellite imagery and change detection",
                "Супутникові знімки та виявлення змін",
                "Palydoviniai vaizdai ir pokyčių aptikimas",
                "Satelītattēli un izmaiņu noteikšana",
                "Satelliidipildid ja muutuste tuvastamine",
                "Zobrazowanie satelitarne i wykrywanie zmian",
            ],
            "Radar and optical imagery with automated change detection, delivered within hours "
            "of tasking.",
            "Радарні та оптичні знімки з автоматичним виявленням змін надходять протягом кількох "
            "годин після замовлення.",
        ),
        _s(
            "product",
            (7, 9),
            [
                "Resilient satellite communication terminals",
                "Стійкі термінали супутникового зв'язку",
                "Atsparūs palydovinio ryšio terminalai",
                "Noturīgi satelītsakaru termināļi",
                "Vastupidavad satelliitside terminalid",
                "Odporne terminale łączności satelitarnej",
            ],
            "Low-profile terminals for vehicles and command posts, with anti-jamming features "
            "and support for several orbits.",
            "Низькопрофільні термінали для техніки та пунктів управління із захистом від завад і "
            "підтримкою кількох орбіт.",
        ),
        _s(
            "technology rnd",
            (4, 7),
            [
                "Alternative positioning, navigation and timing",
                "Альтернативне позиціювання, навігація та синхронізація часу",
                "Alternatyvi padėties nustatymo, navigacijos ir laiko sistema",
                "Alternatīva pozicionēšana, navigācija un laika sinhronizācija",
                "Alternatiivne positsioneerimine, navigatsioon ja ajastus",
                "Alternatywne pozycjonowanie, nawigacja i synchronizacja czasu",
            ],
            "Signals from low-orbit satellites and ground stations provide time and position "
            "when GNSS is denied.",
            "Сигнали низькоорбітальних супутників і наземних станцій забезпечують час і "
            "координати, коли GNSS недоступна.",
        ),
    ],
}

# Titles: {s} is the subject (nominative), first letter kept as written.
TITLE_PREFIX: dict[str, dict[str, dict[str, list[str]]]] = {
    "en": {
        "offer": {
            "default": ["{s}", "{s}", "{s} for allied forces"],
            "product": ["{s}", "{s}", "{s} in serial production", "{s} for allied forces"],
            "rnd": ["R&D partnership: {s_lower}", "Joint development: {s_lower}"],
            "supply_chain": ["Supply-chain partner: {s_lower}", "{s}: contract manufacturing"],
            "training": ["{s}", "Training offer: {s_lower}"],
            "service": ["{s}", "Service: {s_lower}"],
        },
        "need": {
            "default": ["Looking for: {s_lower}", "Wanted: {s_lower}", "Need: {s_lower}"],
            "rnd": ["R&D partner wanted: {s_lower}"],
            "supply_chain": ["Suppliers wanted: {s_lower}", "Second source needed: {s_lower}"],
            "training": ["Training needed: {s_lower}"],
        },
    },
    "uk": {
        "offer": {
            "default": ["{s}", "{s}", "{s} для Сил оборони"],
            "product": ["{s}", "{s}", "{s} — серійне виробництво", "{s} для Сил оборони"],
            "rnd": ["Партнерство у НДДКР: {s_lower}", "Спільна розробка: {s_lower}"],
            "supply_chain": [
                "Партнер у ланцюгу постачання: {s_lower}",
                "{s}: контрактне виробництво",
            ],
            "training": ["{s}", "Навчальна програма: {s_lower}"],
            "service": ["{s}", "Послуга: {s_lower}"],
        },
        "need": {
            "default": ["Шукаємо: {s_lower}", "Потреба: {s_lower}", "Потрібно: {s_lower}"],
            "rnd": ["Шукаємо партнера для НДДКР: {s_lower}"],
            "supply_chain": [
                "Шукаємо постачальників: {s_lower}",
                "Потрібне друге джерело: {s_lower}",
            ],
            "training": ["Потрібне навчання: {s_lower}"],
        },
    },
    "lt": {
        "offer": {
            "default": ["{s}"],
            "product": ["{s}", "{s} – serijinė gamyba"],
            "rnd": ["MTEP partnerystė: {s_lower}"],
        },
        "need": {
            "default": ["Ieškome: {s_lower}", "Poreikis: {s_lower}"],
            "supply_chain": ["Ieškome tiekėjų: {s_lower}"],
        },
    },
    "lv": {
        "offer": {
            "default": ["{s}"],
            "product": ["{s}", "{s} – sērijveida ražošana"],
            "rnd": ["P&A partnerība: {s_lower}"],
        },
        "need": {
            "default": ["Meklējam: {s_lower}", "Vajadzība: {s_lower}"],
            "supply_chain": ["Meklējam piegādātājus: {s_lower}"],
        },
    },
    "et": {
        "offer": {
            "default": ["{s}"],
            "product": ["{s}", "{s} – seeriatootmine"],
            "rnd": ["T&A partnerlus: {s_lower}"],
        },
        "need": {
            "default": ["Otsime: {s_lower}", "Vajadus: {s_lower}"],
            "supply_chain": ["Otsime tarnijaid: {s_lower}"],
        },
    },
    "pl": {
        "offer": {
            "default": ["{s}"],
            "product": ["{s}", "{s} – produkcja seryjna"],
            "rnd": ["Partnerstwo B+R: {s_lower}"],
        },
        "need": {
            "default": ["Szukamy: {s_lower}", "Potrzeba: {s_lower}"],
            "supply_chain": ["Szukamy dostawców: {s_lower}"],
        },
    },
}

# First sentence of a description in languages without a detail sentence, and of needs.
OPENING: dict[str, dict[str, list[str]]] = {
    "en": {
        "need": [
            "Requirement: {s_lower}. We want to hear from producers with proven deliveries.",
            "We are looking for partners in {track}; the requirement: {s_lower}.",
            "What we need: {s_lower}, ideally already tested in Ukraine.",
        ],
    },
    "uk": {
        "need": [
            "Нашим підрозділам потрібно: {s_lower}. Шукаємо виробників із підтвердженим досвідом "
            "поставок.",
            "Шукаємо рішення у сфері «{track}»: {s_lower}.",
            "Потребуємо: {s_lower}; бажано вже випробувані в Україні.",
        ],
    },
    "lt": {
        "offer": ["Siūlome: {s_lower}. Sritis – {track}.", "Mūsų sprendimas: {s_lower}."],
        "need": ["Mums reikia: {s_lower}.", "Ieškome sprendimo, sritis – {track}: {s_lower}."],
    },
    "lv": {
        "offer": ["Piedāvājam: {s_lower}. Joma – {track}.", "Mūsu risinājums: {s_lower}."],
        "need": [
            "Mums nepieciešams: {s_lower}.",
            "Meklējam risinājumu, joma – {track}: {s_lower}.",
        ],
    },
    "et": {
        "offer": ["Pakume: {s_lower}. Valdkond: {track}.", "Meie lahendus: {s_lower}."],
        "need": ["Vajame: {s_lower}.", "Otsime lahendust, valdkond: {track} – {s_lower}."],
    },
    "pl": {
        "offer": ["Oferujemy: {s_lower}. Obszar: {track}.", "Nasze rozwiązanie: {s_lower}."],
        "need": [
            "Potrzebujemy: {s_lower}.",
            "Szukamy rozwiązania w obszarze: {track} – {s_lower}.",
        ],
    },
}

# Further sentences; {trl}, {weeks}, {countries} are filled in.
FOLLOW_UP: dict[str, dict[str, list[str]]] = {
    "en": {
        "offer": [
            "The solution has been tested by Ukrainian units and is at TRL {trl}.",
            "We can deliver the first batch within {weeks} weeks of signing.",
            "We are looking for distributors and integration partners in {countries}.",
            "Documentation is available in English and Ukrainian, and export licences are in "
            "place.",
            "Production can be scaled up with a local partner in {countries}.",
            "We welcome joint field trials and feedback from end users.",
            "Unit prices fall considerably under framework agreements.",
        ],
        "need": [
            "We need a partner who can deliver within {weeks} weeks.",
            "Solutions already tested under electronic warfare conditions are preferred.",
            "We are ready to co-fund field trials and to share feedback from units.",
            "Suppliers from {countries} are preferred for logistics reasons.",
            "Volumes are planned for a framework agreement of 12–24 months.",
            "Please describe your production capacity and the TRL of your solution.",
        ],
    },
    "uk": {
        "offer": [
            "Рішення випробувано українськими підрозділами, рівень готовності — TRL {trl}.",
            "Можемо поставити першу партію протягом {weeks} тижнів після підписання договору.",
            "Шукаємо дистриб'юторів і партнерів з інтеграції; цікаві країни: {countries}.",
            "Документація доступна українською та англійською мовами.",
            "Готові масштабувати виробництво разом із партнером; цікаві країни: {countries}.",
            "Запрошуємо до спільних польових випробувань і відкриті до відгуків користувачів.",
        ],
        "need": [
            "Потрібен партнер, здатний поставити продукцію протягом {weeks} тижнів.",
            "Перевага надається рішенням, уже випробуваним в умовах РЕБ.",
            "Готові співфінансувати польові випробування та ділитися відгуками підрозділів.",
            "Обсяги плануємо в межах рамкової угоди на 12–24 місяці.",
            "Просимо вказати виробничі потужності та рівень готовності (TRL) рішення.",
        ],
    },
    "lt": {
        "offer": [
            "Sprendimas išbandytas Ukrainos padaliniuose, technologinės parengties lygis – "
            "TRL {trl}.",
            "Pirmąją partiją galime pristatyti per {weeks} sav. nuo sutarties pasirašymo.",
            "Ieškome platintojų ir integracijos partnerių šiose šalyse: {countries}.",
            "Kviečiame atlikti bendrus lauko bandymus.",
        ],
        "need": [
            "Ieškome partnerio, galinčio pristatyti per {weeks} sav.",
            "Pirmenybė teikiama sprendimams, išbandytiems elektroninės kovos sąlygomis.",
            "Planuojame sudaryti 12–24 mėnesių preliminariąją sutartį.",
        ],
    },
    "lv": {
        "offer": [
            "Risinājums ir pārbaudīts Ukrainas vienībās, tehnoloģiskās gatavības līmenis – "
            "TRL {trl}.",
            "Pirmo partiju varam piegādāt {weeks} nedēļu laikā pēc līguma parakstīšanas.",
            "Meklējam izplatītājus un integrācijas partnerus šajās valstīs: {countries}.",
            "Aicinām uz kopīgiem lauka izmēģinājumiem.",
        ],
        "need": [
            "Meklējam partneri, kas var piegādāt {weeks} nedēļu laikā.",
            "Priekšroka tiek dota risinājumiem, kas pārbaudīti elektroniskās karadarbības "
            "apstākļos.",
            "Plānojam noslēgt vispārīgo vienošanos uz 12–24 mēnešiem.",
        ],
    },
    "et": {
        "offer": [
            "Lahendust on katsetanud Ukraina üksused, tehnoloogilise valmiduse tase on TRL {trl}.",
            "Esimese partii saame tarnida {weeks} nädala jooksul pärast lepingu sõlmimist.",
            "Otsime edasimüüjaid ja integratsioonipartnereid järgmistes riikides: {countries}.",
            "Ootame huvilisi ühistele välikatsetustele.",
        ],
        "need": [
            "Otsime partnerit, kes suudab tarnida {weeks} nädala jooksul.",
            "Eelistame lahendusi, mida on katsetatud elektroonilise sõjapidamise tingimustes.",
            "Plaanime sõlmida 12–24-kuulise raamlepingu.",
        ],
    },
    "pl": {
        "offer": [
            "Rozwiązanie zostało przetestowane przez ukraińskie pododdziały, poziom gotowości "
            "technologicznej – TRL {trl}.",
            "Pierwszą partię możemy dostarczyć w ciągu {weeks} tygodni od podpisania umowy.",
            "Szukamy dystrybutorów i partnerów integracyjnych w krajach: {countries}.",
            "Zapraszamy do wspólnych testów poligonowych.",
        ],
        "need": [
            "Szukamy partnera, który dostarczy zamówienie w ciągu {weeks} tygodni.",
            "Pierwszeństwo mają rozwiązania sprawdzone w warunkach walki elektronicznej.",
            "Planujemy umowę ramową na 12–24 miesiące.",
        ],
    },
}

# Further sentences of offered services and training (no batches, no TRL).
SERVICE_FOLLOW_UP: dict[str, list[str]] = {
    "en": [
        "We work on site in Ukraine and in {countries}.",
        "Work can start within {weeks} weeks of signing.",
        "References from Ukrainian units and allied ministries are available on request.",
        "Our specialists speak English and Ukrainian.",
    ],
    "uk": [
        "Працюємо на місці в Україні; також цікаві країни: {countries}.",
        "Можемо розпочати роботу протягом {weeks} тижнів після підписання договору.",
        "Рекомендації від українських підрозділів надамо на запит.",
    ],
    "lt": [
        "Dirbame Ukrainoje ir šiose šalyse: {countries}.",
        "Darbus galime pradėti per {weeks} sav. nuo sutarties pasirašymo.",
    ],
    "lv": [
        "Strādājam Ukrainā un šajās valstīs: {countries}.",
        "Darbu varam sākt {weeks} nedēļu laikā pēc līguma parakstīšanas.",
    ],
    "et": [
        "Töötame Ukrainas ja järgmistes riikides: {countries}.",
        "Saame tööga alustada {weeks} nädala jooksul pärast lepingu sõlmimist.",
    ],
    "pl": [
        "Działamy na miejscu w Ukrainie oraz w krajach: {countries}.",
        "Możemy rozpocząć prace w ciągu {weeks} tygodni od podpisania umowy.",
    ],
}

STAGE_NAMES = {
    "en": {
        "pre_seed": "pre-seed",
        "seed": "seed",
        "series_a": "Series A",
        "growth": "growth",
        "project": "project finance",
    },
    "uk": {
        "pre_seed": "pre-seed",
        "seed": "seed",
        "series_a": "Series A",
        "growth": "зростання",
        "project": "проєктне фінансування",
    },
    "lt": {
        "pre_seed": "ikisėklinis",
        "seed": "sėklinis",
        "series_a": "A serija",
        "growth": "augimo",
        "project": "projektinis finansavimas",
    },
    "lv": {
        "pre_seed": "pirmssēklas",
        "seed": "sēklas",
        "series_a": "A sērija",
        "growth": "izaugsmes",
        "project": "projektu finansējums",
    },
    "et": {
        "pre_seed": "eelkülv",
        "seed": "külv",
        "series_a": "A-seeria",
        "growth": "kasv",
        "project": "projektipõhine rahastus",
    },
    "pl": {
        "pre_seed": "pre-seed",
        "seed": "seed",
        "series_a": "seria A",
        "growth": "wzrost",
        "project": "finansowanie projektowe",
    },
}

# EUR (min low, min high, max factor low, max factor high) per stage.
TICKETS = {
    "pre_seed": (50_000, 150_000, 1.5, 3.0),
    "seed": (200_000, 600_000, 2.0, 4.0),
    "series_a": (1_000_000, 3_000_000, 2.0, 3.5),
    "growth": (4_000_000, 8_000_000, 1.5, 3.0),
    "project": (1_000_000, 5_000_000, 2.0, 5.0),
}

INVESTOR_TITLES = {
    "en": [
        "{stage} tickets for {track} start-ups",
        "Investing in {track}: {stage} rounds",
        "Dual-use {track}: {stage} investment",
    ],
    "uk": ["Інвестиції стадії {stage}: {track}", "Інвестуємо у стартапи — {track} ({stage})"],
    "lt": ["Investicijos ({stage}): {track}"],
    "lv": ["Investīcijas ({stage}): {track}"],
    "et": ["Investeeringud ({stage}): {track}"],
    "pl": ["Inwestycje ({stage}): {track}"],
}

INVESTOR_TEXT = {
    "en": [
        "We invest EUR {tmin}–{tmax} per company at {stage} stage in {track} and related "
        "dual-use technologies.",
        "Portfolio companies get access to test ranges and to end users through our partners "
        "in {countries}.",
        "We co-invest with public defence innovation funds and prefer teams with a first "
        "contract or a completed field trial.",
        "Our decision takes six to eight weeks, including a security and ownership check.",
    ],
    "uk": [
        "Інвестуємо {tmin}–{tmax} EUR у компанію на стадії {stage} у сфері «{track}» і "
        "суміжних технологіях подвійного призначення.",
        "Портфельні компанії отримують доступ до полігонів і кінцевих користувачів через "
        "партнерів; цікаві країни: {countries}.",
        "Співінвестуємо з державними фондами оборонних інновацій; перевага — командам із "
        "першим контрактом або завершеними польовими випробуваннями.",
    ],
    "lt": [
        "Investuojame {tmin}–{tmax} EUR į vieną įmonę ({stage}); sritis – {track}.",
        "Portfelio įmonėms suteikiame prieigą prie bandymų poligonų ir galutinių naudotojų.",
        "Pirmenybė teikiama komandoms, jau turinčioms pirmąją sutartį.",
    ],
    "lv": [
        "Ieguldām {tmin}–{tmax} EUR vienā uzņēmumā ({stage}); joma – {track}.",
        "Portfeļa uzņēmumiem nodrošinām piekļuvi izmēģinājumu poligoniem un gala lietotājiem.",
        "Priekšroka tiek dota komandām, kurām jau ir pirmais līgums.",
    ],
    "et": [
        "Investeerime ühte ettevõttesse {tmin}–{tmax} eurot ({stage}); valdkond: {track}.",
        "Portfelliettevõtted saavad juurdepääsu katsepolügoonidele ja lõppkasutajatele.",
        "Eelistame meeskondi, kellel on juba esimene leping.",
    ],
    "pl": [
        "Inwestujemy {tmin}–{tmax} EUR w jedną spółkę ({stage}); obszar: {track}.",
        "Spółki portfelowe otrzymują dostęp do poligonów testowych i użytkowników końcowych.",
        "Preferujemy zespoły, które mają już pierwszy kontrakt.",
    ],
}

RAISING_TITLES = {
    "en": ["Raising a {stage} round: {s_lower}", "Investment sought ({stage}): {s_lower}"],
    "uk": ["Залучаємо інвестиції ({stage}): {s_lower}", "Шукаємо інвестора: {s_lower}"],
    "lt": ["Ieškome investuotojo ({stage}): {s_lower}"],
    "lv": ["Meklējam investoru ({stage}): {s_lower}"],
    "et": ["Otsime investorit ({stage}): {s_lower}"],
    "pl": ["Szukamy inwestora ({stage}): {s_lower}"],
}

RAISING_TEXT = {
    "en": [
        "We are raising EUR {tmin}–{tmax} to scale up production.",
        "The product is at TRL {trl} and has been supplied to units in Ukraine.",
        "Funds go into tooling, certification and a second production line.",
        "We are open to strategic investors from {countries}.",
    ],
    "uk": [
        "Залучаємо {tmin}–{tmax} EUR на масштабування виробництва.",
        "Рівень готовності продукту — TRL {trl}; його вже постачали підрозділам.",
        "Кошти підуть на оснащення, сертифікацію та другу виробничу лінію.",
        "Відкриті до стратегічних інвесторів; цікаві країни: {countries}.",
    ],
    "lt": [
        "Pritraukiame {tmin}–{tmax} EUR gamybai plėsti.",
        "Produkto parengties lygis – TRL {trl}.",
    ],
    "lv": [
        "Piesaistām {tmin}–{tmax} EUR ražošanas paplašināšanai.",
        "Produkta gatavības līmenis – TRL {trl}.",
    ],
    "et": [
        "Kaasame {tmin}–{tmax} eurot tootmise laiendamiseks.",
        "Toote valmiduse tase on TRL {trl}.",
    ],
    "pl": [
        "Pozyskujemy {tmin}–{tmax} EUR na zwiększenie produkcji.",
        "Poziom gotowości produktu – TRL {trl}.",
    ],
}

# People: (male first names, female first names, male surnames, female surnames or None).
PEOPLE: dict[str, tuple[list[str], list[str], list[str], list[str] | None]] = {
    "UA": (
        [
            "Oleksandr",
            "Andrii",
            "Dmytro",
            "Serhii",
            "Mykola",
            "Yurii",
            "Taras",
            "Bohdan",
            "Volodymyr",
            "Ihor",
            "Vitalii",
            "Maksym",
            "Roman",
            "Oleh",
            "Artem",
            "Vasyl",
        ],
        [
            "Olena",
            "Iryna",
            "Nataliia",
            "Kateryna",
            "Oksana",
            "Yuliia",
            "Tetiana",
            "Mariia",
            "Anastasiia",
            "Sofiia",
            "Halyna",
            "Viktoriia",
            "Khrystyna",
            "Liudmyla",
        ],
        [
            "Kovalenko",
            "Bondarenko",
            "Tkachenko",
            "Shevchuk",
            "Kravchuk",
            "Melnyk",
            "Polishchuk",
            "Savchenko",
            "Lysenko",
            "Rudenko",
            "Marchenko",
            "Hnatiuk",
            "Zinchenko",
            "Moroz",
            "Honchar",
            "Kushnir",
            "Pavlenko",
            "Tymoshchuk",
            "Yatsenko",
            "Levchenko",
            "Karpenko",
            "Hrytsenko",
            "Ostapchuk",
            "Dovhan",
            "Boiko",
            "Kostenko",
            "Vovk",
            "Sydorenko",
        ],
        None,
    ),
    "LT": (
        [
            "Mantas",
            "Tomas",
            "Žygimantas",
            "Lukas",
            "Dovydas",
            "Vytautas",
            "Darius",
            "Mindaugas",
            "Paulius",
            "Rokas",
        ],
        ["Rūta", "Eglė", "Gintarė", "Jurgita", "Aistė", "Ieva", "Agnė", "Rasa", "Indrė", "Justė"],
        [
            "Kazlauskas",
            "Jankauskas",
            "Petrauskas",
            "Šimkus",
            "Žukauskas",
            "Vasiliauskas",
            "Paulauskas",
            "Urbonas",
            "Stankevičius",
            "Butkus",
            "Navickas",
            "Baranauskas",
        ],
        [
            "Kazlauskienė",
            "Jankauskaitė",
            "Petrauskienė",
            "Šimkutė",
            "Žukauskienė",
            "Vasiliauskaitė",
            "Paulauskienė",
            "Urbonaitė",
            "Stankevičiūtė",
            "Butkienė",
            "Navickaitė",
            "Baranauskienė",
        ],
    ),
    "LV": (
        [
            "Jānis",
            "Mārtiņš",
            "Andris",
            "Kārlis",
            "Edgars",
            "Roberts",
            "Artūrs",
            "Raimonds",
            "Valdis",
        ],
        ["Līga", "Ilze", "Kristīne", "Inese", "Dace", "Zane", "Agnese", "Laura", "Santa"],
        [
            "Bērziņš",
            "Kalniņš",
            "Ozoliņš",
            "Liepiņš",
            "Krūmiņš",
            "Vītols",
            "Zariņš",
            "Balodis",
            "Kļaviņš",
        ],
        [
            "Bērziņa",
            "Kalniņa",
            "Ozoliņa",
            "Liepiņa",
            "Krūmiņa",
            "Vītola",
            "Zariņa",
            "Balode",
            "Kļaviņa",
        ],
    ),
    "EE": (
        ["Märt", "Tõnu", "Andres", "Rasmus", "Karl", "Priit", "Jüri", "Siim", "Kaarel"],
        ["Kadri", "Liis", "Triin", "Kristiina", "Maarja", "Piret", "Kertu", "Merike"],
        [
            "Tamm",
            "Saar",
            "Sepp",
            "Mägi",
            "Kask",
            "Kukk",
            "Rebane",
            "Ilves",
            "Pärn",
            "Kõiv",
            "Lepik",
            "Oja",
            "Käär",
        ],
        None,
    ),
    "PL": (
        [
            "Piotr",
            "Krzysztof",
            "Tomasz",
            "Łukasz",
            "Paweł",
            "Michał",
            "Marcin",
            "Jakub",
            "Grzegorz",
        ],
        ["Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Joanna", "Magdalena", "Ewa", "Zofia"],
        [
            "Nowak",
            "Wójcik",
            "Kowalczyk",
            "Zieliński",
            "Szymański",
            "Woźniak",
            "Dąbrowski",
            "Kamiński",
            "Lewandowski",
            "Jabłoński",
        ],
        [
            "Nowak",
            "Wójcik",
            "Kowalczyk",
            "Zielińska",
            "Szymańska",
            "Woźniak",
            "Dąbrowska",
            "Kamińska",
            "Lewandowska",
            "Jabłońska",
        ],
    ),
    "DE": (
        ["Jonas", "Felix", "Lukas", "Matthias", "Stefan"],
        ["Anna", "Lena", "Katrin", "Julia", "Miriam"],
        ["Müller", "Schneider", "Becker", "Hoffmann", "Wagner", "Köhler", "Brandt"],
        None,
    ),
    "FI": (
        ["Mikko", "Juha", "Antti", "Ville"],
        ["Laura", "Hanna", "Aino", "Satu"],
        ["Virtanen", "Korhonen", "Nieminen", "Mäkelä", "Heikkinen"],
        None,
    ),
    "SE": (
        ["Erik", "Anders", "Johan", "Oskar"],
        ["Karin", "Sara", "Elin", "Maja"],
        ["Lindqvist", "Bergström", "Nyström", "Holm", "Åkesson"],
        None,
    ),
    "DK": (
        ["Mads", "Søren", "Rasmus"],
        ["Mette", "Line", "Sofie"],
        ["Nielsen", "Jørgensen", "Madsen", "Østergaard"],
        None,
    ),
    "NO": (
        ["Lars", "Ola", "Eirik"],
        ["Ingrid", "Kari", "Silje"],
        ["Haugen", "Berg", "Solberg", "Bakke"],
        None,
    ),
    "GB": (
        ["James", "Oliver", "Daniel", "Thomas"],
        ["Emma", "Sophie", "Hannah", "Grace"],
        ["Clarke", "Hughes", "Whitaker", "Patel", "Morgan"],
        None,
    ),
    "CZ": (
        ["Jan", "Petr", "Tomáš", "Jiří"],
        ["Tereza", "Lucie", "Veronika"],
        ["Novák", "Dvořák", "Svoboda", "Černý"],
        ["Nováková", "Dvořáková", "Svobodová", "Černá"],
    ),
    "RO": (
        ["Andrei", "Mihai", "Radu"],
        ["Ioana", "Elena", "Andreea"],
        ["Popescu", "Ionescu", "Stan", "Dumitru"],
        None,
    ),
    "NL": (
        ["Daan", "Sem", "Bram"],
        ["Lotte", "Anouk", "Femke"],
        ["de Vries", "Jansen", "Bakker", "Visser", "van Dijk"],
        None,
    ),
    "FR": (
        ["Julien", "Antoine", "Mathieu"],
        ["Camille", "Claire", "Élodie"],
        ["Lefèvre", "Moreau", "Garnier", "Rousseau"],
        None,
    ),
    "US": (
        ["Michael", "David", "Ryan"],
        ["Emily", "Sarah", "Megan"],
        ["Carter", "Bennett", "Reyes", "Brooks"],
        None,
    ),
    "CA": (
        ["Liam", "Noah", "Étienne"],
        ["Chloé", "Olivia", "Maude"],
        ["Tremblay", "Gagnon", "MacDonald", "Roy"],
        None,
    ),
}

# Organisation names: invented stems from two syllable lists per country, a legal form.
NAME_SYLLABLES: dict[str, tuple[list[str], list[str]]] = {
    "UA": (
        [
            "Zor",
            "Kryl",
            "Sokol",
            "Dnipr",
            "Vezh",
            "Yavir",
            "Hrim",
            "Stryzh",
            "Polyn",
            "Bor",
            "Verkh",
            "Chuh",
            "Ostr",
            "Tur",
            "Lev",
            "Dub",
            "Yas",
            "Kalyn",
            "Ret",
            "Vol",
            "Smer",
            "Hart",
            "Zahr",
            "Bystr",
            "Sviy",
        ],
        [
            "ian",
            "ova",
            "yar",
            "tek",
            "tron",
            "avia",
            "lab",
            "mash",
            "prom",
            "bit",
            "nyk",
            "ra",
            "vit",
            "hor",
            "etra",
            "onix",
        ],
    ),
    "LT": (
        [
            "Gint",
            "Vėj",
            "Ąžuol",
            "Žalg",
            "Nem",
            "Dain",
            "Aist",
            "Vilk",
            "Skr",
            "Lin",
            "Šil",
            "Ger",
            "Rait",
            "Aud",
        ],
        ["ėja", "tekas", "onis", "ira", "vita", "tronas", "ys", "ėlis", "sta", "uva"],
    ),
    "LV": (
        ["Dzint", "Ozol", "Vēj", "Liep", "Krast", "Daug", "Zvaig", "Saul", "Mež", "Rīt", "Gaiz"],
        ["ars", "mala", "teks", "lauks", "ne", "kalns", "avots", "trons", "rija"],
    ),
    "EE": (
        ["Tuul", "Kivi", "Põhja", "Raud", "Mere", "Laane", "Tähe", "Hõbe", "Kotka", "Ilve", "Sood"],
        ["võre", "tek", "tron", "soft", "labor", "väli", "rada", "kaar"],
    ),
    "PL": (
        ["Wiśl", "Grom", "Sokoł", "Orl", "Brzoz", "Jaw", "Mazur", "Grun", "Zbroj", "Pias", "Bart"],
        ["atek", "tron", "ex", "mar", "com", "pol", "bud", "tech", "owiec"],
    ),
    "DE": (
        ["Nord", "Eichen", "Falken", "Stahl", "Rhein", "Berg", "Funk", "Luft"],
        ["werk", "tec", "feld", "wacht", "sensorik", "hof"],
    ),
    "FI": (
        ["Revon", "Kalla", "Sisu", "Kuusi", "Lumi", "Tuuli", "Kotka"],
        ["tek", "sense", "labs", "ware", "tron"],
    ),
    "SE": (
        ["Fjäll", "Stor", "Norr", "Älv", "Björk", "Havs"],
        ["vik", "dal", "tek", "sense", "berg"],
    ),
    "DK": (["Hav", "Skov", "Vester", "Nord", "Lyng"], ["lund", "tek", "sense", "vik"]),
    "NO": (["Fjord", "Nord", "Vind", "Berg", "Stor"], ["vakt", "tek", "dal", "nes"]),
    "GB": (
        ["Ash", "North", "Red", "Thorn", "Kest", "Brack", "Wey"],
        ["combe", "field", "ridge", "wood", "mark", "ley"],
    ),
    "CZ": (["Vltav", "Krkon", "Brn", "Šum", "Lab"], ["otech", "ex", "tron", "ava"]),
    "RO": (["Carpa", "Danu", "Olt", "Mureș", "Vâlc"], ["tron", "tek", "com", "dyn"]),
    "NL": (["Dijk", "Polder", "Wad", "Zee", "Duin"], ["haven", "tek", "sense", "land"]),
    "FR": (["Aéro", "Lumi", "Vall", "Cor", "Mist"], ["lis", "tek", "ane", "ens"]),
    "US": (
        ["Ridge", "Stone", "Iron", "Lake", "Pine", "Eagle"],
        ["line", "wall", "crest", "field", "point"],
    ),
    "CA": (["North", "Maple", "Boreal", "Cedar", "Polar"], ["mark", "field", "wave", "tek"]),
}

TIME_ZONES = {
    "UA": "Europe/Kyiv",
    "LT": "Europe/Vilnius",
    "LV": "Europe/Riga",
    "EE": "Europe/Tallinn",
    "PL": "Europe/Warsaw",
    "DE": "Europe/Berlin",
    "FI": "Europe/Helsinki",
    "SE": "Europe/Stockholm",
    "DK": "Europe/Copenhagen",
    "NO": "Europe/Oslo",
    "GB": "Europe/London",
    "CZ": "Europe/Prague",
    "RO": "Europe/Bucharest",
    "NL": "Europe/Amsterdam",
    "FR": "Europe/Paris",
    "US": "America/Chicago",
    "CA": "America/Toronto",
}

LEGAL_FORM = {
    "UA": "TOV",
    "LT": "UAB",
    "LV": "SIA",
    "EE": "OÜ",
    "PL": "sp. z o.o.",
    "DE": "GmbH",
    "FI": "Oy",
    "SE": "AB",
    "DK": "ApS",
    "NO": "AS",
    "GB": "Ltd",
    "CZ": "s.r.o.",
    "RO": "SRL",
    "NL": "B.V.",
    "FR": "SAS",
    "US": "Inc.",
    "CA": "Inc.",
}

TRACK_WORDS = {
    "demining": ["Demining", "Mine Action", "Clearance"],
    "unmanned-systems": ["Aero", "Drones", "Robotics", "Autonomy", "UAV"],
    "counter-uas": ["Sentinel", "Detection", "Shield"],
    "air-missile-defence": ["Radar", "Air Defence", "Skywatch"],
    "electronic-warfare": ["Electronics", "Spectrum", "RF"],
    "cyber": ["Cyber", "Secure", "Crypto"],
    "ammunition": ["Munitions", "Energetics", "Metalworks"],
    "armoured-vehicles": ["Armour", "Vehicles", "Mobility"],
    "maritime": ["Marine", "Naval", "Subsea"],
    "c4isr": ["Comms", "Networks", "Systems"],
    "medical": ["Medical", "MedTech", "Care"],
    "logistics": ["Logistics", "Power", "Cargo"],
    "training": ["Training", "Academy", "Simulation"],
    "maintenance-repair": ["Repair", "Engineering", "Works"],
    "space": ["Space", "Orbital", "Geo"],
}

INVESTOR_WORDS = ["Ventures", "Capital", "Defence Fund", "Partners", "Growth Fund"]
RESEARCH_FORMS = [
    "{stem} Institute of Applied Electronics",
    "{stem} Research Centre",
    "{stem} Laboratory of Autonomous Systems",
    "Institute of Materials Science «{stem}»",
    "{stem} Centre for Defence Technologies",
]
ASSOCIATION_FORMS = [
    "{stem} {word} Cluster",
    "{stem} Defence Innovation Alliance",
    "{stem} Association of {word} Producers",
]
BUYER_FORMS = {
    "UA": [
        "Procurement Office, «{stem}» Separate Brigade",
        "Armament Service, «{stem}» Territorial Defence Brigade",
        "{stem} Regional Military Administration – Procurement Unit",
        "State Agency for Defence Innovation «{stem}»",
    ],
    "other": [
        "{stem} Defence Materiel Agency – {word} Directorate",
        "{stem} Regional Mine Action Centre",
        "Armed Forces Logistics Command «{stem}» – Procurement Cell",
    ],
}
OTHER_FORMS = [
    "{stem} Export Compliance",
    "{stem} Consulting",
    "{stem} Legal & Trade",
    "{stem} Test Range Services",
]

SIZE_WORDS = {
    "micro": "small",
    "small": "growing",
    "medium": "mid-sized",
    "large": "large",
}

ORG_TEXT = {
    "producer": [
        "{name} is a {size} {adj} manufacturer working in {tracks}.",
        "Founded in {year} in {city}, the company designs and builds its products in-house.",
        "It has supplied Ukrainian units since {since} and holds ISO 9001 certification.",
        "The team runs its own test range and iterates with front-line feedback every few weeks.",
        "It is looking for partners to localise production and for export opportunities.",
    ],
    "investor": [
        "{name} is a {adj} investor in dual-use and defence technology.",
        "The fund backs early-stage companies in {tracks}.",
        "It has made {deals} investments since {year} and co-invests with public funds.",
        "Partners have operating experience in defence procurement.",
    ],
    "buyer": [
        "{name} buys equipment and services for {adj} defence forces.",
        "Current priorities are {tracks}.",
        "It works with both domestic producers and allied suppliers and runs field trials before "
        "larger contracts.",
        "Delegates include end users who can give direct feedback on products.",
    ],
    "research": [
        "{name} is a {adj} research organisation based in {city}.",
        "Its groups work on {tracks}.",
        "It looks for industrial partners to take prototypes from TRL 4–6 to production.",
        "It takes part in national and European defence research programmes.",
    ],
    "association": [
        "{name} brings together {adj} companies working in {tracks}.",
        "It has {members} members and helps them find partners abroad.",
        "The association coordinates joint testing days and export missions.",
    ],
    "other": [
        "{name} is a {adj} service company supporting the defence industry.",
        "It helps producers in {tracks} with export control, certification and market entry.",
        "Its team works in English, Ukrainian and the languages of the Baltic states and Poland.",
    ],
}

ROLES = {
    "producer": [
        "CEO",
        "Founder",
        "CTO",
        "Head of Business Development",
        "Export Manager",
        "Sales Director",
        "Chief Engineer",
        "Product Manager",
    ],
    "investor": ["Managing Partner", "Investment Director", "Partner", "Investment Analyst"],
    "buyer": [
        "Head of Procurement",
        "Procurement Officer",
        "Deputy Commander for Armament",
        "Technical Requirements Officer",
        "Contracting Officer",
    ],
    "research": [
        "Director",
        "Head of Laboratory",
        "Senior Researcher",
        "Technology Transfer Manager",
    ],
    "association": ["Executive Director", "Board Member", "Policy Adviser"],
    "other": ["Managing Director", "Consultant", "Partner", "Export Control Adviser"],
}

NEEDS_INFORMATION_REASONS = [
    "Please upload an extract from the company register.",
    "Please name the end users you have supplied, or confirm that you have none yet.",
    "The website does not describe what the company does; please add a short description and "
    "a contact person.",
    "Please confirm who owns the company (beneficial owners).",
]
REJECTION_REASONS = [
    "The organisation could not be verified in the business register.",
    "The beneficial owners could not be confirmed.",
    "The organisation's activity is outside the forum's scope.",
]

DECLINE_REASONS = {
    "en": [
        "Outside our current procurement priorities.",
        "Our meeting calendar for this forum is full.",
        "We already work with a supplier in this area.",
        "Not a fit for our investment focus at this stage.",
        "Please contact us after the forum; our team there is only two people.",
        "Export control rules prevent us from discussing this at the forum.",
        "",
        "",
    ],
    "uk": [
        "Наразі це поза нашими закупівельними пріоритетами.",
        "Наш графік зустрічей на форумі вже заповнений.",
        "У цій сфері ми вже працюємо з постачальником.",
        "Напишіть нам після форуму, будь ласка.",
        "",
    ],
}
CALENDAR_FULL = {
    "en": "Our meeting calendar for this forum is full.",
    "uk": "Наш графік зустрічей на форумі вже заповнений.",
}

MESSAGES = {
    "en": [
        "Hello, we read your profile «{their}» and see a fit with our {our}. Could we meet at "
        "the forum?",
        "Good day! We would like to present {our} and learn about your needs in {track}.",
        "We are interested in «{their}». Would you have 30 minutes for us in Vilnius?",
        "Dear colleagues, we are looking for partners in {track} and would be glad to meet.",
        "Hi, our team works on {our}; a short meeting could help both sides.",
    ],
    "uk": [
        "Добрий день! Ми ознайомилися з профілем «{their}» і бачимо потенціал для співпраці. "
        "Зустрінемося на форумі?",
        "Вітаємо! Хотіли б представити наше рішення та дізнатися про ваші потреби "
        "(напрям: {track}).",
        "Нас зацікавило «{their}». Чи знайдете 30 хвилин для зустрічі?",
        "Шановні колеги, шукаємо партнерів (напрям: {track}) і будемо раді зустрічі.",
    ],
}
