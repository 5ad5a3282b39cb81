"""A small hand-written forum used across the tests."""

from __future__ import annotations

from matchforum.matching.model import Exclusions, Forum, Organisation, Profile


def org(oid: str, kind: str, country: str, tracks: tuple[str, ...] = (), **kw) -> Organisation:
    return Organisation(id=oid, name=f"Org {oid}", country=country, kind=kind, tracks=tracks, **kw)


def prof(
    pid: str,
    oid: str,
    side: str,
    kind: str,
    title: str,
    text: str,
    lang: str = "en",
    tracks: tuple[str, ...] = (),
    **kw,
) -> Profile:
    return Profile(
        id=pid,
        org_id=oid,
        side=side,
        kind=kind,
        title=title,
        text=text,
        language=lang,
        tracks=tracks,
        **kw,
    )


def small_forum(exclusions: Exclusions | None = None) -> Forum:
    orgs = [
        org("ua_buyer", "buyer", "UA", ("counter-UAS",)),
        org("en_rf", "producer", "GB", ("counter-UAS",)),
        org("lt_demine", "buyer", "LT", ("demining",)),
        org("pl_gpr", "producer", "PL", ("demining",)),
        org("ee_med", "producer", "EE", ("medical",)),
        org("lv_vc", "investor", "LV", ("counter-UAS", "demining")),
        org("ua_boats", "producer", "UA", ("maritime",)),
        org("pl_cyber", "producer", "PL", ("cyber",)),
    ]
    profiles = [
        prof(
            "n1",
            "ua_buyer",
            "need",
            "product",
            "Детектори дронів",
            "Потрібні пасивні радіочастотні детектори дронів та протидронові радари для "
            "захисту критичної інфраструктури.",
            "uk",
        ),
        prof(
            "o1",
            "ua_buyer",
            "offer",
            "service",
            "Польові випробування",
            "Пропонуємо полігон для випробувань систем протидії дронам.",
            "uk",
        ),
        prof(
            "o2",
            "en_rf",
            "offer",
            "product",
            "Passive RF drone detector",
            "We manufacture a passive radio-frequency detector that finds small drones "
            "and their pilots; radar integration available.",
            "en",
        ),
        prof(
            "n2",
            "en_rf",
            "need",
            "service",
            "Field trials",
            "Looking for a test range and field trials for our counter-drone sensors.",
            "en",
        ),
        prof(
            "n3",
            "lt_demine",
            "need",
            "product",
            "Minų aptikimas",
            "Ieškome georadarų ir metalo detektorių minų aptikimui.",
            "lt",
        ),
        prof(
            "o3",
            "lt_demine",
            "offer",
            "service",
            "Bandymų poligonas",
            "Siūlome poligoną išminavimo įrangos bandymams.",
            "lt",
        ),
        prof(
            "o4",
            "pl_gpr",
            "offer",
            "product",
            "Georadar do wykrywania min",
            "Produkujemy georadar i wykrywacz metali do rozminowania terenu.",
            "pl",
        ),
        prof(
            "n4",
            "pl_gpr",
            "need",
            "service",
            "Testy poligonowe",
            "Szukamy poligonu do testów sprzętu do rozminowania.",
            "pl",
        ),
        prof(
            "o5",
            "ee_med",
            "offer",
            "product",
            "Turniketid ja esmaabi",
            "Toodame taktikalise meditsiini turnikette ja esmaabikomplekte.",
            "et",
        ),
        prof(
            "n5",
            "ee_med",
            "need",
            "investment",
            "Investment for production",
            "Seeking investment to scale production.",
            "en",
            ticket_min=1e6,
            ticket_max=3e6,
            stage="seed",
        ),
        prof(
            "o6",
            "lv_vc",
            "offer",
            "investment",
            "Riska kapitāls",
            "Investējam pretdronu un atmīnēšanas jaunuzņēmumos.",
            "lv",
            ticket_min=5e5,
            ticket_max=2e6,
            stage="seed",
        ),
        prof(
            "n6",
            "lv_vc",
            "need",
            "product",
            "Jaunuzņēmumi",
            "Meklējam uzņēmumus ar pretdronu tehnoloģijām.",
            "lv",
        ),
        prof(
            "o7",
            "ua_boats",
            "offer",
            "product",
            "Морські дрони",
            "Виробляємо безекіпажні катери для флоту.",
            "uk",
        ),
        prof(
            "n7",
            "ua_boats",
            "need",
            "supply_chain",
            "Двигуни",
            "Шукаємо постачальника двигунів для морських дронів.",
            "uk",
        ),
        prof(
            "o8",
            "pl_cyber",
            "offer",
            "service",
            "Cyberbezpieczeństwo",
            "Usługi reagowania na incydenty i testy penetracyjne.",
            "pl",
        ),
        prof(
            "n8",
            "pl_cyber",
            "need",
            "investment",
            "Inwestor",
            "Szukamy inwestora na rundę seed.",
            "pl",
            ticket_min=5e5,
            ticket_max=1e6,
            stage="seed",
        ),
    ]
    return Forum(orgs, profiles, exclusions or Exclusions())
