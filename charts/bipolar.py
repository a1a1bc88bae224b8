"""Four semantic-differential pairs for one role model as a diverging bar chart.

Each pair runs from its negative pole (left, −3) to its positive pole (right, +3). Both pole
names are written at the ends of the row, the value is printed on the bar ("+2 curiosity"),
and the side of zero carries the sign as well as the colour.
"""

from __future__ import annotations

from typing import Final

import pandas as pd
import plotly.graph_objects as go

from charts import theme
from charts.text import (
    MINUS,
    as_float,
    clean_text,
    escape_for_plotly,
    require_columns,
    shorten,
    signed,
)

COLUMNS: Final = ("negative", "positive", "value")
LIMIT: Final = 3.0
POLE_CHARS: Final = 18
NOT_ANSWERED: Final = "not answered"


def _pole(value: object) -> str:
    return shorten(clean_text(value), POLE_CHARS) or "?"


def _tidy(pairs: pd.DataFrame) -> pd.DataFrame:
    require_columns(pairs, COLUMNS, "bipolar_pairs")
    return pd.DataFrame(
        {
            "negative": [_pole(v) for v in pairs["negative"]],
            "positive": [_pole(v) for v in pairs["positive"]],
            "value": [as_float(v) for v in pairs["value"]],
        }
    )


def value_phrase(value: float, negative: str, positive: str) -> str:
    """Value with the pole it leans to: "+2 curiosity", "−1 envy", "0 (in between)".

    Parameters
    ----------
    value : float
        −3…+3, or NaN.
    negative, positive : str
        Pole names.

    Returns
    -------
    str
        Plain text; "not answered" for NaN.
    """
    if pd.isna(value):
        return NOT_ANSWERED
    text = signed(value)
    if text == "0":
        return "0 (in between)"
    pole = positive if text.startswith("+") else negative
    return f"{text} {pole.lower()}"


def bipolar_pairs(pairs: pd.DataFrame) -> go.Figure:
    """Diverging horizontal bars, one row per pair, first row on top.

    Parameters
    ----------
    pairs : pandas.DataFrame
        Columns ``negative`` (left pole, e.g. "Envy"), ``positive`` (right pole, e.g.
        "Curiosity") and ``value`` (−3…+3; NaN when unanswered).

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace with a bar per answered row. Pole names are annotations at both
        ends of each row; unanswered rows get a "not answered" annotation at zero.
    """
    data = _tidy(pairs)
    n = len(data)
    rows = list(range(n - 1, -1, -1))  # first pair on top
    data["y"] = rows
    answered = data.dropna(subset=["value"])
    missing = data[data["value"].isna()]

    fig = go.Figure()
    values = answered["value"].clip(-LIMIT, LIMIT)
    colours = [
        theme.LIFTS_COLOUR if v > 0 else theme.WEARS_COLOUR if v < 0 else theme.NEUTRAL_COLOUR
        for v in values
    ]
    poles = list(zip(answered["negative"], answered["positive"], strict=True))
    texts = [
        escape_for_plotly(value_phrase(v, neg, pos))
        for v, (neg, pos) in zip(answered["value"], poles, strict=True)
    ]
    fig.add_trace(
        go.Bar(
            x=values.tolist(),
            y=answered["y"].tolist(),
            orientation="h",
            width=0.42,
            marker={"color": colours, "line": {"width": 0}},
            text=texts,
            textposition=["inside" if abs(v) >= 1.75 else "outside" for v in values],
            insidetextanchor="middle",
            insidetextfont={"color": "#FFFFFF", "size": theme.SMALL_FONT_SIZE + 1},
            outsidetextfont={"color": theme.TEXT_COLOUR, "size": theme.SMALL_FONT_SIZE + 1},
            constraintext="none",
            cliponaxis=False,
            hovertext=[
                f"{escape_for_plotly(neg)} ↔ {escape_for_plotly(pos)}: {t}"
                for (neg, pos), t in zip(poles, texts, strict=True)
            ],
            hoverinfo="text",
            name="Answered",
        )
    )
    annotations = []
    for _, row in data.iterrows():
        for x, anchor, label in (
            (-LIMIT, "left", f"← {row['negative']}"),
            (LIMIT, "right", f"{row['positive']} →"),
        ):
            annotations.append(
                {
                    "x": x,
                    "y": row["y"] + 0.5,
                    "xref": "x",
                    "yref": "y",
                    "xanchor": anchor,
                    "yanchor": "middle",
                    "text": escape_for_plotly(label),
                    "showarrow": False,
                    "font": {"size": theme.SMALL_FONT_SIZE + 1, "color": theme.TEXT_COLOUR},
                }
            )
    for y in missing["y"]:
        annotations.append(
            {
                "x": 0,
                "y": y,
                "xref": "x",
                "yref": "y",
                "text": NOT_ANSWERED,
                "showarrow": False,
                "bgcolor": "#FFFFFF",
                "font": {"size": theme.SMALL_FONT_SIZE + 1, "color": theme.MUTED_COLOUR},
            }
        )
    if n == 0:
        annotations.append(
            {
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
                "text": "No pairs to show",
                "showarrow": False,
                "font": {"color": theme.MUTED_COLOUR},
            }
        )

    fig.update_layout(
        **theme.base_layout(
            height=theme.rows_height(n, per_row=66, extra=56),
            annotations=annotations,
            bargap=0.3,
            margin={"l": 8, "r": 8, "t": 8, "b": 8, "pad": 0},
            shapes=[
                {
                    "type": "line",
                    "xref": "x",
                    "yref": "paper",
                    "x0": 0,
                    "x1": 0,
                    "y0": 0,
                    "y1": 1,
                    "line": {"color": "#404040", "width": 1.5},
                    "layer": "above",
                }
            ],
        )
    )
    fig.update_xaxes(
        range=[-LIMIT - 0.05, LIMIT + 0.05],
        tickmode="array",
        tickvals=[-3, -2, -1, 0, 1, 2, 3],
        ticktext=[f"{MINUS}3", f"{MINUS}2", f"{MINUS}1", "0", "+1", "+2", "+3"],
        showgrid=True,
    )
    fig.update_yaxes(
        range=[-0.5, max(n, 1) - 0.5 + 0.35],
        showticklabels=False,
        showgrid=False,
        ticks="",
    )
    return fig


def describe_bipolar_pairs(pairs: pd.DataFrame) -> str:
    """Plain-English text alternative for :func:`bipolar_pairs`.

    Parameters
    ----------
    pairs : pandas.DataFrame
        The same table as for :func:`bipolar_pairs`.

    Returns
    -------
    str
        One sentence per pair, e.g. "Envy to curiosity: +2, leaning to curiosity."
    """
    data = _tidy(pairs)
    intro = f"Feeling pairs, each from {MINUS}3 (left word) to +3 (right word)."
    if data.empty:
        return intro + " No pairs to show."
    parts = [intro]
    for _, row in data.iterrows():
        neg, pos, value = row["negative"], row["positive"], row["value"]
        head = f"{neg} to {pos.lower()}"
        if pd.isna(value):
            parts.append(f"{head}: not answered.")
        elif signed(value) == "0":
            parts.append(f"{head}: 0, in between.")
        else:
            lean = pos if value > 0 else neg
            parts.append(f"{head}: {signed(value)}, leaning to {lean.lower()}.")
    return " ".join(parts)
