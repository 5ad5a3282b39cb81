import json
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures import org, prof, small_forum

from matchforum.matching import (
    Exclusions,
    ExposurePolicy,
    Forum,
    MatchIndex,
    explain,
    forum_from_dict,
    forum_to_dict,
    why_not,
)
from matchforum.matching.synthetic import generate_forum

SRC = Path(__file__).resolve().parents[2] / "src"


def ids(recs):
    return [r.counterpart_id for r in recs]


@pytest.fixture(scope="module")
def idx():
    return MatchIndex.build(small_forum(), k=3)


def test_cross_language_pairs_found(idx):
    # Ukrainian need for drone detectors <-> English passive RF detector offer
    assert ids(idx.recommend("ua_buyer"))[0] == "en_rf"
    # Lithuanian need for mine detection <-> Polish GPR offer
    assert ids(idx.recommend("lt_demine"))[0] == "pl_gpr"


def test_reciprocal_pair_ranks_above_one_sided():
    # b1 and b2 both offer what a needs; only b1 needs what a offers.
    orgs = [
        org("a", "producer", "UA", ("counter-UAS",)),
        org("b1", "buyer", "PL", ("counter-UAS",)),
        org("b2", "buyer", "PL", ("counter-UAS",)),
        org("c", "producer", "DE", ("medical",)),
    ]
    ps = [
        prof(
            "a_o",
            "a",
            "offer",
            "product",
            "Counter-drone radar",
            "We manufacture a radar that detects small drones.",
        ),
        prof("a_n", "a", "need", "service", "Field trials", "We need a test range for trials."),
        prof(
            "b1_o",
            "b1",
            "offer",
            "service",
            "Test range",
            "We offer a test range for field trials.",
        ),
        prof("b1_n", "b1", "need", "product", "Drone radar", "We need radars to detect drones."),
        prof(
            "b2_o",
            "b2",
            "offer",
            "service",
            "Test range",
            "We offer a test range for field trials.",
        ),
        prof(
            "b2_n",
            "b2",
            "need",
            "product",
            "Tourniquets",
            "We need tourniquets and first aid kits.",
        ),
        prof("c_o", "c", "offer", "product", "Tourniquets", "Tourniquets and first aid kits."),
    ]
    idx = MatchIndex.build(Forum(orgs, ps), k=3, exposure=ExposurePolicy(diversity=0.0))
    d_ab1, d_b1a = idx.directional("a", "b1")
    d_ab2, d_b2a = idx.directional("a", "b2")
    assert d_ab1 == pytest.approx(d_ab2, abs=1e-3)  # a's side cannot tell them apart
    assert d_b1a > d_b2a
    row = idx.combined_row("a")
    assert row["b1"] > row["b2"]
    assert ids(idx.recommend("a")).index("b1") < ids(idx.recommend("a")).index("b2")
    idx_nr = MatchIndex.build(Forum(orgs, ps), k=3, reciprocal=False)
    row_nr = idx_nr.combined_row("a")
    assert row_nr["b1"] == pytest.approx(row_nr["b2"], abs=1e-3)


@pytest.mark.parametrize(
    ("exclusions", "field"),
    [
        (Exclusions(requested={("ua_buyer", "en_rf")}), "requested"),
        (Exclusions(declined={("en_rf", "ua_buyer")}), "declined"),
        (Exclusions(not_interested={("ua_buyer", "en_rf")}), "not interested"),
    ],
)
def test_exclusion_filters(exclusions, field):
    idx = MatchIndex.build(small_forum(exclusions), k=5)
    assert "en_rf" not in ids(idx.recommend("ua_buyer"))
    wn = why_not(idx, "ua_buyer", "en_rf")
    assert wn.filtered and not wn.recommended
    assert field.split()[0] in wn.text


def test_not_interested_is_directional():
    idx = MatchIndex.build(small_forum(Exclusions(not_interested={("en_rf", "ua_buyer")})), k=5)
    assert "ua_buyer" not in ids(idx.recommend("en_rf"))
    # the other side is also hidden (a meeting could not happen), with the reason named
    assert "counterpart marked" in why_not(idx, "ua_buyer", "en_rf").text


def test_same_org_never_recommended(idx):
    for oid in idx.row:
        assert oid not in ids(idx.recommend(oid))
    assert why_not(idx, "ua_buyer", "ua_buyer").filtered


@pytest.mark.parametrize("attr", ["vetted", "opted_out"])
def test_unvetted_and_opted_out_filtered(attr):
    f = small_forum()
    f.organisations = [
        type(o)(**{**o.__dict__, attr: attr == "opted_out"}) if o.id == "en_rf" else o
        for o in f.organisations
    ]
    idx = MatchIndex.build(f, k=7)
    for oid in idx.row:
        assert "en_rf" not in ids(idx.recommend(oid))
    assert idx.recommend("en_rf") == []
    assert why_not(idx, "ua_buyer", "en_rf").filtered


def test_exposure_cap_limits_appearances():
    sf = generate_forum(120, seed=5)
    capped = MatchIndex.build(sf.forum, k=5, exposure=ExposurePolicy(factor=0.0, min_budget=3))
    counts: dict[str, int] = {}
    for recs in capped.recommend_all().values():
        for r in recs:
            counts[r.counterpart_id] = counts.get(r.counterpart_id, 0) + 1
    assert max(counts.values()) <= 3
    free = MatchIndex.build(sf.forum, k=5, exposure=ExposurePolicy(enabled=False))
    counts_free: dict[str, int] = {}
    for recs in free.recommend_all().values():
        for r in recs:
            counts_free[r.counterpart_id] = counts_free.get(r.counterpart_id, 0) + 1
    assert max(counts_free.values()) > 3


