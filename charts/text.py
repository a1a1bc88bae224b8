"""Text helpers shared by the chart builders and their text alternatives.

User text (role-model labels, attempt names) can hold anything: HTML, Markdown, emoji,
right-to-left script, 500 characters. Plotly renders a subset of HTML inside text, so every
piece of user text on a chart goes through :func:`chart_label` or :func:`hover_label`, which
shorten and then escape it. Descriptions for screen readers use :func:`plain_label`: plain,
unescaped text that the caller escapes for wherever it shows it.
"""

from __future__ import annotations

import html
import math
import re
import textwrap
import unicodedata
from collections.abc import Iterable
from typing import Final

import pandas as pd

from questionnaires.errors import ChartDataError

ELLIPSIS: Final = "…"
CHART_LABEL_CHARS: Final = 24
DESCRIBE_LABEL_CHARS: Final = 60
HOVER_LINE_CHARS: Final = 40
MINUS: Final = "−"  # U+2212, read as "minus" by screen readers

_SPACES = re.compile(r"\s+")
# Characters that must not end a shortened label: joiners, variation selectors, marks.
_DANGLING = {"\u200d", "\u200c", "\ufe0e", "\ufe0f"}


def clean_text(value: object) -> str:
    """Turn any cell into one line of printable text.

    Control and format characters (bidi overrides, zero-width spaces) except emoji joiners
    and variation selectors are dropped, and runs of white space become one space.

    Parameters
    ----------
    value : object
        A cell value; ``None`` and NaN give ``""``.

    Returns
    -------
    str
        The cleaned text.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    text = str(value)
    kept = [
        ch
        for ch in text
        if ch in _DANGLING or ch.isspace() or unicodedata.category(ch) not in {"Cc", "Cf", "Cs"}
    ]
    return _SPACES.sub(" ", "".join(kept)).strip()


def shorten(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` characters, ending with "…" when cut.

    The cut never leaves a dangling emoji joiner, variation selector or combining mark.

    Parameters
    ----------
    text : str
        Clean text (see :func:`clean_text`).
    limit : int
        Maximum length including the ellipsis; at least 2.

    Returns
    -------
    str
        ``text`` itself when short enough.
    """
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 1)]
    while cut and (cut[-1] in _DANGLING or unicodedata.combining(cut[-1]) or cut[-1].isspace()):
        cut = cut[:-1]
    # an emoji sequence cut after its joiner's partner would show a lone half: drop it too
    while len(cut) > 1 and cut[-2] == "\u200d":
        cut = cut[:-2]
    return cut + ELLIPSIS


def escape_for_plotly(text: str) -> str:
    """Escape text so that plotly shows it literally.

    Plotly reads ``<b>``, ``<a href>``, ``<br>`` and entities in text, and typesets text
    between dollar signs with MathJax when it is loaded. ``html.escape`` handles the first,
    the numeric entity ``&#36;`` the second (plotly turns it back into "$").

    Parameters
    ----------
    text : str
        Plain text.

    Returns
    -------
    str
        Text safe to put in any plotly text, hover text or annotation.
    """
    return html.escape(text, quote=True).replace("$", "&#36;")


def plain_label(value: object, limit: int = DESCRIBE_LABEL_CHARS) -> str:
    """Clean, shortened, unescaped label for sentences (text alternatives).

    Parameters
    ----------
    value : object
        A label cell.
    limit : int
        Maximum length.

    Returns
    -------
    str
        The label, or "(no label)" when empty.
    """
    return shorten(clean_text(value), limit) or "(no label)"


def chart_label(value: object, limit: int = CHART_LABEL_CHARS) -> str:
    """Short, escaped label to draw on a chart.

    Parameters
    ----------
    value : object
        A label cell.
    limit : int
        Maximum visible length, about 24 characters for a 360 px phone.

    Returns
    -------
    str
        Escaped text for plotly.
    """
    return escape_for_plotly(plain_label(value, limit))


