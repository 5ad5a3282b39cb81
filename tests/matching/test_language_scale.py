"""The scale per language of the candidates (``MatchIndex(scale_per_language=True)``)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from fixtures import prof, small_forum

from matchforum.matching import ExposurePolicy, Forum, MatchIndex, engine
from matchforum.matching.embedding import MemoryVectorStore
from matchforum.matching.index import MAX_LANGUAGE_GROUPS
from matchforum.matching.language_scale import language_scales
from matchforum.matching.model import Organisation, Profile
from matchforum.matching.synthetic import generate_forum


def ids(recs):
    return [r.counterpart_id for r in recs]


def test_in_one_language_the_scale_per_language_changes_nothing():
    base = small_forum()
    forum = Forum(base.organisations, [replace(p, language="en") for p in base.profiles])
    plain = MatchIndex.build(forum, k=3)
    per_language = MatchIndex.build(forum, k=3, scale_per_language=True)
    for o in forum.organisations:
        assert per_language.combined_row(o.id) == plain.combined_row(o.id)
        assert ids(per_language.recommend(o.id)) == ids(plain.recommend(o.id))


def test_each_candidate_language_is_put_on_its_own_scale():
    sf = generate_forum(120, seed=5)
    idx = MatchIndex.build(sf.forum, k=10, scale_per_language=True)
    mu, sd = idx._stats()
    assert mu.ndim == 2  # one scale per row and language of the candidates
    n = idx._n
    groups = idx._glang[:n]
    d = idx.D[:n, :n].astype(np.float64)
    count = np.zeros((n, MAX_LANGUAGE_GROUPS))
    mean = np.zeros((n, MAX_LANGUAGE_GROUPS))
    var = np.zeros((n, MAX_LANGUAGE_GROUPS))
    for r in range(n):
        others = np.arange(n) != r
        for g in np.unique(groups[others]):
            cols = others & (groups == g)
            count[r, g] = cols.sum()
            mean[r, g] = d[r, cols].mean()
            var[r, g] = d[r, cols].var()
    row_mean = np.array([np.delete(d[r], r).mean() for r in range(n)])
    row_var = np.array([np.delete(d[r], r).var() for r in range(n)])
    # the index's sums per language give what the estimator gives on the rows themselves
    m_s, v_s = language_scales(count, mean, var, groups, row_mean, row_var)
    present = count > 0
    np.testing.assert_allclose(mu[present], m_s[present], atol=1e-5)
    np.testing.assert_allclose(sd[present], np.maximum(np.sqrt(v_s[present]), 0.02), atol=1e-5)


def _strata(other_means: list[float], own_var: float, rows: int = 40, own_count: float = 30.0):
    """Rows x 4 groups: group 0 the rows' own language, groups 1..3 others (30 candidates)."""
    count = np.array([[own_count, 30.0, 30.0, 30.0]] * rows)
    mean = np.array([[0.0, *other_means]] * rows)
    var = np.array([[own_var, 1.0, 1.0, 1.0]] * rows)
    own = np.zeros(rows, int)
    return count, mean, var, own, mean.mean(axis=1), var.mean(axis=1)


def test_languages_that_differ_no_more_than_chance_share_one_scale():
    # the other languages' means differ by far less than 30 candidates' sampling error
    count, mean, var, own, rm, rv = _strata([0.0, 0.01, -0.01], own_var=1.0)
    m_s, v_s = language_scales(count, mean, var, own, rm, rv)
    np.testing.assert_allclose(m_s[:, 1:], 0.0, atol=1e-12)  # the pool of other languages
    np.testing.assert_allclose(v_s[:, 1:], 1.0, rtol=1e-9)  # the spread within a language


def test_languages_that_differ_keep_their_own_scale():
    count, mean, var, own, rm, rv = _strata([-3.0, 0.0, 3.0], own_var=1.0)
    # two rows of the forum see a little variation between the languages' means
    mean[0, 1:] += [0.4, -0.4, 0.0]
    m_s, _ = language_scales(count, mean, var, own, rm, rv)
    # tau^2 of about 9 against a sampling variance of 1/30: each keeps almost its own mean
    np.testing.assert_allclose(m_s[:, 1:], mean[:, 1:], atol=0.02)
    assert -3.0 < m_s[1, 1] < -2.95  # a little towards the pool of other languages


def test_a_small_own_language_follows_the_forums_own_language_offset():
    # every row's own language spreads twice as wide (variance 4) as the other languages
    count, mean, var, own, rm, rv = _strata([0.0, 0.0, 0.0], own_var=4.0)
    count[0, 0], var[0, 0], mean[0, 0] = 3.0, 0.5, 1.0  # one row has three own candidates
    m_s, v_s = language_scales(count, mean, var, own, rm, rv)
    # it gets the forum's offset (mean about 0, variance about four times the others'),
    # not its three candidates' figures nor the row's overall scale
    assert abs(m_s[0, 0]) < 0.1
    assert 3.0 < v_s[0, 0] < 4.5
    assert v_s[0, 1] == pytest.approx(1.0)


def test_a_language_of_one_candidate_takes_its_priors_spread():
    count, mean, var, own, rm, rv = _strata([0.0, 0.5, -0.5], own_var=1.0)
    count[:, 3], var[:, 3] = 1.0, 0.0  # a single candidate has no spread of its own
    m_s, v_s = language_scales(count, mean, var, own, rm, rv)
    assert np.all(np.isfinite(m_s)) and np.all(np.isfinite(v_s))
    # the spread within the other languages that have one (variance 1), not zero
    np.testing.assert_allclose(v_s[:, 3], 1.0, rtol=1e-9)


