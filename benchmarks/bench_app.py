"""How fast the app feels: rerun times of the check and results pages, and time to first page.

Run: .venv/bin/python benchmarks/bench_app.py

Rerun times come from AppTest (script time of one rerun, which is what a click costs on the
server); the first-page time is measured in headless Chromium from `streamlit run` starting
to the start page's heading being visible. Goals: results rerun < 150 ms; first page < 4 s.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import os  # noqa: E402

RERUNS = 15
FIRST_PAGE_RUNS = 3
RESULTS_GOAL_MS = 150
FIRST_PAGE_GOAL_S = 4.0


def median_rerun_ms(at) -> float:
    times = []
    for _ in range(RERUNS):
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    workdir = Path(tempfile.mkdtemp())
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.db'}"
    from services.check import finish_check
    from store.db import get_engine
    from tests.apptest import open_app
    from tests.test_store import complete_check

    engine = get_engine(os.environ["DATABASE_URL"])
    check = open_app("pages/check.py")
    check.run()
    check_ms = median_rerun_ms(check)

    attempt = complete_check(engine, n_models=3)
    finish_check(engine, attempt)
    results = open_app()
    results.session_state["own_attempts"] = {attempt}
    results.switch_page("pages/results.py")
    results.query_params["attempt"] = attempt
    results.run()
    assert not results.exception, results.exception
    results_ms = median_rerun_ms(results)

    from playwright.sync_api import expect, sync_playwright

    from tests.browser import PHONE, launch_chromium, streamlit_server

    firsts, healthies = [], []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for run in range(FIRST_PAGE_RUNS):
            start = time.perf_counter()
            with streamlit_server(f"sqlite:///{workdir / f'first{run}.db'}") as (url, healthy):
                context = browser.new_context(viewport=PHONE)  # a new visitor: empty cache
                page = context.new_page()
                page.goto(url)
                expect(page.get_by_role("heading", name="Pedestal")).to_be_visible(timeout=30_000)
                firsts.append(time.perf_counter() - start)
                healthies.append(healthy)
                context.close()
        browser.close()
    first_page_s, healthy_s = statistics.median(firsts), statistics.median(healthies)

    print(f"check page rerun, median of {RERUNS}: {check_ms:.1f} ms")
    print(
        f"results page rerun (3 role models), median of {RERUNS}: {results_ms:.1f} ms "
        f"(goal < {RESULTS_GOAL_MS} ms: {results_ms / RESULTS_GOAL_MS:.2f}x of budget)"
    )
    print(f"streamlit run -> server healthy, median of {FIRST_PAGE_RUNS}: {healthy_s:.2f} s")
    print(
        f"streamlit run -> first page visible in Chromium, median of {FIRST_PAGE_RUNS}: "
        f"{first_page_s:.2f} s "
        f"(goal < {FIRST_PAGE_GOAL_S} s: {first_page_s / FIRST_PAGE_GOAL_S:.2f}x of budget)"
    )


if __name__ == "__main__":
    main()
