"""Plotly chart builders: data in (a pandas DataFrame), ``go.Figure`` out.

No Streamlit and no database here. Pages show the figures with
``st.plotly_chart(fig, theme=None, config=PLOT_CONFIG)``; reports embed them with
``fig.to_html(config=PLOT_CONFIG)`` or :func:`figure_to_svg`. Every builder has a
``describe_*`` twin that returns a plain-text summary for screen readers.
"""

from charts.bipolar import bipolar_pairs, describe_bipolar_pairs
from charts.change import change_over_attempts, describe_change_over_attempts
from charts.export import figure_to_svg
from charts.role_model_map import describe_role_model_map, quadrant_name, role_model_map
from charts.scale_bands import describe_scale_bands, scale_bands
from charts.team import describe_team_distribution, team_distribution
from charts.theme import FONT_FAMILY, PLOT_CONFIG
from questionnaires.errors import ChartDataError, ChartRenderError

__all__ = [
    "FONT_FAMILY",
    "PLOT_CONFIG",
    "ChartDataError",
    "ChartRenderError",
    "bipolar_pairs",
    "change_over_attempts",
    "describe_bipolar_pairs",
    "describe_change_over_attempts",
    "describe_role_model_map",
    "describe_scale_bands",
    "describe_team_distribution",
    "figure_to_svg",
    "quadrant_name",
    "role_model_map",
    "scale_bands",
    "team_distribution",
]
