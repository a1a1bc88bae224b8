"""The runner's report as data: every section, sentence, number and chart, built once.

The HTML and the PDF renderers only lay out what :func:`build_report` returns, so the two formats
always say the same thing. Numbers are formatted here (and only here) with the same rules as the
Results page. User text (role-model labels, qualities, notes) is kept exactly as typed: each
renderer escapes it (HTML) or replaces glyphs its font lacks (PDF).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Final

import plotly.graph_objects as go

import charts
from questionnaires import load_bank
from reports import wording
from reports.wording import (
    DRIVER_ARROWS,
    format_band,
    format_pomp,
    format_score,
    verdict_headline,
    verdict_sentence,
)
from scoring.verdict import Driver

#: Paper sizes the PDF offers.
if TYPE_CHECKING:  # the result types are built in services; reports only read them
    from services.results import AttemptResults, RoleModelResult, ScaleResult

PAPER_SIZES: Final = ("A4", "Letter")
REPORT_TITLE: Final = "Pedestal: your results"
SUBTITLE: Final = "Does admiring these runners lift you up or wear you down?"

#: Chart sizes in CSS pixels (the SVG for the PDF and the HTML's default height).
CHART_WIDTH: Final = 640

_LABEL_TOKEN: Final = "\x00label\x00"
_QUALITY_TOKEN: Final = "\x00quality\x00"
_EMPHASIS = re.compile(r"\*(\w[^*]*?)\*")


@dataclass(frozen=True, slots=True, kw_only=True)
class Chart:
    """One chart: the app's own figure and its text alternative."""

    key: str
    title: str
    figure: go.Figure
    description: str

    @property
    def height(self) -> int:
        """Figure height in CSS pixels."""
        return int(self.figure.layout.height or 400)


