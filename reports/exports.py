"""The runner's data as files: long answers, wide scores, the whole attempt as JSON, a dictionary.

- ``answers.csv``: one row per answer (role-model answers carry the model's position and label).
- ``scores.csv``: one row; for each questionnaire the columns ``python -m scoring score --format
  csv`` writes (``<scale>``, ``<scale>_n``, ``<scale>_pomp``), prefixed ``<questionnaire>.``,
  numbers written the same way (``%.6g``); then ``role_model_<n>.`` columns per role model.
- ``attempt.json``: scores, bands, verdicts, drivers, versions, scoring version and answers.
- ``data_dictionary.csv``: every item (text, questionnaire, version, scales, reverse keys, range,
  labels) and every scale.

CSV text cells starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return get a leading
``'`` so spreadsheets don't run them as formulas; number columns stay numbers (a bipolar answer of
-2 is written as ``-2``).
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final

import pandas as pd

from questionnaires import INSTRUMENT_IDS, Questionnaire, load_bank

if TYPE_CHECKING:  # built in services; exports only read them
    from services.results import AttemptResults, ScaleResult

#: Number format shared with ``python -m scoring score --format csv``.
FLOAT_FORMAT: Final = "%.6g"
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
FORMAT_NAME: Final = "pedestal-attempt"
FORMAT_VERSION: Final = 1
ANSWER_COLUMNS: Final = (
    "attempt",
    "questionnaire",
    "version",
    "item",
    "item_text",
    "value",
    "value_label",
    "role_model_position",
    "role_model_label",
)
ROLE_MODEL_QUESTIONNAIRE: Final = "role_model"


@dataclass(frozen=True, slots=True, kw_only=True)
class AnswerRecord:
    """One stored answer, as the store holds it."""

    questionnaire: str
    version: int
    item: str
    value: int
    role_model_position: int | None = None
    role_model_label: str | None = None


# -- CSV safety -----------------------------------------------------------------------------
def neutralise(value: object) -> object:
    """Prefix a text cell that a spreadsheet would run as a formula with ``'``.

    Parameters
    ----------
    value : object
        A cell. Only ``str`` cells are changed; numbers (including -2) are returned as they are.

    Returns
    -------
    object
        The safe cell.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with text cells neutralised and numbers written like the scoring CLI."""
    safe = frame.copy()
    for column in safe.columns:
        if not (
            pd.api.types.is_numeric_dtype(safe[column]) or pd.api.types.is_bool_dtype(safe[column])
        ):
            safe[column] = safe[column].astype("object").map(neutralise)
    text = safe.to_csv(index=False, float_format=FLOAT_FORMAT, lineterminator="\n")
    return text.encode("utf-8")


# -- answers --------------------------------------------------------------------------------
def _bank(questionnaire_id: str) -> Questionnaire | None:
    try:
        return load_bank(questionnaire_id)
    except Exception:
        return None


def _item_text(bank: Questionnaire | None, version: int, item: str) -> str:
    """Item wording; empty when that version's wording is no longer in the bank."""
    if bank is None or bank.version != version or item not in bank.item_ids:
        return ""
    return bank.item(item).text


