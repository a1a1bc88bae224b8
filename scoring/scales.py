"""Scale scores: keyed means of answered items, POMP, and the count of answered items.

Notes
-----
For each respondent and scale with ``k`` items:

- ``n_answered`` = number of the scale's items answered.
- ``score`` = mean of the *keyed* answered items (reverse items as ``min_i + max_i - x``,
  each on its own range) when ``n_answered >= scale.min_items``
  (``ceil(min_answered * k)``; with the default 0.8, 4 of 5 items and both items of a 2-item
  scale), else NaN. This is proration: the mean of what was answered (Mazza et al. 2015).
- ``pomp`` = mean over the answered items of ``100 * (keyed_i - min_i) / (max_i - min_i)``.

When every item of a scale shares one range (all our instruments) ``pomp`` equals
``100 * (score - min) / (max - min)`` exactly. When ranges differ (a 0-10 item next to 1-5
items), ``score`` is still the plain keyed mean, in mixed units, and ``pomp`` is the honest
comparable number: each item counts on its own 0-100 scale, none weighs more because its range
is wider. :func:`scale_bounds` gives the range used to express item-mean quantities (such as a
standard error) in POMP units for such scales.

References
----------
Cohen, P., Cohen, J., Aiken, L. S., & West, S. G. (1999). The problem of units and the
circumstance for POMP. Multivariate Behavioral Research, 34(3), 315-346.

Mazza, G. L., Enders, C. K., & Ruehlman, L. S. (2015). Addressing item-level missing data: a
comparison of proration and full information maximum likelihood estimation. Multivariate
Behavioral Research, 50(5), 504-519.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from questionnaires.schema import Questionnaire, Scale
from scoring.responses import answer_columns, item_ranges

#: Columns of :func:`score_scale`, in order.
SCALE_SCORE_COLUMNS: tuple[str, ...] = ("score", "pomp", "n_answered", "reason")


def scale_bounds(scale: Scale, questionnaire: Questionnaire) -> tuple[float, float]:
    """Lowest and highest possible scale score (item-mean units).

    Parameters
    ----------
    scale : Scale
        The scale.
    questionnaire : Questionnaire
        Item ranges.

    Returns
    -------
    tuple of float
        ``(min, max)``: the common item range, or the mean of the item minima and maxima when
        items have different ranges.
    """
    mins, maxs = item_ranges(questionnaire, scale.items)
    return float(mins.mean()), float(maxs.mean())


def _score_columns(
    columns: dict[str, np.ndarray | None],
    n: int,
    questionnaire: Questionnaire,
    scales: list[Scale],
) -> list[dict[str, np.ndarray]]:
    """Score several scales from checked item columns (see :func:`answer_columns`).

    Vectorised over respondents: the only Python loop runs over the items of each scale, adding
    whole columns. Reversed items add ``min + max − x``; unanswered cells add nothing.
    """
    answered_cache: dict[str, np.ndarray] = {}
    results = []
    for scale in scales:
        mins, maxs = item_ranges(questionnaire, scale.items)
        common = bool((mins == mins[0]).all() and (maxs == maxs[0]).all())
        total, answered_n = np.zeros(n), np.zeros(n)
        pomp_total = None if common else np.zeros(n)
        for item, low, high in zip(scale.items, mins, maxs, strict=True):
            column = columns[item]
            if column is None:
                continue
            if item not in answered_cache:
                answered_cache[item] = ~np.isnan(column)
            answered = answered_cache[item]
            answered_n += answered
            keyed = (low + high) - column if item in scale.reverse else column
            np.add(total, keyed, out=total, where=answered)
            if pomp_total is not None:  # each item on its own 0-100 scale
                item_pomp = (keyed - low) * (100.0 / (high - low))
                np.add(pomp_total, item_pomp, out=pomp_total, where=answered)
        enough = answered_n >= scale.min_items
        safe = np.where(answered_n > 0, answered_n, 1.0)
        score = np.where(enough, total / safe, np.nan)
        if pomp_total is None:  # one range for all items: POMP of the mean, exactly
            pomp = 100.0 * (score - mins[0]) / (maxs[0] - mins[0])
        else:
            pomp = np.where(enough, pomp_total / safe, np.nan)
        results.append(
            {
                "score": score,
                "pomp": pomp,
                "n_answered": answered_n.astype(np.int64),
                "ok": enough,
            }
        )
    return results


def _reasons(n_answered: np.ndarray, enough: np.ndarray, scale: Scale) -> np.ndarray:
    k = len(scale.items)
    suffix = f" of {k} item{'s' if k != 1 else ''} answered; {scale.min_items} needed"
    counts = n_answered.astype(str).astype(object)
    return np.where(enough, "", counts + suffix).astype(object)


def score_scale(
    responses: pd.DataFrame, scale: Scale, questionnaire: Questionnaire
) -> pd.DataFrame:
    """Score one scale for every respondent.

    Parameters
    ----------
    responses : pandas.DataFrame
        One row per respondent, one column per item id; NaN where unanswered. Checked with
        :func:`~scoring.responses.prepare_responses`; not modified.
    scale : Scale
        Items, reverse keys and ``min_answered``.
    questionnaire : Questionnaire
        The questionnaire the scale belongs to (item ranges).

    Returns
    -------
    pandas.DataFrame
        Indexed like ``responses``: ``score`` (keyed item mean or NaN), ``pomp`` (0-100 or
        NaN), ``n_answered`` (int) and ``reason`` (empty when scored, else e.g.
        ``"3 of 5 items answered; 4 needed"``).

    Raises
    ------
    ResponseDataError
        If the responses do not fit the questionnaire.

    Notes
    -----
    See the module notes for the formulas and the handling of items with different ranges.

    Examples
    --------
    >>> from questionnaires import parse_questionnaire
    >>> q = parse_questionnaire({
    ...     "id": "demo", "version": 1, "title": "Demo", "instructions": "Rate",
    ...     "response": {"min": 1, "max": 5},
    ...     "scales": [{"id": "s", "title": "S", "items": ["a", "b"], "reverse": ["b"]}],
    ...     "items": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]})
    >>> result = score_scale(pd.DataFrame({"a": [5, 4], "b": [1, None]}), q.scale("s"), q)
    >>> result["score"].tolist(), result["pomp"].tolist()
    ([5.0, nan], [100.0, nan])
    >>> result["reason"].tolist()
    ['', '1 of 2 items answered; 2 needed']
    """
    columns = answer_columns(responses, questionnaire)
    (parts,) = _score_columns(columns, len(responses), questionnaire, [scale])
    return pd.DataFrame(
        {
            "score": parts["score"],
            "pomp": parts["pomp"],
            "n_answered": parts["n_answered"],
            "reason": pd.array(_reasons(parts["n_answered"], parts["ok"], scale), dtype="str"),
        },
        index=responses.index,
    )


def score_questionnaire(
    responses: pd.DataFrame, questionnaire: Questionnaire, *, reasons: bool = False
) -> pd.DataFrame:
    """Score every scale of a questionnaire; wide output, one row per respondent.

    Parameters
    ----------
    responses : pandas.DataFrame
        One row per respondent, one column per item id; NaN where unanswered. Not modified.
    questionnaire : Questionnaire
        Scales, keys and item ranges.
    reasons : bool, default False
        Also add ``<scale>_reason`` after each scale's columns.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``responses``; for each scale in file order the columns ``<scale>``
        (score), ``<scale>_n`` (items answered) and ``<scale>_pomp`` (this is also the
        command line's CSV layout).

    Raises
    ------
    ResponseDataError
        If the responses do not fit the questionnaire.
    """
    scales = list(questionnaire.scales)
    items = answer_columns(responses, questionnaire)
    scored = _score_columns(items, len(responses), questionnaire, scales)
    columns: dict[str, object] = {}
    for scale, parts in zip(scales, scored, strict=True):
        columns[scale.id] = parts["score"]
        columns[f"{scale.id}_n"] = parts["n_answered"]
        columns[f"{scale.id}_pomp"] = parts["pomp"]
        if reasons:
            columns[f"{scale.id}_reason"] = pd.array(
                _reasons(parts["n_answered"], parts["ok"], scale), dtype="str"
            )
    # copy=False: the columns are fresh arrays; skipping consolidation saves a full copy.
    return pd.DataFrame(columns, index=responses.index, copy=False)
