"""Phrase lists for the synthetic forum generator (kept apart from the matching lexicon).

These paraphrases were written separately from :mod:`matchforum.matching.lexicon` and use
many words the lexicon does not contain (brand-like product words, adjectives, synonyms), so
the benchmark does not simply replay lexicon entries. They are still written by the same
author, which makes lexicon coverage on synthetic data optimistic; docs/matching.md says so.
"""

from __future__ import annotations

TRACKS = [
    "demining",
    "unmanned-systems",
    "counter-UAS",
    "air-defence",
    "electronic-warfare",
    "cyber",
    "ammunition",
    "armoured-vehicles",
    "maritime",
    "C4ISR",
    "medical",
    "logistics",
    "training",
    "space",
]

# how each track is named inside running text, per language (a few variants)
TRACK_PHRASES: dict[str, dict[str, list[str]]] = {
    "demining": {
        "en": ["humanitarian demining", "mine action", "clearing of explosive remnants"],
        "uk": ["гуманітарне розмінування", "очищення територій від вибухонебезпечних предметів"],
        "lt": ["humanitarinis išminavimas", "teritorijų valymas nuo sprogmenų"],
        "lv": ["humānā atmīnēšana", "teritoriju attīrīšana no sprādzienbīstamiem priekšmetiem"],
        "et": ["humanitaarne demineerimine", "lõhkekehade koristamine"],
        "pl": ["rozminowanie humanitarne", "oczyszczanie terenu z niewybuchów"],
    },
    "unmanned-systems": {
        "en": ["unmanned aircraft", "small drones", "UAS platforms"],
        "uk": ["безпілотні авіаційні комплекси", "малі дрони"],
        "lt": ["bepiločiai orlaiviai", "maži dronai"],
        "lv": ["bezpilota lidaparāti", "mazie droni"],
        "et": ["mehitamata õhusõidukid", "väikedroonid"],
        "pl": ["bezzałogowe statki powietrzne", "małe drony"],
    },
    "counter-UAS": {
        "en": ["counter-drone defence", "protection against hostile drones", "C-UAS"],
        "uk": ["протидія ворожим дронам", "захист від бпла"],
        "lt": ["apsauga nuo priešo dronų", "kova su dronais"],
        "lv": ["aizsardzība pret ienaidnieka droniem", "pretdronu aizsardzība"],
        "et": ["kaitse vaenlase droonide eest", "droonitõrje"],
        "pl": ["ochrona przed wrogimi dronami", "zwalczanie dronów"],
    },
    "air-defence": {
        "en": ["ground-based air defence", "short-range air defence", "protection of the sky"],
        "uk": ["протиповітряна оборона", "захист неба"],
        "lt": ["oro gynyba", "trumpo nuotolio oro gynyba"],
        "lv": ["pretgaisa aizsardzība", "tuvās darbības pretgaisa aizsardzība"],
        "et": ["õhutõrje", "lähimaa õhutõrje"],
        "pl": ["obrona przeciwlotnicza", "obrona powietrzna krótkiego zasięgu"],
    },
    "electronic-warfare": {
        "en": ["electronic warfare", "EW and spectrum dominance", "electronic countermeasures"],
        "uk": ["радіоелектронна боротьба", "засоби реб"],
        "lt": ["elektroninė kova", "radioelektroninė kova"],
        "lv": ["elektroniskā karadarbība", "radioelektroniskā cīņa"],
        "et": ["elektrooniline sõjapidamine", "raadioelektrooniline võitlus"],
        "pl": ["walka elektroniczna", "walka radioelektroniczna"],
    },
    "cyber": {
        "en": ["cyber defence", "information security", "protection of networks"],
        "uk": ["кіберзахист", "інформаційна безпека"],
        "lt": ["kibernetinė gynyba", "informacijos saugumas"],
        "lv": ["kiberaizsardzība", "informācijas drošība"],
        "et": ["küberkaitse", "infoturve"],
        "pl": ["cyberobrona", "bezpieczeństwo informacji"],
    },
    "ammunition": {
        "en": ["ammunition production", "artillery munitions", "energetics"],
        "uk": ["виробництво боєприпасів", "артилерійські боєприпаси"],
        "lt": ["šaudmenų gamyba", "artilerijos šaudmenys"],
        "lv": ["munīcijas ražošana", "artilērijas munīcija"],
        "et": ["laskemoona tootmine", "suurtükimoon"],
        "pl": ["produkcja amunicji", "amunicja artyleryjska"],
    },
    "armoured-vehicles": {
        "en": ["armoured vehicles", "protected mobility", "military land vehicles"],
        "uk": ["бронетехніка", "захищена мобільність"],
        "lt": ["šarvuota technika", "apsaugotas mobilumas"],
        "lv": ["bruņutehnika", "aizsargāta mobilitāte"],
        "et": ["soomustehnika", "kaitstud liikuvus"],
        "pl": ["pojazdy opancerzone", "chroniona mobilność"],
    },
    "maritime": {
        "en": ["maritime security", "naval systems", "coastal defence"],
        "uk": ["морська безпека", "берегова оборона"],
        "lt": ["jūrų saugumas", "pakrantės gynyba"],
        "lv": ["jūras drošība", "krasta aizsardzība"],
        "et": ["meresõidu turvalisus", "rannikukaitse"],
        "pl": ["bezpieczeństwo morskie", "obrona wybrzeża"],
    },
    "C4ISR": {
        "en": ["command and control", "situational awareness", "ISR and battle management"],
        "uk": ["управління військами", "ситуаційна обізнаність"],
        "lt": ["vadovavimas ir valdymas", "situacijos suvokimas"],
        "lv": ["vadība un kontrole", "situācijas apzināšanās"],
        "et": ["juhtimine ja side", "olukorrateadlikkus"],
        "pl": ["dowodzenie i kierowanie", "świadomość sytuacyjna"],
    },
    "medical": {
        "en": ["tactical combat casualty care", "military medicine", "battlefield first aid"],
        "uk": ["тактична медицина", "військова медицина"],
        "lt": ["taktinė medicina", "karo medicina"],
        "lv": ["taktiskā medicīna", "militārā medicīna"],
        "et": ["taktikaline meditsiin", "sõjameditsiin"],
        "pl": ["medycyna taktyczna", "medycyna pola walki"],
    },
    "logistics": {
        "en": ["military logistics", "sustainment and supply", "field power and transport"],
        "uk": ["військова логістика", "забезпечення та постачання"],
        "lt": ["karinė logistika", "aprūpinimas ir tiekimas"],
        "lv": ["militārā loģistika", "apgāde un piegādes"],
        "et": ["sõjaväelogistika", "varustamine ja tarned"],
        "pl": ["logistyka wojskowa", "zaopatrzenie i dostawy"],
    },
    "training": {
        "en": ["military training", "simulation-based training", "instructor programmes"],
        "uk": ["військова підготовка", "навчання на симуляторах"],
        "lt": ["karinis rengimas", "mokymai su simuliatoriais"],
        "lv": ["militārā apmācība", "apmācība ar simulatoriem"],
        "et": ["sõjaline väljaõpe", "simulaatoriõpe"],
        "pl": ["szkolenie wojskowe", "szkolenie symulacyjne"],
    },
    "space": {
        "en": ["space-based services", "satellite services", "earth observation"],
        "uk": ["космічні сервіси", "супутникові послуги"],
        "lt": ["kosminės paslaugos", "palydovinės paslaugos"],
        "lv": ["kosmosa pakalpojumi", "satelītu pakalpojumi"],
        "et": ["kosmoseteenused", "satelliitteenused"],
        "pl": ["usługi kosmiczne", "usługi satelitarne"],
    },
}

