"""Scores over attempts: one line per scale, bands as error bars."""

from __future__ import annotations

from typing import Final

import pandas as pd
import plotly.graph_objects as go

from charts import theme
from charts.text import (
    as_float,
    band_text,
    chart_label,
    clean_text,
    number,
    plain_label,
    require_columns,
)

COLUMNS: Final = ("attempt", "scale", "pomp", "low", "high")
ATTEMPT_CHARS: Final = 12
MAX_TICKS: Final = 5
_DODGE: Final = 0.07
"""Sideways shift between scales so their bands do not hide each other."""


def _tidy(history: pd.DataFrame) -> pd.DataFrame:
    require_columns(history, COLUMNS, "change_over_attempts")
    out = pd.DataFrame(
        {
            "attempt": [clean_text(v) or "?" for v in history["attempt"]],
            "scale": [clean_text(v) or "?" for v in history["scale"]],
        }
    )
    for col in ("pomp", "low", "high"):
        out[col] = [as_float(v) for v in history[col]]
    out[["low", "high"]] = out[["low", "high"]].clip(0, 100)
    return out


def _order(values: pd.Series) -> list[str]:
    return list(dict.fromkeys(values))


def change_over_attempts(history: pd.DataFrame) -> go.Figure:
    """Lines with markers per scale across attempts, in the order attempts first appear.

    Parameters
    ----------
    history : pandas.DataFrame
        Long table with columns ``attempt`` (label or date as text, in time order),
        ``scale`` (title), ``pomp`` (0–100, NaN leaves a gap), ``low`` and ``high`` (band).

    Returns
    -------
    plotly.graph_objects.Figure
        One trace per scale, each with its own colour, marker symbol and dash; legend at
        the bottom names the scales.
    """
    data = _tidy(history)
    attempts = _order(data["attempt"])
    scales = _order(data["scale"])
    position = {a: i for i, a in enumerate(attempts)}
    fig = go.Figure()
    for k, scale in enumerate(scales):
        rows = data[data["scale"] == scale]
        rows = rows.assign(pos=rows["attempt"].map(position)).sort_values("pos")
        shift = (k - (len(scales) - 1) / 2) * _DODGE
        up = (rows["high"] - rows["pomp"]).clip(lower=0)
        down = (rows["pomp"] - rows["low"]).clip(lower=0)
        colour = theme.COLOURWAY[k % len(theme.COLOURWAY)]
        hover = []
        for _, row in rows.iterrows():
            if pd.isna(row["pomp"]):
                hover.append(f"{chart_label(scale)}, {chart_label(row['attempt'])}: no score")
                continue
            band = band_text(row["low"], row["high"])
            hover.append(
                f"<b>{chart_label(scale)}</b><br>{chart_label(row['attempt'])}: "
                f"{number(row['pomp'])} of 100" + (f" (95% band {band})" if band else "")
            )
        fig.add_trace(
            go.Scatter(
                x=(rows["pos"] + shift).tolist(),
                y=rows["pomp"].tolist(),
                mode="lines+markers",
                name=chart_label(scale),
                line={
                    "color": colour,
                    "width": 2,
                    "dash": theme.SERIES_DASHES[k % len(theme.SERIES_DASHES)],
                },
                marker={
                    "symbol": theme.SERIES_SYMBOLS[k % len(theme.SERIES_SYMBOLS)],
                    "size": 10,
                    "color": colour,
                },
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": [None if pd.isna(v) else float(v) for v in up],
                    "arrayminus": [None if pd.isna(v) else float(v) for v in down],
                    "color": colour,
                    "thickness": 1.5,
                    "width": 3,
                },
                connectgaps=False,
                hovertext=hover,
                hoverinfo="text",
                cliponaxis=False,
            )
        )
    step = max(1, -(-len(attempts) // MAX_TICKS))  # ceil: at most MAX_TICKS labels
    ticks = list(range(0, len(attempts), step))
    if attempts and ticks[-1] != len(attempts) - 1:
        ticks[-1] = len(attempts) - 1
    fig.update_layout(
        **theme.base_layout(
            height=380,
            showlegend=bool(scales),
            annotations=[]
            if attempts
            else [
                {
                    "x": 0.5,
                    "y": 0.5,
                    "xref": "paper",
                    "yref": "paper",
                    "text": "No attempts to show yet",
                    "showarrow": False,
                    "font": {"color": theme.MUTED_COLOUR},
                }
            ],
        )
    )
    fig.update_xaxes(
        range=[-0.4, max(len(attempts) - 1, 0) + 0.4],
        tickmode="array",
        tickvals=ticks,
        ticktext=[chart_label(attempts[i], ATTEMPT_CHARS) for i in ticks],
        showgrid=False,
        title={"text": "Attempt"},
    )
    fig.update_yaxes(
        range=[-3, 103],
        tickmode="array",
        tickvals=[0, 50, 100],
        title={"text": "Score, 0–100"},
    )
    return fig


def describe_change_over_attempts(history: pd.DataFrame) -> str:
    """Plain-English text alternative for :func:`change_over_attempts`.

    Parameters
    ----------
    history : pandas.DataFrame
        The same table as for :func:`change_over_attempts`.

    Returns
    -------
    str
        One sentence per scale listing its score at each attempt, first to last.
    """
    data = _tidy(history)
    attempts = _order(data["attempt"])
    intro = f"Scores from 0 to 100 over {len(attempts)} attempt(s)."
    if data.empty:
        return intro + " No attempts to show yet."
    parts = [intro]
    position = {a: i for i, a in enumerate(attempts)}
    for scale in _order(data["scale"]):
        rows = data[data["scale"] == scale]
        rows = rows.assign(pos=rows["attempt"].map(position)).sort_values("pos")
        points = []
        for _, row in rows.iterrows():
            when = plain_label(row["attempt"], 30)
            if pd.isna(row["pomp"]):
                points.append(f"no score at {when}")
                continue
            band = band_text(row["low"], row["high"])
            points.append(f"{number(row['pomp'])} at {when}" + (f" (band {band})" if band else ""))
        parts.append(f"{plain_label(scale)}: " + "; ".join(points) + ".")
    return " ".join(parts)
