"""Team distribution per scale for the coach dashboard (no aggregate for fewer than 3)."""

from __future__ import annotations

from typing import Final

import pandas as pd
import plotly.graph_objects as go

from charts import theme
from charts.text import as_float, chart_label, clean_text, number, plain_label, require_columns

COLUMNS: Final = ("scale", "pomp")
MIN_GROUP: Final = 3
"""Fewer scored runners than this and a scale shows nothing (privacy, as in team statistics)."""
TOO_FEW: Final = f"fewer than {MIN_GROUP} answers: hidden"


def _tidy(scores: pd.DataFrame) -> pd.DataFrame:
    require_columns(scores, COLUMNS, "team_distribution")
    return pd.DataFrame(
        {
            "scale": [clean_text(v) or "?" for v in scores["scale"]],
            "pomp": [as_float(v) for v in scores["pomp"]],
        }
    )


def team_distribution(scores: pd.DataFrame) -> go.Figure:
    """Horizontal box with every runner's point, one row per scale, first scale on top.

    Parameters
    ----------
    scores : pandas.DataFrame
        Long table with columns ``scale`` (title) and ``pomp`` (0–100; NaN rows are
        ignored), one row per runner and scale.

    Returns
    -------
    plotly.graph_objects.Figure
        One box trace per scale with at least :data:`MIN_GROUP` scores; smaller groups
        are named with a "hidden" note instead.
    """
    data = _tidy(scores).dropna(subset=["pomp"])
    scales = list(dict.fromkeys(_tidy(scores)["scale"]))
    n = len(scales)
    fig = go.Figure()
    annotations = []
    for i, scale in enumerate(scales):
        y = n - 1 - i
        values = data.loc[data["scale"] == scale, "pomp"]
        annotations.append(
            {
                "x": 0,
                "y": y + 0.45,
                "xref": "x",
                "yref": "y",
                "xanchor": "left",
                "yanchor": "middle",
                "text": f"{chart_label(scale, 30)} (n={len(values)})",
                "showarrow": False,
                "font": {"size": theme.SMALL_FONT_SIZE + 1},
            }
        )
        if len(values) < MIN_GROUP:
            annotations.append(
                {
                    "x": 50,
                    "y": y,
                    "xref": "x",
                    "yref": "y",
                    "text": TOO_FEW,
                    "showarrow": False,
                    "font": {"size": theme.SMALL_FONT_SIZE + 1, "color": theme.MUTED_COLOUR},
                }
            )
            continue
        fig.add_trace(
            go.Box(
                x=values.tolist(),
                y=[y] * len(values),
                orientation="h",
                name=chart_label(scale, 30),
                boxpoints="all",
                jitter=0.4,
                pointpos=0,
                width=0.4,
                marker={"size": 6, "color": theme.TEXT_COLOUR, "opacity": 0.6},
                line={"color": theme.LIFTS_COLOUR, "width": 2},
                fillcolor="rgba(0, 114, 178, 0.15)",
                hoverinfo="x",
            )
        )
    fig.update_layout(
        **theme.base_layout(
            height=theme.rows_height(n, per_row=70, extra=60),
            annotations=annotations,
            margin={"l": 10, "r": 10, "t": 8, "b": 8, "pad": 0},
        )
    )
    theme.pomp_rows_axes(fig, n, top_pad=0.35)
    return fig


def describe_team_distribution(scores: pd.DataFrame) -> str:
    """Plain-English text alternative for :func:`team_distribution`.

    Parameters
    ----------
    scores : pandas.DataFrame
        The same table as for :func:`team_distribution`.

    Returns
    -------
    str
        Per scale: number of runners, median and middle half, or that it is hidden.
    """
    tidy = _tidy(scores)
    data = tidy.dropna(subset=["pomp"])
    intro = "Team scores from 0 to 100, one row per scale."
    scales = list(dict.fromkeys(tidy["scale"]))
    if not scales:
        return intro + " No scores to show yet."
    parts = [intro]
    for scale in scales:
        values = data.loc[data["scale"] == scale, "pomp"]
        name = plain_label(scale)
        if len(values) < MIN_GROUP:
            parts.append(f"{name}: {TOO_FEW}.")
            continue
        q1, med, q3 = values.quantile([0.25, 0.5, 0.75]).tolist()
        parts.append(
            f"{name}: {len(values)} runners, median {number(med)}, "
            f"middle half {number(q1)} to {number(q3)}."
        )
    return " ".join(parts)
