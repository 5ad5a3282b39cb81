"""The product engine on real text: cross-language recall, true explanations, the vector cache."""

from __future__ import annotations

import numpy as np
import pytest

from matchforum.matching import engine
from matchforum.matching.embedding import (
    E5Embedder,
    EmbeddingModelError,
    MemoryVectorStore,
    SemanticTextModel,
)
from matchforum.matching.explain import explain, trl_text
from matchforum.matching.model import Forum, Organisation, Profile


def _org(oid: str, country: str, kind: str = "producer") -> Organisation:
    return Organisation(id=oid, name=oid, country=country, kind=kind)


def _p(pid: str, org: str, side: str, title: str, lang: str = "en", **kw) -> Profile:
    return Profile(id=pid, org_id=org, side=side, kind="product", title=title, language=lang, **kw)


@pytest.fixture(scope="module")
def store() -> MemoryVectorStore:
    return MemoryVectorStore()


def test_a_ukrainian_need_finds_the_english_offer_on_its_subject(store):
    model = SemanticTextModel(store=store)
    need = "Шукаємо тепловізійні камери для безпілотників"
    offers = [
        "Thermal imaging cameras for drones",
        "Legal advice on public procurement contracts",
        "Catering and hotel rooms for conference guests",
    ]
    v = model.transform([need, *offers], ["uk", "en", "en", "en"])
    sims = v[1:] @ v[0]
    assert int(np.argmax(sims)) == 0, sims


def test_a_lithuanian_need_finds_the_polish_offer_on_its_subject(store):
    model = SemanticTextModel(store=store)
    need = "Ieškome minų paieškos radarų humanitariniam išminavimui"
    offers = ["Usługi cateringowe na konferencje", "Radary do wykrywania min lądowych"]
    v = model.transform([need, *offers], ["lt", "pl", "pl"])
    sims = v[1:] @ v[0]
    assert int(np.argmax(sims)) == 1, sims


def _forum() -> Forum:
    orgs = [_org("ua_buyer", "UA", "buyer"), _org("lv_jam", "LV"), _org("pl_cam", "PL")]
    profiles = [
        _p("n1", "ua_buyer", "need", "Thermal camera modules 640x512", trl=9),
        _p("o1", "lv_jam", "offer", "Wideband jamming modules against FPV drones", trl=8),
        _p("o2", "pl_cam", "offer", "Uncooled thermal camera cores, 640x512 pixels", trl=8),
    ]
    return Forum(orgs, profiles)


def test_a_dissimilar_pair_is_never_said_to_answer_a_need(store):
    idx = engine.build_product(_forum(), store=store, k=2)
    jam = explain(idx, "ua_buyer", "lv_jam")
    assert jam.they_answer_you is None
    assert "answers your need" not in " ".join(jam.reasons)
    cam = explain(idx, "ua_buyer", "pl_cam")
    assert cam.they_answer_you is not None
    assert cam.they_answer_you.offer_id == "o2"
    assert "TRL 8 is 1 below the TRL 9 asked" in cam.text


def test_the_trl_comparison_reads_in_the_right_direction():
    need = _p("n", "a", "need", "x", trl=9)
    assert trl_text(need, _p("o", "b", "offer", "y", trl=8)) == "TRL 8 is 1 below the TRL 9 asked"
    assert trl_text(need, _p("o", "b", "offer", "y", trl=9)) == "TRL 9 meets the TRL 9 asked"
    assert trl_text(need, _p("o", "b", "offer", "y")) == ""


def test_a_second_build_embeds_nothing(store):
    first = engine.build_product(_forum(), store=store, k=2)
    again = engine.build_product(_forum(), store=store, k=2)
    assert first.text_model.embedded + first.text_model.cache_hits > 0
    assert again.text_model.embedded == 0
    assert again.text_model.cache_hits == 3


