"""Chart builders: data in, plotly Figure out; text alternatives; SVG export.

Behaviours
- every builder returns a Figure with the expected traces and points, and handles NaN and
  empty tables;
- the role-model map names its quadrants, draws dashed lines at x=50 and y=0, and shows
  each verdict with its own marker symbol as well as colour;
- user text is shortened on the chart, escaped everywhere, and kept whole in hover text;
- each ``describe_*`` names every label and value in plain words;
- ``figure_to_svg`` returns SVG with the label in it, through a real headless Chromium.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from charts import (
    FONT_FAMILY,
    ChartDataError,
    bipolar_pairs,
    change_over_attempts,
    describe_bipolar_pairs,
    describe_change_over_attempts,
    describe_role_model_map,
    describe_scale_bands,
    describe_team_distribution,
    figure_to_svg,
    quadrant_name,
    role_model_map,
    scale_bands,
    team_distribution,
)
from charts.text import chart_label, escape_for_plotly, plain_label, shorten
from charts.theme import VERDICT_STYLE

NAN = math.nan
XSS = "<img src=x onerror=alert(1)>"
LONG = "A" * 30 + " and a very long tail " + "B" * 460  # 500+ characters


def models(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(
        rows, columns=["label", "proximity", "net", "net_low", "net_high", "verdict"]
    )


THREE = models(
    ("Mara", 72, 35, 10, 60, "inspiring"),
    ("Coach Lee", 30, -40, -70, -10, "discouraging"),
    ("Sam", 55, 5, -20, 30, "mixed"),
)
PAIRS = pd.DataFrame(
    {
        "negative": ["Envy", "Shame", "Self-erasure", "Obsession"],
        "positive": ["Curiosity", "Energy", "Possibility", "Respect"],
        "value": [2, -3, NAN, 0],
    }
)
SCALES = pd.DataFrame(
    {
        "title": ["Proximity", "Process visibility", "Inspiration"],
        "pomp": [72.0, NAN, 55.5],
        "low": [60.0, NAN, -5.0],
        "high": [84.0, NAN, 71.0],
    }
)
HISTORY = pd.DataFrame(
    {
        "attempt": ["March", "March", "April", "April", "May", "May"],
        "scale": ["Inspiration", "Discouragement"] * 3,
        "pomp": [50, 40, 55, NAN, 70, 20],
        "low": [40, 30, 45, NAN, 60, 10],
        "high": [60, 50, 65, NAN, 80, 30],
    }
)


def figure_json(fig: go.Figure) -> str:
    return fig.to_json()


def annotation_texts(fig: go.Figure) -> list[str]:
    return [a.text for a in fig.layout.annotations]


def points(fig: go.Figure) -> int:
    return sum(len(t.x) for t in fig.data if t.x is not None)


# --- text helpers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mara", "Mara"),
        ("x" * 24, "x" * 24),
        ("x" * 25, "x" * 23 + "…"),
        ("word " * 10, "word word word word wor…"),
    ],
)
def test_labels_longer_than_24_characters_end_with_an_ellipsis(text, expected):
    assert plain_label(text, 24) == expected


def test_shortening_never_leaves_half_an_emoji_sequence():
    runner = "🏃\u200d♀️"
    cut = shorten("x" * 21 + runner + runner, 24)
    assert cut.endswith("…")
    assert "\u200d…" not in cut
    assert not cut[:-1].endswith("\u200d")


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        (XSS, "&lt;img src=x onerror=alert(1)&gt;"),
        ("<b>bold</b> & co", "&lt;b&gt;bold&lt;/b&gt; &amp; co"),
        ("$x^2$ pace", "&#36;x^2&#36; pace"),
        ('say "hi"', "say &quot;hi&quot;"),
    ],
)
def test_user_text_is_escaped_for_plotly(raw, escaped):
    assert escape_for_plotly(raw) == escaped


def test_control_characters_and_newlines_are_flattened_to_one_line():
    assert chart_label("Mara\n\tthe\u202e  runner\x00") == "Mara the runner"


# --- role-model map ---------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_role_model_map_draws_one_point_per_model(n):
    rows = [(f"Model {i}", 10 + 15 * i, 20 - 10 * i, 0, 40, "mixed") for i in range(n)]
    fig = role_model_map(models(*rows))
    assert isinstance(fig, go.Figure)
    assert points(fig) == n


def test_role_model_map_has_one_trace_per_verdict_named_in_the_legend():
    fig = role_model_map(THREE)
    assert [t.name for t in fig.data] == ["Inspiring", "Mixed", "Discouraging"]
    assert fig.layout.showlegend is True


def test_verdicts_differ_by_marker_symbol_not_only_by_colour():
    fig = role_model_map(THREE)
    symbols = {t.marker.symbol for t in fig.data}
    colours = {t.marker.color for t in fig.data}
    assert len(symbols) == 3
    assert len(colours) == 3
    assert len({style["symbol"] for style in VERDICT_STYLE.values()}) == len(VERDICT_STYLE)


@pytest.mark.parametrize(
    "quadrant",
    [
        "Close and lifting",
        "Distant but lifting",
        "Distant and discouraging",
        "Close but discouraging",
    ],
)
def test_role_model_map_names_every_quadrant_in_words(quadrant):
    assert quadrant in annotation_texts(role_model_map(THREE))


def test_role_model_map_draws_dashed_lines_at_the_middle_and_at_zero():
    shapes = role_model_map(THREE).layout.shapes
    assert {(s.x0, s.x1, s.line.dash) for s in shapes if s.xref == "x"} == {(50, 50, "dash")}
    assert {(s.y0, s.y1, s.line.dash) for s in shapes if s.yref == "y"} == {(0, 0, "dash")}


def test_role_model_map_axes_cover_0_to_100_and_minus_100_to_100_with_titles():
    fig = role_model_map(THREE)
    x0, x1 = fig.layout.xaxis.range
    y0, y1 = fig.layout.yaxis.range
    assert x0 <= 0
    assert x1 >= 100
    assert y0 <= -100
    assert y1 >= 100
    assert fig.layout.xaxis.title.text == "Feels close and reachable →"
    assert fig.layout.yaxis.title.text == "Net inspiration (lifts ↑ / wears down ↓)"


def test_role_model_map_bands_are_error_bars_around_the_net_score():
    fig = role_model_map(THREE)
    inspiring = fig.data[0]
    assert inspiring.error_y.array == (25.0,)
    assert inspiring.error_y.arrayminus == (25.0,)


def test_role_model_map_escapes_html_in_labels_everywhere():
    fig = role_model_map(models((XSS, 40, 10, 0, 20, "mixed")))
    dumped = figure_json(fig)
    assert "<img" not in dumped
    assert "&lt;img src=x" in dumped
    assert describe_role_model_map(models((XSS, 40, 10, 0, 20, "mixed"))).count(XSS) == 1


def test_role_model_map_shortens_long_labels_but_keeps_them_whole_in_hover():
    fig = role_model_map(models((LONG, 40, 10, 0, 20, "mixed")))
    (text,) = fig.data[0].text
    assert len(text) <= 24
    assert text.endswith("…")
    hover = fig.data[0].hovertext[0].replace("<br>", "")
    assert hover.count("B") == LONG.count("B")


def test_role_model_map_keeps_emoji_and_right_to_left_labels():
    label = "مريم 🏃‍♀️"
    fig = role_model_map(models((label, 60, 20, 5, 35, "inspiring")))
    assert fig.data[0].text == (label,)


def test_missing_bands_draw_the_point_without_an_error_bar():
    fig = role_model_map(models(("Mara", 72, 35, NAN, NAN, "inspiring")))
    assert points(fig) == 1
    assert fig.data[0].error_y.array == (None,)
    assert "no band available" in describe_role_model_map(
        models(("Mara", 72, 35, NAN, NAN, "inspiring"))
    )


def test_models_without_a_score_are_listed_as_not_placed_instead_of_drawn():
    data = models(("Mara", 72, 35, 10, 60, "inspiring"), ("Kit", NAN, NAN, NAN, NAN, None))
    fig = role_model_map(data)
    assert points(fig) == 1
    assert any("Not placed" in t and "Kit" in t for t in annotation_texts(fig))
    assert "'Kit' cannot be placed yet" in describe_role_model_map(data)


def test_an_empty_map_still_renders_with_a_message():
    fig = role_model_map(models())
    assert points(fig) == 0
    assert "No role models to show yet" in annotation_texts(fig)
    assert describe_role_model_map(models()).endswith("No role models to show yet.")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.drop(columns="net_low"), "missing column(s) 'net_low'"),
        (lambda d: d.assign(verdict="great"), "'great'"),
        (lambda d: d.to_dict(), "expected a pandas DataFrame"),
    ],
)
def test_bad_input_to_the_map_raises_a_message_that_says_what_to_fix(change, message):
    with pytest.raises(ChartDataError, match=message.replace("(", r"\(").replace(")", r"\)")):
        role_model_map(change(THREE))


@pytest.mark.parametrize(
    ("proximity", "net", "name"),
    [
        (72, 35, "Close and lifting"),
        (20, 35, "Distant but lifting"),
        (20, -35, "Distant and discouraging"),
        (50, -1, "Close but discouraging"),
    ],
)
def test_quadrant_names_follow_the_dashed_lines(proximity, net, name):
    assert quadrant_name(proximity, net) == name


def test_describe_role_model_map_names_every_model_its_verdict_and_quadrant():
    text = describe_role_model_map(THREE)
    for label, verdict in zip(THREE["label"], THREE["verdict"], strict=True):
        assert f"'{label}'" in text
        assert verdict in text
    assert (
        "'Mara' sits at closeness 72 of 100 and net inspiration +35 (band +10 to +60): "
        "inspiring, close and lifting." in text
    )
    assert "−40" in text


# --- bipolar pairs ----------------------------------------------------------------------


def test_bipolar_pairs_draws_a_bar_per_answered_pair_and_says_not_answered_for_the_rest():
    fig = bipolar_pairs(PAIRS)
    assert len(fig.data) == 1
    assert fig.data[0].orientation == "h"
    assert points(fig) == 3
    assert "not answered" in annotation_texts(fig)


def test_bipolar_values_are_printed_with_the_pole_they_lean_to():
    texts = bipolar_pairs(PAIRS).data[0].text
    assert texts == ("+2 curiosity", "−3 shame", "0 (in between)")


def test_bipolar_bars_differ_in_colour_and_in_side_of_zero():
    bar = bipolar_pairs(PAIRS).data[0]
    assert bar.x[0] > 0 > bar.x[1]
    assert bar.marker.color[0] != bar.marker.color[1]


def test_bipolar_pole_names_sit_on_both_sides_of_each_bar():
    texts = annotation_texts(bipolar_pairs(PAIRS))
    for neg, pos in zip(PAIRS["negative"], PAIRS["positive"], strict=True):
        assert f"← {neg}" in texts
        assert f"{pos} →" in texts


def test_bipolar_axis_runs_from_minus_3_to_plus_3_with_a_zero_line():
    fig = bipolar_pairs(PAIRS)
    low, high = fig.layout.xaxis.range
    assert -3.2 < low <= -3
    assert 3 <= high < 3.2
    assert any(s.x0 == 0 and s.x1 == 0 for s in fig.layout.shapes)


def test_bipolar_pole_names_are_escaped():
    data = PAIRS.assign(negative=[XSS, "Shame", "Self-erasure", "Obsession"])
    assert "<img" not in figure_json(bipolar_pairs(data))


def test_describe_bipolar_pairs_reads_each_pair():
    text = describe_bipolar_pairs(PAIRS)
    assert "Envy to curiosity: +2, leaning to curiosity." in text
    assert "Shame to energy: −3, leaning to shame." in text
    assert "Self-erasure to possibility: not answered." in text
    assert "Obsession to respect: 0, in between." in text


# --- scale bands ------------------------------------------------------------------------


def test_scale_bands_draw_a_point_and_band_per_scored_scale():
    fig = scale_bands(SCALES)
    assert points(fig) == 2
    assert fig.data[0].text == ("72", "55.5")
    assert fig.data[0].error_x.arrayminus == (12.0, 55.5)  # low clipped from −5 to 0


def test_scales_without_enough_answers_say_so():
    fig = scale_bands(SCALES)
    assert "not enough answers" in annotation_texts(fig)
    assert "Process visibility: not enough answers." in describe_scale_bands(SCALES)


def test_scale_bands_axis_covers_0_to_100():
    low, high = scale_bands(SCALES).layout.xaxis.range
    assert low <= 0
    assert high >= 100


def test_describe_scale_bands_gives_score_and_band():
    assert "Proximity: 72 of 100 (band 60 to 84)." in describe_scale_bands(SCALES)


# --- change over attempts ---------------------------------------------------------------


def test_change_draws_one_line_per_scale_in_attempt_order():
    fig = change_over_attempts(HISTORY)
    assert [t.name for t in fig.data] == ["Inspiration", "Discouragement"]
    assert all(t.mode == "lines+markers" for t in fig.data)
    assert list(fig.layout.xaxis.ticktext) == ["March", "April", "May"]
    assert points(fig) == 6


def test_change_lines_differ_by_symbol_and_dash_not_only_colour():
    fig = change_over_attempts(HISTORY)
    assert fig.data[0].marker.symbol != fig.data[1].marker.symbol
    assert fig.data[0].line.dash != fig.data[1].line.dash


def test_describe_change_lists_every_attempt_and_gaps():
    text = describe_change_over_attempts(HISTORY)
    assert "Inspiration: 50 at March (band 40 to 60); 55 at April" in text
    assert "no score at April" in text


# --- team distribution ------------------------------------------------------------------


def test_team_distribution_hides_groups_smaller_than_three():
    scores = pd.DataFrame(
        {"scale": ["Inspiration"] * 4 + ["Proximity"] * 2, "pomp": [10, 40, 60, 90, 50, 55]}
    )
    fig = team_distribution(scores)
    assert len(fig.data) == 1
    assert points(fig) == 4
    assert "fewer than 3 answers: hidden" in annotation_texts(fig)
    text = describe_team_distribution(scores)
    assert "Inspiration: 4 runners, median 50" in text
    assert "Proximity: fewer than 3 answers: hidden." in text


# --- every builder ----------------------------------------------------------------------

BUILDERS = [
    (role_model_map, THREE),
    (bipolar_pairs, PAIRS),
    (scale_bands, SCALES),
    (change_over_attempts, HISTORY),
    (team_distribution, pd.DataFrame({"scale": ["Inspiration"] * 3, "pomp": [10, 50, 90]})),
]


@pytest.mark.parametrize(("build", "data"), BUILDERS)
def test_every_chart_uses_the_pdf_font_and_fits_a_phone(build, data):
    fig = build(data)
    assert fig.layout.template.layout.font.family == FONT_FAMILY
    assert fig.layout.autosize is True
    assert 200 <= fig.layout.height <= 560
    assert fig.layout.width is None


@pytest.mark.parametrize(("build", "data"), BUILDERS)
def test_builders_leave_their_input_unchanged(build, data):
    before = data.copy()
    build(data)
    pd.testing.assert_frame_equal(data, before)


@pytest.mark.parametrize(("build", "data"), BUILDERS)
def test_charts_need_no_network_to_draw(build, data):
    dumped = figure_json(build(data))
    assert "mapbox" not in dumped
    assert "http" not in dumped


# --- SVG export (real headless Chromium) ------------------------------------------------


def test_figure_to_svg_returns_svg_with_the_escaped_label():
    fig = role_model_map(models(("Mara <3", 72, 35, 10, 60, "inspiring")))
    svg = figure_to_svg(fig, width=360)
    assert svg.startswith("<svg")
    assert "Mara &lt;3" in svg or "Mara &#60;3" in svg
    assert "Close and lifting" in svg
    assert "DejaVu Sans" in svg


def test_figure_to_svg_without_chromium_says_how_to_install_it(tmp_path):
    script = (
        "import charts\n"
        "fig = charts.scale_bands(__import__('pandas').DataFrame("
        "{'title': ['A'], 'pomp': [50], 'low': [40], 'high': [60]}))\n"
        "try:\n"
        "    charts.figure_to_svg(fig)\n"
        "except charts.ChartRenderError as err:\n"
        "    print('ERROR:', err)\n"
    )
    env = {**os.environ, "BROWSER_PATH": str(tmp_path / "no-chromium-here")}
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "ERROR:" in done.stdout
    assert "apt-get install chromium" in done.stdout
    assert "Traceback" not in done.stderr
