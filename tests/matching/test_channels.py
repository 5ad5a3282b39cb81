"""Organisation-level channels: each row's scale is taken per language of the candidates."""

from __future__ import annotations

import numpy as np

from matchforum.matching.channels import ChannelWeights, OrgChannels


def _unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v)).astype(np.float32)


def _channels(vectors: list[np.ndarray], languages: list[str]) -> OrgChannels:
    ch = OrgChannels(ChannelWeights(semantic=1.0, lexical=0.0))
    ch.fit([["x"] for _ in vectors])
    for row, (v, lang) in enumerate(zip(vectors, languages, strict=True)):
        ch.set_org(row, v[None, :], v[None, :], ["x"], ["x"], language=lang)
    return ch


def _forum(seed: int = 0) -> tuple[list[np.ndarray], list[str]]:
    """Row 0 (Ukrainian) fits row 1 (English) best on subject; the other Ukrainian rows
    share only the language's direction, which gives them the higher raw cosine."""
    rng = np.random.default_rng(seed)
    dim = 32

    def noise() -> np.ndarray:
        return rng.normal(size=dim) / np.sqrt(dim)

    language, subject = _unit(rng.normal(size=dim)), _unit(rng.normal(size=dim))
    vectors = [_unit(language + subject), _unit(subject + 0.5 * noise())]
    languages = ["uk", "en"]
    for _ in range(40):
        vectors.append(_unit(language + 0.4 * noise()))
        languages.append("uk")
    for _ in range(40):
        vectors.append(_unit(0.2 * language + noise()))
        languages.append("en")
    return vectors, languages


def test_a_cross_language_partner_is_ranked_on_its_languages_scale():
    vectors, languages = _forum()
    n = len(vectors)
    live = np.ones(n, bool)
    raw = np.array([vectors[0] @ v for v in vectors])
    # the raw cosines put the same-language rows first: the test's premise
    assert raw[1] < np.sort(raw[2:42])[-3]
    scores = _channels(vectors, languages).block(0, 1, n, live)[0]
    assert int(np.argmax(scores[1:])) + 1 == 1
    # one language for all: the old single scale, which buries the partner
    flat = _channels(vectors, ["uk"] * n).block(0, 1, n, live)[0]
    assert int(np.argmax(flat[1:])) + 1 != 1


def test_in_one_language_the_scale_is_the_plain_row_z_score():
    vectors, _ = _forum(1)
    n = len(vectors)
    live = np.ones(n, bool)
    scores = _channels(vectors, ["en"] * n).block(0, 1, n, live)[0]
    raw = np.array([vectors[0] @ v for v in vectors[1:]])
    expected = (raw - raw.mean()) / raw.std()
    np.testing.assert_allclose(scores[1:], expected, rtol=1e-4, atol=1e-4)


def test_the_column_and_row_updates_use_the_same_scales_as_full_scoring():
    vectors, languages = _forum(2)
    n = len(vectors)
    live = np.ones(n, bool)
    ch = _channels(vectors, languages)
    full = ch.block(0, n, n, live)
    np.testing.assert_allclose(ch.row(5, n, live), full[5], rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(ch.column(1, n, live), full[:, 1], rtol=1e-4, atol=1e-4)


def test_two_languages_are_compared_on_their_centred_vectors_and_one_on_the_plain_ones():
    vectors, languages = _forum(3)
    n = len(vectors)
    live = np.ones(n, bool)
    ch = OrgChannels(ChannelWeights(semantic=1.0, lexical=0.0))
    ch.fit([["x"] for _ in vectors])
    rng = np.random.default_rng(3)
    centred = [_unit(rng.normal(size=len(v))) for v in vectors]
    centred[1] = centred[0]  # across languages only the centred vectors say 0 and 1 are alike
    for row, (v, c, lang) in enumerate(zip(vectors, centred, languages, strict=True)):
        ch.set_org(row, v[None], v[None], ["x"], ["x"], lang, c[None], c[None], [lang])
    scores = ch.block(0, 1, n, live)[0]
    assert int(np.argmax(scores[1:])) + 1 == 1
    assert abs(ch.raw(0, 1)["semantic"] - float(centred[0] @ centred[1])) < 1e-5
    # a Ukrainian candidate is still scored on the plain vectors
    assert abs(ch.raw(0, 2)["semantic"] - float(vectors[0] @ vectors[2])) < 1e-5
    full = ch.block(0, n, n, live)
    np.testing.assert_allclose(ch.row(1, n, live), full[1], rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(ch.column(1, n, live), full[:, 1], rtol=1e-4, atol=1e-4)


def _lexical(rows: list[tuple[str, list[str], list[str]]]) -> OrgChannels:
    ch = OrgChannels(ChannelWeights(semantic=0.0, lexical=1.0))
    docs = [tokens for _, tokens, _ in rows]
    ch.fit(docs + docs)
    v = np.ones((1, 4), np.float32) / 2
    for row, (lang, tokens, texts) in enumerate(rows):
        ch.set_org(row, v, v, tokens, tokens, lang, languages=texts)
    return ch


def test_shared_words_count_across_languages_by_the_chance_two_texts_share_one():
    words = ["radar", "drone", "thermal"]
    filler = [[f"w{i}", f"v{i}"] for i in range(12)]
    one = [("uk", words, ["uk", "uk"]), ("en", words, ["en", "en"])]
    mixed = [("uk", words, ["uk", "en"]), ("en", words, ["en", "en"])]
    rest = [("en", f, ["en"]) for f in filler]
    n = 2 + len(rest)
    live = np.ones(n, bool)
    apart = _lexical(one + rest).block(0, 1, n, live)[0]
    half = _lexical(mixed + rest).block(0, 1, n, live)[0]
    assert apart[1] == 0.0  # no text in a common language: the shared words are not evidence
    assert half[1] > 0.0
    same = _lexical([("en", words, ["en", "en"]), *one[1:], *rest]).block(0, 1, n, live)[0]
    assert same[1] > 0.0
    assert abs(half[1] - 0.5 * same[1]) < 1e-4  # one text in two shares a language
