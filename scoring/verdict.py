"""Role-model verdict: does admiring this person lift the runner up, or wear them down.

The ``role_model`` questionnaire is answered once per model. Its scale and item ids are fixed
and declared here once (:data:`SIMILARITY` … :data:`BIPOLAR_ITEMS`).

Notes
-----
- net = POMP(inspiration) − POMP(discouragement), from −100 to 100.
- Its band uses the standard error of a difference, SEM_net = √(SEM_I² + SEM_D²) in POMP units,
  where each SEM = SD · √(1 − r) from the scale's design values (or the defaults of
  :mod:`scoring.uncertainty`); band = net ± z · SEM_net (z = 1.96 at 95 %). Treating the two
  errors as independent is the usual simplification; a difference is noisier than its parts.
- Label: ``"inspiring"`` if the band lies wholly above 0, ``"discouraging"`` if wholly below,
  ``"mixed"`` otherwise. A band exactly touching 0 is mixed.
- Not enough answers for inspiration or discouragement (see :func:`scoring.scales.score_scale`):
  :func:`classify_admiration` raises :class:`InsufficientAnswersError` (the app shows "not
  enough answers"); :func:`verdicts_frame` gives a missing label and a ``reason``.
- Drivers: proximity, attainability and process visibility push towards inspiring when their
  POMP is above 50 and towards discouraging below 50 (strength = |POMP − 50| / 50); each
  bipolar pair pushes towards inspiring when its answer is above 0 (towards the positive pole)
  and towards discouraging below 0 (strength = |answer| / 3). Exactly at the midpoint is
  neutral. Drivers are sorted strongest first. They describe the answers; they are not a
  causal model of the verdict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from questionnaires.errors import InsufficientAnswersError, QuestionnaireError, ResponseDataError
from questionnaires.schema import Questionnaire, Uncertainty
from scoring.responses import prepare_responses
from scoring.scales import scale_bounds, score_questionnaire, score_scale
from scoring.uncertainty import (
    DEFAULT_LEVEL,
    ConfidenceInterval,
    scale_sem,
    standard_error_of_measurement,
    to_pomp_units,
    z_value,
)

# The role_model questionnaire's fixed ids: declared once, used by scoring, charts and reports.
SIMILARITY = "similarity"
ATTAINABILITY = "attainability"
PROXIMITY = "proximity"
PROCESS = "process"
INSPIRATION = "inspiration"
DISCOURAGEMENT = "discouragement"
ORIENTATION = "orientation"
#: Every scale the verdict reads.
ROLE_MODEL_SCALES: tuple[str, ...] = (
    SIMILARITY,
    ATTAINABILITY,
    PROXIMITY,
    PROCESS,
    INSPIRATION,
    DISCOURAGEMENT,
    ORIENTATION,
)
#: The four bipolar pairs (−3 … +3; negative pole at −3, positive pole at +3).
BIPOLAR_ITEMS: tuple[str, ...] = (
    "bp_envy_curiosity",
    "bp_shame_energy",
    "bp_erasure_possibility",
    "bp_obsession_respect",
)
#: Scales reported as drivers, in the order they are described.
# Similarity and attainability, not proximity: proximity is their union, so listing it too
# would count attainability twice.
DRIVER_SCALES: tuple[str, ...] = (SIMILARITY, ATTAINABILITY, PROCESS)

Label = Literal["inspiring", "discouraging", "mixed"]
Direction = Literal["towards inspiring", "towards discouraging", "neutral"]
TOWARDS_INSPIRING: Direction = "towards inspiring"
TOWARDS_DISCOURAGING: Direction = "towards discouraging"
NEUTRAL: Direction = "neutral"

#: What the verdict cannot tell; shown next to every verdict.
LIMITS = (
    "This compares how much this person inspires you with how much they discourage you, from "
    "one set of answers on one day. It cannot tell why you feel this way, whether it will stay "
    "the same, whether they are a good or bad person to follow, or anything about your running "
    "ability. 'Mixed' means your answers do not lean clearly either way once measurement "
    "uncertainty is allowed for; it does not mean something is wrong. Use it as a prompt to "
    "reflect, not as a label."
)

_SCALE_SENTENCES: dict[str, dict[Direction, str]] = {
    SIMILARITY: {
        TOWARDS_INSPIRING: (
            "They feel close to your own life and level, and people who feel like us tend to "
            "make admiration lift us."
        ),
        TOWARDS_DISCOURAGING: (
            "They feel far from your own life and level. Distant models can widen what seems "
            "possible, but day to day they more often make the gap feel wide."
        ),
        NEUTRAL: "They feel neither especially close nor far, so this doesn't push either way.",
    },
    ATTAINABILITY: {
        TOWARDS_INSPIRING: (
            "You see their level as within reach with time, which tends to make admiration "
            "lift you."
        ),
        TOWARDS_DISCOURAGING: (
            "Their level feels out of reach for someone like you right now. When a gap feels "
            "fixed, admiration more easily turns into comparing yourself down."
        ),
        NEUTRAL: (
            "You're unsure whether their level is within reach, so this doesn't push either way."
        ),
    },
    PROCESS: {
        TOWARDS_INSPIRING: (
            "They let you see the work and the hard parts, not just the results, which gives "
            "you a path to learn from rather than a highlight reel."
        ),
        TOWARDS_DISCOURAGING: (
            "You mostly see their results, not the process behind them. An edited highlight "
            "reel is easy to feel small next to."
        ),
        NEUTRAL: "You see some of their process and some only of results; this doesn't tip it.",
    },
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Driver:
    """One input and which way it pushed.

    Attributes
    ----------
    input : str
        Scale id (``proximity``, ``attainability``, ``process``) or bipolar item id.
    value : float
        POMP (0-100) for a scale, the answer (−3 … 3) for a bipolar pair.
    direction : {"towards inspiring", "towards discouraging", "neutral"}
        Which way this input points.
    strength : float
        0 (at the midpoint) to 1 (at an end).
    sentence : str
        The direction in plain, kind words.
    """

    input: str
    value: float
    direction: Direction
    strength: float
    sentence: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Verdict:
    """Verdict for one role model.

    Attributes
    ----------
    label : {"inspiring", "discouraging", "mixed"}
        From where the band of ``net`` lies relative to 0.
    net : float
        POMP(inspiration) − POMP(discouragement), −100 to 100.
    band : ConfidenceInterval
        Band of ``net`` at ``level``.
    level : float
        Confidence level of ``band``.
    inspiration, discouragement : float
        The two POMP scores.
    drivers : tuple of Driver
        Strongest first.
    limits : str
        What this verdict cannot tell.
    """

    label: Label
    net: float
    band: ConfidenceInterval
    level: float
    inspiration: float
    discouragement: float
    drivers: tuple[Driver, ...]
    limits: str = LIMITS


def _check_role_model(questionnaire: Questionnaire) -> None:
    scale_ids = {s.id for s in questionnaire.scales}
    for needed in (INSPIRATION, DISCOURAGEMENT):
        if needed not in scale_ids:
            raise QuestionnaireError(
                questionnaire.id,
                "scales",
                f"has no scale '{needed}'; a role-model verdict needs scales "
                f"'{INSPIRATION}' and '{DISCOURAGEMENT}'",
            )


def net_sem(
    questionnaire: Questionnaire, *, uncertainty: Mapping[str, Uncertainty] | None = None
) -> float:
    """SEM of net inspiration in POMP units: √(SEM_I² + SEM_D²).

    Parameters
    ----------
    questionnaire : Questionnaire
        The role-model questionnaire (design values of both scales).
    uncertainty : mapping of scale id to Uncertainty, optional
        Values estimated from data, used instead of the file's design values.
    """
    _check_role_model(questionnaire)
    sems = []
    for scale_id in (INSPIRATION, DISCOURAGEMENT):
        scale = questionnaire.scale(scale_id)
        if uncertainty and scale_id in uncertainty:
            values = uncertainty[scale_id]
            low, high = scale_bounds(scale, questionnaire)
            sem = standard_error_of_measurement(values.sd, values.reliability)
            sems.append(to_pomp_units(sem, high - low))
        else:
            sems.append(scale_sem(scale, questionnaire, pomp=True))
    return float(np.hypot(*sems))


def verdicts_frame(
    responses: pd.DataFrame,
    questionnaire: Questionnaire,
    *,
    level: float = DEFAULT_LEVEL,
    uncertainty: Mapping[str, Uncertainty] | None = None,
) -> pd.DataFrame:
    """Verdicts for many role models at once (vectorised).

    Parameters
    ----------
    responses : pandas.DataFrame
        One row per role model, one column per item id of ``questionnaire``; NaN where
        unanswered. Not modified.
    questionnaire : Questionnaire
        The role-model questionnaire.
    level : float, default 0.95
        Confidence level of the band.
    uncertainty : mapping of scale id to Uncertainty, optional
        Data-based SD and reliability overriding the file's design values.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``responses``: ``label`` (missing when it cannot be computed), ``net``,
        ``net_low``, ``net_high``, ``inspiration_pomp``, ``discouragement_pomp``,
        ``<scale>_pomp`` for each driver scale present, the bipolar answers (for items present
        in the questionnaire) and ``reason`` (empty, or why there is no label).
    """
    _check_role_model(questionnaire)
    prepared = prepare_responses(responses, questionnaire)
    scores = score_questionnaire(prepared, questionnaire, reasons=True)
    inspiration = scores[f"{INSPIRATION}_pomp"].to_numpy(dtype=float)
    discouragement = scores[f"{DISCOURAGEMENT}_pomp"].to_numpy(dtype=float)
    net = inspiration - discouragement
    half = z_value(level) * net_sem(questionnaire, uncertainty=uncertainty)
    low, high = net - half, net + half
    label = np.where(low > 0, "inspiring", np.where(high < 0, "discouraging", "mixed"))
    missing = np.isnan(net)
    label = np.where(missing, None, label).astype(object)
    reason = np.full(len(scores), "", dtype=object)
    for scale_id in (INSPIRATION, DISCOURAGEMENT):
        why = scores[f"{scale_id}_reason"].to_numpy(dtype=object)
        has = why != ""
        prefix = np.where(reason[has] != "", reason[has] + "; ", "")
        reason[has] = prefix + f"{scale_id}: " + why[has]
    frame = {
        "label": pd.array(label, dtype="str"),
        "net": net,
        "net_low": low,
        "net_high": high,
        f"{INSPIRATION}_pomp": inspiration,
        f"{DISCOURAGEMENT}_pomp": discouragement,
    }
    scale_ids = {s.id for s in questionnaire.scales}
    for scale_id in DRIVER_SCALES:
        if scale_id in scale_ids:
            frame[f"{scale_id}_pomp"] = scores[f"{scale_id}_pomp"].to_numpy(dtype=float)
    item_ids = set(questionnaire.item_ids)
    present = [item for item in BIPOLAR_ITEMS if item in item_ids]
    for item in present:
        frame[item] = prepared[item].to_numpy(dtype=float)
    frame["reason"] = pd.array(reason, dtype="str")
    return pd.DataFrame(frame, index=responses.index)


def _direction(signed: float) -> Direction:
    if signed > 0:
        return TOWARDS_INSPIRING
    if signed < 0:
        return TOWARDS_DISCOURAGING
    return NEUTRAL


def _in_sentence(label: str) -> str:
    """``Envy`` → ``envy`` inside a sentence; acronyms such as ``PB`` stay as they are."""
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


def _poles(questionnaire: Questionnaire, item: str) -> tuple[str, str]:
    response = questionnaire.response_for(item)
    negative = response.labels.get(response.min, "the first word of the pair")
    positive = response.labels.get(response.max, "the second word of the pair")
    return _in_sentence(negative), _in_sentence(positive)


def _bipolar_sentence(direction: Direction, value: float, negative: str, positive: str) -> str:
    if direction == TOWARDS_INSPIRING:
        return (
            f"You lean towards {positive} rather than {negative} ({value:+g}), which is how "
            "admiration that lifts you usually feels."
        )
    if direction == TOWARDS_DISCOURAGING:
        return (
            f"You lean towards {negative} rather than {positive} ({value:+g}). That is common "
            "and worth noticing kindly, not a flaw; it can be a sign this comparison costs you."
        )
    return f"You sit midway between {negative} and {positive}, so this pair doesn't tip it."


def admiration_drivers(row: pd.Series, questionnaire: Questionnaire) -> tuple[Driver, ...]:
    """Drivers from one row of :func:`verdicts_frame`, strongest first (see module notes)."""
    drivers: list[Driver] = []
    for scale_id in DRIVER_SCALES:
        column = f"{scale_id}_pomp"
        if column not in row.index or pd.isna(row[column]):
            continue
        value = float(row[column])
        direction = _direction(value - 50.0)
        drivers.append(
            Driver(
                input=scale_id,
                value=value,
                direction=direction,
                strength=min(abs(value - 50.0) / 50.0, 1.0),
                sentence=_SCALE_SENTENCES[scale_id][direction],
            )
        )
    for item in BIPOLAR_ITEMS:
        if item not in row.index or pd.isna(row[item]):
            continue
        value = float(row[item])
        response = questionnaire.response_for(item)
        middle = (response.min + response.max) / 2
        reach = (response.max - response.min) / 2
        direction = _direction(value - middle)
        negative, positive = _poles(questionnaire, item)
        drivers.append(
            Driver(
                input=item,
                value=value,
                direction=direction,
                strength=min(abs(value - middle) / reach, 1.0),
                sentence=_bipolar_sentence(direction, value - middle, negative, positive),
            )
        )
    return tuple(sorted(drivers, key=lambda d: -d.strength))


def _one_row(answers: Mapping[str, object] | pd.Series | pd.DataFrame) -> pd.DataFrame:
    if isinstance(answers, pd.DataFrame):
        if len(answers) != 1:
            raise ResponseDataError(
                f"classify_admiration takes the answers about one role model, got {len(answers)} "
                "rows; use verdicts_frame for many"
            )
        return answers
    if isinstance(answers, pd.Series):
        return answers.to_frame().T.reset_index(drop=True)
    return pd.DataFrame([dict(answers)])


def classify_admiration(
    answers: Mapping[str, object] | pd.Series | pd.DataFrame,
    questionnaire: Questionnaire,
    *,
    level: float = DEFAULT_LEVEL,
    uncertainty: Mapping[str, Uncertainty] | None = None,
) -> Verdict:
    """Verdict for one role model from the runner's answers about them.

    Parameters
    ----------
    answers : mapping, pandas.Series or one-row pandas.DataFrame
        Item id → answer (NaN or absent = unanswered) for one role model.
    questionnaire : Questionnaire
        The role-model questionnaire.
    level : float, default 0.95
        Confidence level of the band.
    uncertainty : mapping of scale id to Uncertainty, optional
        Data-based SD and reliability overriding the file's design values.

    Returns
    -------
    Verdict

    Raises
    ------
    InsufficientAnswersError
        If inspiration or discouragement has too few answers for a score.
    ResponseDataError
        If an answer is out of range or not a number.

    Notes
    -----
    See the module notes for the formulas, thresholds and drivers.
    """
    row_frame = _one_row(answers)
    frame = verdicts_frame(row_frame, questionnaire, level=level, uncertainty=uncertainty)
    row = frame.iloc[0]
    if pd.isna(row["label"]):
        prepared_reasons = {}
        for scale_id in (INSPIRATION, DISCOURAGEMENT):
            scored = score_scale(row_frame, questionnaire.scale(scale_id), questionnaire)
            if scored["reason"].iloc[0]:
                prepared_reasons[scale_id] = str(scored["reason"].iloc[0])
        raise InsufficientAnswersError(prepared_reasons)
    return Verdict(
        label=str(row["label"]),  # type: ignore[arg-type]
        net=float(row["net"]),
        band=ConfidenceInterval(low=float(row["net_low"]), high=float(row["net_high"])),
        level=level,
        inspiration=float(row[f"{INSPIRATION}_pomp"]),
        discouragement=float(row[f"{DISCOURAGEMENT}_pomp"]),
        drivers=admiration_drivers(row, questionnaire),
    )
