"""Take phone-sized screenshots of the check and the results for docs/screenshots/.

Run: .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tests.browser import PHONE, choose, launch_chromium, streamlit_server  # noqa: E402
from tests.test_browser import answer_every_item, save_and_continue, settle  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    database = Path(tempfile.mkdtemp()) / "shots.db"
    with streamlit_server(f"sqlite:///{database}") as (url, _), sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport=PHONE, device_scale_factor=2)
        page.goto(url)
        expect(page.get_by_role("heading", name="Pedestal")).to_be_visible()
        settle(page)
        page.screenshot(path=OUT / "1-start.png")
        page.get_by_role("button", name="Start the self-check").click()
        expect(page.get_by_text("Step 1 of")).to_be_visible()
        save_and_continue(page)
        for choice in (7, 1, 1, 5, 5):
            answer_every_item(page, choice=choice)
            save_and_continue(page)
        page.get_by_label("Person 1: short name or nickname").fill("Mara (club)")
        choose(page, "Person 1: who are they to you?", "Club or training mate")
        page.get_by_role("radiogroup", name="Person 1: how do you know them?").locator(
            "label"
        ).first.click()
        how_many = page.get_by_role(
            "radiogroup", name="How many people would you like to reflect on?"
        )
        how_many.locator("label").nth(1).click()  # two role models
        settle(page)
        page.get_by_label("Person 2: short name or nickname").fill("Olympic champion")
        choose(page, "Person 2: who are they to you?", "Elite or pro runner")
        page.get_by_role("radiogroup", name="Person 2: how do you know them?").locator("label").nth(
            1
        ).click()
        save_and_continue(page)
        page.get_by_test_id("stMain").evaluate("el => el.scrollTo(0, 0)")
        page.screenshot(path=OUT / "2-check-role-model.png")
        answer_every_item(page, choice=-2)
        save_and_continue(page)
        groups = page.get_by_test_id("stForm").get_by_role("radiogroup")
        for index in range(groups.count()):
            labels = groups.nth(index).locator("label")
            # the distant model: feels far, discourages a little more than it inspires
            labels.nth(1 if index < 13 else (5 if index < 18 else 1)).click()
        page.get_by_role("button", name="Save and continue", exact=True).click()
        expect(page.get_by_text("All done")).to_be_visible()
        page.get_by_role("button", name="See my results").click()
        expect(page.get_by_role("heading", name="Your results", exact=True)).to_be_visible()
        page.get_by_role("button", name="I've saved my code: hide it").click()
        settle(page)
        expect(page.locator(".js-plotly-plot").first).to_be_visible()
        page.wait_for_timeout(800)
        page.screenshot(path=OUT / "3-results-map.png")
        page.get_by_test_id("stMain").evaluate("el => el.scrollBy(0, 700)")
        page.wait_for_timeout(500)
        page.screenshot(path=OUT / "4-results-role-model.png")
        browser.close()
    print("wrote", *sorted(p.name for p in OUT.glob("*.png")))


if __name__ == "__main__":
    main()