# hidden capability facets: id -> (track, {language: paraphrases})
FACETS: dict[str, tuple[str, dict[str, list[str]]]] = {
    "gpr_detector": (
        "demining",
        {
            "en": [
                "handheld mine detector with ground-penetrating radar",
                "dual-sensor detector for buried landmines",
                "GPR-based deminer kit",
            ],
            "uk": ["ручний міношукач з георадаром", "двосенсорний детектор закопаних мін"],
            "lt": [
                "rankinis minų ieškiklis su georadaru",
                "dviejų jutiklių užkastų minų detektorius",
            ],
            "lv": ["rokas mīnu meklētājs ar georadaru", "divu sensoru apraktu mīnu detektors"],
            "et": ["käsi-miiniotsija georadariga", "kahe anduriga maetud miinide detektor"],
            "pl": ["ręczny wykrywacz min z georadarem", "dwusensorowy detektor zakopanych min"],
        },
    ),
    "demining_machine": (
        "demining",
        {
            "en": [
                "remote-controlled demining machine",
                "armoured flail vehicle for mine clearance",
                "tracked mechanical clearance platform",
            ],
            "uk": [
                "дистанційно керована машина розмінування",
                "броньований тральщик з бойковим тралом",
            ],
            "lt": ["nuotoliniu būdu valdoma išminavimo mašina", "šarvuota minų tralavimo mašina"],
            "lv": ["tālvadības atmīnēšanas mašīna", "bruņota mīnu tralēšanas mašīna"],
            "et": ["kaugjuhitav demineerimismasin", "soomustatud miinitraal"],
            "pl": ["zdalnie sterowana maszyna do rozminowania", "opancerzony trał przeciwminowy"],
        },
    ),
    "fpv_drone": (
        "unmanned-systems",
        {
            "en": [
                "FPV strike drones with night cameras",
                "first-person-view attack quadcopters",
                "low-cost kamikaze multirotors",
            ],
            "uk": ["ударні fpv-дрони з нічними камерами", "дешеві дрони-камікадзе"],
            "lt": ["smogiamieji fpv dronai su naktinėmis kameromis", "pigūs dronai kamikadzės"],
            "lv": ["trieciena fpv droni ar nakts kamerām", "lēti kamikadzes droni"],
            "et": ["löök-fpv droonid öökaameraga", "odavad kamikaze-droonid"],
            "pl": ["uderzeniowe drony fpv z kamerami nocnymi", "tanie drony kamikadze"],
        },
    ),
    "recon_uav": (
        "unmanned-systems",
        {
            "en": [
                "fixed-wing reconnaissance UAV with 4-hour endurance",
                "long-endurance surveillance aircraft",
                "mapping drone with gimballed EO/IR payload",
            ],
            "uk": ["розвідувальний бпла літакового типу", "безпілотник для повітряної розвідки"],
            "lt": ["žvalgybinis bepilotis orlaivis", "ilgo skrydžio žvalgybos dronas"],
            "lv": ["izlūkošanas bezpilota lidaparāts", "ilgstoša lidojuma novērošanas drons"],
            "et": ["luure-mehitamata õhusõiduk", "pika lennuajaga seiredroon"],
            "pl": ["rozpoznawczy bezzałogowiec", "dron obserwacyjny o długim czasie lotu"],
        },
    ),
    "rf_detector": (
        "counter-UAS",
        {
            "en": [
                "passive RF detector for small drones",
                "radio-frequency drone direction finder",
                "spectrum sensor that locates drone pilots",
            ],
            "uk": [
                "пасивний радіочастотний детектор дронів",
                "пеленгатор пультів керування дронами",
            ],
            "lt": ["pasyvus radijo dažnių dronų detektorius", "dronų valdymo pultų pelengatorius"],
            "lv": ["pasīvs radiofrekvenču dronu detektors", "dronu pilotu pelengators"],
            "et": ["passiivne raadiosageduslik droonidetektor", "droonipilootide pelengaator"],
            "pl": [
                "pasywny detektor dronów na częstotliwości radiowe",
                "namiernik operatorów dronów",
            ],
        },
    ),
    "cuas_radar": (
        "counter-UAS",
        {
            "en": [
                "3D radar for detecting low-flying small drones",
                "counter-drone surveillance radar",
                "micro-Doppler drone radar",
            ],
            "uk": ["радар для виявлення низьколітних малих дронів", "протидронова рлс"],
            "lt": ["radaras žemai skrendantiems dronams aptikti", "antidroninis radaras"],
            "lv": ["radars zemu lidojošu dronu atklāšanai", "pretdronu radars"],
            "et": ["radar madalalt lendavate droonide avastamiseks", "droonitõrjeradar"],
            "pl": ["radar do wykrywania nisko lecących dronów", "radar antydronowy"],
        },
    ),
    "shorad": (
        "air-defence",
        {
            "en": [
                "mobile short-range air defence system",
                "truck-mounted anti-aircraft gun system",
                "SHORAD launcher with IR missiles",
            ],
            "uk": [
                "мобільний зенітний комплекс ближньої дії",
                "зенітна установка на шасі вантажівки",
            ],
            "lt": [
                "mobilioji trumpojo nuotolio oro gynybos sistema",
                "priešlėktuvinis pabūklas ant sunkvežimio",
            ],
            "lv": ["mobila tuvās darbības pretgaisa sistēma", "zenītlielgabals uz kravas auto"],
            "et": ["mobiilne lähimaa õhutõrjesüsteem", "veokile paigaldatud õhutõrjekahur"],
            "pl": [
                "mobilny zestaw przeciwlotniczy krótkiego zasięgu",
                "działko przeciwlotnicze na ciężarówce",
            ],
        },
    ),
    "interceptor_drone": (
        "air-defence",
        {
            "en": [
                "interceptor drones against Shahed-type attack UAVs",
                "hit-to-kill interceptor for loitering munitions",
                "fast anti-Shahed interceptor",
            ],
            "uk": ["дрони-перехоплювачі проти шахедів", "перехоплювач баражуючих боєприпасів"],
            "lt": ["dronai perėmėjai prieš šahed tipo dronus", "sklandančios amunicijos perėmėjas"],
            "lv": ["pārtvērēji droni pret šahed tipa droniem", "klejojošās munīcijas pārtvērējs"],
            "et": ["pealtkuulajadroonid shahed-tüüpi droonide vastu", "kiire tõrjedroon"],
            "pl": ["drony przechwytujące przeciw shahedom", "przechwytywacz amunicji krążącej"],
        },
    ),
    "gnss_antijam": (
        "electronic-warfare",
        {
            "en": [
                "anti-jamming GNSS antenna (CRPA)",
                "jam-resistant satellite navigation receiver",
                "GPS spoofing protection module",
            ],
            "uk": ["завадостійка антена gnss", "захищений від спуфінгу навігаційний приймач"],
            "lt": [
                "trukdžiams atspari gnss antena",
                "nuo klastojimo apsaugotas navigacijos imtuvas",
            ],
            "lv": [
                "traucējumnoturīga gnss antena",
                "pret viltošanu aizsargāts navigācijas uztvērējs",
            ],
            "et": ["segamiskindel gnss antenn", "võltsimiskaitsega navigatsioonivastuvõtja"],
            "pl": [
                "antena gnss odporna na zakłócenia",
                "odbiornik nawigacyjny odporny na spoofing",
            ],
        },
    ),
    "jammer": (
        "electronic-warfare",
        {
            "en": [
                "portable drone jammer",
                "wideband vehicle-mounted jamming system",
                "backpack RF jamming kit",
            ],
            "uk": [
                "портативна глушилка дронів",
                "широкосмуговий комплекс подавлення на автомобілі",
            ],
            "lt": ["nešiojamas dronų slopintuvas", "plačiajuostė slopinimo sistema automobilyje"],
            "lv": ["pārnēsājams dronu traucētājs", "platjoslas traucēšanas sistēma uz auto"],
            "et": ["kaasaskantav droonisegaja", "lairiba segamissüsteem sõidukil"],
            "pl": ["przenośny zagłuszacz dronów", "szerokopasmowy system zakłócania na pojeździe"],
        },
    ),
    "soc_service": (
        "cyber",
        {
            "en": [
                "24/7 security operations centre and incident response",
                "managed detection and response for defence networks",
                "red-team penetration testing",
            ],
            "uk": [
                "цілодобовий центр кібербезпеки та реагування на інциденти",
                "пентест та червона команда",
            ],
            "lt": [
                "visą parą veikiantis saugumo centras ir incidentų valdymas",
                "įsiskverbimo testavimas",
            ],
            "lv": ["diennakts drošības centrs un incidentu reaģēšana", "ielaušanās testēšana"],
            "et": ["ööpäevane turbekeskus ja intsidentide käsitlemine", "läbistustestimine"],
            "pl": [
                "całodobowe centrum bezpieczeństwa i reagowanie na incydenty",
                "testy penetracyjne",
            ],
        },
    ),
    "secure_radio": (
        "cyber",
        {
            "en": [
                "encrypted tactical mesh radios",
                "secure push-to-talk radio with AES-256",
                "jam-resilient battlefield mesh network",
            ],
            "uk": ["шифровані тактичні радіостанції mesh", "захищений тактичний зв'язок"],
            "lt": ["šifruotos taktinės mesh radijo stotys", "saugus taktinis ryšys"],
            "lv": ["šifrētas taktiskās mesh radiostacijas", "droši taktiskie sakari"],
            "et": ["krüpteeritud taktikalised mesh-raadiojaamad", "turvaline taktikaline side"],
            "pl": ["szyfrowane taktyczne radiostacje mesh", "bezpieczna łączność taktyczna"],
        },
    ),
    "shells_155": (
        "ammunition",
        {
            "en": ["155 mm artillery shells", "NATO-standard 155mm projectiles", "howitzer rounds"],
            "uk": ["артилерійські снаряди 155 мм", "снаряди калібру 155 мм стандарту нато"],
            "lt": ["155 mm artilerijos sviediniai", "nato standarto 155 mm sviediniai"],
            "lv": ["155 mm artilērijas šāviņi", "nato standarta 155 mm šāviņi"],
            "et": ["155 mm suurtükimürsud", "nato standardi 155 mm mürsud"],
            "pl": ["pociski artyleryjskie 155 mm", "amunicja 155 mm standardu nato"],
        },
    ),
    "propellant": (
        "ammunition",
        {
            "en": [
                "nitrocellulose propellant and TNT production",
                "modular charges and gunpowder",
                "energetic materials plant",
            ],
            "uk": ["виробництво пороху та тротилу", "модульні заряди і нітроцелюлоза"],
            "lt": ["parako ir trotilo gamyba", "moduliniai užtaisai ir nitroceliuliozė"],
            "lv": ["šaujampulvera un trotila ražošana", "moduļu lādiņi un nitroceluloze"],
            "et": ["püssirohu ja trotüüli tootmine", "moodullaengud ja nitrotselluloos"],
            "pl": ["produkcja prochu i trotylu", "ładunki modułowe i nitroceluloza"],
        },
    ),
    "apc": (
        "armoured-vehicles",
        {
            "en": [
                "4x4 armoured personnel carrier",
                "mine-protected wheeled troop carrier",
                "STANAG level 2 protected vehicle",
            ],
            "uk": ["бронетранспортер 4х4", "захищений від мін колісний бронеавтомобіль"],
            "lt": ["4x4 šarvuotis", "nuo minų apsaugotas ratinis šarvuotis"],
            "lv": ["4x4 bruņutransportieris", "pret mīnām aizsargāta riteņu bruņumašīna"],
            "et": ["4x4 soomustransportöör", "miinikaitsega ratassoomuk"],
            "pl": ["transporter opancerzony 4x4", "kołowy pojazd odporny na miny"],
        },
    ),
    "vehicle_mro": (
        "armoured-vehicles",
        {
            "en": [
                "overhaul and repair of tracked armour",
                "spare parts for T-72 and Leopard fleets",
                "field maintenance of combat vehicles",
            ],
            "uk": [
                "капітальний ремонт гусеничної бронетехніки",
                "запчастини до танків т-72 та leopard",
            ],
            "lt": ["vikšrinės technikos kapitalinis remontas", "atsarginės dalys tankams leopard"],
            "lv": ["kāpurķēžu tehnikas kapitālais remonts", "rezerves daļas leopard tankiem"],
            "et": ["roomiktehnika kapitaalremont", "varuosad leopard tankidele"],
            "pl": ["remont kapitalny pojazdów gąsienicowych", "części zamienne do czołgów leopard"],
        },
    ),
    "usv": (
        "maritime",
        {
            "en": [
                "unmanned surface vessel for coastal patrol",
                "autonomous naval strike boat",
                "uncrewed sea drone",
            ],
            "uk": ["безекіпажний катер для патрулювання узбережжя", "ударний морський дрон"],
            "lt": [
                "bepilotis paviršinis laivas pakrantės patruliavimui",
                "smogiamasis jūrinis dronas",
            ],
            "lv": ["bezpilota virsūdens kuģis krasta patrulēšanai", "trieciena jūras drons"],
            "et": ["mehitamata pinnalaev rannikupatrulliks", "löögivõimeline merdroon"],
            "pl": ["bezzałogowa jednostka nawodna do patrolu wybrzeża", "uderzeniowy dron morski"],
        },
    ),
    "sonar": (
        "maritime",
        {
            "en": [
                "underwater sonar barrier for harbour protection",
                "diver detection sonar",
                "seabed mine-hunting sonar",
            ],
            "uk": [
                "підводний гідролокаційний бар'єр для захисту порту",
                "гідролокатор виявлення водолазів",
            ],
            "lt": ["povandeninis sonaro barjeras uosto apsaugai", "narų aptikimo sonaras"],
            "lv": ["zemūdens sonāra barjera ostas aizsardzībai", "ūdenslīdēju atklāšanas sonārs"],
            "et": ["veealune sonaribarjäär sadama kaitseks", "tuukrite avastamise sonar"],
            "pl": ["podwodna bariera sonarowa do ochrony portu", "sonar wykrywania płetwonurków"],
        },
    ),
    "bms_software": (
        "C4ISR",
        {
            "en": [
                "battle management software for brigades",
                "common operational picture app",
                "tablet-based fire control and mission planning",
            ],
            "uk": [
                "програма бойового управління для бригад",
                "застосунок спільної оперативної картини",
            ],
            "lt": [
                "mūšio valdymo programinė įranga brigadoms",
                "bendro operacinio vaizdo programėlė",
            ],
            "lv": ["kaujas vadības programmatūra brigādēm", "kopējās operatīvās ainas lietotne"],
            "et": ["lahingujuhtimise tarkvara brigaadidele", "ühise operatiivpildi rakendus"],
            "pl": [
                "oprogramowanie do zarządzania polem walki",
                "aplikacja wspólnego obrazu operacyjnego",
            ],
        },
    ),
    "target_ai": (
        "C4ISR",
        {
            "en": [
                "AI target recognition for drone video",
                "computer vision that spots camouflaged vehicles",
                "automatic object detection on ISR imagery",
            ],
            "uk": [
                "розпізнавання цілей штучним інтелектом на відео з дронів",
                "комп'ютерний зір для пошуку техніки",
            ],
            "lt": [
                "taikinių atpažinimas dirbtiniu intelektu dronų vaizde",
                "kompiuterinė rega technikai aptikti",
            ],
            "lv": [
                "mērķu atpazīšana ar mākslīgo intelektu dronu video",
                "datorredze tehnikas atrašanai",
            ],
            "et": [
                "sihtmärkide tuvastamine tehisintellektiga droonivideos",
                "masinnägemine tehnika leidmiseks",
            ],
            "pl": [
                "rozpoznawanie celów sztuczną inteligencją w wideo z dronów",
                "wizja komputerowa do wykrywania sprzętu",
            ],
        },
    ),
    "tourniquet": (
        "medical",
        {
            "en": [
                "CAT-style tourniquets and individual first aid kits",
                "haemostatic gauze and IFAKs",
                "combat trauma kits",
            ],
            "uk": ["турнікети та індивідуальні аптечки", "гемостатичні бинти та аптечки ifak"],
            "lt": [
                "turniketai ir individualūs pirmosios pagalbos rinkiniai",
                "hemostatiniai tvarsčiai",
            ],
            "lv": ["žņaugi un individuālās pirmās palīdzības aptieciņas", "hemostatiskie pārsēji"],
            "et": ["žgutid ja isiklikud esmaabikomplektid", "hemostaatilised sidemed"],
            "pl": ["stazy taktyczne i indywidualne apteczki", "opatrunki hemostatyczne"],
        },
    ),
    "medevac": (
        "medical",
        {
            "en": [
                "armoured casualty evacuation vehicle",
                "telemedicine for frontline stabilisation points",
                "medevac stretcher robot",
            ],
            "uk": [
                "броньований автомобіль для евакуації поранених",
                "телемедицина для стабпунктів",
            ],
            "lt": ["šarvuotas sužeistųjų evakuacijos automobilis", "telemedicina fronto punktams"],
            "lv": [
                "bruņots ievainoto evakuācijas transportlīdzeklis",
                "telemedicīna frontes punktiem",
            ],
            "et": ["soomustatud haavatute evakuatsioonisõiduk", "telemeditsiin rindepunktidele"],
            "pl": [
                "opancerzony pojazd do ewakuacji rannych",
                "telemedycyna dla punktów stabilizacji",
            ],
        },
    ),
    "field_power": (
        "logistics",
        {
            "en": [
                "ruggedised battery packs and field generators",
                "silent hybrid power units",
                "portable energy storage for command posts",
            ],
            "uk": [
                "захищені акумулятори та польові генератори",
                "безшумні гібридні джерела живлення",
            ],
            "lt": [
                "patvarūs akumuliatoriai ir lauko generatoriai",
                "tylūs hibridiniai maitinimo blokai",
            ],
            "lv": ["izturīgi akumulatori un lauka ģeneratori", "klusi hibrīdie barošanas bloki"],
            "et": [
                "vastupidavad akud ja välitingimuste generaatorid",
                "vaiksed hübriidtoiteallikad",
            ],
            "pl": ["wzmocnione akumulatory i agregaty polowe", "ciche hybrydowe źródła zasilania"],
        },
    ),
    "trucks": (
        "logistics",
        {
            "en": [
                "6x6 off-road cargo trucks",
                "tactical logistics trucks with armoured cabs",
                "fuel tanker trucks",
            ],
            "uk": ["позашляхові вантажівки 6х6", "логістичні вантажівки з броньованою кабіною"],
            "lt": ["visureigiai sunkvežimiai 6x6", "logistikos sunkvežimiai su šarvuota kabina"],
            "lv": ["apvidus kravas automašīnas 6x6", "loģistikas kravas auto ar bruņotu kabīni"],
            "et": ["maastikuveokid 6x6", "soomustatud kabiiniga logistikaveokid"],
            "pl": ["ciężarówki terenowe 6x6", "ciężarówki logistyczne z opancerzoną kabiną"],
        },
    ),
    "simulator": (
        "training",
        {
            "en": [
                "VR simulator for drone operator training",
                "artillery crew training simulator",
                "synthetic training environment",
            ],
            "uk": [
                "vr-тренажер для підготовки операторів дронів",
                "тренажер для артилерійських розрахунків",
            ],
            "lt": ["vr treniruoklis dronų operatoriams", "artilerijos įgulų treniruoklis"],
            "lv": ["vr simulators dronu operatoru apmācībai", "artilērijas apkalpju simulators"],
            "et": [
                "vr-simulaator droonioperaatorite väljaõppeks",
                "suurtükimeeskondade simulaator",
            ],
            "pl": ["symulator vr do szkolenia operatorów dronów", "symulator dla obsług artylerii"],
        },
    ),
    "instructor_course": (
        "training",
        {
            "en": [
                "combat medic instructor course",
                "sapper training programme by veterans",
                "NATO-standard small-unit tactics course",
            ],
            "uk": [
                "курс інструкторів бойових медиків",
                "програма підготовки саперів від ветеранів",
            ],
            "lt": ["kovinių medikų instruktorių kursai", "išminuotojų rengimo programa"],
            "lv": ["kaujas mediķu instruktoru kurss", "sapieru apmācības programma"],
            "et": ["lahingumeedikute instruktorikursus", "demineerijate väljaõppeprogramm"],
            "pl": ["kurs instruktorów ratownictwa pola walki", "program szkolenia saperów"],
        },
    ),
    "eo_imagery": (
        "space",
        {
            "en": [
                "SAR satellite imagery with daily revisit",
                "commercial earth-observation tasking",
                "radar satellite pictures through clouds",
            ],
            "uk": [
                "радарні супутникові знімки з щоденним оновленням",
                "замовлення космічної зйомки",
            ],
            "lt": [
                "radarinės palydovinės nuotraukos kasdien",
                "žemės stebėjimo palydovų užsakymai",
            ],
            "lv": ["radara satelītattēli ar ikdienas pārlidojumu", "zemes novērošanas uzdevumi"],
            "et": ["radarsatelliidi pildid igapäevase ülelennuga", "maaseire tellimused"],
            "pl": [
                "radarowe zobrazowania satelitarne z codzienną rewizytą",
                "zamawianie zdjęć satelitarnych",
            ],
        },
    ),
    "satcom": (
        "space",
        {
            "en": [
                "LEO satellite communication terminals",
                "portable satcom kits for units",
                "resilient satellite internet for the front",
            ],
            "uk": [
                "термінали супутникового зв'язку на низькій орбіті",
                "портативні комплекти супутникового зв'язку",
            ],
            "lt": [
                "žemos orbitos palydovinio ryšio terminalai",
                "nešiojami palydovinio ryšio rinkiniai",
            ],
            "lv": ["zemās orbītas satelītsakaru termināļi", "pārnēsājami satelītsakaru komplekti"],
            "et": [
                "madalorbiidi satelliitside terminalid",
                "kaasaskantavad satelliitsidekomplektid",
            ],
            "pl": [
                "terminale łączności satelitarnej leo",
                "przenośne zestawy łączności satelitarnej",
            ],
        },
    ),
}

