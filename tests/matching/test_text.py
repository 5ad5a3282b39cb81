import numpy as np

from matchforum.matching.text import (
    CharNgramModel,
    HybridTextModel,
    default_matcher,
    normalise_token,
    tokens,
)


def test_ukrainian_is_transliterated_and_stemmed():
    assert normalise_token("дронів", "uk") == normalise_token("дрони", "uk")
    assert tokens("Радари", "uk") == ["radar"]


def test_lexicon_maps_languages_to_same_concepts():
    m = default_matcher()
    cases = [
        ("Протидронові радари", "uk"),
        ("counter-drone radar", "en"),
        ("Radary antydronowe", "pl"),
        ("Antidroniniai radarai", "lt"),
    ]
    for text, lang in cases:
        got = set(m.concepts(text, lang))
        assert {"counter_uas", "radar"} <= got, (text, got)


def test_lexicon_does_not_match_unrelated_text():
    assert default_matcher().concepts("Family-owned bakery since 1994", "en") == []


def test_hybrid_cross_language_similarity_beats_unrelated():
    texts = [
        "Шукаємо ручний міношукач з георадаром для розмінування",
        "We produce handheld mine detectors with ground penetrating radar",
        "Tactical first aid kits and tourniquets",
    ]
    langs = ["uk", "en", "en"]
    m = HybridTextModel().fit(texts * 3, langs * 3)
    v = m.transform(texts, langs)
    assert v.dtype == np.float32
    assert v[0] @ v[1] > v[0] @ v[2] + 0.1


def test_char_ngram_model_rows_are_unit_length():
    texts = ["radar", "radaras", "dron", ""]
    v = CharNgramModel(dim=8).fit(texts, ["en", "lt", "pl", "en"]).transform(texts, ["en"] * 4)
    norms = np.linalg.norm(v, axis=1)
    assert np.allclose(norms[:3], 1.0, atol=1e-5)
    assert norms[3] == 0.0
