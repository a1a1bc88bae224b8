"""End-to-end: a runner on a phone, in Debian's headless Chromium, against `streamlit run`.

Behaviours:
- a check with one role model can be completed by clicking as a person would;
- reloading in the middle resumes the check, and earlier answers are still there;
- the results show the role-model map with the role model on it;
- an odd role-model label is shown as typed and makes the browser fetch nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from tests.browser import PHONE, choose, launch_chromium, streamlit_server

pytestmark = pytest.mark.browser
ODD_LABEL = "<b>Kip</b> ![x](http://198.51.100.7/pixel.png) 🏃"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    database = tmp_path_factory.mktemp("e2e") / "e2e.db"
    with streamlit_server(f"sqlite:///{database}") as (url, _seconds):
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def step_text(page: Page) -> str:
    return page.get_by_text(re.compile(r"^Step \d+ of \d+")).first.inner_text()


def settle(page: Page) -> None:
    """Wait until Streamlit has finished the rerun (no stale elements left on screen)."""
    page.wait_for_timeout(150)
    expect(page.locator('[data-stale="true"]')).to_have_count(0)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0)


def save_and_continue(page: Page) -> None:
    before = step_text(page)
    page.get_by_role("button", name="Save and continue", exact=True).click()
    expect(page.get_by_text(re.compile(r"^Step \d+ of \d+")).first).not_to_have_text(before)
    settle(page)


def answer_every_item(page: Page, choice: int = -1) -> int:
    """Click one option in every radio group of the form; return how many groups."""
    groups = page.get_by_test_id("stForm").get_by_role("radiogroup")
    expect(groups.first).to_be_visible()
    count = groups.count()
    for index in range(count):
        options = groups.nth(index).locator("label")
        options.nth(choice if choice >= 0 else options.count() + choice).click()
    return count


def checked_count(page: Page) -> int:
    return page.get_by_test_id("stForm").get_by_role("radio", checked=True).count()


def test_a_runner_completes_a_check_on_a_phone_and_survives_a_reload(page, app_url):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(app_url)
    page.get_by_role("button", name="Start the self-check").click()
    expect(page.get_by_text("Step 1 of")).to_be_visible()
    save_and_continue(page)  # the context questions are optional

    answered = answer_every_item(page, choice=7)  # self-efficacy 0-10
    assert answered >= 8
    save_and_continue(page)
    # each new step starts at its top, not scrolled down where the last one ended
    main = page.get_by_test_id("stMain")
    page.wait_for_function("document.querySelector('[data-testid=\"stMain\"]').scrollTop === 0")
    assert main.evaluate("el => el.scrollTop") == 0
    answer_every_item(page, choice=1)  # comparison
    save_and_continue(page)

    # A reload (or a dropped connection) resumes where the runner was ...
    page.reload()
    expect(page.get_by_text("Step 4 of")).to_be_visible()
    settle(page)
    # ... and going back shows the answers given before the reload.
    page.get_by_role("button", name="Back", exact=True).click()
    expect(page.get_by_text("Step 3 of")).to_be_visible()
    settle(page)
    assert checked_count(page) == page.get_by_test_id("stForm").get_by_role("radiogroup").count()
    save_and_continue(page)

    for _ in range(3):  # impostor, reappraisal, flow
        answer_every_item(page, choice=1)
        save_and_continue(page)

    page.get_by_label("Person 1: short name or nickname").fill(ODD_LABEL)
    choose(page, "Person 1: who are they to you?", "Club or training mate")
    known = page.get_by_role("radiogroup", name="Person 1: how do you know them?")
    known.locator("label").first.click()
    save_and_continue(page)

    answer_every_item(page, choice=-2)
    page.get_by_role("button", name="Save and continue", exact=True).click()
    expect(page.get_by_text("All done")).to_be_visible()
    page.get_by_role("button", name="See my results").click()

    expect(page.get_by_role("heading", name="Your results", exact=True)).to_be_visible()
    expect(page.get_by_text("Keep this code somewhere safe")).to_be_visible()
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_be_visible()
    expect(chart.locator("text", has_text="Close and lifting").first).to_be_attached()
    expect(chart.locator("text", has_text="<b>Kip</b>").first).to_be_attached()
    expect(page.get_by_role("heading", name=ODD_LABEL)).to_be_visible()
    assert not [url for url in requests if "198.51.100.7" in url]

    # The downloads are built on click and arrive as real files.
    with page.expect_download() as pdf_download:
        page.get_by_role("button", name="Report (PDF)").click()
    pdf = Path(pdf_download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    assert pdf_download.value.suggested_filename.endswith("report.pdf")
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Answers (CSV)").click()
    answers = Path(csv_download.value.path()).read_text(encoding="utf-8")
    assert answers.splitlines()[0].startswith("attempt,")
    assert "'<b>Kip</b>" not in answers  # text starting with '<' needs no neutralising
