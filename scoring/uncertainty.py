"""Measurement uncertainty: standard error of measurement, score bands and POMP conversion.

Until our own data give a scale's SD and reliability (n ≥ 100 on one version), bands use the
design values written in the questionnaire file (``Scale.uncertainty``: ``sd`` of the scale
score in item-mean units and ``reliability``). A scale without them gets conservative defaults:
``sd = span / 4`` (a quarter of the item range, wider than the SD of most Likert scale means)
and ``reliability = 0.70`` (the usual floor for group use), which give a wide band on purpose.

Notes
-----
SEM = SD · √(1 − r); a ``level`` band is score ± z · SEM with z the two-sided normal quantile
(1.96 for 95 %). In POMP units a quantity in item-mean units is multiplied by 100 / span.

References
----------
Nunnally, J. C., & Bernstein, I. H. (1994). Psychometric theory (3rd ed.). McGraw-Hill.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from questionnaires.schema import Questionnaire, Scale, Uncertainty
from scoring.scales import scale_bounds

#: Reliability assumed for a scale whose file gives no design values.
DEFAULT_RELIABILITY = 0.70
#: SD assumed for such a scale, as a share of its item range (span / 4).
DEFAULT_SD_SHARE = 0.25
#: Confidence level of the bands shown to users.
DEFAULT_LEVEL = 0.95


@dataclass(frozen=True, slots=True)
class ConfidenceInterval:
    """A band from ``low`` to ``high`` (inclusive)."""

    low: float
    high: float

    @property
    def width(self) -> float:
        """``high - low``."""
        return self.high - self.low

    def contains(self, value: float) -> bool:
        """Whether ``low <= value <= high``."""
        return self.low <= value <= self.high


def z_value(level: float = DEFAULT_LEVEL) -> float:
    """Two-sided standard-normal quantile for a confidence ``level`` (0.95 → 1.96).

    Raises
    ------
    ValueError
        If ``level`` is not strictly between 0 and 1.
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1 (e.g. 0.95), got {level!r}")
    return NormalDist().inv_cdf(0.5 + level / 2)


def standard_error_of_measurement(sd: float, reliability: float) -> float:
    """SEM = SD · √(1 − reliability).

    Parameters
    ----------
    sd : float
        Standard deviation of the score (≥ 0), in the score's units.
    reliability : float
        Reliability of the score, 0 to 1.

    Returns
    -------
    float
        In the units of ``sd``.

    Raises
    ------
    ValueError
        If ``sd`` is negative or ``reliability`` is outside 0-1.

    Examples
    --------
    >>> standard_error_of_measurement(1.0, 0.75)
    0.5
    """
    if not sd >= 0:
        raise ValueError(f"sd must be 0 or more, got {sd!r}")
    if not 0 <= reliability <= 1:
        raise ValueError(f"reliability must be between 0 and 1, got {reliability!r}")
    return float(sd * math.sqrt(1.0 - reliability))


def score_band(score: float, sem: float, level: float = DEFAULT_LEVEL) -> ConfidenceInterval:
    """Band ``score ± z · sem`` at a confidence ``level`` (NaN score gives a NaN band).

    Examples
    --------
    >>> band = score_band(3.0, 0.5)
    >>> round(band.low, 2), round(band.high, 2)
    (2.02, 3.98)
    """
    half = z_value(level) * sem
    return ConfidenceInterval(low=float(score - half), high=float(score + half))


def design_values(scale: Scale, questionnaire: Questionnaire) -> Uncertainty:
    """The scale's SD and reliability for bands: from the file, else the documented defaults."""
    if scale.uncertainty is not None:
        return scale.uncertainty
    low, high = scale_bounds(scale, questionnaire)
    return Uncertainty(sd=DEFAULT_SD_SHARE * (high - low), reliability=DEFAULT_RELIABILITY)


def scale_sem(scale: Scale, questionnaire: Questionnaire, *, pomp: bool = False) -> float:
    """SEM of a scale score from its design values, in item-mean units or POMP units."""
    values = design_values(scale, questionnaire)
    sem = standard_error_of_measurement(values.sd, values.reliability)
    if pomp:
        low, high = scale_bounds(scale, questionnaire)
        return to_pomp_units(sem, high - low)
    return sem


def to_pomp(score: float | np.ndarray, low: float, high: float) -> float | np.ndarray:
    """A score on ``low``-``high`` as POMP: ``100 · (score − low) / (high − low)``."""
    return 100.0 * (score - low) / (high - low)


def to_pomp_units(amount: float | np.ndarray, span: float) -> float | np.ndarray:
    """A difference or spread (SD, SEM, half a band) in POMP units: ``100 · amount / span``."""
    if not span > 0:
        raise ValueError(f"span must be positive, got {span!r}")
    return 100.0 * amount / span


def scale_band(
    score: float,
    scale: Scale,
    questionnaire: Questionnaire,
    *,
    level: float = DEFAULT_LEVEL,
    pomp: bool = False,
) -> ConfidenceInterval:
    """Band around one scale score using the scale's design values.

    Parameters
    ----------
    score : float
        The score, in item-mean units, or in POMP units when ``pomp=True``.
    scale : Scale
        The scale (its ``uncertainty`` or the defaults).
    questionnaire : Questionnaire
        Item ranges.
    level : float, default 0.95
        Confidence level.
    pomp : bool, default False
        Whether ``score`` and the returned band are POMP.

    Returns
    -------
    ConfidenceInterval
        Not clipped to the possible range: a band wider than the scale says the score is
        uncertain.
    """
    return score_band(score, scale_sem(scale, questionnaire, pomp=pomp), level)
