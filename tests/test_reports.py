"""The runner's report, PDF and HTML, built from a real attempt with three role models.

Behaviours:
- the PDF names every scale with the score the scoring engine gives, formatted as the report does;
- the PDF keeps each role-model label as text (HTML markup literally, emoji and CJK as "□");
- the PDF says each verdict and its drivers, has a sane number of pages, and A4 and Letter differ;
- the PDF draws every chart as vector SVG; without Chromium it still builds, with a note per chart;
- glyphs the font lacks become one box per character or emoji sequence, never a crash;
- 500-character labels build in both formats;
- the HTML, opened offline in headless Chromium, draws every chart and requests nothing;
- the HTML escapes labels (no raw ``<script>`` from user text), inlines plotly.js once, follows
  every chart with its text alternative and has print and phone styles.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest
from plotly.offline import get_plotlyjs
from pypdf import PdfReader
from sqlalchemy import select

from charts import ChartRenderError
from questionnaires import load_bank
from reports.content import build_report
from reports.html import render_html
from reports.pdf import PLACEHOLDER, printable, render_pdf
from reports.wording import format_score
from scoring.scales import scale_bounds, score_questionnaire
from services.downloads import load_attempt_data
from services.results import SCORED_QUESTIONNAIRES
from store.db import make_engine, migrate, unit_of_work
from store.models import Answer
from tests.report_data import make_attempt, results_with_labels, verdict_words

A4_POINTS = (595.28, 841.89)
LETTER_POINTS = (612.0, 792.0)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('reports') / 'pedestal.db'}")
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def attempt(engine) -> str:
    return make_attempt(engine, 3)


@pytest.fixture(scope="module")
def results(engine, attempt):
    return load_attempt_data(engine, attempt).results


@pytest.fixture(scope="module")
def report(results):
    return build_report(results)


@pytest.fixture(scope="module")
def pdf_a4(report):
    return render_pdf(report, paper="A4")


@pytest.fixture(scope="module")
def pdf_letter(report):
    return render_pdf(report, paper="Letter")


@pytest.fixture(scope="module")
def text_a4(pdf_a4) -> str:
    return pdf_text(pdf_a4.data)


@pytest.fixture(scope="module")
def html(report) -> str:
    return render_html(report)


# -- PDF ----------------------------------------------------------------------------------
def test_pdf_names_every_scale_with_the_score_the_scoring_engine_gives(engine, attempt, text_a4):
    with unit_of_work(engine) as session:
        rows = session.scalars(select(Answer).where(Answer.submission_id == attempt)).all()
        answers = pd.DataFrame([(a.questionnaire, a.item, a.value) for a in rows])
    answers.columns = ["questionnaire", "item", "value"]
    checked = 0
    for qid in SCORED_QUESTIONNAIRES:
        bank = load_bank(qid)
        given = answers[answers["questionnaire"] == qid].set_index("item")["value"]
        wide = pd.DataFrame([given.reindex(bank.item_ids)], dtype="float64")
        scores = score_questionnaire(wide, bank).iloc[0]
        for scale in bank.scales:
            low, high = scale_bounds(scale, bank)
            pomp = scores[f"{scale.id}_pomp"]
            expected = f"{format_score(scores[scale.id], low, high)} ({pomp:.0f} of 100"
            assert scale.title in text_a4
            assert expected in text_a4, f"{qid}.{scale.id}: {expected!r} not in the PDF"
            checked += 1
    assert checked >= 6


def test_pdf_keeps_each_role_model_label_as_text(text_a4):
    assert "Role model 1: <b>Bold</b> club mate" in text_a4
    assert f"Role model 2: Elite {PLACEHOLDER} runner {PLACEHOLDER}" in text_a4
    assert "<script>alert(1)</script>" in text_a4
    # 山田 replaced cleanly; Hebrew kept (shaped right to left, so extraction order varies)
    assert f"{PLACEHOLDER}{PLACEHOLDER} <script>alert(1)</script>" in text_a4
    assert "שרה" in text_a4 or "הרש" in text_a4


def test_pdf_says_each_verdict_with_its_drivers(results, text_a4):
    labels = {m.verdict.label for m in results.role_models if m.verdict}
    assert labels == {"inspiring", "discouraging", "mixed"}
    for model in results.role_models:
        assert verdict_words(model) in text_a4
        for driver in model.verdict.drivers:
            assert " ".join(driver.sentence.split()[:6]) in text_a4
    assert "What these results can and cannot tell" in text_a4
    assert "Sources" in text_a4
    assert "Lockwood, P., & Kunda, Z. (1997)" in text_a4
    assert "Quality: Consistency" in text_a4
    assert "This week: Run with the slow group on Tuesday" in text_a4


def test_pdf_has_a_sane_number_of_pages_and_every_chart_drawn(pdf_a4):
    assert 2 <= pdf_a4.pages <= 12
    assert len(PdfReader(io.BytesIO(pdf_a4.data)).pages) == pdf_a4.pages
    assert pdf_a4.missing_charts == ()
    assert pdf_a4.chart_problem is None


def test_letter_and_a4_have_their_own_page_size(pdf_a4, pdf_letter):
    a4 = PdfReader(io.BytesIO(pdf_a4.data)).pages[0].mediabox
    letter = PdfReader(io.BytesIO(pdf_letter.data)).pages[0].mediabox
    assert (float(a4.width), float(a4.height)) == pytest.approx(A4_POINTS, abs=0.5)
    assert (float(letter.width), float(letter.height)) == pytest.approx(LETTER_POINTS, abs=0.5)


def test_pdf_charts_are_vector_drawings_not_pictures(pdf_a4):
    reader = PdfReader(io.BytesIO(pdf_a4.data))
    assert all(not page.images for page in reader.pages)
    # the role-model map's axis title is drawn as SVG text in the report font
    assert "Feels close and reachable" in pdf_text(pdf_a4.data)


def test_pdf_without_chromium_still_builds_with_a_note_per_chart(report):
    def no_browser(figure, width, height):
        raise ChartRenderError("No Chrome/Chromium found on this machine.")

    built = render_pdf(report, svg_renderer=no_browser)
    text = pdf_text(built.data)
    assert len(built.missing_charts) == len(report.charts)
    assert "No Chrome/Chromium" in built.chart_problem
    assert text.count("Chart not available: No Chrome/Chromium found") == len(report.charts)
    assert "Role-model map. Across:" in text  # the text alternative is still there


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Plain runner", "Plain runner"),
        ("Café Zoë", "Café Zoë"),
        ("Runner 🏃‍♀️ girl", f"Runner {PLACEHOLDER} girl"),
        ("Flag 🇰🇪!", f"Flag {PLACEHOLDER}!"),
        ("Family 👩‍👩‍👧 run", f"Family {PLACEHOLDER} run"),
        ("Thumbs 👍🏽", f"Thumbs {PLACEHOLDER}"),
        ("山田太郎", PLACEHOLDER * 4),
        ("שלום", "שלום"),
        ("a\u202eb", "ab"),  # bidi override dropped
        ("line\nbreak", "line\nbreak"),
        (None, ""),
    ],
)
def test_glyphs_the_font_lacks_become_one_box_each(text, expected):
    assert printable(text) == expected


def test_emoji_and_cjk_labels_do_not_break_the_pdf():
    results = results_with_labels(["🏃‍♀️🔥💯 山田 사랑 ❤️", "👨‍👩‍👧‍👦", "𝒮𝓉𝓇𝒶𝓃𝑔𝑒 𓀀"], n_models=3)
    built = render_pdf(build_report(results))
    assert built.missing_charts == ()
    assert PLACEHOLDER in pdf_text(built.data)


def test_500_character_labels_build_in_both_formats():
    words = ("Long label with many words " * 20)[:500]
    solid = "x" * 500
    results = results_with_labels([words, solid, "<i>" + "y" * 493 + "</i>"], n_models=3)
    report = build_report(results)
    built = render_pdf(report)
    assert 2 <= built.pages <= 14
    text = pdf_text(built.data).replace(" ", "")
    assert solid in text
    page = render_html(report)
    assert words in page
    assert "&lt;i&gt;" + "y" * 493 + "&lt;/i&gt;" in page


def test_unknown_paper_size_is_refused_with_the_choices(report):
    from questionnaires.errors import ReportError

    with pytest.raises(ReportError, match="A4"):
        render_pdf(report, paper="A3")


# -- HTML ---------------------------------------------------------------------------------
def test_html_escapes_labels_so_user_text_never_runs(html):
    assert "<script>alert(1)" not in html
    assert "<b>Bold</b>" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt; club mate" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Elite 🏃‍♀️ runner 🇰🇪" in html  # emoji kept in HTML


def test_html_inlines_plotly_once_and_names_nothing_external(html):
    assert len(html.encode()) < 5_000_000
    assert html.count("plotly.js v") <= 2  # the bundle's own banner, once
    assert len(re.findall(r"Plotly\.newPlot\(", html)) >= 5
    # the only URLs are the ones inside plotly.js itself (map tiles, topojson: never used here)
    bundle = get_plotlyjs()
    assert html.count("cdn.plot.ly") == bundle.count("cdn.plot.ly")
    assert html.count("https://") == bundle.count("https://")
    outside = html.replace(bundle, "")
    assert len(outside) < 200_000
    # no MathJax script: the only mention outside plotly.js is its "use no CDN" setting
    assert re.findall(r"(?i)mathjax\w*", outside) == ["MathJaxConfig"]
    assert "MathJaxConfig: 'local'" in outside
    assert not re.search(r"<(link|img|iframe)\b", html)
    assert not re.search(r"<script[^>]+src=", html)


def test_every_html_chart_is_followed_by_its_text_alternative(html, report):
    figures = re.findall(r'<figure class="chart".*?</figure>', html, flags=re.S)
    assert len(figures) == len(report.charts) == 5
    for figure, chart in zip(figures, report.charts, strict=True):
        assert figure.removesuffix("</figure>").endswith("</p>")
        assert f'id="alt-{chart.key}"' in figure


def test_html_has_print_and_phone_styles(html):
    assert "@media print" in html
    assert "@media (max-width: 480px)" in html
    assert 'name="viewport"' in html


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium is not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            headless=True,
            args=["--disable-gpu", "--disable-dev-shm-usage", "--no-sandbox"],
        )
        yield browser
        browser.close()


def test_html_opened_offline_draws_every_chart_and_requests_nothing(browser, html, tmp_path):
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    url = path.as_uri()
    requests: list[str] = []

    def guard(route):
        if route.request.url == url:
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    context = browser.new_context(offline=True, viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.route("**/*", guard)
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(url, wait_until="load")
    page.wait_for_function(
        "document.querySelectorAll('.js-plotly-plot .main-svg').length >= 5", timeout=15_000
    )
    svgs = page.eval_on_selector_all(
        ".js-plotly-plot", "divs => divs.map(d => d.querySelectorAll('.main-svg').length)"
    )
    points = page.eval_on_selector_all(
        ".js-plotly-plot", "divs => divs.map(d => d.querySelectorAll('.point, .bars path').length)"
    )
    context.close()
    assert len(svgs) == 5
    assert all(n >= 1 for n in svgs)
    assert all(n >= 1 for n in points), points
    assert requests == []
    assert errors == []