def answers_frame(attempt_id: str, answers: Sequence[AnswerRecord]) -> pd.DataFrame:
    """Long answers: one row per answered item, in questionnaire order.

    Parameters
    ----------
    attempt_id : str
        The attempt the answers belong to.
    answers : sequence of AnswerRecord
        Stored answers, self-check and role-model ones.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ANSWER_COLUMNS`; ``value`` and ``role_model_position`` are integers
        (nullable for the position).
    """
    order = {qid: n for n, qid in enumerate(INSTRUMENT_IDS)}
    rows = []
    for record in answers:
        bank = _bank(record.questionnaire)
        text = _item_text(bank, record.version, record.item)
        label = ""
        if text and bank is not None:
            label = bank.response_for(record.item).labels.get(record.value, "")
        position = bank.item_ids.index(record.item) if text and bank is not None else 10_000
        rows.append(
            {
                "attempt": attempt_id,
                "questionnaire": record.questionnaire,
                "version": record.version,
                "item": record.item,
                "item_text": text,
                "value": record.value,
                "value_label": label,
                "role_model_position": record.role_model_position,
                "role_model_label": record.role_model_label or "",
                "_order": (
                    record.role_model_position or 0,
                    order.get(record.questionnaire, 999),
                    record.questionnaire,
                    position,
                    record.item,
                ),
            }
        )
    rows.sort(key=lambda r: r["_order"])
    frame = pd.DataFrame(rows, columns=[*ANSWER_COLUMNS, "_order"]).drop(columns="_order")
    frame["version"] = frame["version"].astype("Int64")
    frame["value"] = frame["value"].astype("Int64")
    frame["role_model_position"] = frame["role_model_position"].astype("Int64")
    for column in ("attempt", "questionnaire", "item", "item_text", "value_label"):
        frame[column] = frame[column].astype("object")
    frame["role_model_label"] = frame["role_model_label"].astype("object")
    return frame


def answers_csv(attempt_id: str, answers: Sequence[AnswerRecord]) -> bytes:
    """:func:`answers_frame` as CSV bytes."""
    return to_csv_bytes(answers_frame(attempt_id, answers))


def wide_answers(answers: pd.DataFrame, questionnaire_id: str) -> pd.DataFrame:
    """One questionnaire's long answers as the wide table ``python -m scoring`` reads.

    Parameters
    ----------
    answers : pandas.DataFrame
        From :func:`answers_frame`.
    questionnaire_id : str
        Which questionnaire.

    Returns
    -------
    pandas.DataFrame
        Index ``respondent`` (the attempt, or ``attempt:model`` for role models), one column per
        item id in file order.
    """
    rows = answers[answers["questionnaire"] == questionnaire_id].copy()
    respondent = rows["attempt"].astype(str)
    has_model = rows["role_model_position"].notna()
    respondent[has_model] = (
        respondent[has_model]
        + ":"
        + rows.loc[has_model, "role_model_position"].astype("Int64").astype(str)
    )
    rows["respondent"] = respondent
    wide = rows.pivot(index="respondent", columns="item", values="value")
    bank = _bank(questionnaire_id)
    if bank is not None:
        wide = wide.reindex(columns=bank.item_ids)
    wide.columns.name = None
    return wide


# -- scores ---------------------------------------------------------------------------------
def _scale_columns(prefix: str, scale: ScaleResult) -> dict[str, Any]:
    return {
        f"{prefix}{scale.scale_id}": scale.score,
        f"{prefix}{scale.scale_id}_n": scale.n_answered,
        f"{prefix}{scale.scale_id}_pomp": scale.pomp,
    }


def scores_frame(results: AttemptResults) -> pd.DataFrame:
    """One row: every scale score like the scoring CLI, then each role model's scores and verdict.

    Returns
    -------
    pandas.DataFrame
        ``attempt``, ``scoring_version``; per questionnaire ``<q>.version`` then for each scale
        ``<q>.<scale>``, ``<q>.<scale>_n``, ``<q>.<scale>_pomp``; per role model ``role_model_<n>.``
        ``label``, ``kind``, ``known``, the same three columns per scale, and ``verdict``,
        ``net``, ``net_low``, ``net_high``.
    """
    row: dict[str, Any] = {
        "attempt": results.attempt_id,
        "scoring_version": results.scoring_version,
    }
    for scale in results.scales:
        q = scale.questionnaire_id
        if f"{q}.version" not in row:
            row[f"{q}.version"] = results.versions.get(q)
        row.update(_scale_columns(f"{q}.", scale))
    for model in results.role_models:
        prefix = f"role_model_{model.position}."
        row[f"{prefix}label"] = model.label
        row[f"{prefix}kind"] = model.kind
        row[f"{prefix}known"] = model.known
        row[f"{prefix}version"] = results.versions.get(ROLE_MODEL_QUESTIONNAIRE)
        for scale in model.scales.values():
            row.update(_scale_columns(prefix, scale))
        verdict = model.verdict
        row[f"{prefix}verdict"] = verdict.label if verdict else ""
        row[f"{prefix}net"] = verdict.net if verdict else math.nan
        row[f"{prefix}net_low"] = verdict.band.low if verdict else math.nan
        row[f"{prefix}net_high"] = verdict.band.high if verdict else math.nan
    frame = pd.DataFrame([row])
    for column in frame.columns:
        if column.endswith(("_n", ".version")):
            frame[column] = frame[column].astype("Int64")
        elif isinstance(row[column], str):
            frame[column] = frame[column].astype("object")
        else:
            frame[column] = frame[column].astype("float64")
    return frame


