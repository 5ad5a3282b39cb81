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
