"""Per-profile feature vectors whose dot products give need x offer pair scores.

Every pair score is a sum of terms that each factor as <need part, offer part>:
text cosine, track cosine, profile-kind compatibility, and penalties for TRL, ticket-size and
stage mismatches. Stacking the weighted parts gives one "query" vector per need and one "key"
vector per offer, so scoring all need x offer pairs of the forum is a single dense matrix
product (BLAS) and one organisation's row is a small one. Penalties only apply when both sides
state the attribute, so missing data is neutral rather than punished.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

from matchforum.matching.model import PROFILE_KINDS, STAGES, Organisation, Profile

TRACK_DIM = 32  # tracks are hashed so that new tracks never change the vector layout
TICKET_EDGES = np.array([1e5, 3e5, 1e6, 3e6, 1e7, 3e7])  # EUR; bins between these edges
N_TICKET_BINS = len(TICKET_EDGES) + 1
TRL_GAP = 2  # an offer up to this many TRL levels below the need's minimum still fits
INCOMPATIBLE = 1.0  # penalty value of a need/offer kind pair not in KIND_COMPAT

# need kind -> offer kinds that can answer it (1.0) or partly (0.5)
KIND_COMPAT: dict[str, dict[str, float]] = {
    "product": {"product": 1.0, "technology": 0.8, "supply_chain": 0.5},
    "technology": {"technology": 1.0, "product": 0.8, "rnd": 0.8},
    "rnd": {"rnd": 1.0, "technology": 0.9, "product": 0.3},
    "service": {"service": 1.0, "training": 0.5},
    "training": {"training": 1.0, "service": 0.6},
    "investment": {"investment": 1.0},
    "supply_chain": {"supply_chain": 1.0, "product": 0.8, "service": 0.4},
}


@dataclass(frozen=True)
class Weights:
    """Weights of the score terms (tuned on the synthetic forum, see docs/matching.md)."""

    text: float = 1.0
    tracks: float = 0.25
    profile_kind: float = 0.15
    trl: float = 0.3
    ticket: float = 0.4
    stage: float = 0.2
    org_kind: float = 0.15
    cross_border: float = 0.08


def track_bucket(track: str) -> int:
    """Stable hash bucket of a track name (case-insensitive)."""
    return zlib.crc32(track.strip().lower().encode()) % TRACK_DIM


def ticket_bins(lo: float | None, hi: float | None) -> np.ndarray:
    """Indicator of the log-scale ticket bins a [lo, hi] EUR range touches (zeros if unknown)."""
    out = np.zeros(N_TICKET_BINS, dtype=np.float32)
    if lo is None and hi is None:
        return out
    lo = hi if lo is None else lo
    hi = lo if hi is None else hi
    a = int(np.searchsorted(TICKET_EDGES, lo, side="right"))
    b = int(np.searchsorted(TICKET_EDGES, hi, side="right"))
    out[a : b + 1] = 1.0
    return out


def profile_tracks(p: Profile, org: Organisation) -> tuple[str, ...]:
    """A profile's tracks, falling back to its organisation's tracks when it has none."""
    return p.tracks or org.tracks


def _tracks_vec(tracks: tuple[str, ...]) -> np.ndarray:
    v = np.zeros(TRACK_DIM, dtype=np.float32)
    for t in tracks:
        v[track_bucket(t)] = 1.0
    n = np.linalg.norm(v)
    return v / n if n else v


DIM_META = TRACK_DIM + len(PROFILE_KINDS) + 9 + N_TICKET_BINS + len(STAGES)
_KIND_INDEX = {k: i for i, k in enumerate(PROFILE_KINDS)}
_STAGE_INDEX = {k: i for i, k in enumerate(STAGES)}


def need_meta(p: Profile, org: Organisation, w: Weights) -> np.ndarray:
    """Need-side ("query") part of the non-text features."""
    parts = [w.tracks * _tracks_vec(profile_tracks(p, org))]
    kc = np.full(len(PROFILE_KINDS), -INCOMPATIBLE, dtype=np.float32)
    for k, v in KIND_COMPAT.get(p.kind, {}).items():
        kc[_KIND_INDEX[k]] = v
    parts.append(w.profile_kind * kc)
    trl = np.zeros(9, dtype=np.float32)
    if p.trl is not None:
        trl[: max(0, int(p.trl) - 1 - TRL_GAP)] = -w.trl  # offer TRL too low for this need
    parts.append(trl)
    tix = ticket_bins(p.ticket_min, p.ticket_max)
    parts.append(-w.ticket * (1.0 - tix) if tix.any() else tix)
    st = np.zeros(len(STAGES), dtype=np.float32)
    if p.stage is not None:
        st[:] = -w.stage
        st[_STAGE_INDEX[p.stage]] = 0.0
    parts.append(st)
    return np.concatenate(parts).astype(np.float32)


def offer_meta(p: Profile, org: Organisation) -> np.ndarray:
    """Offer-side ("key") part of the non-text features."""
    parts = [_tracks_vec(profile_tracks(p, org))]
    k = np.zeros(len(PROFILE_KINDS), dtype=np.float32)
    k[_KIND_INDEX[p.kind]] = 1.0
    parts.append(k)
    trl = np.zeros(9, dtype=np.float32)
    if p.trl is not None:
        trl[int(p.trl) - 1] = 1.0
    parts.append(trl)
    tix = ticket_bins(p.ticket_min, p.ticket_max)
    parts.append(tix / tix.sum() if tix.any() else tix)
    st = np.zeros(len(STAGES), dtype=np.float32)
    if p.stage is not None:
        st[_STAGE_INDEX[p.stage]] = 1.0
    parts.append(st)
    return np.concatenate(parts).astype(np.float32)


def pair_components(
    need: Profile,
    offer: Profile,
    need_org: Organisation,
    offer_org: Organisation,
    text_cos: float,
    w: Weights,
) -> dict[str, float]:
    """The same pair score split into named terms (for explanations and why-not)."""
    nt = set(map(str.lower, profile_tracks(need, need_org)))
    ot = set(map(str.lower, profile_tracks(offer, offer_org)))
    tcos = len(nt & ot) / np.sqrt(len(nt) * len(ot)) if nt and ot else 0.0
    trl_pen = 0.0
    if need.trl is not None and offer.trl is not None and offer.trl < need.trl - TRL_GAP:
        trl_pen = -w.trl
    tix_pen = 0.0
    nb = ticket_bins(need.ticket_min, need.ticket_max)
    ob = ticket_bins(offer.ticket_min, offer.ticket_max)
    if nb.any() and ob.any():
        tix_pen = -w.ticket * float(((1 - nb) * ob).sum() / ob.sum())
    st_pen = 0.0
    if need.stage and offer.stage and need.stage != offer.stage:
        st_pen = -w.stage
    return {
        "text": w.text * text_cos,
        "tracks": w.tracks * float(tcos),
        "profile_kind": w.profile_kind
        * KIND_COMPAT.get(need.kind, {}).get(offer.kind, -INCOMPATIBLE),
        "trl": trl_pen,
        "ticket": tix_pen,
        "stage": st_pen,
    }