def scores_csv(results: AttemptResults) -> bytes:
    """:func:`scores_frame` as CSV bytes."""
    return to_csv_bytes(scores_frame(results))


# -- JSON -----------------------------------------------------------------------------------
def _number(value: object) -> float | int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    number = float(value)  # type: ignore[arg-type]
    return None if math.isnan(number) or math.isinf(number) else number


def _when(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def _scale_dict(scale: ScaleResult, versions: Mapping[str, int]) -> dict[str, Any]:
    return {
        "questionnaire": scale.questionnaire_id,
        "questionnaire_version": versions.get(scale.questionnaire_id),
        "scale": scale.scale_id,
        "title": scale.title,
        "score": _number(scale.score),
        "n_answered": scale.n_answered,
        "n_items": scale.n_items,
        "minimum": _number(scale.minimum),
        "maximum": _number(scale.maximum),
        "pomp": _number(scale.pomp),
        "band": {
            "level": 0.95,
            "low": _number(scale.low),
            "high": _number(scale.high),
            "pomp_low": _number(scale.pomp_low),
            "pomp_high": _number(scale.pomp_high),
        },
        "meaning": scale.meaning,
        "cannot_tell": scale.cannot_tell,
    }


def attempt_dict(
    results: AttemptResults,
    answers: Sequence[AnswerRecord],
    *,
    exported_at: datetime | None = None,
) -> dict[str, Any]:
    """The whole attempt as plain JSON-ready data (missing numbers are ``None``)."""
    versions = dict(results.versions)
    models = []
    for model in results.role_models:
        verdict = model.verdict
        models.append(
            {
                "position": model.position,
                "label": model.label,
                "kind": model.kind,
                "known": model.known,
                "quality": model.quality,
                "practice": model.practice,
                "scales": {sid: _scale_dict(s, versions) for sid, s in model.scales.items()},
                "pairs": [
                    {
                        "item": p.item_id,
                        "negative": p.negative,
                        "positive": p.positive,
                        "value": _number(p.value),
                    }
                    for p in model.pairs
                ],
                "verdict": None
                if verdict is None
                else {
                    "label": verdict.label,
                    "net": _number(verdict.net),
                    "band": {
                        "level": _number(verdict.level),
                        "low": _number(verdict.band.low),
                        "high": _number(verdict.band.high),
                    },
                    "inspiration": _number(verdict.inspiration),
                    "discouragement": _number(verdict.discouragement),
                    "drivers": [
                        {
                            "input": d.input,
                            "value": _number(d.value),
                            "direction": d.direction,
                            "strength": _number(d.strength),
                            "sentence": d.sentence,
                        }
                        for d in verdict.drivers
                    ],
                    "limits": verdict.limits,
                },
                "verdict_problem": model.verdict_problem,
                "prompts": list(model.prompts),
            }
        )
    answer_rows = answers_frame(results.attempt_id, answers)
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "attempt_id": results.attempt_id,
        "started_at": _when(results.started_at),
        "submitted_at": _when(results.submitted_at),
        "exported_at": _when(exported_at or datetime.now(UTC)),
        "scoring_version": results.scoring_version,
        "versions": versions,
        "scales": [_scale_dict(s, versions) for s in results.scales],
        "role_models": models,
        "context": [{"question": q, "answer": a} for q, a in results.context.items()],
        "limits": results.limits,
        "answers": [
            {
                key: (
                    _number(value) if key in {"version", "value", "role_model_position"} else value
                )
                if not (value is pd.NA or value is None)
                else None
                for key, value in row.items()
            }
            for row in answer_rows.to_dict(orient="records")
        ],
    }