# frames per (side, role) and language; {x} = facet or track phrase, {t} = ticket, {s} = stage
FRAMES: dict[str, dict[str, list[str]]] = {
    "need_product": {
        "en": [
            "We are looking for {x}.",
            "Requirement: {x} for frontline units.",
            "Seeking suppliers of {x}.",
            "Our brigades urgently require {x}.",
        ],
        "uk": [
            "Шукаємо постачальника: {x}.",
            "Потреба: {x} для підрозділів на фронті.",
            "Запит на закупівлю: {x}.",
        ],
        "lt": ["Ieškome tiekėjo: {x}.", "Poreikis: {x} kariniams daliniams."],
        "lv": ["Meklējam piegādātāju: {x}.", "Vajadzība: {x} vienībām."],
        "et": ["Otsime tarnijat: {x}.", "Vajadus: {x} üksustele."],
        "pl": ["Poszukujemy dostawcy: {x}.", "Zapotrzebowanie: {x} dla jednostek."],
    },
    "offer_product": {
        "en": [
            "We manufacture {x}.",
            "Offer: {x}, combat-proven.",
            "Our company develops {x}.",
            "Available now: {x}, delivery in 8 weeks.",
        ],
        "uk": [
            "Виробляємо: {x}.",
            "Пропонуємо: {x}, перевірено в бою.",
            "Наша компанія розробляє: {x}.",
        ],
        "lt": ["Gaminame: {x}.", "Siūlome: {x}, išbandyta kovoje."],
        "lv": ["Ražojam: {x}.", "Piedāvājam: {x}, pārbaudīts kaujā."],
        "et": ["Toodame: {x}.", "Pakume: {x}, lahingus järele proovitud."],
        "pl": ["Produkujemy: {x}.", "Oferujemy: {x}, sprawdzone w walce."],
    },
    "offer_technology": {
        "en": [
            "Laboratory prototype: {x}.",
            "Our lab has developed {x} and seeks a path to market.",
            "University research on {x}.",
        ],
        "uk": ["Лабораторний прототип: {x}.", "Наукова розробка: {x}."],
        "lt": ["Laboratorinis prototipas: {x}.", "Mokslinė plėtra: {x}."],
        "lv": ["Laboratorijas prototips: {x}.", "Zinātniska izstrāde: {x}."],
        "et": ["Laboriprototüüp: {x}.", "Teadusarendus: {x}."],
        "pl": ["Prototyp laboratoryjny: {x}.", "Rozwiązanie badawcze: {x}."],
    },
    "need_dealflow": {
        "en": [
            "We look for start-ups working on {x}.",
            "Dealflow wanted: companies in {x}.",
            "Interested in meeting founders building {x}.",
        ],
        "uk": [
            "Шукаємо стартапи у сфері: {x}.",
            "Цікавлять компанії, що працюють у напрямку: {x}.",
        ],
        "lt": ["Ieškome startuolių srityje: {x}.", "Domina įmonės, dirbančios srityje: {x}."],
        "lv": ["Meklējam jaunuzņēmumus jomā: {x}.", "Interesē uzņēmumi jomā: {x}."],
        "et": ["Otsime idufirmasid valdkonnas: {x}.", "Huvitavad ettevõtted valdkonnas: {x}."],
        "pl": ["Szukamy startupów w obszarze: {x}.", "Interesują nas spółki z obszaru: {x}."],
    },
    "need_members": {
        "en": [
            "We invite companies active in {x} to join our cluster.",
            "Looking for member companies in {x}.",
        ],
        "uk": ["Запрошуємо компанії у сфері {x} до кластера."],
        "lt": ["Kviečiame įmones srityje {x} prisijungti prie klasterio."],
        "lv": ["Aicinām uzņēmumus jomā {x} pievienoties klasterim."],
        "et": ["Kutsume valdkonna {x} ettevõtteid klastriga liituma."],
        "pl": ["Zapraszamy firmy z obszaru {x} do klastra."],
    },
    "offer_investment": {
        "en": [
            "We invest {t} at {s} stage in {x}.",
            "Fund ticket {t}, {s} stage, focus: {x}.",
            "Venture fund backing {x} companies; tickets {t} ({s}).",
        ],
        "uk": [
            "Інвестуємо {t} на стадії {s} у сфері: {x}.",
            "Фонд: чек {t}, стадія {s}, фокус: {x}.",
        ],
        "lt": ["Investuojame {t}, etapas {s}, sritis: {x}."],
        "lv": ["Investējam {t}, posms {s}, joma: {x}."],
        "et": ["Investeerime {t}, faas {s}, valdkond: {x}."],
        "pl": ["Inwestujemy {t} na etapie {s} w obszarze: {x}."],
    },
    "need_investment": {
        "en": [
            "Raising {t} ({s} round) to scale {x}.",
            "Seeking investors: {t}, {s}, for {x}.",
            "We need {t} of equity funding to ramp up {x}.",
        ],
        "uk": [
            "Залучаємо {t} (раунд {s}) для масштабування: {x}.",
            "Шукаємо інвестора: {t}, {s}, проєкт: {x}.",
        ],
        "lt": ["Pritraukiame {t} ({s} etapas) plėtrai: {x}."],
        "lv": ["Piesaistām {t} ({s} kārta) paplašināšanai: {x}."],
        "et": ["Kaasame {t} ({s} ring) laiendamiseks: {x}."],
        "pl": ["Pozyskujemy {t} (runda {s}) na skalowanie: {x}."],
    },
    "offer_testing": {
        "en": [
            "We provide field trials and a path to procurement for {x}.",
            "Test range access and operational feedback for {x}.",
            "Pilot deployments with our units for {x} solutions.",
        ],
        "uk": [
            "Надаємо полігон для випробувань та шлях до закупівлі: {x}.",
            "Пілотне застосування у підрозділах: {x}.",
        ],
        "lt": ["Suteikiame poligoną bandymams ir kelią į pirkimus: {x}."],
        "lv": ["Nodrošinām poligonu izmēģinājumiem un ceļu uz iepirkumu: {x}."],
        "et": ["Pakume polügooni katsetusteks ja teed hangeteni: {x}."],
        "pl": ["Zapewniamy poligon do testów i ścieżkę do zamówień: {x}."],
    },
    "need_testing": {
        "en": [
            "We need field trials with end users for our {x} systems.",
            "Looking for a test range and pilot customer in {x}.",
            "Seeking operational validation of our {x} product.",
        ],
        "uk": [
            "Потрібні польові випробування з військовими: {x}.",
            "Шукаємо полігон і пілотного замовника: {x}.",
        ],
        "lt": ["Reikia lauko bandymų su kariais: {x}."],
        "lv": ["Vajadzīgi lauka izmēģinājumi ar karavīriem: {x}."],
        "et": ["Vajame välikatsetusi sõduritega: {x}."],
        "pl": ["Potrzebujemy testów poligonowych z wojskiem: {x}."],
    },
    "offer_production": {
        "en": [
            "Contract manufacturing capacity for {x} hardware.",
            "We industrialise prototypes and run serial production in {x}.",
        ],
        "uk": ["Контрактне виробництво обладнання: {x}.", "Серійне виробництво прототипів: {x}."],
        "lt": ["Sutartinė gamyba: {x}."],
        "lv": ["Līgumražošana: {x}."],
        "et": ["Lepinguline tootmine: {x}."],
        "pl": ["Produkcja kontraktowa: {x}."],
    },
    "need_production": {
        "en": [
            "We seek an industrial partner to manufacture our {x} prototype.",
            "Looking for a manufacturer to take our {x} research to series production.",
        ],
        "uk": ["Шукаємо промислового партнера для виготовлення прототипу: {x}."],
        "lt": ["Ieškome pramonės partnerio prototipo gamybai: {x}."],
        "lv": ["Meklējam rūpniecisko partneri prototipa ražošanai: {x}."],
        "et": ["Otsime tööstuspartnerit prototüübi tootmiseks: {x}."],
        "pl": ["Szukamy partnera przemysłowego do produkcji prototypu: {x}."],
    },
    "need_rnd": {
        "en": [
            "We want an R&D partnership with a university on {x}.",
            "Looking for research institutes to co-develop {x}.",
        ],
        "uk": ["Шукаємо науковий інститут для спільної розробки: {x}."],
        "lt": ["Ieškome mokslo instituto bendrai plėtrai: {x}."],
        "lv": ["Meklējam zinātnisko institūtu kopīgai izstrādei: {x}."],
        "et": ["Otsime teadusasutust ühisarenduseks: {x}."],
        "pl": ["Szukamy instytutu naukowego do wspólnego rozwoju: {x}."],
    },
    "offer_training": {
        "en": ["Training courses and instructors for {x}.", "We run certified courses in {x}."],
        "uk": ["Навчальні курси та інструктори: {x}."],
        "lt": ["Mokymo kursai ir instruktoriai: {x}."],
        "lv": ["Apmācību kursi un instruktori: {x}."],
        "et": ["Koolituskursused ja instruktorid: {x}."],
        "pl": ["Kursy szkoleniowe i instruktorzy: {x}."],
    },
    "need_training": {
        "en": ["Our customers need operator training in {x}.", "We need instructors for {x}."],
        "uk": ["Потрібне навчання операторів: {x}."],
        "lt": ["Reikia operatorių mokymų: {x}."],
        "lv": ["Vajadzīga operatoru apmācība: {x}."],
        "et": ["Vajame operaatorite koolitust: {x}."],
        "pl": ["Potrzebujemy szkolenia operatorów: {x}."],
    },
    "need_supply": {
        "en": ["We source {x} as components for our systems.", "Supply-chain partner wanted: {x}."],
        "uk": ["Закуповуємо як комплектуючі: {x}."],
        "lt": ["Perkame kaip komponentus: {x}."],
        "lv": ["Iepērkam kā komponentus: {x}."],
        "et": ["Hangime komponentidena: {x}."],
        "pl": ["Kupujemy jako komponenty: {x}."],
    },
}

