"""One look for every Pedestal chart: font, colour-blind-safe palette, phone-sized layout.

Colours come from the Okabe–Ito palette, which stays distinguishable for the common forms of
colour blindness. Colour never carries meaning on its own: every builder repeats it with a
marker symbol, a text label or a position.
"""

from __future__ import annotations

from typing import Any, Final

import plotly.graph_objects as go

FONT_FAMILY: Final = "DejaVu Sans, Arial, sans-serif"
"""The PDF report registers DejaVu Sans; SVG text must name the same family."""

FONT_SIZE: Final = 13
SMALL_FONT_SIZE: Final = 11

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO: Final = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
TEXT_COLOUR: Final = "#222222"
MUTED_COLOUR: Final = "#595959"  # 7:1 on white: readable for quadrant names and notes
GRID_COLOUR: Final = "#E3E3E3"
LIFTS_COLOUR: Final = OKABE_ITO["blue"]
WEARS_COLOUR: Final = OKABE_ITO["vermillion"]
NEUTRAL_COLOUR: Final = "#6E6E6E"

COLOURWAY: Final = [
    OKABE_ITO["blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["orange"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["black"],
]
"""Series colours in order; yellow is left out because it is too pale on white."""

SERIES_SYMBOLS: Final = ["circle", "square", "diamond", "triangle-up", "x", "star", "pentagon"]
SERIES_DASHES: Final = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid"]

VERDICT_STYLE: Final = {
    "inspiring": {
        "name": "Inspiring",
        "colour": LIFTS_COLOUR,
        "symbol": "triangle-up",
    },
    "mixed": {
        "name": "Mixed",
        "colour": NEUTRAL_COLOUR,
        "symbol": "diamond",
    },
    "discouraging": {
        "name": "Discouraging",
        "colour": WEARS_COLOUR,
        "symbol": "triangle-down",
    },
}
"""Marker colour AND symbol per verdict: ▲ lifts, ◆ mixed, ▼ wears down."""

DEFAULT_HEIGHT: Final = 380
MIN_HEIGHT: Final = 220
MAX_HEIGHT: Final = 560

PLOT_CONFIG: Final = {"displayModeBar": False, "responsive": True}
"""Pass to ``st.plotly_chart(..., config=PLOT_CONFIG)`` and ``fig.to_html(config=PLOT_CONFIG)``."""

TEMPLATE: Final = go.layout.Template(
    layout={
        "font": {"family": FONT_FAMILY, "size": FONT_SIZE, "color": TEXT_COLOUR},
        "colorway": COLOURWAY,
        "paper_bgcolor": "#FFFFFF",
        "plot_bgcolor": "#FFFFFF",
        "hoverlabel": {"font": {"family": FONT_FAMILY, "size": FONT_SIZE}, "align": "left"},
        "xaxis": {
            "gridcolor": GRID_COLOUR,
            "zeroline": False,
            "linecolor": "#9A9A9A",
            "ticks": "outside",
            "tickcolor": "#9A9A9A",
            "title": {"standoff": 6, "font": {"size": SMALL_FONT_SIZE + 1}},
            "automargin": True,
            "fixedrange": True,
        },
        "yaxis": {
            "gridcolor": GRID_COLOUR,
            "zeroline": False,
            "linecolor": "#9A9A9A",
            "title": {"standoff": 4, "font": {"size": SMALL_FONT_SIZE + 1}},
            "automargin": True,
            "fixedrange": True,
        },
        "legend": {
            "orientation": "h",
            "yanchor": "top",
            "y": -0.18,
            "xanchor": "left",
            "x": 0,
            "font": {"size": SMALL_FONT_SIZE + 1},
            "itemwidth": 30,
            "tracegroupgap": 4,
            "itemclick": False,
            "itemdoubleclick": False,
        },
    }
)
"""Plotly template for all charts; set per figure, the global default is left alone."""


def base_layout(*, height: int = DEFAULT_HEIGHT, **overrides: Any) -> dict[str, Any]:
    """Layout shared by every chart: template, autosize, small margins, given height.

    Parameters
    ----------
    height : int
        Figure height in pixels; the width follows the container (``autosize``).
    **overrides
        Further layout properties, merged over the defaults.

    Returns
    -------
    dict
        Keyword arguments for ``go.Figure.update_layout``.
    """
    layout: dict[str, Any] = {
        "template": TEMPLATE,
        "autosize": True,
        "height": int(min(max(height, MIN_HEIGHT), MAX_HEIGHT)),
        "margin": {"l": 8, "r": 8, "t": 12, "b": 8, "pad": 0},
        "showlegend": False,
        "hovermode": "closest",
        "dragmode": False,
    }
    layout.update(overrides)
    return layout


def rows_height(n_rows: int, *, per_row: int = 64, extra: int = 70) -> int:
    """Height for a chart with one band per row, kept between the theme's bounds.

    Parameters
    ----------
    n_rows : int
        Number of rows (scales, pairs) drawn.
    per_row : int
        Pixels per row.
    extra : int
        Pixels for the axis and margins.

    Returns
    -------
    int
        Height in pixels.
    """
    return int(min(max(extra + per_row * max(n_rows, 1), MIN_HEIGHT), MAX_HEIGHT))


def pomp_rows_axes(fig: go.Figure, n_rows: int, *, top_pad: float = 0.3) -> None:
    """Axes for charts with one row per scale on a 0–100 score line (bands, team boxes)."""
    fig.update_xaxes(
        range=[-2, 102],
        tickmode="array",
        tickvals=[0, 50, 100],
        ticktext=["0", "50", "100"],
        title={"text": "Score, 0–100"},
    )
    fig.update_yaxes(
        range=[-0.6, max(n_rows, 1) - 0.5 + top_pad],
        showticklabels=False,
        showgrid=False,
        ticks="",
    )