def attempt_json(results: AttemptResults, answers: Sequence[AnswerRecord]) -> bytes:
    """:func:`attempt_dict` as indented UTF-8 JSON (no NaN: missing numbers are ``null``)."""
    data = attempt_dict(results, answers)
    return (json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")


# -- data dictionary ------------------------------------------------------------------------
DICTIONARY_COLUMNS: Final = (
    "kind",
    "questionnaire",
    "questionnaire_title",
    "version",
    "id",
    "text",
    "scales",
    "reverse_in",
    "min",
    "max",
    "labels",
    "min_answered",
)


def dictionary_frame(questionnaire_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Every item and scale of the questionnaires (all of them by default).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`DICTIONARY_COLUMNS`. ``kind`` is "item" or "scale". For an item,
        ``scales`` lists the scales it counts in and ``reverse_in`` those where it is reversed
        (reversed value = min + max − value); for a scale, ``scales`` lists its items and
        ``reverse_in`` its reversed items. ``labels`` reads "1=Strongly disagree; 5=…".
    """
    rows = []
    for qid in questionnaire_ids or INSTRUMENT_IDS:
        bank = _bank(qid)
        if bank is None:
            continue
        common = {
            "questionnaire": bank.id,
            "questionnaire_title": bank.title,
            "version": bank.version,
        }
        for item in bank.items:
            span = bank.response_for(item.id)
            rows.append(
                {
                    "kind": "item",
                    **common,
                    "id": item.id,
                    "text": item.text,
                    "scales": ";".join(s.id for s in bank.scales if item.id in s.items),
                    "reverse_in": ";".join(s.id for s in bank.scales if item.id in s.reverse),
                    "min": span.min,
                    "max": span.max,
                    "labels": "; ".join(f"{k}={v}" for k, v in sorted(span.labels.items())),
                    "min_answered": math.nan,
                }
            )
        for scale in bank.scales:
            spans = [bank.response_for(i) for i in scale.items]
            rows.append(
                {
                    "kind": "scale",
                    **common,
                    "id": scale.id,
                    "text": f"{scale.title}. {scale.description}".strip().rstrip("."),
                    "scales": ";".join(scale.items),
                    "reverse_in": ";".join(scale.reverse),
                    "min": min(s.min for s in spans),
                    "max": max(s.max for s in spans),
                    "labels": "",
                    "min_answered": scale.min_answered,
                }
            )
    frame = pd.DataFrame(rows, columns=list(DICTIONARY_COLUMNS))
    for column in ("version", "min", "max"):
        frame[column] = frame[column].astype("Int64")
    return frame


def data_dictionary_csv(questionnaire_ids: Iterable[str] | None = None) -> bytes:
    """:func:`dictionary_frame` as CSV bytes."""
    return to_csv_bytes(dictionary_frame(questionnaire_ids))


README: Final = """Pedestal data export
====================
answers.csv          one row per answer (role-model answers name the model's position and label)
scores.csv           one row: scale scores (columns as `python -m scoring score --format csv`,
                     prefixed with the questionnaire id), then each role model's scores and verdict
attempt.json         everything: scores, 95 % bands, verdicts, drivers, versions, answers
data_dictionary.csv  every item and scale: wording, version, scales, reverse keys, ranges, labels

Scores are recomputed from the answers with the scoring version named in each file.
Text cells that start with = + - @ are prefixed with ' so spreadsheets show them as text.
"""


def data_zip(results: AttemptResults, answers: Sequence[AnswerRecord]) -> bytes:
    """Every data file in one ZIP: answers, scores, attempt JSON, data dictionary, README."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README)
        archive.writestr("answers.csv", answers_csv(results.attempt_id, answers))
        archive.writestr("scores.csv", scores_csv(results))
        archive.writestr("attempt.json", attempt_json(results, answers))
        archive.writestr("data_dictionary.csv", data_dictionary_csv(list(results.versions)))
    return buffer.getvalue()
