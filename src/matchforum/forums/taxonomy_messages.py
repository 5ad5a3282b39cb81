"""The seeded taxonomy marked for the translation catalogues (see ADR 0005).

Nothing reads these lists at run time except a test that checks they match
`taxonomy.TRACKS`; they exist so that `make messages` extracts every seeded name
(with the context "capability track") and description.
"""

from django.utils.translation import gettext_lazy, pgettext_lazy

TRACK_NAMES = [
    pgettext_lazy("capability track", "Demining"),
    pgettext_lazy("capability track", "Unmanned systems"),
    pgettext_lazy("capability track", "Counter-UAS"),
    pgettext_lazy("capability track", "Air and missile defence"),
    pgettext_lazy("capability track", "Electronic warfare"),
    pgettext_lazy("capability track", "Cyber"),
    pgettext_lazy("capability track", "Ammunition"),
    pgettext_lazy("capability track", "Armoured vehicles"),
    pgettext_lazy("capability track", "Maritime"),
    pgettext_lazy("capability track", "C4ISR"),
    pgettext_lazy("capability track", "Medical"),
    pgettext_lazy("capability track", "Logistics"),
    pgettext_lazy("capability track", "Training"),
    pgettext_lazy("capability track", "Maintenance and repair"),
    pgettext_lazy("capability track", "Space"),
]

TRACK_DESCRIPTIONS = [
    gettext_lazy("Humanitarian and military mine action, detection, clearance"),
    gettext_lazy("Aerial, ground and sea drones, autonomy"),
    gettext_lazy("Detection, tracking and defeat of hostile drones"),
    gettext_lazy("Radars, launchers, integration"),
    gettext_lazy("Jamming, SIGINT, spectrum protection"),
    gettext_lazy("Cyber defence, secure communications, IT coalition"),
    gettext_lazy("Shells, propellants, energetics and their supply chains"),
    gettext_lazy("Protected mobility, repair, spare parts"),
    gettext_lazy("Naval drones, coastal defence, mine countermeasures"),
    gettext_lazy("Command, control, communications, intelligence, surveillance"),
    gettext_lazy("Tactical medicine, evacuation, rehabilitation"),
    gettext_lazy("Transport, storage, fuel, field infrastructure"),
    gettext_lazy("Training programmes, simulators, instructors"),
    gettext_lazy("MRO, field repair, refurbishment"),
    gettext_lazy("Satellite imagery, communications, positioning"),
]