def test_explanation_mentions_matching_need_and_offer(idx):
    ex = explain(idx, "ua_buyer", "en_rf")
    assert ex.they_answer_you is not None and ex.you_answer_them is not None
    assert ex.they_answer_you.need_id == "n1" and ex.they_answer_you.offer_id == "o2"
    assert "Passive RF drone detector" in ex.text
    assert "Детектори дронів" in ex.text
    assert ex.you_answer_them.need_id == "n2" and "Field trials" in ex.text
    assert "counter-UAS" in ex.text


def test_investment_explanation_has_ticket_and_stage(idx):
    ex = explain(idx, "ee_med", "lv_vc")
    assert "€1–3M" in ex.text and "seed" in ex.text and "Riska kapitāls" in ex.text


def test_why_not_names_one_sided_match(idx):
    wn = why_not(idx, "ua_buyer", "pl_cyber")
    assert not wn.recommended and not wn.filtered
    assert wn.rank is not None and wn.rank > 3


def test_determinism_for_fixed_seed():
    a = generate_forum(80, seed=11)
    b = generate_forum(80, seed=11)
    assert forum_to_dict(a.forum) == forum_to_dict(b.forum)
    assert a.partners == b.partners
    ra = {k: ids(v) for k, v in MatchIndex.build(a.forum).recommend_all().items()}
    rb = {k: ids(v) for k, v in MatchIndex.build(b.forum).recommend_all().items()}
    assert ra == rb
    assert forum_to_dict(generate_forum(80, seed=12).forum) != forum_to_dict(a.forum)


def test_incremental_update_equals_full_recompute():
    sf = generate_forum(150, seed=3)
    policy = ExposurePolicy(enabled=False)
    idx = MatchIndex.build(sf.forum, k=10, exposure=policy)
    target = "org00007"
    o = idx.org(target)
    new_profiles = [
        prof(
            "new1",
            target,
            "need",
            "product",
            "Passive RF detector",
            "We need passive RF detectors for small drones.",
        ),
        prof("new2", target, "offer", "service", "Test range", "Field trials on our test range."),
    ]
    idx.upsert_org(o, new_profiles)
    inc = idx.recommend(target)
    idx.score_all()  # full recompute with the same fitted text model
    full = idx.recommend(target)
    assert ids(inc) == ids(full)
    for a, b in zip(inc, full, strict=True):
        assert a.score == pytest.approx(b.score, abs=1e-3)


def test_upsert_new_org_and_remove():
    idx = MatchIndex.build(small_forum(), k=3)
    new = org("pl_rf", "producer", "PL", ("counter-UAS",))
    idx.upsert_org(
        new,
        [
            prof(
                "x1",
                "pl_rf",
                "offer",
                "product",
                "Pasywny detektor dronów",
                "Produkujemy pasywny detektor dronów na częstotliwości radiowe.",
                "pl",
            ),
            prof(
                "x2",
                "pl_rf",
                "need",
                "service",
                "Testy poligonowe",
                "Szukamy poligonu do testów systemów antydronowych.",
                "pl",
            ),
        ],
    )
    assert "pl_rf" in ids(idx.recommend("ua_buyer"))
    assert "ua_buyer" in ids(idx.recommend("pl_rf"))
    idx.remove_org("pl_rf")
    assert "pl_rf" not in ids(idx.recommend("ua_buyer"))


def test_deferred_vectorisation_keeps_old_lists_until_processed():
    idx = MatchIndex.build(small_forum(), k=3)
    new = org("pl_rf", "producer", "PL", ("counter-UAS",))
    idx.upsert_org(
        new,
        [
            prof(
                "x1",
                "pl_rf",
                "offer",
                "product",
                "Detektor dronów",
                "Pasywny detektor dronów.",
                "pl",
            )
        ],
        vectorise=False,
    )
    assert "pl_rf" in idx.pending
    idx.process_pending()
    assert not idx.pending
    assert isinstance(idx.recommend("pl_rf"), list)


def test_json_round_trip():
    f = small_forum(Exclusions(declined={("a", "b")}))
    g = forum_from_dict(json.loads(json.dumps(forum_to_dict(f))))
    assert forum_to_dict(g) == forum_to_dict(f)


def test_cli_round_trip(tmp_path):
    src = tmp_path / "forum.json"
    out = tmp_path / "recs.json"
    src.write_text(json.dumps(forum_to_dict(small_forum())), encoding="utf-8")
    env = {"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"}
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "matchforum.matching",
            "recommend",
            str(src),
            "--top",
            "2",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    recs = data["recommendations"]
    assert set(recs) == {o.id for o in small_forum().organisations}
    first = recs["ua_buyer"][0]
    assert first["counterpart"] == "en_rf"
    assert {"score", "score_they_answer_you", "score_you_answer_them", "explanation"} <= set(first)
    assert all(len(v) <= 2 for v in recs.values())


def test_recommend_longer_list_than_default(idx):
    recs = idx.recommend("ua_buyer", k=7)
    assert len(recs) == 7  # every other eligible organisation
    assert [r.rank for r in recs] == list(range(1, 8))
    assert len(idx.recommend("ua_buyer")) == 3  # the cached default-length list is unchanged


def test_synthetic_richness_adds_profiles_and_keeps_default_stream():
    base = generate_forum(100, seed=9)
    rich = generate_forum(100, seed=9, richness=3.0)
    assert len(rich.forum.profiles) > len(base.forum.profiles) * 1.15
    assert forum_to_dict(generate_forum(100, seed=9, richness=1.0).forum) == forum_to_dict(
        base.forum
    )
    langs = {p.language for p in rich.forum.profiles}
    assert {"en", "uk"} <= langs