STAGE_WORDS: dict[str, dict[str, str]] = {
    "seed": {
        "en": "seed",
        "uk": "посівна",
        "lt": "pradinis",
        "lv": "sēklas",
        "et": "idufaas",
        "pl": "zalążkowa",
    },
    "series_a": {
        "en": "Series A",
        "uk": "серія A",
        "lt": "A serija",
        "lv": "A kārta",
        "et": "A-seeria",
        "pl": "seria A",
    },
    "growth": {
        "en": "growth",
        "uk": "зростання",
        "lt": "augimo",
        "lv": "izaugsmes",
        "et": "kasvufaas",
        "pl": "wzrostu",
    },
}

# filler that carries no matching signal (company facts), per language
NOISE: dict[str, list[str]] = {
    "en": [
        "Founded in 2016, 45 employees.",
        "ISO 9001 and AQAP 2110 certified.",
        "Export licence in place.",
        "Family-owned since 1994.",
        "Offices in three countries.",
        "We also do general sheet-metal work.",
        "Contact us for a demonstration.",
    ],
    "uk": [
        "Засновані у 2015 році, 60 працівників.",
        "Маємо сертифікат ISO 9001.",
        "Працюємо з 2014 року.",
        "Власне конструкторське бюро.",
        "Готові до демонстрації.",
    ],
    "lt": [
        "Įkurta 2012 m., 30 darbuotojų.",
        "Turime ISO 9001 sertifikatą.",
        "Šeimos įmonė.",
        "Galime pademonstruoti.",
    ],
    "lv": ["Dibināts 2011. gadā, 25 darbinieki.", "ISO 9001 sertificēts.", "Ģimenes uzņēmums."],
    "et": ["Asutatud 2013, 20 töötajat.", "ISO 9001 sertifikaat.", "Pereettevõte."],
    "pl": [
        "Założona w 2010 r., 120 pracowników.",
        "Certyfikat ISO 9001 i AQAP.",
        "Firma rodzinna.",
        "Zapraszamy na pokaz.",
    ],
}

