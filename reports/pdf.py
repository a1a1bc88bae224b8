"""The report as a PDF (fpdf2): the same sections and charts as the HTML, text searchable.

- All text is written with fpdf2 text calls in DejaVu Sans, registered as a Unicode TTF font, so
  the PDF can be searched and copied. With ``uharfbuzz`` installed, text shaping is switched on
  (right-to-left scripts such as Hebrew and Arabic come out in the right order and joined).
- Characters DejaVu Sans has no glyph for (most emoji, Chinese, Japanese, Korean) are replaced
  by "□", one box per character or emoji sequence, so a build never fails on them.
- Charts are the app's own plotly figures, rendered to vector SVG by
  :func:`charts.figure_to_svg` (kaleido in headless Chromium) and drawn with fpdf2's SVG support;
  their text is DejaVu Sans too. SVGs are cached per figure, so a second paper size or a
  repeated download does not draw them again.
- **Without Chromium the PDF still builds**: each chart is replaced by a boxed note
  "Chart not available: …" followed by its text alternative, and :class:`PdfReport` lists the
  charts left out (``missing_charts``) with the reason (``chart_problem``) for the page to show.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

import plotly.graph_objects as go

from charts import ChartRenderError, figure_to_svg
from questionnaires.errors import ReportError
from reports.content import CHART_WIDTH, PAPER_SIZES, Chart, ModelSection, Report

FONT_DIR: Final = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES: Final = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
FAMILY: Final = "DejaVu Sans"
"""Must match :data:`charts.FONT_FAMILY`'s first family so SVG text uses the same font."""
PLACEHOLDER: Final = "□"
"""Drawn instead of a character (or emoji sequence) the font has no glyph for."""

MARGIN_MM: Final = 16.0
CHART_MAX_WIDTH_MM: Final = 172.0
BODY_PT: Final = 10.0
SMALL_PT: Final = 8.5
LINE_MM: Final = 5.0
TEXT_RGB: Final = (34, 34, 34)
MUTED_RGB: Final = (89, 89, 89)
VERDICT_RGB: Final = {
    "inspiring": (0, 114, 178),
    "discouraging": (213, 94, 0),
    "mixed": (89, 89, 89),
    None: (89, 89, 89),
}

SvgRenderer = Callable[[go.Figure, int, int], str]

# Code points that only shape their neighbours: dropped with the character they modify.
_JOINER: Final = "\u200d"
_MODIFIERS: Final = frozenset(
    [0xFE0E, 0xFE0F, 0x20E3, *range(0x1F3FB, 0x1F400), *range(0xE0020, 0xE0080)]
)
_REGIONAL: Final = range(0x1F1E6, 0x1F200)
_EMPTY_PATH = re.compile(r'<path(?![^>]*\sd="\s*[Mm])[^>]*/>')
_CLIP = re.compile(r"""\sclip-path=(?:"[^"]*"|'[^']*')|clip-path\s*:\s*url\([^)]*\)\s*;?""")
_DASHES = re.compile(r"(stroke-dasharray\s*[:=]\s*\"?)([^;\"]+)")

_svg_cache: OrderedDict[str, str] = OrderedDict()
_svg_cache_lock = threading.Lock()
SVG_CACHE_SIZE: Final = 64


@dataclass(frozen=True, slots=True, kw_only=True)
class PdfReport:
    """A built PDF and what it had to leave out.

    Attributes
    ----------
    data : bytes
        The PDF file.
    paper : str
        "A4" or "Letter".
    pages : int
        Number of pages.
    missing_charts : tuple of str
        Titles of charts shown as a note instead of a drawing (empty when all were drawn).
    chart_problem : str or None
        Why charts are missing (for example "No Chrome/Chromium found …").
    """

    data: bytes
    paper: str
    pages: int
    missing_charts: tuple[str, ...] = ()
    chart_problem: str | None = None


