"""Loading one attempt's results: scores with bands, verdicts, drivers and prompts.

Scores are always recomputed from the stored answers with ``scoring/``; nothing here is stored.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy import Engine

from questionnaires import Questionnaire, load_bank
from reports import wording
from scoring import SCORING_VERSION
from scoring.change import ReliableChange, reliable_change
from scoring.scales import scale_bounds, score_questionnaire
from scoring.uncertainty import design_values, scale_band, to_pomp
from scoring.verdict import (
    INSPIRATION,
    ORIENTATION,
    PROCESS,
    PROXIMITY,
    InsufficientAnswersError,
    Verdict,
    classify_admiration,
)
from services.steps import ROLE_MODEL_ID, SELF_QUESTIONNAIRES
from services.vocabulary import KNOWN, ROLE_MODEL_KINDS
from store.db import unit_of_work
from store.models import Submission
from store.queries import answers_by_questionnaire, role_model_answers

#: Questionnaires shown as score cards (the context questions are not scored).
SCORED_QUESTIONNAIRES = tuple(q for q in SELF_QUESTIONNAIRES if load_bank(q).scales)


@dataclass(frozen=True, slots=True, kw_only=True)
class ScaleResult:
    """One scale score with its 95 % band, in score units and POMP, and its meaning."""

    questionnaire_id: str
    questionnaire_title: str
    scale_id: str
    title: str
    score: float
    pomp: float
    low: float
    high: float
    pomp_low: float
    pomp_high: float
    minimum: float
    maximum: float
    n_answered: int
    n_items: int
    meaning: str
    cannot_tell: str

    @property
    def scored(self) -> bool:
        """Whether enough items were answered for a score."""
        return not math.isnan(self.score)


@dataclass(frozen=True, slots=True, kw_only=True)
class PairResult:
    """One bipolar pair for one role model (−3 … +3)."""

    item_id: str
    negative: str
    positive: str
    value: float


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleModelResult:
    """Everything the results say about one role model."""

    position: int
    label: str
    kind: str
    known: str
    quality: str | None
    practice: str | None
    scales: dict[str, ScaleResult]
    pairs: list[PairResult]
    verdict: Verdict | None
    verdict_problem: str | None
    prompts: list[str]

    def pairs_frame(self) -> pd.DataFrame:
        """The bipolar-pairs chart's data for this role model."""
        return pd.DataFrame(
            [
                {"negative": p.negative, "positive": p.positive, "value": p.value}
                for p in self.pairs
            ],
            columns=["negative", "positive", "value"],
        )

    @property
    def kind_text(self) -> str:
        """The kind of role model in words."""
        return ROLE_MODEL_KINDS.get(self.kind, self.kind)

    @property
    def known_text(self) -> str:
        """How the runner knows them, in words."""
        return KNOWN.get(self.known, self.known)


@dataclass(frozen=True, slots=True, kw_only=True)
class AttemptResults:
    """One finished (or in-progress) attempt, scored."""

    attempt_id: str
    started_at: datetime
    submitted_at: datetime | None
    versions: dict[str, int]
    scoring_version: str
    scales: list[ScaleResult]
    role_models: list[RoleModelResult]
    context: dict[str, str]
    limits: str = wording.GENERAL_LIMITS
    closing_prompt: str = wording.CLOSING_PROMPT

    def role_model_frame(self) -> pd.DataFrame:
        """One row per role model with a verdict: the role-model map's data."""
        rows = [
            {
                "label": rm.label,
                "proximity": rm.scales[PROXIMITY].pomp,
                "net": rm.verdict.net,
                "net_low": rm.verdict.band.low,
                "net_high": rm.verdict.band.high,
                "verdict": rm.verdict.label,
            }
            for rm in self.role_models
            if rm.verdict is not None
        ]
        columns = ["label", "proximity", "net", "net_low", "net_high", "verdict"]
        return pd.DataFrame(rows, columns=columns)

    def scale_frame(self) -> pd.DataFrame:
        """One row per scale card: the score-band chart's data."""
        return pd.DataFrame(
            [
                {
                    "title": s.title,
                    "pomp": s.pomp,
                    "low": max(0.0, s.pomp_low),
                    "high": min(100.0, s.pomp_high),
                }
                for s in self.scales
            ],
            columns=["title", "pomp", "low", "high"],
        )


