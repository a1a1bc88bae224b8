"""The report as one self-contained HTML file: works offline, prints, fits a phone.

plotly.js is inlined once, with the first chart; later charts only carry their data. No fonts,
scripts, styles or images are loaded from anywhere else (no CDN, no MathJax). Every chart is
followed by its text alternative. Jinja2 autoescapes everything, so the runner's own text
(labels may hold ``<script>``, Markdown, emoji, right-to-left script) appears as text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from charts import PLOT_CONFIG
from reports.content import Chart, Report

TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every template, whatever its file name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


class _ChartWriter:
    """Writes each chart's HTML; the first one carries plotly.js."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, chart: Chart) -> Markup:
        first = self.count == 0
        self.count += 1
        plot = chart.figure.to_html(
            config=PLOT_CONFIG,
            include_plotlyjs=first,
            include_mathjax=False,
            full_html=False,
            div_id=f"chart-{chart.key}",
            default_width="100%",
            default_height=f"{chart.height}px",
            validate=False,
        )
        return Markup(
            '<figure class="chart" aria-describedby="alt-{key}">'
            '<figcaption class="visually-title"><strong>{title}</strong></figcaption>'
            '<div class="plot" aria-hidden="true">{plot}</div>'
            '<p class="alt" id="alt-{key}">{description}</p>'
            "</figure>"
        ).format(
            key=chart.key,
            title=chart.title,
            plot=Markup(plot),  # plotly's own markup; user text in it is escaped by charts/
            description=chart.description,
        )


def render_html(report: Report) -> str:
    """Render the report as a self-contained HTML document.

    Parameters
    ----------
    report : Report
        From :func:`reports.content.build_report`.

    Returns
    -------
    str
        The HTML text (UTF-8 when saved); about 5 MB, nearly all of it plotly.js.
    """
    template = _environment().get_template("report.html.j2")
    return template.render(report=report, chart=_ChartWriter(), escape=escape)
