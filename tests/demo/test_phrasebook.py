"""The demo's phrase tables: JSON files in the package, read once, keyed by the taxonomy."""

from __future__ import annotations

from importlib.resources import files

import pytest

from matchforum.demo import generator
from matchforum.demo import phrasebook as module
from matchforum.demo.phrasebook import DATA_FILES, phrasebook
from matchforum.forums.taxonomy import TRACK_SLUGS


@pytest.fixture(scope="module")
def small_plan():
    return generator.forum_plan(size="small", seed=1, scale=0.2)


def test_the_tables_are_read_once():
    assert phrasebook() is phrasebook()


def test_every_data_file_is_read():
    on_disk = {
        entry.name.removesuffix(".json")
        for entry in (files("matchforum.demo") / "data").iterdir()
        if entry.name.endswith(".json")
    }
    assert on_disk == set(DATA_FILES)


def test_fixed_length_rows_come_back_as_tuples():
    pb = phrasebook()
    assert all(isinstance(s["trl"], tuple) and len(s["trl"]) == 2 for s in pb.subjects["cyber"])
    low, high, factor_low, factor_high = pb.tickets["seed"]
    assert low < high and 1 <= factor_low < factor_high
    male_first, female_first, male_last, female_last = pb.people["LT"]
    assert male_first and female_first and male_last and female_last
    assert pb.people["EE"][3] is None  # Estonian surnames do not change with gender
    first, second = pb.name_syllables["LT"]
    assert first and second


def test_track_tables_name_exactly_the_taxonomy_tracks():
    pb = phrasebook()
    for table in (pb.track_base_weights, pb.track_names, pb.track_words, pb.subjects):
        assert set(table) == set(TRACK_SLUGS)
    for bias in pb.country_track_bias.values():
        assert set(bias) <= set(TRACK_SLUGS)


def test_a_track_slug_outside_the_taxonomy_is_refused():
    tables = {
        name: {slug: [] for slug in TRACK_SLUGS}
        for name in ("track_base_weights", "track_names", "track_words", "subjects")
    }
    tables |= {"country_track_bias": {}, "threads": [], "articles": []}
    module._check_tracks(tables)

    tables["track_words"]["air-defence"] = ["Radar"]
    with pytest.raises(ValueError, match=r"unknown: \['air-defence'\]"):
        module._check_tracks(tables)

    del tables["track_words"]["air-defence"]
    tables["country_track_bias"] = {"DE": {"air-defence": 5}}
    with pytest.raises(ValueError, match="air-defence"):
        module._check_tracks(tables)

    tables["country_track_bias"] = {}
    tables["threads"] = [{"track": "air-defence"}]
    with pytest.raises(ValueError, match=r"threads names .*air-defence"):
        module._check_tracks(tables)


def test_a_track_left_out_is_refused():
    tables = {
        name: {slug: [] for slug in TRACK_SLUGS}
        for name in ("track_base_weights", "track_names", "track_words", "subjects")
    }
    tables |= {"country_track_bias": {}, "threads": [], "articles": []}
    del tables["subjects"]["space"]
    with pytest.raises(ValueError, match=r"missing: \['space'\]"):
        module._check_tracks(tables)


def test_every_track_the_demo_names_is_a_taxonomy_track(small_plan):
    known = set(TRACK_SLUGS)
    for _key, _country, _kind, tracks, _state, _role in generator.SPECIAL_ORGS:
        assert set(tracks) <= known
    assert {thread["track"] for thread in phrasebook().threads} <= known
    assert {slug for article in phrasebook().articles for slug in article["tracks"]} <= known
    planned = {slug for org in small_plan.organisations for slug in org.tracks}
    planned |= {slug for profile in small_plan.profiles for slug in profile.tracks}
    assert planned <= known


def test_a_table_written_in_two_files_is_refused():
    merged = module._merge({"countries": {"legal_form": {}}, "people": {"people": {}}})
    assert set(merged) == {"legal_form", "people"}
    with pytest.raises(ValueError, match=r"people\.json repeats tables: legal_form"):
        module._merge({"countries": {"legal_form": {}}, "people": {"legal_form": {}}})


def test_profile_titles_do_not_repeat_the_side_badge():
    """The card shows the side ("Need") before the title, so "Need: …" read "Need Need: …"."""
    from django.utils import translation

    from matchforum.marketplace.models import Side

    for language, sides in phrasebook().title_prefix.items():
        with translation.override(language):
            for side, kinds in sides.items():
                label = str(Side(side).label).lower()
                for titles in kinds.values():
                    assert not [t for t in titles if t.lower().startswith(f"{label}:")], (
                        language,
                        side,
                    )