def _scale_results(
    questionnaire: Questionnaire, answers: dict[str, int], meanings: dict[str, wording.Meaning]
) -> dict[str, ScaleResult]:
    frame = pd.DataFrame([answers], columns=questionnaire.item_ids, dtype="float64")
    scored = score_questionnaire(frame, questionnaire).iloc[0]
    results = {}
    for scale in questionnaire.scales:
        score = float(scored[scale.id])
        pomp = float(scored[f"{scale.id}_pomp"])
        low, high = scale_bounds(scale, questionnaire)
        band = scale_band(score, scale, questionnaire)
        meaning = meanings.get(scale.id)
        results[scale.id] = ScaleResult(
            questionnaire_id=questionnaire.id,
            questionnaire_title=questionnaire.title,
            scale_id=scale.id,
            title=scale.title,
            score=score,
            pomp=pomp,
            low=band.low,
            high=band.high,
            pomp_low=float(to_pomp(band.low, low, high)),
            pomp_high=float(to_pomp(band.high, low, high)),
            minimum=low,
            maximum=high,
            n_answered=int(scored[f"{scale.id}_n"]),
            n_items=len(scale.items),
            meaning=wording.describe(meaning, pomp) if meaning and not math.isnan(pomp) else "",
            cannot_tell=meaning.cannot_tell if meaning else "",
        )
    return results


def _pairs(questionnaire: Questionnaire, answers: dict[str, int]) -> list[PairResult]:
    pairs = []
    for item_id in questionnaire.scale(ORIENTATION).items:
        span = questionnaire.response_for(item_id)
        pairs.append(
            PairResult(
                item_id=item_id,
                negative=span.labels.get(span.min, str(span.min)),
                positive=span.labels.get(span.max, str(span.max)),
                value=float(answers.get(item_id, math.nan)),
            )
        )
    return pairs


def score_submission(submission: Submission) -> AttemptResults:
    """Score one submission row (with its answers and role models loaded)."""
    answers = answers_by_questionnaire(submission)
    scales: list[ScaleResult] = []
    for qid in SCORED_QUESTIONNAIRES:
        questionnaire = load_bank(qid)
        meanings = {sid: m for (q, sid), m in wording.MEANINGS.items() if q == qid}
        scales.extend(_scale_results(questionnaire, answers.get(qid, {}), meanings).values())

    block = load_bank(ROLE_MODEL_ID)
    models = []
    for row in submission.role_models:
        given = role_model_answers(row)
        verdict, problem = None, None
        try:
            verdict = classify_admiration(
                pd.DataFrame([given], columns=block.item_ids, dtype="float64"), block
            )
        except InsufficientAnswersError as err:
            problem = str(err)
        label = verdict.label if verdict else "mixed"
        models.append(
            RoleModelResult(
                position=row.position,
                label=row.label,
                kind=row.kind,
                known=row.known,
                quality=row.quality,
                practice=row.practice,
                scales=_scale_results(block, given, wording.ROLE_MODEL_MEANINGS),
                pairs=_pairs(block, given),
                verdict=verdict,
                verdict_problem=problem,
                prompts=wording.reflection_prompts(row.label, label, row.quality),
            )
        )
    context_q = load_bank("context")
    context = {
        context_q.item(item).text: context_q.response_for(item).labels.get(value, str(value))
        for item, value in answers.get("context", {}).items()
    }
    return AttemptResults(
        attempt_id=submission.id,
        started_at=submission.started_at,
        submitted_at=submission.submitted_at,
        versions=dict(submission.versions),
        scoring_version=SCORING_VERSION,
        scales=scales,
        role_models=models,
        context=context,
    )


def load_results(engine: Engine, attempt_id: str) -> AttemptResults | None:
    """Scored results of one attempt, or ``None`` if it does not exist.

    Callers check first, with :func:`services.returning.may_view`, that the asker may see it.
    """
    with unit_of_work(engine) as session:
        submission = session.get(Submission, attempt_id)
        return None if submission is None else score_submission(submission)


@dataclass(frozen=True, slots=True, kw_only=True)
class ScaleChange:
    """Change in one scale between two attempts."""

    title: str
    change: ReliableChange


def compare_attempts(before: AttemptResults, after: AttemptResults) -> list[ScaleChange]:
    """Reliable change (Jacobson–Truax) for every scale scored in both attempts."""
    changes = []
    earlier = {(s.questionnaire_id, s.scale_id): s for s in before.scales}
    for scale in after.scales:
        previous = earlier.get((scale.questionnaire_id, scale.scale_id))
        if previous is None or not (previous.scored and scale.scored):
            continue
        questionnaire = load_bank(scale.questionnaire_id)
        values = design_values(questionnaire.scale(scale.scale_id), questionnaire)
        change = reliable_change(
            previous.score, scale.score, sd=values.sd, reliability=values.reliability
        )
        changes.append(ScaleChange(title=scale.title, change=change))
    return changes


__all__ = [
    "INSPIRATION",
    "PROCESS",
    "AttemptResults",
    "PairResult",
    "RoleModelResult",
    "ScaleChange",
    "ScaleResult",
    "compare_attempts",
    "load_results",
    "score_submission",
]
