"""Check and prepare wide response data against a questionnaire, and reverse-key items.

Response data are *wide*: one row per respondent, one column per item id, NaN where an item was
not answered. :func:`prepare_responses` turns such a frame into clean floats (or says exactly
which cell is wrong), and :func:`reverse_score` / :func:`keyed_responses` apply the scoring key.

Rules
-----
- Item ids are **case-sensitive**: column ``C1`` is not item ``c1``.
- A missing item column means nobody answered that item (all NaN).
- Empty or whitespace-only text cells count as unanswered.
- ``True``/``False`` cells are never answers (not 1 and 0), whatever the column's dtype.
- Every other cell of an item column must be a whole number inside *that item's own* range
  (its ``response`` if it has one, else the questionnaire's); otherwise
  :class:`~questionnaires.errors.ResponseDataError` names the row, the column, the value, the
  expected range and a fix.
- Columns that are not item ids are ignored (``respondent``, ``age``, ``team`` …) **unless they
  look like a mistyped item**, which raises instead of being silently dropped. A column looks like
  an item when

  1. it equals an item id apart from letter case or surrounding spaces (``C1``, ``" c1"`` when
     ``c1`` exists), or
  2. it is a known item *prefix* followed by digits (``c12`` or ``C7`` when the items are
     ``c1`` … ``c5``), or
  3. it starts with ``<stem>_`` where ``stem`` is the text before the first ``_`` of at least two
     item ids (``bp_pride_joy`` when items ``bp_envy_curiosity`` and ``bp_shame_energy`` exist).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from questionnaires.errors import ResponseDataError
from questionnaires.schema import Questionnaire, ResponseRange, Scale

#: Column holding the respondent's key in wide data (optional; ignored as an item).
RESPONDENT_COLUMN = "respondent"

_NUMBERED = re.compile(r"^(?P<prefix>[A-Za-z_][A-Za-z_]*?)(?P<number>\d+)$")


def item_ranges(
    questionnaire: Questionnaire, items: Iterable[str]
) -> tuple[np.ndarray, np.ndarray]:
    """Lowest and highest allowed answer of each item, as float arrays in the given order.

    Parameters
    ----------
    questionnaire : Questionnaire
        Supplies each item's own range, else the questionnaire default.
    items : iterable of str
        Item ids.

    Returns
    -------
    tuple of numpy.ndarray
        ``(mins, maxs)``, both ``float64``.
    """
    ranges = [questionnaire.response_for(item) for item in items]
    return (
        np.array([r.min for r in ranges], dtype=float),
        np.array([r.max for r in ranges], dtype=float),
    )


def _looks_like_item(column: str, questionnaire: Questionnaire) -> str | None:
    """Return a hint if ``column`` is not an item but looks like one (see module rules)."""
    ids = questionnaire.item_ids
    folded = column.strip().casefold()
    for item in ids:
        if item.casefold() == folded:
            return f"did you mean '{item}'? Item ids are case-sensitive"
    prefixes = set()
    for item in ids:
        match = _NUMBERED.match(item)
        if match:
            prefixes.add(match["prefix"].casefold())
    match = _NUMBERED.match(column.strip())
    if match and match["prefix"].casefold() in prefixes:
        return "it looks like an item of this questionnaire, but there is no such item"
    stems: dict[str, int] = {}
    for item in ids:
        if "_" in item.strip("_"):
            stem = item.split("_", 1)[0].casefold()
            stems[stem] = stems.get(stem, 0) + 1
    if "_" in folded:
        stem = folded.split("_", 1)[0]
        if stems.get(stem, 0) >= 2:
            return "it looks like an item of this questionnaire, but there is no such item"
    return None


def _respondent_labels(responses: pd.DataFrame) -> pd.Index | None:
    if RESPONDENT_COLUMN in responses.columns:
        return pd.Index(responses[RESPONDENT_COLUMN])
    index = responses.index
    if isinstance(index, pd.RangeIndex) and index.step == 1:
        return None  # plain numbering (0- or 1-based): the row number says it all
    return index


def _where(responses: pd.DataFrame, position: int, column: str) -> str:
    labels = _respondent_labels(responses)
    row = f"row {position + 1}"
    if labels is not None:
        row += f" (respondent {labels[position]!r})"
    return f"{row}, column '{column}'"


def _fmt(value: object) -> str:
    if isinstance(value, bool | np.bool_):
        return str(bool(value))  # 'True', not 'np.True_' or 1
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, str):
        return repr(value)
    return str(value)


def _is_bool(value: object) -> bool:
    return isinstance(value, bool | np.bool_)


def _numeric_column(responses: pd.DataFrame, column: str, response: ResponseRange) -> np.ndarray:
    """One item column as ``float64``; raise for the first answered cell that is not a number.

    True/False are yes/no values, not answers: they fail in every dtype (``bool``, nullable
    ``boolean`` and mixed ``object`` columns) instead of being read as 1 and 0.
    """
    raw = responses[column]
    if pd.api.types.is_bool_dtype(raw.dtype):
        values = np.full(len(raw), np.nan)
        bad = raw.notna().to_numpy(dtype=bool)
    elif pd.api.types.is_numeric_dtype(raw.dtype):
        return raw.to_numpy(dtype=float, na_value=np.nan)
    else:
        text = raw.astype("object")
        blank = text.map(lambda v: isinstance(v, str) and not v.strip()).to_numpy(dtype=bool)
        boolean = text.map(_is_bool).to_numpy(dtype=bool)
        coerced = pd.to_numeric(text.where(~blank & ~boolean), errors="coerce")
        values = coerced.to_numpy(dtype=float, na_value=np.nan)
        bad = (np.isnan(values) & raw.notna().to_numpy(dtype=bool) & ~blank) | boolean
    if bad.any():
        position = int(np.argmax(bad))
        count = int(bad.sum())
        more = f" ({count - 1} more cells in this column are not numbers.)" if count > 1 else ""
        raise ResponseDataError(
            f"{_where(responses, position, column)}: {_fmt(raw.iloc[position])} is not a "
            f"number; answers are whole numbers {response.min}-{response.max}. Write the "
            f"answer as a number, or leave the cell empty if it was skipped.{more}"
        )
    return values


def prepare_responses(responses: pd.DataFrame, questionnaire: Questionnaire) -> pd.DataFrame:
    """Check wide response data against a questionnaire and return clean item answers.

    Parameters
    ----------
    responses : pandas.DataFrame
        One row per respondent, one column per item id, NaN where unanswered. Other columns
        (``respondent``, ``age`` …) are allowed and ignored unless they look like a mistyped
        item (see the module notes). Not modified.
    questionnaire : Questionnaire
        Item ids and the answer range of every item.

    Returns
    -------
    pandas.DataFrame
        ``float64`` answers, one column per item of the questionnaire in file order (absent
        columns are all NaN), indexed like ``responses``.

    Raises
    ------
    ResponseDataError
        For a column that looks like a mistyped item; for the first cell that is not a number
        (columns in file order); else for the first cell in row order that is not a whole number
        or lies outside its item's range. The message names the
        row (1-based, with the respondent key when there is one), the column, the value, the
        expected range and how to fix it.

    Examples
    --------
    >>> from questionnaires import parse_questionnaire
    >>> q = parse_questionnaire({
    ...     "id": "demo", "version": 1, "title": "Demo", "instructions": "Rate",
    ...     "response": {"min": 1, "max": 5},
    ...     "items": [{"id": "c1", "text": "One"}, {"id": "c2", "text": "Two"}]})
    >>> prepare_responses(pd.DataFrame({"c1": [1, 5], "age": [30, 41]}), q)
        c1  c2
    0  1.0 NaN
    1  5.0 NaN
    """
    values = answer_matrix(responses, questionnaire)
    return pd.DataFrame(values, index=responses.index, columns=questionnaire.item_ids, copy=False)


def _check_columns(responses: pd.DataFrame, questionnaire: Questionnaire) -> None:
    if not isinstance(responses, pd.DataFrame):
        raise ResponseDataError(
            f"responses must be a pandas DataFrame (one row per respondent), "
            f"got {type(responses).__name__}"
        )
    columns = [str(c) for c in responses.columns]
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if duplicated:
        raise ResponseDataError(
            f"column '{duplicated[0]}' appears more than once; keep one column per item"
        )
    known = set(questionnaire.item_ids)
    for column in responses.columns:
        name = str(column)
        if name in known or name == RESPONDENT_COLUMN:
            continue
        hint = _looks_like_item(name, questionnaire)
        if hint:
            raise ResponseDataError(
                f"column '{name}' is not an item of '{questionnaire.id}': {hint}. "
                "Rename the column to an item id, or drop it."
            )


def _column_is_valid(column: np.ndarray, response: ResponseRange) -> bool:
    """Fast check (a few reductions, no copies of the data) of one item's answers.

    ``fmin``/``fmax`` skip NaN, so unanswered cells pass; ``inf`` fails the range test.
    """
    if column.size == 0:
        return True
    with np.errstate(invalid="ignore"):
        if np.fmin.reduce(column) < response.min or np.fmax.reduce(column) > response.max:
            return False
        return not np.fmax.reduce(np.abs(column - np.rint(column))) > 0


def answer_columns(
    responses: pd.DataFrame, questionnaire: Questionnaire
) -> dict[str, np.ndarray | None]:
    """Checked answers of each item as a ``float64`` array (``None`` for an absent column).

    The same checks and errors as :func:`prepare_responses`, without building a frame: columns
    that are already ``float64`` are used as they are (read-only views), which keeps scoring
    large data cheap.
    """
    _check_columns(responses, questionnaire)
    by_name = {str(c): c for c in responses.columns}
    columns: dict[str, np.ndarray | None] = {}
    renamed: dict[str, pd.DataFrame] = {}
    invalid: list[str] = []
    for item in questionnaire.item_ids:
        if item not in by_name:
            columns[item] = None
            continue
        original = by_name[item]
        frame = responses if original == item else responses.rename(columns={original: item})
        renamed[item] = frame
        response = questionnaire.response_for(item)
        column = _numeric_column(frame, item, response)
        columns[item] = column
        if not _column_is_valid(column, response):
            invalid.append(item)
    if not invalid:
        return columns
    first: tuple[int, int, str, bool, int] | None = None  # position, order, item, whole, count
    for order, item in enumerate(invalid):
        column = columns[item]
        response = questionnaire.response_for(item)
        with np.errstate(invalid="ignore"):
            answered = ~np.isnan(column)
            whole = np.isfinite(column) & (np.floor(column) == column)
            bad = answered & (~whole | (column < response.min) | (column > response.max))
        position = int(np.argmax(bad))
        if first is None or position < first[0]:
            first = (position, order, item, bool(whole[position]), int(bad.sum()))
    position, _, item, whole_number, count = first
    response = questionnaire.response_for(item)
    value = columns[item][position]
    more = f" ({count - 1} more cells in this column are invalid.)" if count > 1 else ""
    where = _where(renamed[item], position, item)
    if not whole_number:
        raise ResponseDataError(
            f"{where}: {_fmt(value)} is not a whole number; answers are whole numbers "
            f"{response.min}-{response.max}. Round or correct it.{more}"
        )
    raise ResponseDataError(
        f"{where}: {_fmt(value)} is outside {response.min}-{response.max}. "
        f"Check the column order and the answer scale.{more}"
    )


def answer_matrix(responses: pd.DataFrame, questionnaire: Questionnaire) -> np.ndarray:
    """Checked answers as a ``float64`` array, respondents × ``questionnaire.item_ids``.

    The array behind :func:`prepare_responses` (same checks and errors).
    """
    columns = answer_columns(responses, questionnaire)
    values = np.full((len(responses), len(columns)), np.nan, order="F")
    for j, column in enumerate(columns.values()):
        if column is not None:
            values[:, j] = column
    return values


def reverse_score(
    values: np.ndarray | pd.Series | float, response: ResponseRange
) -> np.ndarray | pd.Series | float:
    """Reverse answers on one range: ``min + max - value``.

    Parameters
    ----------
    values : float, numpy.ndarray or pandas.Series
        Answers on ``response``; NaN stays NaN.
    response : ResponseRange
        The item's own answer range.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Same type as ``values``. Reversing twice gives the answers back.

    Examples
    --------
    >>> from questionnaires.schema import ResponseRange
    >>> reverse_score(2, ResponseRange(min=1, max=5))
    4
    """
    return response.min + response.max - values


def keyed_responses(
    responses: pd.DataFrame, scale: Scale, questionnaire: Questionnaire
) -> pd.DataFrame:
    """The scale's items with its reverse-keyed items flipped, each on its own range.

    Parameters
    ----------
    responses : pandas.DataFrame
        Prepared answers (see :func:`prepare_responses`) holding at least the scale's items.
    scale : Scale
        Items and reverse keys.
    questionnaire : Questionnaire
        Item ranges.

    Returns
    -------
    pandas.DataFrame
        ``float64``, columns = ``scale.items`` in scale order; reversed item ``i`` holds
        ``min_i + max_i - value``.
    """
    values = responses.loc[:, scale.items].to_numpy(dtype=float, na_value=np.nan)
    mins, maxs = item_ranges(questionnaire, scale.items)
    flip = np.isin(scale.items, scale.reverse)
    keyed = np.where(flip, mins + maxs - values, values)
    return pd.DataFrame(keyed, index=responses.index, columns=list(scale.items))
