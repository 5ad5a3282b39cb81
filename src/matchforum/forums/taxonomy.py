"""The seeded capability taxonomy: slug, name, description, coalition lead country."""

from __future__ import annotations

TRACKS: list[tuple[str, str, str, str]] = [
    ("demining", "Demining", "Humanitarian and military mine action, detection, clearance", "LT"),
    (
        "unmanned-systems",
        "Unmanned systems",
        "Aerial, ground and sea drones, autonomy",
        "LV",
    ),
    ("counter-uas", "Counter-UAS", "Detection, tracking and defeat of hostile drones", ""),
    ("air-missile-defence", "Air and missile defence", "Radars, launchers, integration", "DE"),
    ("electronic-warfare", "Electronic warfare", "Jamming, SIGINT, spectrum protection", ""),
    ("cyber", "Cyber", "Cyber defence, secure communications, IT coalition", "EE"),
    ("ammunition", "Ammunition", "Shells, propellants, energetics and their supply chains", ""),
    ("armoured-vehicles", "Armoured vehicles", "Protected mobility, repair, spare parts", "PL"),
    ("maritime", "Maritime", "Naval drones, coastal defence, mine countermeasures", "GB"),
    ("c4isr", "C4ISR", "Command, control, communications, intelligence, surveillance", ""),
    ("medical", "Medical", "Tactical medicine, evacuation, rehabilitation", ""),
    ("logistics", "Logistics", "Transport, storage, fuel, field infrastructure", ""),
    ("training", "Training", "Training programmes, simulators, instructors", ""),
    ("maintenance-repair", "Maintenance and repair", "MRO, field repair, refurbishment", ""),
    ("space", "Space", "Satellite imagery, communications, positioning", ""),
]

# The one track vocabulary: the demo's tables are keyed by these slugs (demo/phrasebook.py).
TRACK_SLUGS: tuple[str, ...] = tuple(slug for slug, _name, _description, _lead in TRACKS)
