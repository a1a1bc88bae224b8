"""Item analysis: Cronbach's α, standardised α, mean inter-item r, McDonald's ω and item statistics.

Everything is computed from the covariance matrix of the *keyed* items (reverse items flipped on
their own range), exactly as R ``psych::alpha`` does:

- ``missing="pairwise"`` (default): each covariance uses every respondent who answered both
  items (R ``cov(x, use="pairwise")``, pandas ``DataFrame.cov()``, ``pingouin.cronbach_alpha``
  with ``nan_policy="pairwise"``). Item means, floor and ceiling use every answer.
- ``missing="listwise"``: only respondents who answered every item of the scale
  (R ``use="complete.obs"``); item statistics use the same rows.

The correlation matrix is ``R = cov2cor(C)`` (as ``psych::alpha``), so all statistics come from
one consistent matrix.

Notes
-----
With ``C`` the k × k covariance matrix and ``R`` the correlation matrix:

- α = k/(k−1) · (1 − tr C / ΣC)  (Cronbach 1951)
- standardised α = k/(k−1) · (1 − k / ΣR) = k·r̄ / (1 + (k−1)·r̄)
- mean inter-item r r̄ = (ΣR − k) / (k(k−1))
- corrected item–total r of item i = (Σⱼ C_ij − C_ii) / √(C_ii · ΣC₋ᵢ), the correlation of
  the item with the sum of the other items (``psych`` ``r.drop``)
- α if item deleted = α of C without row and column i
- ω (one factor) = (Σλ)² / ((Σλ)² + Σψ) with ψ = 1 − λ², where the loadings λ are a minres
  (unweighted least squares) one-factor fit of R: minimise Σ_{i≠j} (r_ij − λ_i λ_j)²
  (McDonald 1999; as ``psych::fa(fm="minres")``). With two items one factor is not identified;
  the symmetric solution λ = √r₁₂ is used, so ω equals standardised α.
- floor % / ceiling %: share of answers at the item's lowest / highest *keyed* value (for a
  reversed item the floor is its highest raw answer); > 15 % at an extreme is a concern.

References
----------
Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
Psychometrika, 16, 297-334.

McDonald, R. P. (1999). Test theory: A unified treatment. Erlbaum.

McNeish, D. (2018). Thanks coefficient alpha, we'll take it from here.
Psychological Methods, 23(3), 412-433.

Revelle, W. psych: Procedures for Psychological, Psychometric, and Personality Research
(``alpha``, ``fa``). https://CRAN.R-project.org/package=psych
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from questionnaires.schema import Questionnaire, Scale
from scoring.responses import item_ranges, keyed_responses, prepare_responses

Missing = Literal["pairwise", "listwise"]
#: Fewest respondents for which reliability statistics are computed.
MIN_RESPONDENTS = 3
_MISSING_OPTIONS = ("pairwise", "listwise")


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemStats:
    """Statistics of one (keyed) item within its scale.

    Attributes
    ----------
    item : str
        Item id.
    n : int
        Answers used for this item.
    mean, sd : float
        Mean and standard deviation of the keyed answers.
    item_total_r : float
        Corrected item–total correlation (item vs the sum of the other items).
    alpha_if_deleted : float
        Cronbach's α of the scale without this item (NaN for two-item scales).
    floor_pct, ceiling_pct : float
        Percent of answers at the lowest / highest keyed value.
    """

    item: str
    n: int
    mean: float
    sd: float
    item_total_r: float
    alpha_if_deleted: float
    floor_pct: float
    ceiling_pct: float


@dataclass(frozen=True, slots=True, kw_only=True)
class ScaleReliability:
    """Reliability of one scale.

    Attributes
    ----------
    scale : str
        Scale id.
    k : int
        Number of items.
    n : int
        Respondents used: with at least one answer (pairwise) or all answers (listwise).
    n_complete : int
        Respondents who answered every item.
    missing : {"pairwise", "listwise"}
        How missing answers were handled.
    alpha, alpha_std, mean_r, omega : float
        Cronbach's α, standardised α, mean inter-item correlation, McDonald's ω (one factor);
        NaN when they cannot be computed (see ``reason``).
    loadings : tuple of float
        Standardised one-factor loadings, in item order (NaN when not computed).
    items : tuple of ItemStats
        One entry per item, in scale order.
    reason : str
        Empty, or a plain explanation of why some values are NaN.
    """

    scale: str
    k: int
    n: int
    n_complete: int
    missing: Missing
    alpha: float
    alpha_std: float
    mean_r: float
    omega: float
    loadings: tuple[float, ...]
    items: tuple[ItemStats, ...] = field(default_factory=tuple)
    reason: str = ""

    def items_frame(self) -> pd.DataFrame:
        """Item statistics as a DataFrame, one row per item."""
        return pd.DataFrame(
            [
                {
                    "item": s.item,
                    "n": s.n,
                    "mean": s.mean,
                    "sd": s.sd,
                    "item_total_r": s.item_total_r,
                    "alpha_if_deleted": s.alpha_if_deleted,
                    "floor_pct": s.floor_pct,
                    "ceiling_pct": s.ceiling_pct,
                }
                for s in self.items
            ],
            columns=[
                "item",
                "n",
                "mean",
                "sd",
                "item_total_r",
                "alpha_if_deleted",
                "floor_pct",
                "ceiling_pct",
            ],
        )

    def to_dict(self) -> dict[str, object]:
        """JSON-ready dictionary; NaN becomes ``None``."""
        return {
            "scale": self.scale,
            "k": self.k,
            "n": self.n,
            "n_complete": self.n_complete,
            "missing": self.missing,
            "alpha": _json_float(self.alpha),
            "alpha_std": _json_float(self.alpha_std),
            "mean_r": _json_float(self.mean_r),
            "omega": _json_float(self.omega),
            "loadings": [_json_float(v) for v in self.loadings],
            "reason": self.reason,
            "items": [
                {
                    "item": s.item,
                    "n": s.n,
                    "mean": _json_float(s.mean),
                    "sd": _json_float(s.sd),
                    "item_total_r": _json_float(s.item_total_r),
                    "alpha_if_deleted": _json_float(s.alpha_if_deleted),
                    "floor_pct": _json_float(s.floor_pct),
                    "ceiling_pct": _json_float(s.ceiling_pct),
                }
                for s in self.items
            ],
        }


def _json_float(value: float) -> float | None:
    value = float(value)
    return None if math.isnan(value) or math.isinf(value) else value


def _check_missing(missing: str) -> None:
    if missing not in _MISSING_OPTIONS:
        raise ValueError(f"missing must be 'pairwise' or 'listwise', got {missing!r}")


def _as_matrix(items: pd.DataFrame | np.ndarray) -> np.ndarray:
    if isinstance(items, pd.DataFrame):
        return items.to_numpy(dtype=float, na_value=np.nan)
    values = np.asarray(items, dtype=float)
    if values.ndim != 2:
        raise ValueError(f"items must be a 2-D table (respondents × items), got {values.ndim}-D")
    return values


def covariance_matrix(
    values: np.ndarray, *, missing: Missing = "pairwise"
) -> tuple[np.ndarray, np.ndarray]:
    """Sample covariance matrix (ddof = 1) of item columns with gaps.

    Parameters
    ----------
    values : numpy.ndarray
        Respondents × items, NaN where unanswered.
    missing : {"pairwise", "listwise"}
        Pairwise-complete covariances (as pandas ``DataFrame.cov`` and R
        ``use="pairwise"``) or complete rows only.

    Returns
    -------
    tuple of numpy.ndarray
        ``(cov, pair_n)``: the k × k covariances (NaN where fewer than 2 respondents answered
        both items) and the number of respondents behind each entry.

    Notes
    -----
    Vectorised with three matrix products over the answered mask ``M`` and the centred answers
    ``X`` (0 where missing): ``N = MᵀM``, ``Sxy = XᵀX``, ``Sx = XᵀM``;
    ``cov = (Sxy − Sx ∘ Sxᵀ / N) / (N − 1)``.
    """
    _check_missing(missing)
    values = np.asarray(values, dtype=float)
    answered = ~np.isnan(values)
    if missing == "listwise":
        values = values[answered.all(axis=1)]
        answered = np.ones(values.shape, dtype=bool)
    n_rows, k = values.shape
    if answered.all():
        centred = values - values.mean(axis=0) if n_rows else values
        pair_n = np.full((k, k), float(n_rows))
        with np.errstate(invalid="ignore", divide="ignore"):
            cov = centred.T @ centred / (n_rows - 1) if n_rows > 1 else np.full((k, k), np.nan)
        return cov, pair_n
    mask = answered.astype(float)
    counts = mask.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(answered, values, 0.0).sum(axis=0) / np.where(counts > 0, counts, 1)
    centred = np.where(answered, values - means, 0.0)
    pair_n = mask.T @ mask
    sxy = centred.T @ centred
    sx = centred.T @ mask
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = (sxy - sx * sx.T / pair_n) / (pair_n - 1)
    cov[pair_n < 2] = np.nan
    return cov, pair_n


def _cov2cor(cov: np.ndarray) -> np.ndarray:
    sd = np.sqrt(np.diag(cov))
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = cov / np.outer(sd, sd)
    corr[np.diag_indices_from(corr)] = np.where(sd > 0, 1.0, np.nan)
    return corr


def _alpha_from_cov(cov: np.ndarray) -> float:
    k = cov.shape[0]
    total = cov.sum()
    if k < 2 or not np.isfinite(total) or total <= 0:
        return math.nan
    return float(k / (k - 1) * (1.0 - np.trace(cov) / total))


def cronbach_alpha(items: pd.DataFrame | np.ndarray, *, missing: Missing = "pairwise") -> float:
    """Cronbach's α of item columns (already keyed).

    Parameters
    ----------
    items : pandas.DataFrame or numpy.ndarray
        Respondents × items, NaN where unanswered.
    missing : {"pairwise", "listwise"}, default "pairwise"
        Pairwise-complete covariances or complete rows only.

    Returns
    -------
    float
        α = k/(k−1)·(1 − tr C/ΣC); NaN with fewer than 2 items, an undefined covariance or no
        variance in the total.

    Examples
    --------
    >>> import pingouin as pg
    >>> round(cronbach_alpha(pg.read_dataset("cronbach_wide_missing")), 4)
    0.7327
    """
    cov, _ = covariance_matrix(_as_matrix(items), missing=missing)
    return _alpha_from_cov(cov)


def one_factor_loadings(corr: np.ndarray) -> np.ndarray:
    """Standardised loadings of a one-factor minres fit of a correlation matrix.

    Parameters
    ----------
    corr : numpy.ndarray
        k × k correlation matrix (k ≥ 2, no NaN).

    Returns
    -------
    numpy.ndarray
        k loadings in [−1, 1], signed so that their sum is positive; NaN if ``corr`` has NaN.

    Notes
    -----
    Minimises the unweighted least-squares residual of the off-diagonal correlations,
    f(λ) = Σ_{i<j} (r_ij − λ_i λ_j)² (half the sum over i ≠ j, same minimum), with
    ``scipy.optimize.least_squares`` (Levenberg–Marquardt, analytic Jacobian), starting from
    the first principal component. If a loading leaves [−1, 1] (a Heywood case) the fit is redone
    with the loadings bounded to [−1, 1] (trust-region reflective). For k = 2 the symmetric solution
    λ₁ = λ₂ = √max(r₁₂, 0) is returned.
    """
    corr = np.asarray(corr, dtype=float)
    k = corr.shape[0]
    if k < 2 or not np.isfinite(corr).all():
        return np.full(k, np.nan)
    if k == 2:
        return np.full(2, math.sqrt(max(corr[0, 1], 0.0)))
    from scipy.optimize import least_squares  # lazy: ~1 s to import, only needed for ω

    upper_i, upper_j = np.triu_indices(k, 1)
    observed = corr[upper_i, upper_j]
    rows = np.arange(upper_i.size)

    def residuals(loadings: np.ndarray) -> np.ndarray:
        return observed - loadings[upper_i] * loadings[upper_j]

    def jacobian(loadings: np.ndarray) -> np.ndarray:
        jac = np.zeros((upper_i.size, k))
        jac[rows, upper_i] = -loadings[upper_j]
        jac[rows, upper_j] = -loadings[upper_i]
        return jac

    eigenvalues, eigenvectors = np.linalg.eigh(corr)
    start = eigenvectors[:, -1] * math.sqrt(max(eigenvalues[-1], 1e-12))
    start = np.clip(start, -0.99, 0.99)
    options = {"jac": jacobian, "xtol": 1e-12, "ftol": 1e-12, "gtol": 1e-12}
    result = least_squares(residuals, start, method="lm", **options)
    if np.abs(result.x).max() > 1:  # Heywood case: refit with communalities bounded by 1
        result = least_squares(residuals, start, method="trf", bounds=(-1.0, 1.0), **options)
    loadings = np.asarray(result.x, dtype=float)
    return -loadings if loadings.sum() < 0 else loadings


def mcdonald_omega(corr: np.ndarray) -> tuple[float, np.ndarray]:
    """McDonald's ω (total, one factor) from a correlation matrix.

    Parameters
    ----------
    corr : numpy.ndarray
        k × k correlation matrix of the keyed items.

    Returns
    -------
    tuple
        ``(omega, loadings)``: ω = (Σλ)² / ((Σλ)² + Σ(1 − λ²)) and the one-factor loadings
        (see :func:`one_factor_loadings`); ω is NaN if the loadings cannot be computed.
    """
    loadings = one_factor_loadings(corr)
    if not np.isfinite(loadings).all():
        return math.nan, loadings
    common = loadings.sum() ** 2
    unique = (1.0 - loadings**2).sum()
    if common + unique <= 0:
        return math.nan, loadings
    return float(common / (common + unique)), loadings


def analyse_items(
    keyed: pd.DataFrame,
    *,
    mins: np.ndarray,
    maxs: np.ndarray,
    missing: Missing = "pairwise",
    scale: str = "",
) -> ScaleReliability:
    """Full item analysis of keyed item columns.

    Parameters
    ----------
    keyed : pandas.DataFrame
        Respondents × items (already reverse-keyed), NaN where unanswered.
    mins, maxs : numpy.ndarray
        Lowest and highest keyed value of each item (for floor and ceiling).
    missing : {"pairwise", "listwise"}, default "pairwise"
        How missing answers are handled (see the module notes).
    scale : str
        Scale id to record in the result.

    Returns
    -------
    ScaleReliability
        With NaN and a plain ``reason`` for anything that cannot be computed.
    """
    _check_missing(missing)
    items = [str(c) for c in keyed.columns]
    k = len(items)
    values = keyed.to_numpy(dtype=float, na_value=np.nan)
    answered = ~np.isnan(values)
    complete = answered.all(axis=1)
    n_complete = int(complete.sum())
    if missing == "listwise":
        values = values[complete]
        answered = answered[complete]
        n = n_complete
    else:
        n = int(answered.any(axis=1).sum())
    reasons: list[str] = []
    nan_k = tuple([math.nan] * k)

    with np.errstate(invalid="ignore", divide="ignore"):
        counts = answered.sum(axis=0)
        safe = np.where(counts > 0, counts, 1)
        item_mean = np.where(counts > 0, np.where(answered, values, 0.0).sum(axis=0) / safe, np.nan)
        floor = np.where(counts > 0, 100.0 * (values == mins).sum(axis=0) / safe, np.nan)
        ceiling = np.where(counts > 0, 100.0 * (values == maxs).sum(axis=0) / safe, np.nan)

    if k < 2:
        reasons.append("a scale needs at least 2 items for reliability")
    if n < MIN_RESPONDENTS:
        reasons.append(
            f"only {n} respondent{'s' if n != 1 else ''} "
            f"{'with complete answers' if missing == 'listwise' else 'with answers'}; "
            f"at least {MIN_RESPONDENTS} needed"
        )
    if reasons:
        item_sd = np.full(k, np.nan)
        stats = tuple(
            ItemStats(
                item=item,
                n=int(counts[i]),
                mean=float(item_mean[i]),
                sd=float(item_sd[i]),
                item_total_r=math.nan,
                alpha_if_deleted=math.nan,
                floor_pct=float(floor[i]),
                ceiling_pct=float(ceiling[i]),
            )
            for i, item in enumerate(items)
        )
        return ScaleReliability(
            scale=scale,
            k=k,
            n=n,
            n_complete=n_complete,
            missing=missing,
            alpha=math.nan,
            alpha_std=math.nan,
            mean_r=math.nan,
            omega=math.nan,
            loadings=nan_k,
            items=stats,
            reason="; ".join(reasons),
        )

    cov, pair_n = covariance_matrix(values, missing="pairwise")
    variances = np.diag(cov)
    if np.isnan(cov).any():
        i, j = np.argwhere(np.isnan(cov))[0]
        if i == j:
            reasons.append(f"item '{items[i]}' has fewer than 2 answers")
        else:
            reasons.append(
                f"items '{items[i]}' and '{items[j]}' were answered together by "
                f"{int(pair_n[i, j])} respondent{'s' if pair_n[i, j] != 1 else ''}; "
                "at least 2 needed"
            )
    flat = [items[i] for i in range(k) if variances[i] == 0]
    if flat:
        reasons.append(
            f"item '{flat[0]}' has the same answer from everyone, so its correlations are undefined"
        )
    alpha = _alpha_from_cov(cov)
    if math.isnan(alpha) and not np.isnan(cov).any():
        reasons.append("the total score does not vary, so α is undefined")

    corr = _cov2cor(cov)
    finite_corr = np.isfinite(corr).all()
    if finite_corr and (np.abs(corr) > 1 + 1e-12).any():
        reasons.append(
            "some pairwise correlations exceed 1 because few respondents answered both items; "
            "treat these values with caution or use listwise deletion"
        )
    if finite_corr and corr.sum() - k <= 0:
        reasons.append("the items correlate negatively on average; check the reverse keys")
    if finite_corr:
        total_r = corr.sum()
        alpha_std = float(k / (k - 1) * (1.0 - k / total_r)) if total_r > 0 else math.nan
        mean_r = float((total_r - k) / (k * (k - 1)))
        omega, loadings = mcdonald_omega(corr)
    else:
        alpha_std = mean_r = omega = math.nan
        loadings = np.full(k, np.nan)

    row_sums = cov.sum(axis=1)
    total = cov.sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        rest_var = total - 2.0 * row_sums + variances
        rest_cov = row_sums - variances
        item_total_r = rest_cov / np.sqrt(variances * rest_var)
        if k > 2:
            rest_trace = np.trace(cov) - variances
            alpha_drop = (k - 1) / (k - 2) * (1.0 - rest_trace / rest_var)
            alpha_drop = np.where(rest_var > 0, alpha_drop, np.nan)
        else:
            alpha_drop = np.full(k, np.nan)
    item_sd = np.sqrt(variances)

    stats = tuple(
        ItemStats(
            item=item,
            n=int(counts[i]),
            mean=float(item_mean[i]),
            sd=float(item_sd[i]),
            item_total_r=float(item_total_r[i]),
            alpha_if_deleted=float(alpha_drop[i]),
            floor_pct=float(floor[i]),
            ceiling_pct=float(ceiling[i]),
        )
        for i, item in enumerate(items)
    )
    return ScaleReliability(
        scale=scale,
        k=k,
        n=n,
        n_complete=n_complete,
        missing=missing,
        alpha=alpha,
        alpha_std=alpha_std,
        mean_r=mean_r,
        omega=omega,
        loadings=tuple(float(v) for v in loadings),
        items=stats,
        reason="; ".join(reasons),
    )


def scale_reliability(
    responses: pd.DataFrame,
    scale: Scale,
    questionnaire: Questionnaire,
    *,
    missing: Missing = "pairwise",
) -> ScaleReliability:
    """Item analysis of one scale from raw (unkeyed) responses.

    Parameters
    ----------
    responses : pandas.DataFrame
        One row per respondent, one column per item id; NaN where unanswered. Not modified.
    scale : Scale
        Items and reverse keys.
    questionnaire : Questionnaire
        Item ranges.
    missing : {"pairwise", "listwise"}, default "pairwise"
        How missing answers are handled.

    Returns
    -------
    ScaleReliability

    Raises
    ------
    ResponseDataError
        If the responses do not fit the questionnaire.
    """
    prepared = prepare_responses(responses, questionnaire)
    return _scale_reliability_prepared(prepared, scale, questionnaire, missing=missing)


def _scale_reliability_prepared(
    prepared: pd.DataFrame, scale: Scale, questionnaire: Questionnaire, *, missing: Missing
) -> ScaleReliability:
    keyed = keyed_responses(prepared, scale, questionnaire)
    # Keyed values keep each item's range: min + max - x maps min..max onto max..min.
    mins, maxs = item_ranges(questionnaire, scale.items)
    return analyse_items(
        keyed,
        mins=mins,
        maxs=maxs,
        missing=missing,
        scale=scale.id,
    )


def reliability_report(
    responses: pd.DataFrame, questionnaire: Questionnaire, *, missing: Missing = "pairwise"
) -> tuple[ScaleReliability, ...]:
    """Item analysis of every scale with at least two items.

    Parameters
    ----------
    responses : pandas.DataFrame
        One row per respondent, one column per item id; NaN where unanswered. Not modified.
    questionnaire : Questionnaire
        Scales, keys and item ranges.
    missing : {"pairwise", "listwise"}, default "pairwise"
        How missing answers are handled.

    Returns
    -------
    tuple of ScaleReliability
        In the questionnaire's scale order.
    """
    _check_missing(missing)
    prepared = prepare_responses(responses, questionnaire)
    return tuple(
        _scale_reliability_prepared(prepared, scale, questionnaire, missing=missing)
        for scale in questionnaire.scales
        if len(scale.items) >= 2
    )


def reliability_frame(report: tuple[ScaleReliability, ...]) -> pd.DataFrame:
    """One row per scale: ``scale, k, n, n_complete, alpha, alpha_std, mean_r, omega, reason``."""
    return pd.DataFrame(
        [
            {
                "scale": r.scale,
                "k": r.k,
                "n": r.n,
                "n_complete": r.n_complete,
                "alpha": r.alpha,
                "alpha_std": r.alpha_std,
                "mean_r": r.mean_r,
                "omega": r.omega,
                "reason": r.reason,
            }
            for r in report
        ],
        columns=[
            "scale",
            "k",
            "n",
            "n_complete",
            "alpha",
            "alpha_std",
            "mean_r",
            "omega",
            "reason",
        ],
    )