@cache
def _font_paths() -> dict[str, Path]:
    paths = {style: FONT_DIR / name for style, name in FONT_FILES.items()}
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        raise ReportError(
            f"The PDF report needs the DejaVu Sans fonts; not found: {', '.join(missing)}. "
            "Install them with: apt-get install fonts-dejavu-core"
        )
    return paths


@cache
def _covered() -> frozenset[int]:
    """Code points every style of the report font can draw."""
    from fontTools.ttLib import TTFont

    sets = []
    for path in _font_paths().values():
        font = TTFont(str(path), lazy=True)
        try:
            sets.append(set(font.getBestCmap()))
        finally:
            font.close()
    return frozenset(set.intersection(*sets))


def printable(text: object) -> str:
    """Text the report font can draw: unknown glyphs become "□", one per emoji sequence.

    Control characters are dropped and line ends kept. Emoji sequences (joined with U+200D,
    skin-tone modifiers, variation selectors, keycaps, flags) become a single box.

    Parameters
    ----------
    text : object
        Any text; ``None`` gives "".

    Returns
    -------
    str
        Text safe to write with the report font.
    """
    if text is None:
        return ""
    covered = _covered()
    out: list[str] = []
    replaced = False  # the previous visible character was replaced
    joining = False  # a joiner follows a replaced character
    regional = False  # an unpaired regional indicator was replaced
    for ch in str(text):
        cp = ord(ch)
        if ch == _JOINER:
            joining = replaced
            continue
        if cp in _MODIFIERS:
            continue
        if ch in "\n\t":
            out.append(ch)
            replaced = joining = regional = False
            continue
        category = unicodedata.category(ch)
        if category in {"Cc", "Cf", "Cs"} or (category in {"Co", "Cn"} and cp not in covered):
            continue  # controls, bidi overrides, zero-width marks: never drawn
        if cp in _REGIONAL:
            if regional:  # second half of a flag
                regional = False
                continue
            out.append(PLACEHOLDER)
            replaced, joining, regional = True, False, True
            continue
        regional = False
        if joining:  # part of an emoji sequence already shown as a box
            joining = False
            continue
        if cp in covered:
            out.append(ch)
            replaced = False
        else:
            out.append(PLACEHOLDER)
            replaced = True
    return "".join(out)


@cache
def _can_shape() -> bool:
    try:
        import uharfbuzz  # noqa: F401
    except ImportError:  # optional: without it RTL text keeps its typed order
        return False
    return True


def _needs_shaping(text: str) -> bool:
    """Whether text holds right-to-left script or combining marks (shaping matters there)."""
    return any(
        ord(ch) > 0x2FF
        and (unicodedata.bidirectional(ch) in {"R", "AL", "AN"} or unicodedata.category(ch) == "Mn")
        for ch in text
    )


def _figure_key(fig: go.Figure, width: int, height: int) -> str:
    payload = json.dumps(fig.to_plotly_json(), sort_keys=True, default=str)
    return hashlib.sha256(f"{width}x{height}:{payload}".encode()).hexdigest()


def cached_svg(fig: go.Figure, width: int, height: int) -> str:
    """SVG of a figure from :func:`charts.figure_to_svg`, remembered for the last 64 figures.

    Raises
    ------
    charts.ChartRenderError
        When Chromium is missing or fails (nothing is cached then).
    """
    key = _figure_key(fig, width, height)
    with _svg_cache_lock:
        if key in _svg_cache:
            _svg_cache.move_to_end(key)
            return _svg_cache[key]
    svg = figure_to_svg(fig, width=width, height=height)
    with _svg_cache_lock:
        _svg_cache[key] = svg
        while len(_svg_cache) > SVG_CACHE_SIZE:
            _svg_cache.popitem(last=False)
    return svg


def clear_svg_cache() -> None:
    """Forget every cached chart SVG (benchmarks measure a cold build with it)."""
    with _svg_cache_lock:
        _svg_cache.clear()