def test_an_edit_that_changes_an_organisations_language_keeps_the_scales_of_a_full_pass():
    sf = generate_forum(150, seed=3)
    idx = MatchIndex.build(
        sf.forum, k=10, exposure=ExposurePolicy(enabled=False), scale_per_language=True
    )
    target = "org00007"
    before = idx._glang[idx.row[target]]
    edited = [
        prof("new1", target, "need", "product", "Detektory RF", "Szukamy detektorów dronów.", "pl"),
        prof("new2", target, "offer", "service", "Poligon", "Testy na naszym poligonie.", "pl"),
    ]
    if idx._groups.get("pl") == before:
        edited = [replace(p, language="lt") for p in edited]
    idx.upsert_org(idx.org(target), edited)
    assert idx._glang[idx.row[target]] != before
    inc_mu, inc_sd = idx._stats()
    inc = idx.recommend(target)
    idx.score_all()  # full pass with the same fitted text model
    mu, sd = idx._stats()
    np.testing.assert_allclose(inc_mu, mu, atol=1e-6)
    np.testing.assert_allclose(inc_sd, sd, atol=1e-6)
    full = idx.recommend(target)
    assert ids(inc) == ids(full)


def test_removed_organisations_do_not_enter_the_forums_estimate():
    sf = generate_forum(150, seed=3)
    idx = MatchIndex.build(
        sf.forum, k=10, exposure=ExposurePolicy(enabled=False), scale_per_language=True
    )
    gone = [o.id for o in sf.forum.organisations[:12]]
    for oid in gone:
        idx.remove_org(oid)
    live = idx._live[: idx._n]
    assert not live[[idx.row[o] for o in gone]].any()
    inc_mu, inc_sd = idx._stats()
    # whatever the removed rows still hold, the live rows' scales are those of the live rows
    n = idx._n
    idx.g1[:n][~live] = 1e3
    idx.g2[:n][~live] = 1e7
    idx._scales = None
    mu, sd = idx._stats()
    np.testing.assert_allclose(inc_mu[live], mu[live], atol=1e-9)
    np.testing.assert_allclose(inc_sd[live], sd[live], atol=1e-9)


def _org(oid: str, country: str, kind: str = "producer") -> Organisation:
    return Organisation(id=oid, name=oid, country=country, kind=kind)


def _p(pid: str, org: str, side: str, title: str, lang: str) -> Profile:
    return Profile(id=pid, org_id=org, side=side, kind="product", title=title, language=lang)


# Ukrainian offers and needs on other subjects than the pair's: same-language distractors
UK_OTHERS = [
    ("Ремонт бронетехніки та вантажівок", "Шукаємо запчастини для бронетехніки"),
    ("Навчання операторів FPV-дронів", "Потрібні симулятори для навчання пілотів"),
    ("Протимінні машини для розмінування полів", "Шукаємо металошукачі для саперів"),
    ("Польові шпиталі та аптечки першої допомоги", "Потрібні турнікети та бинти"),
    ("Захищений зв'язок і радіостанції", "Шукаємо антени для радіостанцій"),
    ("Кібербезпека для енергетичних мереж", "Потрібен аудит захисту SCADA"),
    ("Виробництво артилерійських снарядів 155 мм", "Шукаємо порох і вибухові речовини"),
    ("Генератори та мобільні електростанції", "Потрібні акумулятори для підстанцій"),
    ("Морські безекіпажні катери", "Шукаємо двигуни для катерів"),
    ("Логістика і склади біля фронту", "Потрібні вантажні автомобілі 4x4"),
    ("Бронежилети та шоломи", "Шукаємо кевлар і керамічні пластини"),
    ("Системи радіоелектронної боротьби", "Потрібні підсилювачі сигналу"),
]

EN_OTHERS = [
    "Spare parts for armoured vehicles",
    "Legal advice on defence procurement",
    "Body armour plates and helmets",
    "Secure radios for field units",
    "Diesel generators for field hospitals",
    "Naval mines countermeasures consulting",
]


def test_an_english_partner_reaches_a_ukrainian_organisations_top_ten_before_ukrainian_ones():
    orgs = [_org("ua_brigade", "UA", "buyer"), _org("en_cam", "GB")]
    profiles = [
        _p(
            "n", "ua_brigade", "need", "Шукаємо тепловізійні камери для розвідувальних дронів", "uk"
        ),
        _p("o", "ua_brigade", "offer", "Полігон для польових випробувань оптики на дронах", "uk"),
        _p("eo", "en_cam", "offer", "Thermal imaging cameras for reconnaissance drones", "en"),
        _p("en", "en_cam", "need", "A test range for field trials of drone cameras", "en"),
    ]
    for i, (offer, need) in enumerate(UK_OTHERS):
        orgs.append(_org(f"ua_{i}", "UA"))
        profiles += [_p(f"uo{i}", f"ua_{i}", "offer", offer, "uk")]
        profiles += [_p(f"un{i}", f"ua_{i}", "need", need, "uk")]
    for i, offer in enumerate(EN_OTHERS):
        orgs.append(_org(f"en_{i}", "GB"))
        profiles += [_p(f"eo{i}", f"en_{i}", "offer", offer, "en")]
    idx = engine.build_product(Forum(orgs, profiles), store=MemoryVectorStore(), k=10)
    got = ids(idx.recommend("ua_brigade"))
    assert "en_cam" in got[:3], got
    assert "ua_brigade" in ids(idx.recommend("en_cam"))[:3]
