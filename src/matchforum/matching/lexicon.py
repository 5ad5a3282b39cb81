"""A small multilingual domain lexicon: capability terms in en/uk/lt/lv/et/pl -> concept ids.

Why: Ukrainian is Cyrillic and the Baltic and Polish languages inflect heavily, so character
n-grams on raw text cannot tell that "протидронові радари", "counter-drone radar" and "radary
antydronowe" mean the same thing. Terms are written here in their native script; the text
pipeline normalises, stems and transliterates them exactly like profile text, so one entry
covers its inflected forms. Multi-word terms must appear as consecutive tokens.

The lexicon is deliberately short (stems of the key nouns of the capability domain, not
phrases). Profile text that uses other words still scores through the character n-gram part of
the text model. Organisers can extend it with :func:`extend_lexicon`.
"""

from __future__ import annotations

# concept id -> (English label, {language: "term; term; ..."})
CONCEPTS: dict[str, tuple[str, dict[str, str]]] = {
    "demining": (
        "demining",
        {
            "en": "demining; mine; mine clearance; mine action; landmine; "
            "unexploded ordnance; uxo; deminer",
            "uk": "розмінування; міна; протипіхотна міна; вибухонебезпечний предмет; сапер",
            "lt": "išminavimas; mina; nesprogęs sprogmuo; išminuotojas",
            "lv": "atmīnēšana; mīna; nesprāgusi munīcija; sapieris",
            "et": "demineerimine; miin; lõhkekeha; demineerija",
            "pl": "rozminowanie; mina; niewybuch; saper",
        },
    ),
    "mine_detection": (
        "mine detection",
        {
            "en": "mine detection; metal detector; ground penetrating radar; gpr",
            "uk": "виявлення мін; металошукач; металодетектор; георадар",
            "lt": "minų aptikimas; metalo detektorius; georadaras",
            "lv": "mīnu atklāšana; metāla detektors; georadars",
            "et": "miinide tuvastamine; metallidetektor; georadar",
            "pl": "wykrywanie min; wykrywacz metali; wykrywacz min; georadar",
        },
    ),
    "uav": (
        "drones / UAV",
        {
            "en": "drone; uav; unmanned aerial; quadcopter; multirotor; fixed-wing; uas",
            "uk": "дрон; бпла; безпілотник; безпілотний; квадрокоптер; коптер; бпак",
            "lt": "dronas; bepilotis orlaivis; bepilotis; kvadrokopteris",
            "lv": "drons; bezpilota; bezpilota lidaparāts; kvadrokopters",
            "et": "droon; mehitamata õhusõiduk; kvadrokopter",
            "pl": "dron; bezzałogowy; bezzałogowiec; bsp; kwadrokopter",
        },
    ),
    "fpv": (
        "FPV / loitering munitions",
        {
            "en": "fpv; first person view; kamikaze; loitering munition",
            "uk": "fpv; камікадзе; баражуючий боєприпас; ударний дрон",
            "lt": "fpv; kamikadzė; sklandanti amunicija",
            "lv": "fpv; kamikadze; klejojošā munīcija",
            "et": "fpv; kamikaze; patrullmoon",
            "pl": "fpv; kamikadze; amunicja krążąca",
        },
    ),
    "ugv": (
        "ground robots / UGV",
        {
            "en": "ugv; ground robot; unmanned ground vehicle; robotic platform",
            "uk": "нрк; наземний робот; наземний роботизований комплекс; роботизована платформа",
            "lt": "antžeminis robotas; robotizuota platforma",
            "lv": "zemes robots; robotizēta platforma",
            "et": "maismaarobot; robotplatvorm",
            "pl": "robot lądowy; bezzałogowy pojazd lądowy; platforma robotyczna",
        },
    ),
    "usv": (
        "naval drones / USV",
        {
            "en": "usv; naval drone; unmanned surface vessel; sea drone; unmanned boat",
            "uk": "морський дрон; безекіпажний катер; морський безпілотник",
            "lt": "jūrinis dronas; bepilotis laivas",
            "lv": "jūras drons; bezpilota laiva",
            "et": "merdroon; mehitamata paat",
            "pl": "dron morski; bezzałogowa łódź",
        },
    ),
    "counter_uas": (
        "counter-drone",
        {
            "en": "counter-drone; counter-uas; c-uas; anti-drone; drone detection; counter-uav",
            "uk": "протидія дронам; антидрон; протидроновий; виявлення дронів; протидія бпла",
            "lt": "kova su dronais; antidroninis; dronų aptikimas",
            "lv": "pretdronu; dronu atklāšana; cīņa ar droniem",
            "et": "droonitõrje; droonide tuvastamine",
            "pl": "antydronowy; przeciwdziałanie dronom; wykrywanie dronów; zwalczanie dronów",
        },
    ),
    "rf": (
        "radio-frequency detection",
        {
            "en": "rf; radio frequency; passive detection; spectrum monitoring; direction finding",
            "uk": "радіочастотний; пасивне виявлення; моніторинг спектру; пеленгація; "
            "радіорозвідка",
            "lt": "radijo dažnių; pasyvus aptikimas; spektro stebėjimas; pelengavimas",
            "lv": "radiofrekvenču; pasīvā atklāšana; spektra monitorings",
            "et": "raadiosageduslik; passiivne tuvastamine; spektri seire",
            "pl": "radiowy; częstotliwości radiowe; pasywne wykrywanie; "
            "monitorowanie widma; namierzanie",
        },
    ),
    "radar": (
        "radar",
        {
            "en": "radar",
            "uk": "радар; рлс; радіолокаційний; радіолокатор",
            "lt": "radaras; radiolokacinis",
            "lv": "radars; radiolokācijas",
            "et": "radar",
            "pl": "radar; radiolokacyjny",
        },
    ),
    "sensor": (
        "sensors",
        {
            "en": "sensor; acoustic sensor; detector",
            "uk": "сенсор; датчик; акустичний сенсор",
            "lt": "jutiklis; sensorius; akustinis jutiklis",
            "lv": "sensors; devējs; akustiskais sensors",
            "et": "andur; sensor; akustiline andur",
            "pl": "czujnik; sensor; czujnik akustyczny",
        },
    ),
    "optics": (
        "optics / thermal imaging",
        {
            "en": "thermal imaging; thermal camera; night vision; optics; eo/ir; thermal imager",
            "uk": "тепловізор; тепловізійний; нічного бачення; оптика; оптичний",
            "lt": "termovizorius; naktinio matymo; optika; šiluminė kamera",
            "lv": "termokamera; nakts redzamības; optika; termovizors",
            "et": "soojuskaamera; öönägemis; optika; termokaamera",
            "pl": "termowizja; termowizyjny; noktowizja; optyka; kamera termowizyjna",
        },
    ),
    "air_defence": (
        "air defence",
        {
            "en": "air defence; air defense; anti-aircraft; surface-to-air; "
            "missile defence; shorad",
            "uk": "протиповітряна оборона; ппо; зенітний; зенітна ракета; ракетна оборона",
            "lt": "oro gynyba; priešlėktuvinė; zenitinė",
            "lv": "pretgaisa aizsardzība; gaisa aizsardzība; zenītraķete",
            "et": "õhutõrje; õhukaitse; õhutõrjeraket",
            "pl": "obrona przeciwlotnicza; przeciwlotniczy; obrona powietrzna",
        },
    ),
    "interceptor": (
        "interceptors",
        {
            "en": "interceptor; intercept",
            "uk": "перехоплювач; перехоплення",
            "lt": "perėmėjas; perėmimas",
            "lv": "pārtvērējs; pārtveršana",
            "et": "pealtkuulaja; tõrjuja; tabamine",
            "pl": "przechwytywacz; przechwytywanie",
        },
    ),
    "ew": (
        "electronic warfare",
        {
            "en": "electronic warfare; ew; jammer; jamming; spoofing; electronic countermeasures",
            "uk": "радіоелектронна боротьба; реб; глушилка; глушіння; придушення; подавлення",
            "lt": "elektroninė kova; slopintuvas; slopinimas; trukdžiai",
            "lv": "elektroniskā karadarbība; traucētājs; traucēšana",
            "et": "elektrooniline sõjapidamine; segaja; segamine",
            "pl": "walka elektroniczna; zakłócacz; zakłócanie; zagłuszanie; zagłuszarka",
        },
    ),
    "gnss": (
        "navigation / GNSS",
        {
            "en": "gnss; gps; navigation; positioning; anti-jamming antenna; crpa",
            "uk": "навігація; навігаційний; gps; позиціонування; антена",
            "lt": "navigacija; gps; padėties nustatymas; antena",
            "lv": "navigācija; gps; pozicionēšana; antena",
            "et": "navigatsioon; gps; positsioneerimine; antenn",
            "pl": "nawigacja; gps; pozycjonowanie; antena",
        },
    ),
    "cyber": (
        "cyber security",
        {
            "en": "cyber; cybersecurity; cyber defence; penetration testing; soc; "
            "incident response",
            "uk": "кібербезпека; кіберзахист; кібер; реагування на інциденти; пентест",
            "lt": "kibernetinis saugumas; kibernetinė gynyba; incidentų valdymas",
            "lv": "kiberdrošība; kiberaizsardzība; incidentu reaģēšana",
            "et": "küberturve; küberkaitse; intsidentide käsitlemine",
            "pl": "cyberbezpieczeństwo; cyberobrona; reagowanie na incydenty; testy penetracyjne",
        },
    ),
    "comms": (
        "secure communications",
        {
            "en": "communications; radio; mesh network; satcom; tactical radio; "
            "encryption; encrypted",
            "uk": "зв'язок; радіостанція; рація; mesh-мережа; шифрування; захищений зв'язок",
            "lt": "ryšys; ryšių; radijo stotis; šifravimas",
            "lv": "sakari; sakaru; radiostacija; šifrēšana",
            "et": "side; sidelahendus; raadiojaam; krüpteerimine",
            "pl": "łączność; radiostacja; szyfrowanie; sieć mesh",
        },
    ),
    "ammunition": (
        "ammunition",
        {
            "en": "ammunition; munition; shell; artillery shell; propellant; explosives; 155 mm",
            "uk": "боєприпас; снаряд; артилерійський снаряд; порох; вибухова речовина; 155 мм",
            "lt": "šaudmenys; sviedinys; artilerijos sviedinys; parakas; sprogmenys",
            "lv": "munīcija; šāviņš; artilērijas šāviņš; šaujampulveris; sprāgstviela",
            "et": "laskemoon; mürsk; suurtükimürsk; püssirohi; lõhkeaine",
            "pl": "amunicja; pocisk; pocisk artyleryjski; proch; materiały wybuchowe",
        },
    ),
    "artillery": (
        "artillery",
        {
            "en": "artillery; howitzer; mortar",
            "uk": "артилерія; артилерійський; гаубиця; міномет",
            "lt": "artilerija; haubica; minosvaidis",
            "lv": "artilērija; haubice; mīnmetējs",
            "et": "suurtükivägi; haubits; miinipilduja",
            "pl": "artyleria; haubica; moździerz",
        },
    ),
    "armoured": (
        "armoured vehicles",
        {
            "en": "armoured vehicle; armored vehicle; apc; ifv; armoured; armored; "
            "personnel carrier",
            "uk": "бронетехніка; бронемашина; бронеавтомобіль; бтр; бмп; броньований",
            "lt": "šarvuotis; šarvuota; šarvuotas transporteris",
            "lv": "bruņutehnika; bruņumašīna; bruņots",
            "et": "soomuk; soomustatud; soomustransportöör",
            "pl": "pojazd opancerzony; transporter opancerzony; opancerzony; bwp",
        },
    ),
    "protection": (
        "ballistic protection",
        {
            "en": "body armour; body armor; ballistic protection; helmet; armour plate; ballistic",
            "uk": "бронежилет; балістичний захист; шолом; бронеплита; балістичний",
            "lt": "neperšaunama liemenė; balistinė apsauga; šalmas",
            "lv": "bruņuveste; ballistiskā aizsardzība; ķivere",
            "et": "kuulivest; ballistiline kaitse; kiiver",
            "pl": "kamizelka kuloodporna; ochrona balistyczna; hełm; balistyczny",
        },
    ),
    "maritime": (
        "maritime",
        {
            "en": "maritime; naval; coastal; sea; vessel; port; sonar; underwater",
            "uk": "морський; флот; узбережжя; береговий; судно; порт; гідролокатор; підводний",
            "lt": "jūrinis; jūrų; pakrantės; laivas; uostas; sonaras; povandeninis",
            "lv": "jūras; krasta; kuģis; osta; sonārs; zemūdens",
            "et": "mere; merendus; ranniku; laev; sadam; sonar; veealune",
            "pl": "morski; marynarka; przybrzeżny; okręt; port; sonar; podwodny",
        },
    ),
    "c4isr": (
        "command, control and ISR",
        {
            "en": "c4isr; command and control; situational awareness; battle management; isr; c2",
            "uk": "бойове управління; ситуаційна обізнаність; управління військами; розвідка; c2",
            "lt": "vadovavimas; situacijos suvokimas; mūšio valdymas; žvalgyba",
            "lv": "vadība un kontrole; situācijas apzināšanās; izlūkošana",
            "et": "juhtimine; olukorrateadlikkus; lahingujuhtimine; luure",
            "pl": "dowodzenie; świadomość sytuacyjna; zarządzanie polem walki; rozpoznanie",
        },
    ),
    "ai": (
        "software / AI",
        {
            "en": "software; artificial intelligence; ai; machine learning; "
            "computer vision; analytics",
            "uk": "програмне забезпечення; штучний інтелект; машинне навчання; "
            "комп'ютерний зір; аналітика",
            "lt": "programinė įranga; dirbtinis intelektas; mašininis mokymasis; analitika",
            "lv": "programmatūra; mākslīgais intelekts; mašīnmācīšanās; analītika",
            "et": "tarkvara; tehisintellekt; masinõpe; analüütika",
            "pl": "oprogramowanie; sztuczna inteligencja; uczenie maszynowe; analityka",
        },
    ),
    "medical": (
        "medical",
        {
            "en": "medical; tactical medicine; first aid; tourniquet; "
            "casualty evacuation; trauma; medevac",
            "uk": "медичний; тактична медицина; перша допомога; турнікет; "
            "евакуація поранених; аптечка",
            "lt": "medicininis; taktinė medicina; pirmoji pagalba; turniketas; "
            "sužeistųjų evakuacija",
            "lv": "medicīnas; taktiskā medicīna; pirmā palīdzība; žņaugs; ievainoto evakuācija",
            "et": "meditsiin; meditsiiniline; taktikaline meditsiin; esmaabi; žgutt; "
            "haavatute evakuatsioon",
            "pl": "medyczny; medycyna taktyczna; pierwsza pomoc; staza; ewakuacja rannych",
        },
    ),
    "logistics": (
        "logistics",
        {
            "en": "logistics; supply; transport; warehousing; fuel; truck; delivery",
            "uk": "логістика; постачання; транспорт; склад; пальне; вантажівка; доставка",
            "lt": "logistika; tiekimas; transportas; sunkvežimis; pristatymas",
            "lv": "loģistika; piegāde; transports; kravas automašīna; degviela",
            "et": "logistika; tarne; transport; veok; kütus",
            "pl": "logistyka; dostawy; dostawa; transport; ciężarówka; paliwo",
        },
    ),
    "power": (
        "batteries / power",
        {
            "en": "battery; batteries; power supply; energy storage; generator; power bank",
            "uk": "акумулятор; батарея; живлення; генератор; павербанк",
            "lt": "akumuliatorius; baterija; maitinimas; generatorius",
            "lv": "akumulators; baterija; barošana; ģenerators",
            "et": "aku; patarei; toiteallikas; generaator",
            "pl": "akumulator; bateria; zasilanie; agregat; generator",
        },
    ),
    "electronics": (
        "electronics / components",
        {
            "en": "electronics; electronic components; pcb; printed circuit; microcontroller; chip",
            "uk": "електроніка; електронні компоненти; друкована плата; мікроконтролер; мікросхема",
            "lt": "elektronika; elektroniniai komponentai; spausdintinė plokštė; mikrovaldiklis",
            "lv": "elektronika; elektroniskie komponenti; iespiedplate; mikrokontrolleris",
            "et": "elektroonika; elektroonikakomponendid; trükkplaat; mikrokontroller",
            "pl": "elektronika; komponenty elektroniczne; płytka drukowana; mikrokontroler",
        },
    ),
    "engine": (
        "engines / propulsion",
        {
            "en": "engine; motor; propulsion",
            "uk": "двигун; мотор",
            "lt": "variklis",
            "lv": "dzinējs; motors",
            "et": "mootor",
            "pl": "silnik; napęd",
        },
    ),
    "space": (
        "space / satellites",
        {
            "en": "satellite; space; earth observation; satellite imagery; sar imagery",
            "uk": "супутник; супутниковий; космічний; космос; супутникові знімки",
            "lt": "palydovas; palydovinis; kosmosas; kosminis",
            "lv": "satelīts; satelītu; kosmoss; kosmosa",
            "et": "satelliit; satelliidi; kosmos; kosmose",
            "pl": "satelita; satelitarny; kosmos; kosmiczny",
        },
    ),
    "training": (
        "training",
        {
            "en": "training; simulator; instructor; course; exercise; education; train",
            "uk": "навчання; тренажер; підготовка; інструктор; курс; вишкіл",
            "lt": "mokymai; mokymas; treniruoklis; instruktorius; kursai; pratybos",
            "lv": "apmācība; simulators; instruktors; kursi; mācības",
            "et": "koolitus; väljaõpe; simulaator; instruktor; kursus; õppus",
            "pl": "szkolenie; symulator; instruktor; kurs; ćwiczenia",
        },
    ),
    "maintenance": (
        "maintenance / repair",
        {
            "en": "maintenance; repair; overhaul; mro; spare parts; refurbishment",
            "uk": "ремонт; обслуговування; технічне обслуговування; запчастини; запасні частини",
            "lt": "remontas; techninė priežiūra; atsarginės dalys",
            "lv": "remonts; apkope; rezerves daļas",
            "et": "remont; hooldus; varuosad",
            "pl": "remont; naprawa; serwis; obsługa techniczna; części zamienne",
        },
    ),
    "investment": (
        "investment",
        {
            "en": "investment; investor; venture capital; funding; equity; fund; financing; invest",
            "uk": "інвестиція; інвестор; венчурний; фінансування; фонд; капітал; інвестувати",
            "lt": "investicija; investuotojas; finansavimas; rizikos kapitalas; fondas",
            "lv": "investīcija; investors; finansējums; riska kapitāls; fonds",
            "et": "investeering; investor; rahastus; riskikapital; fond",
            "pl": "inwestycja; inwestor; finansowanie; fundusz; kapitał; venture capital",
        },
    ),
    "startup": (
        "start-ups / companies to fund",
        {
            "en": "startup; start-up; early-stage; scale-up; company; seed; series a; round",
            "uk": "стартап; компанія; рання стадія; раунд; посівний",
            "lt": "startuolis; įmonė; ankstyvoji stadija; etapas",
            "lv": "jaunuzņēmums; uzņēmums; agrīnā posma; kārta",
            "et": "idufirma; ettevõte; varajases faasis; ring",
            "pl": "startup; spółka; wczesny etap; runda",
        },
    ),
    "production": (
        "production / manufacturing",
        {
            "en": "production; manufacturing; factory; serial production; manufacture; "
            "machining; cnc",
            "uk": "виробництво; завод; серійне виробництво; виготовлення; виробник",
            "lt": "gamyba; gamykla; serijinė gamyba; gamintojas",
            "lv": "ražošana; rūpnīca; sērijveida ražošana; ražotājs",
            "et": "tootmine; tehas; seeriatootmine; tootja",
            "pl": "produkcja; zakład; fabryka; produkcja seryjna; wytwarzanie; producent",
        },
    ),
    "testing": (
        "testing / field trials",
        {
            "en": "testing; field trials; test range; certification; validation; pilot; trial",
            "uk": "випробування; полігон; сертифікація; тестування; пілотний",
            "lt": "bandymai; bandymas; poligonas; sertifikavimas; bandomasis",
            "lv": "testēšana; izmēģinājumi; poligons; sertifikācija",
            "et": "katsetused; katsetus; testimine; polügoon; sertifitseerimine",
            "pl": "testy; testowanie; poligon; certyfikacja; pilotaż",
        },
    ),
    "procurement": (
        "procurement",
        {
            "en": "procurement; tender; contract; purchase; buyer; acquisition",
            "uk": "закупівля; закупівлі; тендер; контракт; замовник",
            "lt": "pirkimai; viešieji pirkimai; konkursas; sutartis; užsakovas",
            "lv": "iepirkums; iepirkumi; līgums; pasūtītājs",
            "et": "hange; hanked; leping; tellija",
            "pl": "zamówienia; przetarg; zakup; kontrakt; zamawiający",
        },
    ),
    "rnd": (
        "research & development",
        {
            "en": "research; r&d; research and development; prototype; laboratory; university",
            "uk": "дослідження; ндр; дослідно-конструкторські; прототип; лабораторія; університет",
            "lt": "mokslinių tyrimų; tyrimai; prototipas; laboratorija; universitetas",
            "lv": "pētniecība; pētījumi; prototips; laboratorija; universitāte",
            "et": "teadus; arendus; teadus- ja arendustegevus; prototüüp; labor; ülikool",
            "pl": "badania; badawczo-rozwojowy; prototyp; laboratorium; uczelnia",
        },
    ),
    "camouflage": (
        "camouflage / decoys",
        {
            "en": "camouflage; decoy; signature reduction; concealment",
            "uk": "маскування; камуфляж; макет; маскувальна сітка",
            "lt": "maskuotė; kamufliažas; masalas",
            "lv": "maskēšana; kamuflāža; mānekļi",
            "et": "maskeerimine; kamuflaaž; peibutis",
            "pl": "maskowanie; kamuflaż; wabik; makieta",
        },
    ),
}


def extend_lexicon(extra: dict[str, tuple[str, dict[str, str]]]) -> None:
    """Add or replace concepts (call before fitting a text model)."""
    CONCEPTS.update(extra)


def concept_label(concept_id: str) -> str:
    """English label of a concept id."""
    entry = CONCEPTS.get(concept_id)
    return entry[0] if entry else concept_id