# short localized role words used in titles of track-level profiles
ROLE_TITLES: dict[str, dict[str, str]] = {
    "testing": {
        "en": "Field trials",
        "uk": "Польові випробування",
        "lt": "Lauko bandymai",
        "lv": "Lauka izmēģinājumi",
        "et": "Välikatsetused",
        "pl": "Testy poligonowe",
    },
    "production": {
        "en": "Contract manufacturing",
        "uk": "Контрактне виробництво",
        "lt": "Sutartinė gamyba",
        "lv": "Līgumražošana",
        "et": "Lepinguline tootmine",
        "pl": "Produkcja kontraktowa",
    },
    "training": {
        "en": "Training",
        "uk": "Навчання",
        "lt": "Mokymai",
        "lv": "Apmācība",
        "et": "Koolitus",
        "pl": "Szkolenia",
    },
    "rnd": {
        "en": "R&D partner",
        "uk": "Партнер для НДДКР",
        "lt": "MTEP partneris",
        "lv": "P&A partneris",
        "et": "T&A partner",
        "pl": "Partner B+R",
    },
    "dealflow": {
        "en": "Start-ups",
        "uk": "Стартапи",
        "lt": "Startuoliai",
        "lv": "Jaunuzņēmumi",
        "et": "Idufirmad",
        "pl": "Startupy",
    },
    "members": {
        "en": "New members",
        "uk": "Нові члени",
        "lt": "Nauji nariai",
        "lv": "Jauni biedri",
        "et": "Uued liikmed",
        "pl": "Nowi członkowie",
    },
}

