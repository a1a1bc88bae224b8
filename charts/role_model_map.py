"""Role-model map: how close each admired runner feels against how they leave you.

x is proximity (POMP 0–100, "feels close and reachable"), y is net inspiration
(inspiration POMP − discouragement POMP, −100…+100) with its 95 % band as an error bar.
Quadrants are named in words; each verdict has its own marker symbol and colour, and the
legend names it.
"""

from __future__ import annotations

from typing import Final

import pandas as pd
import plotly.graph_objects as go

from charts import theme
from charts.text import (
    as_float,
    band_text,
    chart_label,
    hover_label,
    is_blank,
    number,
    plain_label,
    require_columns,
    signed,
)
from questionnaires.errors import ChartDataError

COLUMNS: Final = ("label", "proximity", "net", "net_low", "net_high", "verdict")
X_TITLE: Final = "Feels close and reachable →"
Y_TITLE: Final = "Net inspiration (lifts ↑ / wears down ↓)"
X_SPLIT: Final = 50.0
"""Proximity at which a role model counts as close (the dashed vertical line)."""

QUADRANTS: Final = {
    (True, True): "Close and lifting",
    (False, True): "Distant but lifting",
    (False, False): "Distant and discouraging",
    (True, False): "Close but discouraging",
}
"""Quadrant names keyed by (close, lifting)."""

_QUADRANT_POSITION: Final = {
    (True, True): (0.99, 0.99, "right", "top"),
    (False, True): (0.01, 0.99, "left", "top"),
    (False, False): (0.01, 0.01, "left", "bottom"),
    (True, False): (0.99, 0.01, "right", "bottom"),
}
X_RANGE: Final = (-4.0, 104.0)
Y_RANGE: Final = (-108.0, 108.0)


def quadrant_name(proximity: float, net: float) -> str:
    """Name of the quadrant a point falls in.

    Parameters
    ----------
    proximity : float
        POMP 0–100; 50 and above counts as close.
    net : float
        Net inspiration; above 0 lifts, below 0 discourages, exactly 0 sits on the line.

    Returns
    -------
    str
        One of :data:`QUADRANTS`, or a phrase for a point on the zero line.
    """
    close = proximity >= X_SPLIT
    if net == 0:
        return ("close" if close else "distant") + ", on the line between lifting and discouraging"
    return QUADRANTS[(close, net > 0)]


def _tidy(models: pd.DataFrame) -> pd.DataFrame:
    require_columns(models, COLUMNS, "role_model_map")
    verdicts = (
        models["verdict"]
        .astype("object")
        .map(lambda v: str(v).strip().lower() if isinstance(v, str) else v)
    )
    unknown = sorted({str(v) for v in verdicts if v not in theme.VERDICT_STYLE and not is_blank(v)})
    if unknown:
        raise ChartDataError(
            f"role_model_map: column 'verdict' has {', '.join(repr(v) for v in unknown)}; "
            f"expected one of {', '.join(repr(v) for v in theme.VERDICT_STYLE)}. "
            "Use the label from scoring's verdict."
        )
    out = pd.DataFrame(
        {
            "label": models["label"].astype("object").to_numpy(),
            "verdict": [None if is_blank(v) else v for v in verdicts],
        }
    )
    for col in ("proximity", "net", "net_low", "net_high"):
        out[col] = [as_float(v) for v in models[col]]
    return out


def _text_position(x: float, y: float) -> str:
    # beside the marker, never above it, so the vertical band stays readable
    vertical = "bottom" if y > 85 else "top" if y < -85 else "middle"
    return f"{vertical} {'right' if x < 55 else 'left'}"


def _hover(row: pd.Series) -> str:
    band = band_text(row["net_low"], row["net_high"], sign=True)
    lines = [
        f"<b>{hover_label(row['label'])}</b>",
        f"Closeness {number(row['proximity'])} of 100",
        f"Net inspiration {signed(row['net'])}"
        + (f" (95% band {band})" if band else " (band not available)"),
        f"{theme.VERDICT_STYLE[row['verdict']]['name']}: "
        f"{quadrant_name(row['proximity'], row['net']).lower()}",
    ]
    return "<br>".join(lines)