def test_the_incremental_update_equals_a_full_rebuild_for_the_changed_organisation(store):
    base = _forum()
    idx = engine.build_product(base, store=store, k=2)
    new_offer = _p("o3", "lv_jam", "offer", "Thermal camera modules for night surveillance")
    changed = [p for p in base.profiles if p.org_id == "lv_jam"] + [new_offer]
    idx.upsert_org(base.organisations[1], changed)
    grown = Forum(base.organisations, [*base.profiles, new_offer])
    full = engine.build_product(grown, store=store, k=2)
    for org in ("lv_jam", "ua_buyer"):
        got = [r.counterpart_id for r in idx.recommend(org)]
        want = [r.counterpart_id for r in full.recommend(org)]
        assert got == want, org


def test_a_missing_model_file_gives_a_clear_error(tmp_path):
    embedder = E5Embedder(model_path=str(tmp_path / "missing.bin"))
    with pytest.raises(EmbeddingModelError, match="could not be loaded"):
        embedder.embed(["Thermal cameras"])


def test_two_processes_embed_what_one_would():
    texts = [f"Drone detection radar, variant {i}, for border guards" for i in range(66)]
    one = SemanticTextModel(store=MemoryVectorStore()).transform(texts[:4], ["en"] * 4)
    seen: list[tuple[int, int]] = []
    two = SemanticTextModel(
        store=MemoryVectorStore(), processes=2, progress=lambda d, n: seen.append((d, n))
    )
    vecs = two.transform(texts, ["en"] * len(texts))
    assert two.embedded == 66 and seen[-1] == (66, 66)
    assert np.allclose(vecs[:4], one, atol=1e-5)


def test_a_need_meets_the_offer_on_its_subject_before_unrelated_offers_in_its_own_language(store):
    orgs = [_org("ua_brigade", "UA", "buyer"), _org("en_cam", "GB")] + [
        _org(f"ua_{i}", "UA") for i in range(4)
    ]
    profiles = [
        _p(
            "n", "ua_brigade", "need", "Шукаємо тепловізійні камери для розвідувальних дронів", "uk"
        ),
        _p("o", "en_cam", "offer", "Thermal imaging cameras for reconnaissance drones"),
        _p("u0", "ua_0", "offer", "Кейтеринг і готельні номери для учасників конференцій", "uk"),
        _p("u1", "ua_1", "offer", "Юридичні консультації з державних закупівель", "uk"),
        _p("u2", "ua_2", "offer", "Бухгалтерський облік і аудит для малого бізнесу", "uk"),
        _p("u3", "ua_3", "offer", "Оренда вантажних автомобілів з водієм", "uk"),
    ]
    idx = engine.build_product(Forum(orgs, profiles), store=store, k=3, reciprocal=False)
    assert idx.recommend("ua_brigade")[0].counterpart_id == "en_cam"


def test_an_investor_answers_a_need_for_investment_in_its_sector(store):
    orgs = [_org("lv_vc", "LV", "investor"), _org("ua_demining", "UA")]
    profiles = [
        Profile(
            id="inv",
            org_id="lv_vc",
            side="offer",
            kind="investment",
            title="Series A tickets",
            tracks=("demining",),
            stage="series_a",
        ),
        Profile(
            id="need",
            org_id="ua_demining",
            side="need",
            kind="investment",
            title="Capital to scale production",
            tracks=("demining",),
            stage="series_a",
        ),
        _p("o", "ua_demining", "offer", "Mine detectors with ground penetrating radar"),
    ]
    idx = engine.build_product(Forum(orgs, profiles), store=store, k=1)
    ex = explain(idx, "ua_demining", "lv_vc")
    assert ex.they_answer_you is not None and ex.they_answer_you.offer_id == "inv"
    assert ex.text.index("demining") < ex.text.index("Series A stage")


