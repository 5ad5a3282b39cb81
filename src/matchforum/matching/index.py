"""The matching index: vectors, directional score matrix, cached lists, incremental updates.

Lifecycle (the web layer runs the first three in a background task, never in a request):

1. ``MatchIndex.build(forum)`` -> ``fit_text()`` (fit vocabulary/IDF/LSA on all texts),
   ``vectorise()`` (profile vectors) and ``score_all()`` (directional matrix + all lists).
2. ``upsert_org(org, profiles)`` / ``remove_org(id)`` update one organisation: its vectors are
   transformed with the already fitted text model and only its row and column of the
   directional matrix are recomputed (one small matrix product each); lists of other
   organisations that may change are marked stale and recomputed when next asked for.
3. ``recommend(org_id)`` returns the cached list or recomputes that one list (O(N) numpy).

The directional matrix ``D`` (N x N float32, 400 MB at 10,000 organisations) is kept in memory
so that both directions of any pair are O(1) to read; see docs/matching.md for the limits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from matchforum.matching.channels import OrgChannels
from matchforum.matching.exposure import ExposurePolicy, allocate, pick_diverse
from matchforum.matching.features import DIM_META, Weights, need_meta, offer_meta, track_bucket
from matchforum.matching.language_scale import language_scales
from matchforum.matching.lexical import LexicalIndex
from matchforum.matching.model import Exclusions, Forum, Organisation, Profile
from matchforum.matching.scoring import IMBALANCE, KIND_INDEX, ORG_KIND_MATRIX, RECIPROCITY, combine
from matchforum.matching.text import HybridTextModel, TextModel

N_COUNTRY = 26 * 26
#: Candidate languages given their own scale; further ones share the last.
MAX_LANGUAGE_GROUPS = 16


def country_index(code: str) -> int:
    """Index of an ISO 3166 alpha-2 code in 0..675 (unknown -> 0)."""
    c = (code or "").upper()
    if len(c) != 2 or not c.isalpha() or not c.isascii():
        return 0
    return (ord(c[0]) - 65) * 26 + (ord(c[1]) - 65)


@dataclass(frozen=True)
class Recommendation:
    """One counterpart in an organisation's list. Scores: raw directional and combined."""

    org_id: str
    counterpart_id: str
    rank: int
    score: float
    score_ab: float
    score_ba: float


@dataclass
class _Rows:
    """Growable matrix of profile vectors with the organisation row of each vector."""

    dim: int
    mat: np.ndarray = field(init=False)
    org: np.ndarray = field(init=False)
    n: int = 0

    def __post_init__(self) -> None:
        self.mat = np.zeros((64, self.dim), dtype=np.float32)
        self.org = np.full(64, -1, dtype=np.int64)

    def append(self, vecs: np.ndarray, org_row: int) -> list[int]:
        need = self.n + len(vecs)
        if need > len(self.mat):
            cap = max(need, 2 * len(self.mat))
            self.mat = np.vstack([self.mat, np.zeros((cap - len(self.mat), self.dim), np.float32)])
            self.org = np.concatenate([self.org, np.full(cap - len(self.org), -1, np.int64)])
        rows = list(range(self.n, need))
        self.mat[self.n : need] = vecs
        self.org[self.n : need] = org_row
        self.n = need
        return rows

    def kill(self, rows: Iterable[int]) -> None:
        for r in rows:
            self.org[r] = -1
            self.mat[r] = 0.0


