"""A returning runner's history: scores over attempts and reliable change between the last two."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine

import charts
from services.results import AttemptResults, ScaleChange, compare_attempts, load_results
from services.results_view import Chart
from services.returning import ReturningRunner


@dataclass(frozen=True, slots=True, kw_only=True)
class History:
    """Scores over every finished attempt, and the change between the last two."""

    chart: Chart | None
    changes: list[ScaleChange]


def history_frame(attempts: list[AttemptResults]) -> pd.DataFrame:
    """Long table (attempt, scale, pomp, low, high) for the change chart, oldest first."""
    rows = [
        {
            "attempt": f"{a.submitted_at:%d %b %Y}" if a.submitted_at else "unfinished",
            "scale": s.title,
            "pomp": s.pomp,
            "low": s.pomp_low,
            "high": s.pomp_high,
        }
        for a in attempts
        for s in a.scales
    ]
    return pd.DataFrame(rows, columns=["attempt", "scale", "pomp", "low", "high"])


def load_history(engine: Engine, runner: ReturningRunner) -> History:
    """Build the history of a runner identified by code (the caller checked the code)."""
    attempts = [load_results(engine, a.attempt_id) for a in runner.attempts]
    attempts = [a for a in attempts if a is not None]
    if len(attempts) < 2:
        return History(chart=None, changes=[])
    frame = history_frame(attempts)
    chart = Chart(
        figure=charts.change_over_attempts(frame), text=charts.describe_change_over_attempts(frame)
    )
    return History(chart=chart, changes=compare_attempts(attempts[-2], attempts[-1]))