@dataclass(frozen=True, slots=True, kw_only=True)
class ScaleCard:
    """One scale: score, band, POMP and what it means."""

    questionnaire_title: str
    title: str
    scored: bool
    score_text: str
    pomp_text: str
    band_text: str
    answered_text: str
    meaning: str
    cannot_tell: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DriverLine:
    """One driver of a verdict in words."""

    arrow: str
    name: str
    direction: str
    sentence: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelSection:
    """Everything the report says about one role model."""

    position: int
    label: str
    kind_text: str
    known_text: str
    verdict: str | None
    verdict_word: str
    verdict_text: str
    drivers: list[DriverLine]
    pairs: Chart
    quality: str | None
    practice: str | None
    prompts: list[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """The whole report, ready for a renderer."""

    title: str
    subtitle: str
    reference: str
    generated_text: str
    finished_text: str
    versions: list[tuple[str, str]]
    scoring_version: str
    scales_chart: Chart
    scale_cards: list[ScaleCard]
    map_chart: Chart | None
    models: list[ModelSection]
    context: list[tuple[str, str]]
    closing_prompt: str
    limits: list[str]
    sources: list[str]
    charts: list[Chart] = field(default_factory=list)


def format_when(moment: datetime | None) -> str:
    """A timestamp in UTC words, or "not finished"."""
    if moment is None:
        return "not finished"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return f"{moment.astimezone(UTC):%d %B %Y, %H:%M} UTC"


def scale_card(scale: ScaleResult) -> ScaleCard:
    """The card for one scale."""
    answered = (
        f"all {scale.n_items} items answered"
        if scale.n_answered == scale.n_items
        else f"{scale.n_answered} of {scale.n_items} items answered"
    )
    if not scale.scored:
        return ScaleCard(
            questionnaire_title=scale.questionnaire_title,
            title=scale.title,
            scored=False,
            score_text="Not enough answers for a score",
            pomp_text="",
            band_text="",
            answered_text=answered,
            meaning="",
            cannot_tell=scale.cannot_tell,
        )
    return ScaleCard(
        questionnaire_title=scale.questionnaire_title,
        title=scale.title,
        scored=True,
        score_text=format_score(scale.score, scale.minimum, scale.maximum),
        pomp_text=format_pomp(scale.pomp),
        band_text=format_band(scale.pomp_low, scale.pomp_high),
        answered_text=answered,
        meaning=scale.meaning,
        cannot_tell=scale.cannot_tell,
    )


def plain_prompts(model: RoleModelResult) -> list[str]:
    """Reflection prompts without Markdown emphasis; the runner's own words untouched.

    The prompts are built with placeholders first, so asterisks the runner typed in a label or
    quality survive while the prompt's own ``*you*`` becomes plain "you".
    """
    verdict = model.verdict.label if model.verdict else "mixed"
    quality = _QUALITY_TOKEN if model.quality else None
    prompts = []
    for prompt in wording.reflection_prompts(_LABEL_TOKEN, verdict, quality):
        text = _EMPHASIS.sub(r"\1", prompt)
        text = text.replace(_LABEL_TOKEN, model.label)
        if model.quality:
            text = text.replace(_QUALITY_TOKEN, model.quality.lower())
        prompts.append(text)
    return prompts


def _driver_name(driver: Driver, model: RoleModelResult) -> str:
    scale = model.scales.get(driver.input)
    if scale is not None:
        return scale.title
    for pair in model.pairs:
        if pair.item_id == driver.input:
            return f"{pair.negative} ↔ {pair.positive.lower()}"
    return driver.input


def _model_section(model: RoleModelResult) -> ModelSection:
    pairs = model.pairs_frame()
    chart = Chart(
        key=f"pairs-{model.position}",
        title="Feeling pairs",
        figure=charts.bipolar_pairs(pairs),
        description=charts.describe_bipolar_pairs(pairs),
    )
    verdict = model.verdict
    if verdict is None:
        word = "Not enough answers"
        text = "Not enough answers about this person to weigh inspiration against discouragement."
        drivers: list[DriverLine] = []
    else:
        word = verdict_headline(verdict.label, verdict.net)
        text = verdict_sentence(
            verdict.net,
            verdict.band.low,
            verdict.band.high,
            verdict.inspiration,
            verdict.discouragement,
        )
        drivers = [
            DriverLine(
                arrow=DRIVER_ARROWS.get(d.direction, "·"),
                name=_driver_name(d, model),
                direction=d.direction,
                sentence=d.sentence,
            )
            for d in verdict.drivers
        ]
    return ModelSection(
        position=model.position,
        label=model.label,
        kind_text=model.kind_text,
        known_text=model.known_text,
        verdict=verdict.label if verdict else None,
        verdict_word=word,
        verdict_text=text,
        drivers=drivers,
        pairs=chart,
        quality=model.quality,
        practice=model.practice,
        prompts=plain_prompts(model),
    )


def sources_for(questionnaire_ids: list[str]) -> list[str]:
    """The works the questionnaires were modelled on (their ``modelled_on``), deduplicated."""
    seen: dict[str, None] = {}
    for qid in questionnaire_ids:
        try:
            bank = load_bank(qid)
        except Exception:  # an unknown id in old data: no sources to add
            continue
        for source in bank.modelled_on:
            seen.setdefault(source.strip(), None)
    return sorted(seen)


def _versions(results: AttemptResults) -> list[tuple[str, str]]:
    rows = []
    for qid, version in sorted(results.versions.items()):
        try:
            title = load_bank(qid).title
        except Exception:
            title = qid
        rows.append((title, f"{qid} v{version}"))
    return rows


def _limits(results: AttemptResults) -> list[str]:
    texts = [results.limits]
    for model in results.role_models:
        if model.verdict is not None:
            texts.append(model.verdict.limits)
            break
    for scale in results.scales:
        if scale.cannot_tell:
            texts.append(f"{scale.title}: {scale.cannot_tell}")
    return list(dict.fromkeys(t for t in texts if t))


def build_report(results: AttemptResults, *, generated_at: datetime | None = None) -> Report:
    """Build every section of the runner's report from scored results.

    Parameters
    ----------
    results : AttemptResults
        One attempt, scored by :func:`services.results.score_submission`.
    generated_at : datetime, optional
        When the report is made; now (UTC) by default.

    Returns
    -------
    Report
        Sections, texts and the app's chart figures with their text alternatives.
    """
    scale_data = results.scale_frame()
    scales_chart = Chart(
        key="scales",
        title="Your scale scores (0–100, with 95 % bands)",
        figure=charts.scale_bands(scale_data),
        description=charts.describe_scale_bands(scale_data),
    )
    frame = results.role_model_frame()
    map_chart = None
    if len(frame):
        map_chart = Chart(
            key="map",
            title="Role-model map",
            figure=charts.role_model_map(frame),
            description=charts.describe_role_model_map(frame),
        )
    models = [_model_section(m) for m in results.role_models]
    # document order: the map, each model's pairs, then the runner's own scales
    all_charts = [*([map_chart] if map_chart else []), *(m.pairs for m in models), scales_chart]
    return Report(
        title=REPORT_TITLE,
        subtitle=SUBTITLE,
        reference=results.attempt_id[:8],
        generated_text=format_when(generated_at or datetime.now(UTC)),
        finished_text=format_when(results.submitted_at),
        versions=_versions(results),
        scoring_version=results.scoring_version,
        scales_chart=scales_chart,
        scale_cards=[scale_card(s) for s in results.scales],
        map_chart=map_chart,
        models=models,
        context=list(results.context.items()),
        closing_prompt=results.closing_prompt,
        limits=_limits(results),
        sources=sources_for(list(results.versions)),
        charts=all_charts,
    )
