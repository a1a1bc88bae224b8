"""Time the runner's report: PDF and HTML for an attempt with 3 role models, cold and warm.

Run from the repository root::

    .venv/bin/python benchmarks/bench_reports.py

Cold is the first build in this process (imports, fonts and starting kaleido's Chromium).
Warm is the median of 5 builds through :mod:`services.downloads` (loading and scoring
included). The PDF is timed twice warm: with its chart-SVG cache cleared before each build (every
chart drawn again by Chromium), and as a repeated download (charts from the cache).
Goals: warm PDF < 1.5 s, HTML < 0.5 s, HTML file < 5 MB.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reports.pdf import clear_svg_cache  # noqa: E402
from services import downloads  # noqa: E402
from store.db import make_engine, migrate  # noqa: E402
from tests.report_data import make_attempt  # noqa: E402

GOAL_PDF_S = 1.5
GOAL_HTML_S = 0.5
GOAL_HTML_BYTES = 5_000_000
RUNS = 5


def timed(build: Callable[[], bytes]) -> tuple[float, bytes]:
    start = time.perf_counter()
    data = build()
    return time.perf_counter() - start, data


def median_of(build: Callable[[], bytes], before: Callable[[], None] | None = None) -> float:
    times = []
    for _ in range(RUNS):
        if before:
            before()
        times.append(timed(build)[0])
    return statistics.median(times)


def line(name: str, seconds: float, goal: float | None = None) -> str:
    ratio = f"  ({seconds / goal:.2f}× goal {goal:g} s)" if goal else ""
    return f"{name:<38} {seconds:7.3f} s{ratio}"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        migrate(engine)
        attempt = make_attempt(engine, 3)

        pdf_cold, pdf = timed(lambda: downloads.report_pdf(engine, attempt))
        html_cold, html = timed(lambda: downloads.report_html(engine, attempt))
        pdf_warm = median_of(lambda: downloads.report_pdf(engine, attempt), clear_svg_cache)
        pdf_repeat = median_of(lambda: downloads.report_pdf(engine, attempt, "Letter"))
        html_warm = median_of(lambda: downloads.report_html(engine, attempt))
        engine.dispose()

    print("Pedestal report benchmark: 1 attempt, 3 role models, 5 charts")
    print(line("PDF cold (first, starts Chromium)", pdf_cold))
    print(line("PDF warm, charts drawn (median of 5)", pdf_warm, GOAL_PDF_S))
    print(line("PDF warm, charts cached (median of 5)", pdf_repeat, GOAL_PDF_S))
    print(line("HTML cold", html_cold))
    print(line("HTML warm (median of 5)", html_warm, GOAL_HTML_S))
    print(f"{'PDF size':<38} {len(pdf) / 1024:7.0f} KB")
    print(
        f"{'HTML size':<38} {len(html) / 1_000_000:7.2f} MB  "
        f"({len(html) / GOAL_HTML_BYTES:.2f}× goal 5 MB)"
    )


if __name__ == "__main__":
    main()