class MatchIndex:
    """Reciprocal recommendations over a forum; see the module docstring for the lifecycle."""

    def __init__(
        self,
        text_model: TextModel | None = None,
        weights: Weights | None = None,
        k: int = 10,
        candidates: int = 40,
        exposure: ExposurePolicy | None = None,
        imbalance: float = IMBALANCE,
        reciprocal: bool = True,
        reciprocity: float = RECIPROCITY,
        use_tracks: bool = True,
        seed: int = 0,
        channels: OrgChannels | None = None,
        scale_per_language: bool = False,
    ) -> None:
        self.text_model: TextModel = text_model or HybridTextModel(seed=seed)
        self.channels = channels
        w = weights or Weights()
        if not use_tracks:
            w = Weights(**{**w.__dict__, "tracks": 0.0})
        self.weights = w
        self.k = k
        self.n_candidates = max(candidates, k)
        self.exposure = exposure or ExposurePolicy()
        self.imbalance = imbalance
        self.reciprocity = reciprocity
        self.reciprocal = reciprocal
        # each row's scores put on a scale per main language of the candidates (see _stats)
        self.scale_per_language = scale_per_language
        self.seed = seed
        self.exclusions = Exclusions()
        self.orgs: list[Organisation | None] = []
        self.row: dict[str, int] = {}
        self.profiles: dict[str, list[Profile]] = {}
        self.need_rows: dict[int, list[int]] = {}
        self.offer_rows: dict[int, list[int]] = {}
        self.profile_row: dict[str, tuple[str, int]] = {}
        self.pending: set[str] = set()
        self._text_dim: int | None = None
        self.needs: _Rows | None = None
        self.offers: _Rows | None = None
        self.D = np.zeros((0, 0), dtype=np.float32)
        self.s1 = np.zeros(0)
        self.s2 = np.zeros(0)
        # the same sums per main language of the columns (scale_per_language)
        self.g1 = np.zeros((0, MAX_LANGUAGE_GROUPS))
        self.g2 = np.zeros((0, MAX_LANGUAGE_GROUPS))
        self._glang = np.zeros(0, np.int16)  # main language group of each row
        self._sgroup = np.zeros(0, np.int16)  # group each column is counted under in g1, g2
        self._groups: dict[str, int] = {}
        self._scales: tuple[np.ndarray, np.ndarray] | None = None  # _stats(), until changed
        self.lists: dict[int, list[int]] = {}
        self.list_scores: dict[int, np.ndarray] = {}
        self.stale: set[int] = set()
        self.shown_in: dict[int, set[int]] = {}
        self._threshold = np.zeros(0)
        self.appear = np.zeros(0, dtype=np.int64)
        self._scored = False

    # ------------------------------------------------------------------ building

    @classmethod
    def build(cls, forum: Forum, **kwargs: object) -> MatchIndex:
        """Load, fit the text model, vectorise and score a whole forum."""
        idx = cls(**kwargs)  # type: ignore[arg-type]
        idx.load(forum)
        idx.fit_text()
        idx.vectorise()
        idx.score_all()
        return idx

    def load(self, forum: Forum) -> None:
        """Register organisations and profiles without computing anything."""
        self.exclusions = forum.exclusions
        by_org = forum.profiles_by_org()
        for o in forum.organisations:
            self._register(o, by_org.get(o.id, []))

    def _register(self, org: Organisation, profiles: Sequence[Profile]) -> int:
        r = self.row.get(org.id)
        if r is None:
            r = len(self.orgs)
            self.orgs.append(org)
            self.row[org.id] = r
        else:
            self.orgs[r] = org
        self.profiles[org.id] = list(profiles)
        self.pending.add(org.id)
        return r

    def _grow(self, n: int, headroom: float = 0.25) -> None:
        """Make room for n organisations in D (with headroom for later sign-ups)."""
        cap = len(self.D)
        if n <= cap:
            return
        new = n + max(16, int(n * headroom))
        d = np.zeros((new, new), dtype=np.float32)
        d[:cap, :cap] = self.D
        self.D = d
        self.s1 = np.concatenate([self.s1, np.zeros(new - cap)])
        self.s2 = np.concatenate([self.s2, np.zeros(new - cap)])
        self.g1 = np.vstack([self.g1, np.zeros((new - cap, MAX_LANGUAGE_GROUPS))])
        self.g2 = np.vstack([self.g2, np.zeros((new - cap, MAX_LANGUAGE_GROUPS))])
        self._glang = _padded(self._glang, new)
        self._sgroup = _padded(self._sgroup, new)
        self._scales = None
        self.appear = np.concatenate([self.appear, np.zeros(new - cap, np.int64)])

    def fit_text(self) -> None:
        """Fit the text model on every profile text (the expensive, background step)."""
        texts, langs, sides = [], [], []
        for ps in self.profiles.values():
            for p in ps:
                texts.append(profile_text(p))
                langs.append(p.language)
                sides.append(p.side)
        if not texts:
            texts, langs, sides = ["empty"], ["en"], ["need"]
        if self._by_role:
            self.text_model.fit(texts, langs, sides=sides)  # type: ignore[call-arg]
        else:
            self.text_model.fit(texts, langs)
        if self.channels is not None:
            docs = []
            for ps in self.profiles.values():
                for side in ("need", "offer"):
                    docs.append(_tokens([p for p in ps if p.side == side]))
            self.channels.fit(docs)
        self._text_dim = None
        self.needs = self.offers = None
        self.need_rows, self.offer_rows, self.profile_row = {}, {}, {}
        self.pending = set(self.profiles)

    def vectorise(self, org_ids: Iterable[str] | None = None) -> None:
        """Compute profile vectors for pending organisations (or the given ones)."""
        ids = sorted(self.pending if org_ids is None else set(org_ids))
        todo = [(oid, p) for oid in ids for p in self.profiles.get(oid, [])]
        if self.needs is None:
            dim = getattr(self.text_model, "dim", None)
            self._text_dim = int(dim) if dim else self.text_model.transform(["x"], ["en"]).shape[1]
            dim = self._text_dim + DIM_META
            self.needs, self.offers = _Rows(dim), _Rows(dim)
        tv = self._embed("transform", todo, self._text_dim or 1)
        for oid in ids:
            self._drop_vectors(oid)
            self._set_language(oid)
        w = self.weights
        for (oid, p), t in zip(todo, tv, strict=True):
            org = self.orgs[self.row[oid]]
            assert org is not None
            r = self.row[oid]
            if p.side == "need":
                vec = np.concatenate([w.text * t, need_meta(p, org, w)])
                (row,) = self.needs.append(vec[None, :], r)
                self.need_rows.setdefault(r, []).append(row)
            else:
                vec = np.concatenate([t, offer_meta(p, org)])
                (row,) = self.offers.append(vec[None, :], r)
                self.offer_rows.setdefault(r, []).append(row)
            self.profile_row[p.id] = (p.side, row)
        if self.channels is not None:
            cv = self._embed("centred", todo, self._text_dim or 1) if self._has_centred else tv
            self._set_channels(ids, todo, tv, cv)
        self.pending -= set(ids)

    @property
    def _by_role(self) -> bool:
        """Whether the text model embeds a text by the role it plays (need or offer)."""
        return hasattr(self.text_model, "prefix_for")

    @property
    def _has_centred(self) -> bool:
        """Whether the text model gives language-centred vectors (``SemanticTextModel``)."""
        return getattr(self.text_model, "centred", None) is not None

    def _embed(
        self, method: str, items: Sequence[tuple[str, Profile]], dim: int, side: str | None = None
    ) -> np.ndarray:
        """``transform`` or ``centred`` of the items' texts, each in the role of its own side
        (or of ``side``), in the items' order; in one call when both roles embed alike."""
        out = np.zeros((len(items), dim), np.float32)
        if not items:
            return out
        fn = getattr(self.text_model, method)
        if not self._role_differs():
            return fn([profile_text(p) for _, p in items], [p.language for _, p in items])
        for role in ("need", "offer"):
            pick = [i for i, (_, p) in enumerate(items) if (side or p.side) == role]
            if pick:
                ps = [items[i][1] for i in pick]
                out[pick] = fn([profile_text(p) for p in ps], [p.language for p in ps], side=role)
        return out

    def _role_differs(self) -> bool:
        """Whether needs and offers are embedded with different prefixes."""
        tm = self.text_model
        return self._by_role and tm.prefix_for("need") != tm.prefix_for("offer")  # type: ignore[attr-defined]

    def _set_language(self, oid: str) -> None:
        """The main language group of an organisation: the most frequent of its texts."""
        r = self.row[oid]
        if r >= len(self._glang):  # before the first scoring D is not allocated yet
            self._glang = _padded(self._glang, max(r + 1, 2 * len(self._glang)))
            self._sgroup = _padded(self._sgroup, len(self._glang))
        langs = Counter(p.language for p in self.profiles.get(oid, []))
        key = min(langs, key=lambda x: (-langs[x], x)) if langs else ""
        if key not in self._groups:
            self._groups[key] = min(len(self._groups), MAX_LANGUAGE_GROUPS - 1)
        self._glang[r] = self._groups[key]
        self._scales = None

    def _set_channels(
        self,
        ids: Sequence[str],
        todo: Sequence[tuple[str, Profile]],
        tv: np.ndarray,
        cv: np.ndarray,
    ) -> None:
        """Each organisation's vectors (``tv``), language-centred vectors (``cv``), tokens
        and languages into the organisation-level channels. An organisation with one side
        empty stands on that side with all its texts, embedded in that side's role when the
        text model embeds needs and offers differently."""
        assert self.channels is not None
        dim = self._text_dim or 1
        by_org: dict[str, dict[str, list]] = {oid: {"need": [], "offer": []} for oid in ids}
        for (oid, p), t, c in zip(todo, tv, cv, strict=True):
            by_org[oid][p.side].append((p, t, c))
        stand_in: dict[str, dict[str, list]] = {oid: {"need": [], "offer": []} for oid in ids}
        if self._role_differs():
            for role, other in (("need", "offer"), ("offer", "need")):
                items = [
                    (oid, x[0]) for oid in ids if not by_org[oid][role] for x in by_org[oid][other]
                ]
                if not items:
                    continue
                t_role = self._embed("transform", items, dim, side=role)
                c_role = (
                    self._embed("centred", items, dim, side=role) if self._has_centred else t_role
                )
                for (oid, p), t, c in zip(items, t_role, c_role, strict=True):
                    stand_in[oid][role].append((p, t, c))
        for oid in ids:
            sides = by_org[oid]
            vecs = {side: sides[side] or stand_in[oid][side] for side in sides}

            def stack(side: str, i: int, vecs: dict[str, list] = vecs) -> np.ndarray:
                return np.array([x[i] for x in vecs[side]], np.float32).reshape(-1, dim)

            texts = [x[0].language for items in sides.values() for x in items]
            languages = Counter(texts)
            self.channels.set_org(
                self.row[oid],
                stack("need", 1),
                stack("offer", 1),
                _tokens([x[0] for x in sides["need"]]),
                _tokens([x[0] for x in sides["offer"]]),
                language=min(languages, key=lambda x: (-languages[x], x)) if languages else None,
                need_centred=stack("need", 2),
                offer_centred=stack("offer", 2),
                languages=texts,
            )

    def _drop_vectors(self, oid: str) -> None:
        r = self.row[oid]
        assert self.needs is not None and self.offers is not None
        self.needs.kill(self.need_rows.pop(r, []))
        self.offers.kill(self.offer_rows.pop(r, []))

    # ------------------------------------------------------------------ org-level arrays

    def _main_track(self, o: Organisation) -> int:
        if o.tracks:
            return track_bucket(o.tracks[0])
        counts: dict[str, int] = {}
        for p in self.profiles.get(o.id, []):
            for t in p.tracks:
                counts[t] = counts.get(t, 0) + 1
        return track_bucket(max(sorted(counts), key=counts.get)) if counts else -1

    def _interest(self, o: Organisation) -> set[int]:
        return {
            country_index(c) for p in self.profiles.get(o.id, []) for c in p.countries_of_interest
        }

    def _refresh_org_cache(self) -> None:
        """Rebuild every per-organisation array (full scoring only)."""
        n = len(self.orgs)
        self._kind = np.zeros(n, np.int64)
        self._country = np.zeros(n, np.int64)
        self._track = np.zeros(n, np.int64)
        self._live = np.zeros(n, bool)
        self._eligible = np.zeros(n, bool)
        self._budget = np.zeros(n, np.int64)
        self._interest_sets: list[set[int]] = [set() for _ in range(n)]
        self._n = n
        for r in range(n):
            self._cache_org(r)
        self._blocked: dict[str, set[str]] = {}
        for pairs in (
            self.exclusions.requested,
            self.exclusions.declined,
            self.exclusions.not_interested,
        ):
            for a, b in pairs:
                self._blocked.setdefault(a, set()).add(b)
                self._blocked.setdefault(b, set()).add(a)

    def _cache_org(self, r: int) -> None:
        """Update the per-organisation arrays for one row (O(1) amortised)."""
        self._scales = None
        n = len(self.orgs)
        if n > len(self._kind):
            extra = n - len(self._kind)
            self._kind = np.concatenate([self._kind, np.zeros(extra, np.int64)])
            self._country = np.concatenate([self._country, np.zeros(extra, np.int64)])
            self._track = np.concatenate([self._track, np.zeros(extra, np.int64)])
            self._live = np.concatenate([self._live, np.zeros(extra, bool)])
            self._eligible = np.concatenate([self._eligible, np.zeros(extra, bool)])
            self._budget = np.concatenate([self._budget, np.zeros(extra, np.int64)])
            self._interest_sets += [set() for _ in range(extra)]
        self._n = n
        o = self.orgs[r]
        if o is None:
            self._live[r] = self._eligible[r] = False
            self._budget[r] = 0
            self._interest_sets[r] = set()
            return
        self._live[r] = True
        self._eligible[r] = o.vetted and not o.opted_out
        self._kind[r] = KIND_INDEX[o.kind]
        self._country[r] = country_index(o.country)
        self._track[r] = self._main_track(o)
        self._budget[r] = self.exposure.budget(o.capacity, self.k)
        self._interest_sets[r] = self._interest(o)

    def add_exclusion(self, kind: str, a: str, b: str) -> None:
        """Record a request/decline/"not interested" and drop the pair from both lists."""
        getattr(self.exclusions, kind).add((a, b))
        self._blocked.setdefault(a, set()).add(b)
        self._blocked.setdefault(b, set()).add(a)
        for x in (a, b):
            if x in self.row:
                self.stale.add(self.row[x])

    def _org_terms_row(self, r: int) -> np.ndarray:
        """Organisation-kind and cross-border terms of D[r, :]."""
        w = self.weights
        out = w.org_kind * ORG_KIND_MATRIX[self._kind[r]][self._kind]
        interest = self._interest_sets[r]
        if interest:
            out = out + w.cross_border * np.isin(self._country, list(interest))
        return out.astype(np.float32)

    def _org_terms_col(self, r: int) -> np.ndarray:
        """Organisation-kind and cross-border terms of D[:, r]."""
        w = self.weights
        out = w.org_kind * ORG_KIND_MATRIX[self._kind, self._kind[r]]
        c = self._country[r]
        hit = np.array([c in s for s in self._interest_sets], dtype=np.float32)
        return (out + w.cross_border * hit).astype(np.float32)

    # ------------------------------------------------------------------ full scoring

    def score_all(self, block: int = 512) -> None:
        """Recompute the whole directional matrix, row statistics and every list."""
        if self.pending:
            self.vectorise()
        assert self.needs is not None and self.offers is not None
        self._refresh_org_cache()
        n = self._n
        self._grow(n, headroom=0.02)
        nd, nd_org = _compact(self.needs)
        of, of_org = _compact(self.offers)
        # offer columns grouped by organisation (rows are sorted by org in _compact)
        of_orgs, of_starts = np.unique(of_org, return_index=True)
        nd_orgs_all, nd_starts_all = np.unique(nd_org, return_index=True)
        nd_bounds = dict(zip(nd_orgs_all.tolist(), nd_starts_all.tolist(), strict=True))
        D = self.D
        D[:n, :n] = 0.0
        w = self.weights
        okm = w.org_kind * ORG_KIND_MATRIX
        interest = np.zeros((n, N_COUNTRY), dtype=np.float32)
        for r, s in enumerate(self._interest_sets):
            for c in s:
                interest[r, c] = w.cross_border
        for r0 in range(0, n, block):
            r1 = min(n, r0 + block)
            D[r0:r1, :n] = okm[self._kind[r0:r1]][:, self._kind] + interest[r0:r1][:, self._country]
            if self.channels is not None:
                D[r0:r1, :n] += self.channels.block(r0, r1, n, self._live)
            # needs of organisations r0..r1-1 are contiguous in nd
            orgs_here = nd_orgs_all[(nd_orgs_all >= r0) & (nd_orgs_all < r1)]
            if len(orgs_here) == 0 or len(of_orgs) == 0:
                continue
            s0 = nd_bounds[int(orgs_here[0])]
            last = int(orgs_here[-1])
            s1 = nd_bounds[last] + int(np.count_nonzero(nd_org == last))
            p = nd[s0:s1] @ of.T
            p = np.maximum.reduceat(p, of_starts, axis=1)
            starts = np.array([nd_bounds[int(o)] - s0 for o in orgs_here])
            p = np.maximum.reduceat(p, starts, axis=0)
            D[np.ix_(orgs_here, of_orgs)] += p
        self._recompute_stats()
        self._allocate_all()
        self._scored = True

    def _recompute_stats(self) -> None:
        n = self._n
        live = self._live
        for r0 in range(0, n, 1024):
            r1 = min(n, r0 + 1024)
            blk = self.D[r0:r1, :n] * live
            self.s1[r0:r1] = blk.sum(axis=1, dtype=np.float64)
            self.s2[r0:r1] = (blk.astype(np.float64) ** 2).sum(axis=1)
        diag = np.diagonal(self.D)[:n].astype(np.float64) * live
        self.s1[:n] -= diag
        self.s2[:n] -= diag**2
        self.g1[:n] = 0.0
        self.g2[:n] = 0.0
        self._sgroup[:n] = self._glang[:n]
        if self.scale_per_language:
            # one-hot of each live column's language: the sums per language are two products
            onehot = np.zeros((n, MAX_LANGUAGE_GROUPS))
            onehot[np.arange(n), self._glang[:n]] = live[:n]
            for r0 in range(0, n, 256):  # 256 rows of float64: 20 MB at 10,000
                r1 = min(n, r0 + 256)
                blk = self.D[r0:r1, :n].astype(np.float64)
                self.g1[r0:r1] = blk @ onehot
                self.g2[r0:r1] = (blk**2) @ onehot
            own = np.arange(n), self._glang[:n]  # each row's own entry, on its diagonal
            self.g1[own] -= diag
            self.g2[own] -= diag**2
        self._scales = None

    def _stats(self) -> tuple[np.ndarray, np.ndarray]:
        """Each row's mean and standard deviation over the other live organisations: one
        per row (n), or with ``scale_per_language`` one per row and main language of the
        candidates (n x groups), a language with few candidates shrunk towards a prior
        whose strength the forum's own spread between languages sets
        (:func:`~matchforum.matching.language_scale.language_scales`).

        The per-language scale exists because the text channels cannot give a pair in two
        languages what they give a pair in one (no shared words, a weaker alignment of the
        model across languages): on one scale a Ukrainian organisation's English candidates
        rank below its unrelated Ukrainian ones. Each candidate language's best are put on
        a par instead. In a forum of one language this is the plain row scale. Kept until a
        score, an organisation or a language changes."""
        if self._scales is None or len(self._scales[0]) != self._n:
            self._scales = self._compute_stats()
        return self._scales

    def _compute_stats(self) -> tuple[np.ndarray, np.ndarray]:
        n = self._n
        m = max(1, int(self._live.sum()) - 1)
        mu = self.s1[:n] / m
        var = np.maximum(self.s2[:n] / m - mu**2, 0.0)
        live = self._live[:n] > 0
        groups = np.unique(self._glang[:n][live])
        if not self.scale_per_language or len(groups) <= 1:
            return mu, np.maximum(np.sqrt(var), 0.02)
        cnt = np.bincount(self._glang[:n][live], minlength=MAX_LANGUAGE_GROUPS).astype(float)
        c = cnt[None, :] - (
            (self._glang[:n, None] == np.arange(MAX_LANGUAGE_GROUPS)[None, :]) & live[:, None]
        )
        c = np.maximum(c, 0.0)
        c1 = np.maximum(c, 1.0)
        mu_g = self.g1[:n] / c1
        var_g = np.maximum(self.g2[:n] / c1 - mu_g**2, 0.0)
        # the forum's estimate is taken on live rows only (a removed row keeps stale sums)
        mu_s = np.repeat(mu[:, None], MAX_LANGUAGE_GROUPS, axis=1)
        var_s = np.repeat(var[:, None], MAX_LANGUAGE_GROUPS, axis=1)
        mu_s[live], var_s[live] = language_scales(
            c[live], mu_g[live], var_g[live], self._glang[:n][live], mu[live], var[live]
        )
        return mu_s, np.maximum(np.sqrt(var_s), 0.02)

    def _scale(self, mu: np.ndarray, sd: np.ndarray, r: int) -> tuple[np.ndarray, np.ndarray]:
        """Row r's scale for each column (a scalar, or one per column's language)."""
        if mu.ndim == 1:
            return mu[r], sd[r]
        g = self._glang[: self._n]
        return mu[r, g], sd[r, g]

    def _combined_row(self, r: int, mu: np.ndarray, sd: np.ndarray) -> np.ndarray:
        n = self._n
        m, s = self._scale(mu, sd, r)
        z_ab = (self.D[r, :n] - m) / s
        if not self.reciprocal:
            return z_ab.astype(np.float64)
        # both directions on the list owner's scale: how well b answers a and a answers b,
        # without penalising counterparts that fit many others (see scoring.py)
        z_ba = (self.D[:n, r] - m) / s
        return combine(z_ab, z_ba, self.imbalance, self.reciprocity).astype(np.float64)

    def _mask_row(self, r: int) -> np.ndarray:
        ok = self._live & self._eligible
        ok = ok.copy()
        ok[r] = False
        o = self.orgs[r]
        assert o is not None
        for b in self._blocked.get(o.id, ()):
            rb = self.row.get(b)
            if rb is not None:
                ok[rb] = False
        return ok

    def _candidates(
        self, r: int, mu: np.ndarray, sd: np.ndarray, k: int = 0
    ) -> tuple[np.ndarray, np.ndarray]:
        o = self.orgs[r]
        if o is None or not (o.vetted and not o.opted_out):
            return np.zeros(0, np.int64), np.zeros(0)
        c = self._combined_row(r, mu, sd)
        ok = self._mask_row(r)
        idx = np.flatnonzero(ok)
        if len(idx) == 0:
            return idx, np.zeros(0)
        vals = c[idx]
        m = min(max(self.n_candidates, 4 * k), len(idx))
        top = np.argpartition(-vals, m - 1)[:m] if m < len(idx) else np.arange(len(idx))
        order = np.lexsort((idx[top], -vals[top]))
        return idx[top][order], vals[top][order]

    def _allocate_all(self, block: int = 256) -> None:
        """Candidates for every organisation in row blocks, then the global allocation."""
        mu, sd = self._stats()
        n = self._n
        order = [r for r, o in enumerate(self.orgs) if o is not None]
        ok_cols = self._live & self._eligible
        m = min(self.n_candidates, max(1, int(ok_cols.sum())))
        cands: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        for r0 in range(0, n, block):
            r1 = min(n, r0 + block)
            if mu.ndim == 1:
                mb, sb = mu[r0:r1, None], sd[r0:r1, None]
            else:
                mb, sb = mu[r0:r1][:, self._glang[:n]], sd[r0:r1][:, self._glang[:n]]
            z_ab = (self.D[r0:r1, :n] - mb) / sb
            if self.reciprocal:
                z_ba = (self.D[:n, r0:r1].T - mb) / sb
                c = combine(z_ab, z_ba, self.imbalance, self.reciprocity)
            else:
                c = z_ab
            c = np.where(ok_cols[None, :], c, -np.inf)
            c[np.arange(r1 - r0), np.arange(r0, r1)] = -np.inf
            for i, r in enumerate(range(r0, r1)):
                o = self.orgs[r]
                if o is None:
                    continue
                for b in self._blocked.get(o.id, ()):
                    rb = self.row.get(b)
                    if rb is not None:
                        c[i, rb] = -np.inf
            kk = min(m, n - 1) if n > 1 else 1
            top = (
                np.argpartition(-c, kk - 1, axis=1)[:, :kk]
                if kk < n
                else np.tile(np.arange(n), (r1 - r0, 1))
            )
            vals = np.take_along_axis(c, top, axis=1)
            for i, r in enumerate(range(r0, r1)):
                o = self.orgs[r]
                if o is None:
                    continue
                if not (o.vetted and not o.opted_out):
                    cands[r] = (np.zeros(0, np.int64), np.zeros(0))
                    continue
                t, v = top[i], vals[i]
                keep = np.isfinite(v)
                t, v = t[keep], v[keep]
                srt = np.lexsort((t, -v))
                cands[r] = (t[srt], v[srt].astype(np.float64))
        rng = np.random.default_rng(self.seed)
        fair_order = [order[i] for i in rng.permutation(len(order))]
        lists = allocate(
            fair_order, cands, self.k, self._budget, self._country, self._track, self.exposure
        )
        self.lists = lists
        self.list_scores = cands
        self.appear = np.zeros(len(self.D), np.int64)
        self.shown_in = {}
        self._threshold = np.full(len(self.D), -np.inf)
        for a, lst in lists.items():
            self._set_threshold(a, cands[a][1])
            for b in lst:
                self.appear[b] += 1
                self.shown_in.setdefault(b, set()).add(a)
        self.stale = set()

    # ------------------------------------------------------------------ incremental

    def upsert_org(
        self, org: Organisation, profiles: Sequence[Profile], vectorise: bool = True
    ) -> None:
        """Add or replace one organisation and its profiles.

        With ``vectorise=False`` only the data is stored (cheap, safe inside a web request);
        call :meth:`process_pending` from a background task to vectorise and rescore.
        """
        if not self._scored:
            self._register(org, profiles)
            return
        r = self._register(org, profiles)
        self._cache_org(r)
        if vectorise:
            self.process_pending()
        else:
            self.stale.add(r)

    def remove_org(self, org_id: str) -> None:
        """Remove an organisation: its row/column leave the statistics and all lists."""
        r = self.row.get(org_id)
        if r is None:
            return
        if self.needs is not None:
            self._drop_vectors(org_id)
        if self._scored:
            col_old = self.D[: self._n, r].astype(np.float64) * self._live
            col_old[r] = 0.0
            self.s1[: self._n] -= col_old
            self.s2[: self._n] -= col_old**2
            g = self._sgroup[r]
            self.g1[: self._n, g] -= col_old
            self.g2[: self._n, g] -= col_old**2
            self._scales = None
        self.orgs[r] = None
        if self.channels is not None:
            self.channels.remove_org(r)
        del self.profiles[org_id]
        self.pending.discard(org_id)
        if self._scored:
            self._cache_org(r)
            self.D[r, :] = 0.0
            self.D[:, r] = 0.0
            self._release_list(r)
            self.stale |= self.shown_in.pop(r, set())

    def process_pending(self) -> None:
        """Vectorise pending organisations and recompute their rows, columns and lists."""
        ids = sorted(self.pending)
        if not ids:
            return
        self.vectorise(ids)
        for oid in ids:
            self._cache_org(self.row[oid])
        self._grow(self._n)
        for oid in ids:
            self._rescore_org(self.row[oid])

    def _pair_best(self, q: np.ndarray, q_org: np.ndarray, k: np.ndarray, n: int) -> np.ndarray:
        """Max over rows of q @ k.T grouped by the organisation of each q row."""
        out = np.full(n, -np.inf, dtype=np.float32)
        if len(k) == 0:
            return np.zeros(n, np.float32)
        # einsum runs a single-threaded SIMD loop: for this skinny product (all rows x a few
        # profiles) it beats multithreaded BLAS, whose thread start-up dominates under load
        p = np.einsum("ij,kj->ik", q, k).max(axis=1)
        live = q_org >= 0
        np.maximum.at(out, q_org[live], p[live])
        out[~np.isfinite(out)] = 0.0
        return out

    def _rescore_org(self, r: int) -> None:
        assert self.needs is not None and self.offers is not None
        n = self._n
        live = self._live.astype(np.float64)
        old_col = self.D[:n, r].astype(np.float64)
        # row: a's needs against everyone's offers
        row = self._org_terms_row(r)
        a_needs = self.needs.mat[self.need_rows.get(r, [])]
        if len(a_needs):
            row = row + self._pair_best(
                self.offers.mat[: self.offers.n], self.offers.org[: self.offers.n], a_needs, n
            )
        if self.channels is not None:
            row = row + self.channels.row(r, n, self._live)
        col = self._org_terms_col(r)
        if self.channels is not None:
            col = col + self.channels.column(r, n, self._live)
        a_offers = self.offers.mat[self.offer_rows.get(r, [])]
        if len(a_offers):
            col = col + self._pair_best(
                self.needs.mat[: self.needs.n], self.needs.org[: self.needs.n], a_offers, n
            )
        self.D[r, :n] = row
        self.D[:n, r] = col
        self.D[r, r] = 0.0
        # statistics: other rows changed in one column, row r entirely
        new_col = self.D[:n, r].astype(np.float64)
        delta_mask = live.copy()
        delta_mask[r] = 0.0
        self.s1[:n] += (new_col - old_col) * delta_mask
        self.s2[:n] += (new_col**2 - old_col**2) * delta_mask
        rr = self.D[r, :n].astype(np.float64) * delta_mask
        self.s1[r] = rr.sum()
        self.s2[r] = (rr**2).sum()
        # the same per language of the columns: column r may have changed its language
        g_old, g_new = self._sgroup[r], self._glang[r]
        self.g1[:n, g_old] -= old_col * delta_mask
        self.g2[:n, g_old] -= old_col**2 * delta_mask
        self.g1[:n, g_new] += new_col * delta_mask
        self.g2[:n, g_new] += new_col**2 * delta_mask
        self._sgroup[r] = g_new
        g_cols = self._sgroup[:n]
        self.g1[r] = np.bincount(g_cols, weights=rr, minlength=MAX_LANGUAGE_GROUPS)
        self.g2[r] = np.bincount(g_cols, weights=rr**2, minlength=MAX_LANGUAGE_GROUPS)
        self._scales = None
        # a's own list now; other lists lazily
        self._recommend_row(r)
        mu, sd = self._stats()
        if mu.ndim == 2:
            mu, sd = mu[:, g_new], sd[:, g_new]
        if self.reciprocal:
            z_ab = (self.D[:n, r] - mu) / sd
            z_ba = (self.D[r, :n] - mu) / sd
            c = combine(z_ab, z_ba, self.imbalance, self.reciprocity)
        else:
            c = (self.D[:n, r] - mu) / sd
        newly = np.flatnonzero(c > self._threshold[:n])
        for a in set(newly.tolist()) | self.shown_in.get(r, set()):
            if a != r:
                self.stale.add(int(a))

    def _release_list(self, r: int) -> None:
        for b in self.lists.pop(r, []):
            self.appear[b] -= 1
            self.shown_in.get(b, set()).discard(r)
        self.list_scores.pop(r, None)

    def _set_threshold(self, r: int, vals: np.ndarray) -> None:
        if len(self._threshold) < len(self.D):
            extra = len(self.D) - len(self._threshold)
            self._threshold = np.concatenate([self._threshold, np.full(extra, -np.inf)])
        self._threshold[r] = vals[min(len(vals), self.k) - 1] if len(vals) else -np.inf

    def _recommend_row(self, r: int, k: int | None = None) -> list[int]:
        """Recompute r's list; a non-default ``k`` is computed without replacing the cache."""
        store = k is None or k == self.k
        k = k or self.k
        if store:
            self._release_list(r)
        mu, sd = self._stats()
        cand, vals = self._candidates(r, mu, sd, k)
        allowed = None
        if self.exposure.enabled:
            appear = self.appear[: self._n].copy()
            for b in self.lists.get(r, []) if not store else []:
                appear[b] -= 1  # r's own cached list does not count against itself
            allowed = appear < self._budget
        picked = pick_diverse(
            cand.tolist(),
            vals.tolist(),
            k,
            self._country,
            self._track,
            self.exposure.diversity,
            allowed,
        )
        if not store:
            return picked
        self.lists[r] = picked
        self.list_scores[r] = (cand, vals)
        self._set_threshold(r, vals)
        for b in picked:
            self.appear[b] += 1
            self.shown_in.setdefault(b, set()).add(r)
        self.stale.discard(r)
        return picked

    # ------------------------------------------------------------------ queries

    def recommend(self, org_id: str, k: int | None = None) -> list[Recommendation]:
        """Ranked counterparts for one organisation (recomputed only if stale)."""
        if not self._scored:
            self.score_all()
        r = self.row[org_id]
        if self.orgs[r] is None:
            raise KeyError(org_id)
        if r in self.stale or r not in self.lists or (k is not None and k != self.k):
            picked = self._recommend_row(r, k)
        else:
            picked = self.lists[r]
        return self._as_recs(r, picked)

    def recommend_all(self) -> dict[str, list[Recommendation]]:
        """Every organisation's list (recomputing stale ones)."""
        if not self._scored:
            self.score_all()
        out = {}
        for oid, r in self.row.items():
            if self.orgs[r] is None:
                continue
            out[oid] = self.recommend(oid)
        return out

    def _as_recs(self, r: int, picked: list[int]) -> list[Recommendation]:
        mu, sd = self._stats()
        c = self._combined_row(r, mu, sd)
        a = self.orgs[r]
        assert a is not None
        out = []
        for i, b in enumerate(picked):
            ob = self.orgs[b]
            assert ob is not None
            out.append(
                Recommendation(
                    org_id=a.id,
                    counterpart_id=ob.id,
                    rank=i + 1,
                    score=round(float(c[b]), 4),
                    score_ab=round(float(self.D[r, b]), 4),
                    score_ba=round(float(self.D[b, r]), 4),
                )
            )
        return out

    def org(self, org_id: str) -> Organisation:
        o = self.orgs[self.row[org_id]]
        if o is None:
            raise KeyError(org_id)
        return o

    def directional(self, a: str, b: str) -> tuple[float, float]:
        """(D[a, b], D[b, a]): how well b answers a, and a answers b."""
        ra, rb = self.row[a], self.row[b]
        return float(self.D[ra, rb]), float(self.D[rb, ra])

    def combined_row(self, org_id: str) -> dict[str, float]:
        """Reciprocal score of every other live organisation for ``org_id`` (no filters)."""
        r = self.row[org_id]
        mu, sd = self._stats()
        c = self._combined_row(r, mu, sd)
        return {o.id: float(c[i]) for i, o in enumerate(self.orgs) if o is not None and i != r}

    def profile_vector(self, profile_id: str) -> np.ndarray:
        side, row = self.profile_row[profile_id]
        assert self.needs is not None and self.offers is not None
        return (self.needs if side == "need" else self.offers).mat[row]

    @property
    def text_dim(self) -> int:
        return self._text_dim or 0


def _padded(a: np.ndarray, n: int) -> np.ndarray:
    """``a`` extended with zeros to length n (unchanged if it is that long already)."""
    return a if len(a) >= n else np.concatenate([a, np.zeros(n - len(a), a.dtype)])


def profile_text(p: Profile) -> str:
    """The text of a profile: its title, then its description unless that repeats the title."""
    title, text = p.title.strip(), p.text.strip()
    if not text or text.startswith(title.rstrip(".")):
        return text or title
    return f"{title}. {text}"


def _tokens(profiles: Sequence[Profile]) -> list[str]:
    """Lexical tokens of a set of profiles (one organisation document)."""
    return LexicalIndex.doc_tokens([(profile_text(p), p.language) for p in profiles])


def _compact(rows: _Rows) -> tuple[np.ndarray, np.ndarray]:
    """Live rows sorted by organisation (for grouped reductions)."""
    org = rows.org[: rows.n]
    live = np.flatnonzero(org >= 0)
    order = live[np.argsort(org[live], kind="stable")]
    return rows.mat[order], org[order]
