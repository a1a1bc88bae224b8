"""Change between two attempts: the Jacobson–Truax reliable change index.

Notes
-----
S_diff = SD · √2 · √(1 − r) (the standard error of a difference between two scores with the same
SEM), RCI = (x₂ − x₁) / S_diff, and a change is *reliable* only when |RCI| > 1.96: larger than
measurement noise alone would produce in 95 % of cases. ``sd`` and ``r`` are the scale's SD and
reliability (its design values until our own data give them). A change that is not reliable may
still be real; the scale is just not precise enough to tell.

References
----------
Jacobson, N. S., & Truax, P. (1991). Clinical significance: a statistical approach to defining
meaningful change in psychotherapy research. Journal of Consulting and Clinical Psychology,
59(1), 12-19.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

#: |RCI| must exceed this for a reliable change (Jacobson & Truax 1991).
RCI_THRESHOLD = 1.96

ChangeDirection = Literal["higher", "lower", "no reliable change"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReliableChange:
    """Reliable change between two scores.

    Attributes
    ----------
    before, after : float
        The two scores (same units as ``sd``).
    difference : float
        ``after - before``.
    s_diff : float
        Standard error of the difference, SD · √2 · √(1 − r).
    rci : float
        ``difference / s_diff``.
    reliable : bool
        Whether ``|rci| > 1.96``.
    direction : {"higher", "lower", "no reliable change"}
        Direction of a reliable change.
    words : str
        The result in a plain sentence.
    """

    before: float
    after: float
    difference: float
    s_diff: float
    rci: float
    reliable: bool
    direction: ChangeDirection
    words: str


def _s_diff(sd: float, reliability: float) -> float:
    if not sd > 0:
        raise ValueError(f"sd must be positive, got {sd!r}")
    if not 0 <= reliability < 1:
        raise ValueError(f"reliability must be at least 0 and below 1, got {reliability!r}")
    return sd * math.sqrt(2.0) * math.sqrt(1.0 - reliability)


def _words(direction: str, difference: float, rci: float) -> str:
    size = f"{abs(difference):.2f}"
    if direction == "higher":
        return (
            f"Your score is {size} points higher, more than measurement noise alone would "
            f"explain (RCI {rci:.2f})."
        )
    if direction == "lower":
        return (
            f"Your score is {size} points lower, more than measurement noise alone would "
            f"explain (RCI {rci:.2f})."
        )
    if math.isnan(rci):
        return "One of the two scores is missing, so change cannot be judged."
    return (
        f"Your score moved by {size} points, which is within what measurement noise can "
        f"explain (RCI {rci:.2f}); it may be real, but this scale cannot tell."
    )


def reliable_change(
    before: float, after: float, *, sd: float, reliability: float
) -> ReliableChange:
    """Jacobson–Truax reliable change between two scores.

    Parameters
    ----------
    before, after : float
        Scores at the first and second attempt.
    sd : float
        Standard deviation of the score (positive), same units as the scores.
    reliability : float
        Reliability of the score, 0 ≤ r < 1.

    Returns
    -------
    ReliableChange

    Raises
    ------
    ValueError
        If ``sd`` is not positive or ``reliability`` is outside [0, 1).

    Examples
    --------
    >>> result = reliable_change(3.0, 4.0, sd=0.8, reliability=0.8)
    >>> round(result.rci, 3), result.reliable, result.direction
    (1.976, True, 'higher')
    """
    s_diff = _s_diff(sd, reliability)
    difference = float(after - before)
    rci = difference / s_diff
    reliable = bool(abs(rci) > RCI_THRESHOLD)
    direction: ChangeDirection = (
        ("higher" if rci > 0 else "lower") if reliable else "no reliable change"
    )
    return ReliableChange(
        before=float(before),
        after=float(after),
        difference=difference,
        s_diff=s_diff,
        rci=rci,
        reliable=reliable,
        direction=direction,
        words=_words(direction, difference, rci),
    )


def reliable_change_frame(
    before: pd.Series, after: pd.Series, *, sd: float, reliability: float
) -> pd.DataFrame:
    """Reliable change for many people at once (vectorised; aligned on the index).

    Returns
    -------
    pandas.DataFrame
        ``before``, ``after``, ``difference``, ``rci``, ``reliable`` (bool; False where a score
        is missing) and ``direction``.
    """
    s_diff = _s_diff(sd, reliability)
    before, after = before.align(after)
    b = before.to_numpy(dtype=float, na_value=np.nan)
    a = after.to_numpy(dtype=float, na_value=np.nan)
    difference = a - b
    rci = difference / s_diff
    reliable = np.abs(rci) > RCI_THRESHOLD
    direction = np.where(
        reliable, np.where(rci > 0, "higher", "lower"), "no reliable change"
    ).astype(object)
    return pd.DataFrame(
        {
            "before": b,
            "after": a,
            "difference": difference,
            "rci": rci,
            "reliable": reliable,
            "direction": pd.array(direction, dtype="str"),
        },
        index=before.index,
    )