def hover_label(value: object, *, line_chars: int = HOVER_LINE_CHARS) -> str:
    """Full label, escaped and wrapped with ``<br>`` so a hover box fits a phone.

    Parameters
    ----------
    value : object
        A label cell.
    line_chars : int
        Characters per line.

    Returns
    -------
    str
        Escaped text for plotly hover labels.
    """
    text = clean_text(value) or "(no label)"
    lines = textwrap.wrap(text, line_chars, break_long_words=True, break_on_hyphens=False)
    return "<br>".join(escape_for_plotly(line) for line in lines)


def is_missing(value: object) -> bool:
    """Whether a cell holds no number (None, NaN, pd.NA).

    Parameters
    ----------
    value : object
        A cell value.

    Returns
    -------
    bool
        True when the value cannot be drawn.
    """
    if value is None or value is pd.NA:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


def is_blank(value: object) -> bool:
    """Whether a text cell is empty (None, NaN, pd.NA or only white space).

    Parameters
    ----------
    value : object
        A cell value.

    Returns
    -------
    bool
        True for an empty cell.
    """
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return isinstance(value, str) and not value.strip()


def number(value: float) -> str:
    """Whole number when the value is close to one, else one decimal.

    Parameters
    ----------
    value : float
        A finite number.

    Returns
    -------
    str
        E.g. ``"72"``, ``"1.5"``; negative numbers use the minus sign "−".
    """
    rounded = round(float(value), 1)
    text = f"{rounded:.0f}" if abs(rounded - round(rounded)) < 0.05 else f"{rounded:.1f}"
    if text in {"-0", "-0.0"}:
        text = "0"
    return text.replace("-", MINUS)


def signed(value: float) -> str:
    """Number with its sign written out: ``"+35"``, ``"−12"``, ``"0"``.

    Parameters
    ----------
    value : float
        A finite number.

    Returns
    -------
    str
        The signed number.
    """
    text = number(value)
    return text if text.startswith(MINUS) or text == "0" else "+" + text


def band_text(low: object, high: object, *, sign: bool = False) -> str | None:
    """Band as "low to high" text, or None when either end is missing.

    Parameters
    ----------
    low, high : object
        Band ends.
    sign : bool
        Write "+" on positive numbers.

    Returns
    -------
    str or None
        E.g. ``"+10 to +60"``.
    """
    if is_missing(low) or is_missing(high):
        return None
    fmt = signed if sign else number
    return f"{fmt(float(low))} to {fmt(float(high))}"  # type: ignore[arg-type]


def require_columns(data: pd.DataFrame, columns: Iterable[str], chart: str) -> None:
    """Check that ``data`` is a DataFrame holding ``columns``.

    Parameters
    ----------
    data : pandas.DataFrame
        The table given to a chart builder.
    columns : iterable of str
        Required column names.
    chart : str
        Builder name for the message.

    Raises
    ------
    ChartDataError
        Naming the missing columns and the ones expected.
    """
    if not isinstance(data, pd.DataFrame):
        raise ChartDataError(
            f"{chart}: expected a pandas DataFrame, got {type(data).__name__}. "
            f"Pass a table with columns {', '.join(columns)}."
        )
    wanted = list(columns)
    missing = [c for c in wanted if c not in data.columns]
    if missing:
        raise ChartDataError(
            f"{chart}: missing column(s) {', '.join(repr(c) for c in missing)}; "
            f"expected {', '.join(repr(c) for c in wanted)}, got "
            f"{', '.join(repr(str(c)) for c in data.columns) or 'no columns'}. "
            "Rename the columns or build the table with the scoring functions."
        )


def as_float(value: object) -> float:
    """``float(value)``, or NaN when the cell holds no number.

    Parameters
    ----------
    value : object
        A cell value.

    Returns
    -------
    float
        The number or NaN.
    """
    return math.nan if is_missing(value) else float(value)  # type: ignore[arg-type]