def _svg_for_pdf(svg: str) -> str:
    # fpdf2's SVG parser rejects paths with no drawing in them ("d" empty or missing),
    # references to clip paths it skipped, and dash lengths with units ("9px, 9px")
    svg = _EMPTY_PATH.sub("", svg)
    svg = _CLIP.sub("", svg)  # plotly's clip paths: fpdf2 skips <clipPath>, so drop references
    svg = _DASHES.sub(lambda m: m.group(1) + m.group(2).replace("px", ""), svg)
    return printable(svg)


class _Document:
    """Layout helpers over one fpdf2 document."""

    def __init__(self, paper: str, title: str) -> None:
        from fpdf import FPDF

        class _Pdf(FPDF):
            def footer(self) -> None:
                self.set_y(-12)
                self.set_font(FAMILY, "", 7.5)
                self.set_text_color(*MUTED_RGB)
                self.cell(0, 5, f"Pedestal report · page {self.page_no()}", align="C")

        pdf = _Pdf(orientation="portrait", unit="mm", format=paper)
        for style, path in _font_paths().items():
            pdf.add_font(FAMILY, style, str(path))
        self.can_shape = _can_shape()
        self.shaping = False
        pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        pdf.set_auto_page_break(auto=True, margin=MARGIN_MM + 2)
        pdf.set_title(title)
        pdf.set_author("Pedestal")
        pdf.set_creator("Pedestal")
        pdf.set_lang("en")
        pdf.add_page()
        self.pdf = pdf

    # -- text ---------------------------------------------------------------------------
    def _prepare(self, text: object) -> str:
        """Printable text, with shaping switched on only for text that needs it (it is slow)."""
        clean = printable(text)
        wanted = self.can_shape and _needs_shaping(clean)
        if wanted != self.shaping:
            if wanted:
                self.pdf.set_text_shaping(use_shaping_engine=True, features={"liga": False})
            else:
                self.pdf.set_text_shaping(use_shaping_engine=False)
            self.shaping = wanted
        return clean

    def _font(self, size: float, style: str = "", rgb: tuple[int, int, int] = TEXT_RGB) -> None:
        self.pdf.set_font(FAMILY, style, size)
        self.pdf.set_text_color(*rgb)

    def heading(self, text: str, level: int = 1, *, keep: float = 18.0) -> None:
        """A heading kept on the same page as the next ``keep`` mm."""
        size = {0: 18.0, 1: 14.0, 2: 11.5}[level]
        space = {0: 0.0, 1: 6.0, 2: 3.5}[level]
        if self.pdf.will_page_break(space + size * 0.5 + keep):
            self.pdf.add_page()
        else:
            self.pdf.ln(space)
        self._font(size, "B")
        self.pdf.multi_cell(0, size * 0.5, self._prepare(text), new_x="LMARGIN", new_y="NEXT")
        if level == 1:
            y = self.pdf.get_y() + 0.8
            self.pdf.set_draw_color(200, 200, 200)
            self.pdf.set_line_width(0.4)
            self.pdf.line(self.pdf.l_margin, y, self.pdf.w - self.pdf.r_margin, y)
            self.pdf.ln(2.5)
        else:
            self.pdf.ln(1)

    def paragraph(
        self,
        text: str,
        *,
        size: float = BODY_PT,
        style: str = "",
        rgb: tuple[int, int, int] = TEXT_RGB,
        after: float = 1.5,
        keep: float = 0.0,
    ) -> None:
        if not text:
            return
        if keep and self.pdf.will_page_break(size * 0.5 + keep):
            self.pdf.add_page()
        self._font(size, style, rgb)
        self.pdf.multi_cell(
            0, size * 0.5, self._prepare(text), new_x="LMARGIN", new_y="NEXT", align="L"
        )
        self.pdf.ln(after)

    def pair(self, name: str, value: str, *, size: float = BODY_PT) -> None:
        """A bold name and its value on one wrapped line."""
        self._font(size, "B")
        self.pdf.write(size * 0.5, self._prepare(name) + " ")
        self._font(size)
        self.pdf.write(size * 0.5, self._prepare(value))
        self.pdf.ln(size * 0.5 + 0.8)

    def bullets(self, items: Iterable[str], *, marker: str = "•", size: float = BODY_PT) -> None:
        self.bullet_pairs(((marker, text) for text in items), size=size)

    def bullet_pairs(self, items: Iterable[tuple[str, str]], *, size: float = BODY_PT) -> None:
        indent = 5.5
        for marker, text in items:
            self._font(size)
            x = self.pdf.l_margin
            self.pdf.set_x(x)
            if self.pdf.will_page_break(size * 0.5):
                self.pdf.add_page()
            y = self.pdf.get_y()
            self.pdf.cell(indent, size * 0.5, self._prepare(marker))
            self.pdf.set_xy(x + indent, y)
            self.pdf.multi_cell(
                self.pdf.epw - indent,
                size * 0.5,
                self._prepare(text),
                new_x="LMARGIN",
                new_y="NEXT",
            )
            self.pdf.ln(0.8)

    # -- charts -------------------------------------------------------------------------
    def chart(self, chart: Chart, svg: str | None, problem: str | None) -> str | None:
        """Draw a chart (or a note in its place); return why it is missing, if it is."""
        pdf = self.pdf
        width = min(pdf.epw, CHART_MAX_WIDTH_MM)
        height = width * chart.height / CHART_WIDTH
        if svg is None:
            height = 16.0
        if pdf.will_page_break(height + 12):
            pdf.add_page()
        self._font(BODY_PT, "B")
        pdf.multi_cell(0, 5, self._prepare(chart.title), new_x="LMARGIN", new_y="NEXT")
        x = pdf.l_margin + (pdf.epw - width) / 2
        if svg is not None:
            try:
                pdf.image(io.BytesIO(svg.encode("utf-8")), x=x, y=pdf.get_y(), w=width)
            except Exception as err:
                svg, problem = None, f"the drawing could not be embedded ({err})"
            else:
                pdf.set_y(pdf.get_y() + height)
        if svg is None:
            pdf.set_draw_color(170, 170, 170)
            pdf.set_fill_color(245, 245, 245)
            self._font(SMALL_PT, "", MUTED_RGB)
            pdf.multi_cell(
                0,
                5,
                self._prepare(f"Chart not available: {problem or 'it could not be drawn'}"),
                border=1,
                fill=True,
                padding=2,
                new_x="LMARGIN",
                new_y="NEXT",
            )
        pdf.ln(1)
        self.paragraph(chart.description, size=SMALL_PT, rgb=MUTED_RGB, after=3)
        return None if svg is not None else (problem or "it could not be drawn")

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def _model(doc: _Document, model: ModelSection, svg: Callable[[Chart], None]) -> None:
    doc.heading(f"Role model {model.position}: {model.label}", level=2, keep=40)
    doc.paragraph(f"{model.kind_text} · {model.known_text}", size=SMALL_PT, rgb=MUTED_RGB)
    doc.paragraph(model.verdict_word, size=11.5, style="B", rgb=VERDICT_RGB[model.verdict])
    doc.paragraph(model.verdict_text)
    if model.drivers:
        doc.paragraph("What pushed it", style="B", after=0.5, keep=12)
        doc.bullet_pairs(
            (d.arrow, f"{d.name} ({d.direction}): {d.sentence}") for d in model.drivers
        )
    svg(model.pairs)
    if model.quality or model.practice:
        doc.paragraph("What you admire, practised as yourself", style="B", after=0.5, keep=12)
        if model.quality:
            doc.pair("Quality:", model.quality)
        if model.practice:
            doc.pair("This week:", model.practice)
        doc.pdf.ln(1)
    doc.paragraph("To reflect on", style="B", after=0.5, keep=14)
    doc.bullets(model.prompts)