# a sentence mentioning an unrelated track (misleads bag-of-concepts matching)
DISTRACT: dict[str, list[str]] = {
    "en": ["We also follow developments in {x}.", "Previously worked on {x}."],
    "uk": ["Також цікавимося напрямком: {x}."],
    "lt": ["Taip pat domimės sritimi: {x}."],
    "lv": ["Interesējamies arī par jomu: {x}."],
    "et": ["Huvitab ka valdkond: {x}."],
    "pl": ["Interesuje nas także obszar: {x}."],
}

NAME_PARTS = (
    [
        "Aster",
        "Boryviter",
        "Kalyna",
        "Vilkas",
        "Dzintar",
        "Kotkas",
        "Sokol",
        "Zubr",
        "Mara",
        "Lynx",
        "Perun",
        "Jantar",
        "Gintar",
        "Saule",
        "Tammik",
        "Orlik",
        "Vega",
        "Nord",
        "Bastion",
        "Harfa",
        "Styx",
        "Kremen",
        "Dnipro",
        "Nemunas",
        "Daugava",
        "Emaj",
        "Wisla",
        "Baltic",
        "Amber",
        "Polar",
        "Kestrel",
        "Onyx",
        "Granit",
        "Svitan",
        "Ruta",
        "Egle",
        "Karu",
        "Ilves",
    ],
    {
        "producer": ["Dynamics", "Systems", "Defence", "Tech", "Works", "Robotics", "Industries"],
        "investor": ["Capital", "Ventures", "Partners", "Fund"],
        "buyer": ["Procurement Agency", "Brigade Logistics", "Defence Materiel Office"],
        "research": ["Institute", "Labs", "University Lab", "Research Centre"],
        "association": ["Cluster", "Association", "Alliance"],
        "other": ["Services", "Consulting", "Training Centre", "Solutions"],
    },
)