def test_centred_vectors_put_a_translation_above_unrelated_texts_of_the_readers_language(store):
    uk = [
        "Шукаємо тепловізійні камери для безпілотників",
        "Потрібні металошукачі для гуманітарного розмінування",
        "Юридичні консультації з державних закупівель",
        "Польові шпиталі та аптечки першої допомоги",
        "Захищені радіостанції для підрозділів",
    ]
    en = [
        "Thermal imaging cameras for drones",
        "Metal detectors for humanitarian demining",
        "Legal advice on public procurement",
        "Field hospitals and first aid kits",
        "Secure radios for field units",
    ]
    texts, langs = uk + en, ["uk"] * 5 + ["en"] * 5
    model = SemanticTextModel(store=store).fit(texts, langs)
    margins = {}
    for name, vecs in (
        ("plain", model.transform(texts, langs)),
        ("centred", model.centred(texts, langs)),
    ):
        s = vecs[:5] @ vecs.T
        # each Ukrainian text: its English translation against the other Ukrainian texts
        margins[name] = [s[i, 5 + i] - max(s[i, j] for j in range(5) if j != i) for i in range(5)]
    assert min(margins["centred"]) > 0, margins
    assert np.mean(margins["centred"]) > np.mean(margins["plain"]), margins


def test_a_query_vector_keeps_its_old_key_and_a_passage_vector_never_takes_it():
    import hashlib

    from matchforum.matching.embedding import PASSAGE, QUERY, model_version, text_key

    text = "Thermal camera cores"
    old = hashlib.sha256(f"{model_version()}\0{text}".encode()).hexdigest()
    assert text_key(text) == text_key(text, prefix=QUERY) == old
    assert text_key(text, prefix=PASSAGE) != old
    with pytest.raises(ValueError, match="unknown prefix"):
        text_key(text, prefix="title")


def test_a_stored_query_vector_is_not_reused_as_the_passage_vector():
    from matchforum.matching.embedding import PASSAGE, QUERY

    store = MemoryVectorStore()
    text = "Thermal camera cores for drones"
    query = SemanticTextModel(store=store).raw([text])
    model = SemanticTextModel(store=store, need_prefix=QUERY, offer_prefix=PASSAGE)
    passage = model.transform([text], ["en"], side="offer")
    assert model.embedded == 1 and len(store) == 2
    assert float(query[0] @ passage[0]) < 0.999  # the model's two prefixes give two vectors
    assert np.allclose(model.transform([text], ["en"], side="need"), query, atol=1e-6)
    assert model.embedded == 1  # the need side found the query vector in the store


def test_needs_and_offers_are_embedded_in_their_roles_and_an_empty_side_stands_in_its_role(store):
    from matchforum.matching.embedding import PASSAGE, QUERY

    forum = _forum()
    # ua_buyer has only a need, the offerers only offers: each empty side stands in its role
    idx = engine.build_product(forum, store=store, k=2, prefixes=(QUERY, PASSAGE))
    tm = idx.text_model
    td, w = idx.text_dim, idx.weights
    need = idx.profile_vector("n1")[:td] / w.text
    offer = idx.profile_vector("o2")[:td]
    text_n, text_o = (
        "Thermal camera modules 640x512",
        "Uncooled thermal camera cores, 640x512 pixels",
    )
    assert np.allclose(need, tm.raw([text_n], QUERY)[0], atol=1e-5)
    assert np.allclose(offer, tm.raw([text_o], PASSAGE)[0], atol=1e-5)
    ch = idx.channels
    r_buyer, r_cam = idx.row["ua_buyer"], idx.row["pl_cam"]
    assert np.allclose(ch.offer_c[r_buyer], tm.raw([text_n], PASSAGE)[0], atol=1e-5)
    assert np.allclose(ch.need_c[r_cam], tm.raw([text_o], QUERY)[0], atol=1e-5)
    # the default stays query on both sides, the old vectors
    today = engine.build_product(forum, store=store, k=2)
    assert np.allclose(today.profile_vector("o2")[:td], tm.raw([text_o], QUERY)[0], atol=1e-5)
    assert np.allclose(today.channels.offer_c[r_buyer], tm.raw([text_n], QUERY)[0], atol=1e-5)
