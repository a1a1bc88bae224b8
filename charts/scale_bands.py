"""One row per scale: the POMP score as a point, its 95 % band as a bar, the value in text."""

from __future__ import annotations

from typing import Final

import pandas as pd
import plotly.graph_objects as go

from charts import theme
from charts.text import (
    as_float,
    band_text,
    chart_label,
    number,
    plain_label,
    require_columns,
)

COLUMNS: Final = ("title", "pomp", "low", "high")
NOT_ENOUGH: Final = "not enough answers"
TITLE_CHARS: Final = 32


def _tidy(scales: pd.DataFrame) -> pd.DataFrame:
    require_columns(scales, COLUMNS, "scale_bands")
    out = pd.DataFrame({"title": scales["title"].astype("object").to_numpy()})
    for col in ("pomp", "low", "high"):
        out[col] = [as_float(v) for v in scales[col]]
    out[["low", "high"]] = out[["low", "high"]].clip(0, 100)
    return out


def scale_bands(scales: pd.DataFrame) -> go.Figure:
    """Score and band per scale on a shared 0–100 axis, first scale on top.

    Parameters
    ----------
    scales : pandas.DataFrame
        Columns ``title`` (scale name), ``pomp`` (0–100, NaN when too few answers), ``low``
        and ``high`` (95 % band in POMP; clipped to 0–100; may be NaN).

    Returns
    -------
    plotly.graph_objects.Figure
        One scatter trace with a point per scored scale (band as error bar, value as text);
        titles and "not enough answers" are annotations.
    """
    data = _tidy(scales)
    n = len(data)
    data["y"] = list(range(n - 1, -1, -1))
    scored = data.dropna(subset=["pomp"])
    unscored = data[data["pomp"].isna()]

    up = (scored["high"] - scored["pomp"]).clip(lower=0)
    down = (scored["pomp"] - scored["low"]).clip(lower=0)
    hover = []
    for _, row in scored.iterrows():
        band = band_text(row["low"], row["high"])
        hover.append(
            f"<b>{chart_label(row['title'], TITLE_CHARS)}</b><br>{number(row['pomp'])} of 100"
            + (f" (95% band {band})" if band else "")
        )
    fig = go.Figure(
        go.Scatter(
            x=scored["pomp"].tolist(),
            y=scored["y"].tolist(),
            mode="markers+text",
            text=[number(v) for v in scored["pomp"]],
            textposition=["bottom center"] * len(scored),
            textfont={"size": theme.SMALL_FONT_SIZE + 1, "color": theme.TEXT_COLOUR},
            marker={"symbol": "circle", "size": 13, "color": theme.LIFTS_COLOUR},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": [None if pd.isna(v) else float(v) for v in up],
                "arrayminus": [None if pd.isna(v) else float(v) for v in down],
                "color": theme.LIFTS_COLOUR,
                "thickness": 6,
                "width": 0,
            },
            hovertext=hover,
            hoverinfo="text",
            cliponaxis=False,
            name="Score",
        )
    )
    annotations = [
        {
            "x": 0,
            "y": row["y"] + 0.42,
            "xref": "x",
            "yref": "y",
            "xanchor": "left",
            "yanchor": "middle",
            "text": chart_label(row["title"], TITLE_CHARS),
            "showarrow": False,
            "font": {"size": theme.SMALL_FONT_SIZE + 1, "color": theme.TEXT_COLOUR},
        }
        for _, row in data.iterrows()
    ]
    annotations += [
        {
            "x": 50,
            "y": y,
            "xref": "x",
            "yref": "y",
            "text": NOT_ENOUGH,
            "showarrow": False,
            "font": {"size": theme.SMALL_FONT_SIZE + 1, "color": theme.MUTED_COLOUR},
        }
        for y in unscored["y"]
    ]
    fig.update_layout(
        **theme.base_layout(
            height=theme.rows_height(n, per_row=62, extra=60),
            annotations=annotations,
            margin={"l": 10, "r": 10, "t": 8, "b": 8, "pad": 0},
        )
    )
    theme.pomp_rows_axes(fig, n)
    return fig


def describe_scale_bands(scales: pd.DataFrame) -> str:
    """Plain-English text alternative for :func:`scale_bands`.

    Parameters
    ----------
    scales : pandas.DataFrame
        The same table as for :func:`scale_bands`.

    Returns
    -------
    str
        One sentence per scale: "Inspiration: 72 of 100 (band 60 to 84)."
    """
    data = _tidy(scales)
    intro = "Scale scores from 0 to 100, each with its 95% band."
    if data.empty:
        return intro + " No scales to show."
    parts = [intro]
    for _, row in data.iterrows():
        title = plain_label(row["title"])
        if pd.isna(row["pomp"]):
            parts.append(f"{title}: {NOT_ENOUGH}.")
            continue
        band = band_text(row["low"], row["high"])
        parts.append(
            f"{title}: {number(row['pomp'])} of 100" + (f" (band {band})." if band else ".")
        )
    return " ".join(parts)
