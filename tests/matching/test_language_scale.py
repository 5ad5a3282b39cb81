"""The scale per language of the candidates (``MatchIndex(scale_per_language=True)``)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from fixtures import prof, small_forum

from matchforum.matching import ExposurePolicy, Forum, MatchIndex, engine
from matchforum.matching.embedding import MemoryVectorStore
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
    mu, _ = idx._stats()
    assert mu.ndim == 2  # one scale per row and language of the candidates
    r = 0
    groups = idx._glang[: idx._n]
    row = idx.D[r, : idx._n].astype(np.float64)
    others = np.arange(idx._n) != r
    for g in np.unique(groups[others]):
        cols = others & (groups == g)
        c = int(cols.sum())
        # the group's own mean, shrunk towards the row's by LANGUAGE_SHRINK organisations
        expected = (c * row[cols].mean() + 10.0 * row[others].mean()) / (c + 10.0)
        assert mu[r, g] == pytest.approx(expected, abs=1e-6)


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