def role_model_map(models: pd.DataFrame) -> go.Figure:
    """Scatter of role models: closeness across, net inspiration up and down.

    Parameters
    ----------
    models : pandas.DataFrame
        One row per role model with columns ``label`` (the runner's own text), ``proximity``
        (POMP 0–100), ``net`` (−100…100), ``net_low`` and ``net_high`` (95 % band, may be
        NaN) and ``verdict`` ("inspiring", "discouraging" or "mixed").

    Returns
    -------
    plotly.graph_objects.Figure
        One scatter trace per verdict present (inspiring, mixed, discouraging order), each
        point labelled with its shortened, escaped label; rows without ``proximity`` or
        ``net`` are listed under the plot instead of drawn.

    Raises
    ------
    ChartDataError
        When a column is missing or a verdict is unknown.
    """
    data = _tidy(models)
    unplaced_mask = data["proximity"].isna() | data["net"].isna() | data["verdict"].isna()
    placed = data[~unplaced_mask]
    unplaced = data[unplaced_mask]

    fig = go.Figure()
    for verdict, style in theme.VERDICT_STYLE.items():
        rows = placed[placed["verdict"] == verdict]
        if rows.empty:
            continue
        up = (rows["net_high"] - rows["net"]).clip(lower=0)
        down = (rows["net"] - rows["net_low"]).clip(lower=0)
        fig.add_trace(
            go.Scatter(
                x=rows["proximity"].tolist(),
                y=rows["net"].tolist(),
                mode="markers+text",
                name=style["name"],
                legendgroup=verdict,
                text=[chart_label(v) for v in rows["label"]],
                textposition=[
                    _text_position(x, y)
                    for x, y in zip(rows["proximity"], rows["net"], strict=True)
                ],
                textfont={"size": theme.SMALL_FONT_SIZE + 1, "color": theme.TEXT_COLOUR},
                marker={
                    "symbol": style["symbol"],
                    "color": style["colour"],
                    "size": 15,
                    "line": {"width": 1.5, "color": "#FFFFFF"},
                },
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": [None if pd.isna(v) else float(v) for v in up],
                    "arrayminus": [None if pd.isna(v) else float(v) for v in down],
                    "color": style["colour"],
                    "thickness": 2,
                    "width": 5,
                },
                hovertext=[_hover(row) for _, row in rows.iterrows()],
                hoverinfo="text",
                cliponaxis=False,
            )
        )

    annotations = [
        {
            "x": x,
            "y": y,
            "xref": "paper",
            "yref": "paper",
            "xanchor": xa,
            "yanchor": ya,
            "text": QUADRANTS[key],
            "showarrow": False,
            "font": {"size": theme.SMALL_FONT_SIZE, "color": theme.MUTED_COLOUR},
        }
        for key, (x, y, xa, ya) in _QUADRANT_POSITION.items()
    ]
    if placed.empty:
        annotations.append(
            {
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
                "text": "No role models to show yet",
                "showarrow": False,
                "font": {"size": theme.FONT_SIZE, "color": theme.MUTED_COLOUR},
            }
        )
    top = 12
    if not unplaced.empty:
        names = ", ".join(chart_label(v) for v in unplaced["label"])
        annotations.append(
            {
                "x": 0,
                "y": 1,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "left",
                "yanchor": "bottom",
                "yshift": 4,
                "align": "left",
                "text": f"Not placed (too few answers): {names}",
                "showarrow": False,
                "font": {"size": theme.SMALL_FONT_SIZE, "color": theme.MUTED_COLOUR},
            }
        )
        top = 34

    fig.update_layout(
        **theme.base_layout(
            height=400 if len(fig.data) else 340,
            showlegend=bool(len(fig.data)),
            annotations=annotations,
            margin={"l": 8, "r": 12, "t": top, "b": 8, "pad": 0},
            shapes=[
                {
                    "type": "line",
                    "xref": "x",
                    "yref": "paper",
                    "x0": X_SPLIT,
                    "x1": X_SPLIT,
                    "y0": 0,
                    "y1": 1,
                    "line": {"dash": "dash", "color": "#767676", "width": 1.5},
                    "layer": "between",
                },
                {
                    "type": "line",
                    "xref": "paper",
                    "yref": "y",
                    "x0": 0,
                    "x1": 1,
                    "y0": 0,
                    "y1": 0,
                    "line": {"dash": "dash", "color": "#767676", "width": 1.5},
                    "layer": "between",
                },
            ],
        )
    )
    fig.update_xaxes(
        title={"text": X_TITLE},
        showgrid=False,
        range=list(X_RANGE),
        tickmode="array",
        tickvals=[0, 50, 100],
        ticktext=["0", "50", "100"],
    )
    fig.update_yaxes(
        title={"text": Y_TITLE},
        showgrid=False,
        range=list(Y_RANGE),
        tickmode="array",
        tickvals=[-100, -50, 0, 50, 100],
        ticktext=["−100", "−50", "0", "+50", "+100"],
    )
    return fig


def describe_role_model_map(models: pd.DataFrame) -> str:
    """Plain-English text alternative for :func:`role_model_map`.

    Parameters
    ----------
    models : pandas.DataFrame
        The same table as for :func:`role_model_map`.

    Returns
    -------
    str
        Sentences naming each role model, where it sits, its band, verdict and quadrant.
        Labels are plain (unescaped) text: escape for the place you show it.
    """
    data = _tidy(models)
    intro = (
        "Role-model map. Across: how close and reachable each person feels, 0 to 100. "
        "Up and down: net inspiration, from −100 (wears you down) to +100 (lifts you up)."
    )
    if data.empty:
        return intro + " No role models to show yet."
    sentences = [intro]
    for _, row in data.iterrows():
        name = plain_label(row["label"])
        verdict = row["verdict"]
        if pd.isna(row["proximity"]) or pd.isna(row["net"]) or verdict is None:
            sentences.append(f"'{name}' cannot be placed yet: too few answers.")
            continue
        band = band_text(row["net_low"], row["net_high"], sign=True)
        band_part = f" (band {band})" if band else " (no band available)"
        sentences.append(
            f"'{name}' sits at closeness {number(row['proximity'])} of 100 and net "
            f"inspiration {signed(row['net'])}{band_part}: {verdict}, "
            f"{quadrant_name(row['proximity'], row['net']).lower()}."
        )
    return " ".join(sentences)
