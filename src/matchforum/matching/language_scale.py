"""Each row's scale per candidate language, the prior's strength estimated from the forum.

``MatchIndex(scale_per_language=True)`` z-scores a row's directional scores per main language
of the candidates. A language with few candidates needs a prior for its mean and spread; what
the prior is and how strongly it counts are measured on the forum itself (empirical Bayes, by
the method of moments), not set by hand:

- The reader's **own language** and the **other languages** are two strata. Within one
  language the text channels have evidence that two languages cannot have (shared words, the
  model's own geometry), so the own language's scores spread wider; the other languages are
  alike to the reader. Shrinking the own language towards a row's overall scale, which the
  other languages dominate, put the reader's own language first.
- **Other languages** are exchangeable: each is shrunk towards the row's pool of other
  languages with the weight ``c τ² / (c τ² + v)`` (``c`` candidates, within-language variance
  ``v``), where ``τ²`` is the forum-wide variance between languages' means beyond what
  sampling explains; spreads likewise on the log scale (sampling variance ``2 / (c - 1)``).
  When the languages differ no more than chance would make them (``τ² = 0``) they share one
  scale.
- The **own language** is shrunk towards the pool of other languages moved by the forum's
  typical own-language offset (mean difference, log ratio of variances, weighted by the
  candidates behind each row's figure), with a weight set the same way from how much rows'
  offsets vary beyond sampling.

In a forum of one language there is nothing to estimate and the row's own scale is used
(the caller does not call this).
"""

from __future__ import annotations

import numpy as np

#: Variances are floored at this before logarithms and divisions.
FLOOR = 1e-12


def _excess_between(values: np.ndarray, noise: np.ndarray, mask: np.ndarray) -> float:
    """Forum-wide variance of ``values`` between the masked groups of each row, beyond the
    mean sampling variance ``noise`` of those groups (rows with at least two groups; at
    least zero)."""
    groups = mask.sum(axis=1)
    rows = groups >= 2
    if not rows.any():
        return 0.0
    g = np.maximum(groups, 1)
    centre = (values * mask).sum(axis=1) / g
    between = (((values - centre[:, None]) ** 2) * mask).sum(axis=1) / np.maximum(groups - 1, 1)
    sampling = (noise * mask).sum(axis=1) / g
    return max(float((between - sampling)[rows].mean()), 0.0)


def _weight(count: np.ndarray, tau2: float, noise_unit: np.ndarray | float) -> np.ndarray:
    """Weight of a group's own figure against its prior: ``count τ² / (count τ² + unit)``
    (0 when the groups do not differ beyond sampling)."""
    num = count * tau2
    return np.where(num > 0, num / np.maximum(num + noise_unit, FLOOR), 0.0)


def language_scales(
    count: np.ndarray,
    mean: np.ndarray,
    var: np.ndarray,
    own: np.ndarray,
    row_mean: np.ndarray,
    row_var: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Mean and variance of each row's scores per candidate language (rows x groups).

    ``count``, ``mean``, ``var``: the row's candidates per language group (count, mean,
    variance about that mean); ``own``: each row's own group; ``row_mean``, ``row_var``: the
    row's statistics over all its candidates (the prior where a row has no candidate of
    another language). A group no row has candidates in gets the row's statistics."""
    cols = np.flatnonzero(count.sum(axis=0) > 0)  # only the languages the forum has
    out_mean = np.repeat(row_mean[:, None], count.shape[1], axis=1).astype(float)
    out_var = np.repeat(row_var[:, None], count.shape[1], axis=1).astype(float)
    if len(cols):
        position = np.full(count.shape[1], -1)
        position[cols] = np.arange(len(cols))
        m, v = _scales(
            count[:, cols], mean[:, cols], var[:, cols], position[own], row_mean, row_var
        )
        out_mean[:, cols] = m
        out_var[:, cols] = v
    return out_mean, out_var


def _scales(
    count: np.ndarray,
    mean: np.ndarray,
    var: np.ndarray,
    own: np.ndarray,
    row_mean: np.ndarray,
    row_var: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`language_scales` on the groups present (``own`` -1: none of them)."""
    rows, n_groups = count.shape
    is_own = np.zeros((rows, n_groups), bool)
    has_own = own >= 0
    is_own[np.flatnonzero(has_own), own[has_own]] = True
    present = count > 0
    other = present & ~is_own
    c1 = np.maximum(count, 1.0)
    log_var = np.log(np.maximum(var, FLOOR))

    # the pool of other languages, per row: its mean, and the spread within a language
    # (from languages of two candidates or more; a row without any: the pool's own spread)
    c_other = (count * other).sum(axis=1)
    co1 = np.maximum(c_other, 1.0)
    m_other = np.where(c_other > 0, (count * mean * other).sum(axis=1) / co1, row_mean)
    v_pool = np.where(
        c_other > 0,
        (count * (var + (mean - m_other[:, None]) ** 2) * other).sum(axis=1) / co1,
        row_var,
    )
    spread = other & (count >= 2)
    c_spread = (count * spread).sum(axis=1)
    v_other = np.where(
        c_spread > 0, (count * var * spread).sum(axis=1) / np.maximum(c_spread, 1.0), v_pool
    )
    v_other = np.maximum(v_other, FLOOR)

    # own language: the forum's typical offset from the pool of other languages
    c_own = (count * is_own).sum(axis=1)
    m_own = (mean * is_own).sum(axis=1)
    v_own = np.maximum((var * is_own).sum(axis=1), FLOOR)
    both = (c_own > 1) & (c_spread > 1)
    offset = m_own - m_other
    log_ratio = np.log(v_own) - np.log(v_other)
    if both.any():
        w = c_own[both]
        mean_offset = float((offset[both] * w).sum() / w.sum())
        mean_log_ratio = float((log_ratio[both] * w).sum() / w.sum())
        noise_offset = v_own[both] / c_own[both] + v_other[both] / c_other[both]
        noise_log = 2.0 / (c_own[both] - 1.0) + 2.0 / (c_spread[both] - 1.0)
        tau2_offset = max(float(((offset[both] - mean_offset) ** 2 - noise_offset).mean()), 0.0)
        tau2_ratio = max(float(((log_ratio[both] - mean_log_ratio) ** 2 - noise_log).mean()), 0.0)
    else:
        mean_offset = mean_log_ratio = tau2_offset = tau2_ratio = 0.0

    prior_mean = np.where(is_own, (m_other + mean_offset)[:, None], m_other[:, None])
    prior_log = np.where(
        is_own, (np.log(v_other) + mean_log_ratio)[:, None], np.log(v_other)[:, None]
    )
    # a group's mean is as noisy as its prior variance over its count (one candidate has no
    # variance of its own); a spread needs two candidates to say anything
    prior_var = np.exp(prior_log)
    tau2_mean = _excess_between(mean, prior_var / c1, other)
    tau2_log = _excess_between(log_var, 2.0 / np.maximum(count - 1.0, 1.0), spread)
    w_mean = (
        np.where(
            is_own, _weight(count, tau2_offset, prior_var), _weight(count, tau2_mean, prior_var)
        )
        * present
    )
    dof = np.maximum(count - 1.0, 0.0)
    w_log = np.where(is_own, _weight(dof, tau2_ratio, 2.0), _weight(dof, tau2_log, 2.0)) * present
    shrunk_mean = w_mean * mean + (1.0 - w_mean) * prior_mean
    shrunk_var = np.exp(w_log * log_var + (1.0 - w_log) * prior_log)
    return shrunk_mean, shrunk_var