def render_pdf(
    report: Report, *, paper: str = "A4", svg_renderer: SvgRenderer | None = None
) -> PdfReport:
    """Lay out the report as a PDF.

    Parameters
    ----------
    report : Report
        From :func:`reports.content.build_report`.
    paper : {"A4", "Letter"}
        Page size.
    svg_renderer : callable, optional
        ``(figure, width, height) -> svg``; defaults to :func:`cached_svg`. Tests pass one that
        raises :class:`charts.ChartRenderError` to check the no-Chromium path.

    Returns
    -------
    PdfReport
        The bytes, the page count and any charts left out (with why).

    Raises
    ------
    ReportError
        An unknown paper size, or the DejaVu fonts are not installed.
    """
    if paper not in PAPER_SIZES:
        raise ReportError(f"Paper size {paper!r} is not offered; choose one of {PAPER_SIZES}.")
    renderer = svg_renderer or cached_svg
    missing: list[str] = []
    problem: list[str] = []  # Chromium failed: skip the remaining charts at once
    reasons: list[str] = []
    # Chromium draws the charts in the background while the text is laid out
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pedestal-pdf-svg")
    pending: dict[str, Future[str]] = {
        chart.key: pool.submit(renderer, chart.figure, CHART_WIDTH, chart.height)
        for chart in report.charts
    }
    try:
        doc = _Document(paper, report.title)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise

    def draw(chart: Chart) -> None:
        svg = None
        if not problem:  # after the first failure, don't wait on Chromium again
            try:
                future = pending.get(chart.key)
                drawn = (
                    future.result()
                    if future is not None
                    else renderer(chart.figure, CHART_WIDTH, chart.height)
                )
                svg = _svg_for_pdf(drawn)
            except ChartRenderError as err:
                problem.append(str(err))
        why = doc.chart(chart, svg, problem[0] if problem else None)
        if why is not None:
            missing.append(chart.title)
            reasons.append(why)

    try:
        _lay_out(doc, report, draw)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    return PdfReport(
        data=doc.output(),
        paper=paper,
        pages=doc.pdf.page_no(),
        missing_charts=tuple(missing),
        chart_problem=reasons[0] if reasons else None,
    )


