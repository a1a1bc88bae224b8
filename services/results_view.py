"""Everything the Results page draws for one attempt, built once and reused across reruns."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
from sqlalchemy import Engine

import charts
from services.results import AttemptResults, load_results


@dataclass(frozen=True, slots=True, kw_only=True)
class Chart:
    """A figure and its text alternative (plain text: escape it where it is shown)."""

    figure: go.Figure
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ResultsView:
    """Scored results with their charts: the role-model map, pairs per model, score bands."""

    results: AttemptResults
    role_model_map: Chart | None
    pairs: dict[int, Chart]
    scale_bands: Chart


def build_view(results: AttemptResults) -> ResultsView:
    """Build every chart of the Results page for ``results``."""
    models = results.role_model_frame()
    role_map = None
    if len(models):
        role_map = Chart(
            figure=charts.role_model_map(models), text=charts.describe_role_model_map(models)
        )
    pairs = {}
    for model in results.role_models:
        frame = model.pairs_frame()
        pairs[model.position] = Chart(
            figure=charts.bipolar_pairs(frame), text=charts.describe_bipolar_pairs(frame)
        )
    scales = results.scale_frame()
    return ResultsView(
        results=results,
        role_model_map=role_map,
        pairs=pairs,
        scale_bands=Chart(
            figure=charts.scale_bands(scales), text=charts.describe_scale_bands(scales)
        ),
    )


def load_view(engine: Engine, attempt_id: str) -> ResultsView | None:
    """Results and charts of one attempt, or ``None`` if it does not exist."""
    results = load_results(engine, attempt_id)
    return None if results is None else build_view(results)