def _lay_out(doc: _Document, report: Report, draw: Callable[[Chart], None]) -> None:
    logging.getLogger("fpdf.svg").setLevel(logging.ERROR)  # plotly's clipPaths are skipped
    doc.heading(report.title, level=0)
    doc.paragraph(report.subtitle, rgb=MUTED_RGB, after=2)
    doc.pair("Check finished:", report.finished_text, size=SMALL_PT)
    doc.pair("Report made:", report.generated_text, size=SMALL_PT)
    doc.pair("Reference:", report.reference, size=SMALL_PT)
    doc.pair(
        "Questionnaires:",
        "; ".join(f"{title} ({version})" for title, version in report.versions),
        size=SMALL_PT,
    )
    doc.pair("Scoring version:", report.scoring_version, size=SMALL_PT)

    doc.heading("Your role models")
    if report.map_chart is not None:
        draw(report.map_chart)
    for model in report.models:
        _model(doc, model, draw)

    scales_height = min(doc.pdf.epw, CHART_MAX_WIDTH_MM) * report.scales_chart.height / CHART_WIDTH
    doc.heading("About you as a runner", keep=scales_height + 10)
    draw(report.scales_chart)
    for card in report.scale_cards:
        doc.heading(f"{card.title} ({card.questionnaire_title})", level=2)
        if card.scored:
            doc.pair(card.score_text, f"({card.pomp_text}; {card.band_text}; {card.answered_text})")
            doc.paragraph(card.meaning, after=0.5)
        else:
            doc.pair(card.score_text, f"({card.answered_text}).")
        doc.paragraph(card.cannot_tell, size=SMALL_PT, rgb=MUTED_RGB)

    if report.context:
        doc.heading("About your running")
        doc.bullets(f"{question} {answer}" for question, answer in report.context)
    doc.heading("One more thing")
    doc.paragraph(report.closing_prompt)
    doc.heading("What these results can and cannot tell")
    for text in report.limits:
        doc.paragraph(text)
    doc.heading("Sources")
    doc.paragraph("The questionnaires are in our own words, modelled on:", rgb=MUTED_RGB)
    doc.bullets(report.sources, size=SMALL_PT)
