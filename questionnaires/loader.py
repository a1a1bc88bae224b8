"""Load and validate questionnaire YAML files.

A broken file fails loudly with :class:`QuestionnaireError` naming the file, the field and the
problem, so someone writing their own file can fix it without reading our code.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from questionnaires.errors import QuestionnaireError
from questionnaires.schema import QUESTIONNAIRE_ID, FieldProblem, Questionnaire

#: Folder holding our own instruments.
BANK_DIR = Path(__file__).resolve().parent
#: The instruments of the self-check, in the order a runner meets them.
INSTRUMENT_IDS: tuple[str, ...] = (
    "self_efficacy",
    "comparison",
    "impostor",
    "reappraisal",
    "flow",
    "role_model",
)


def _describe(error: dict) -> tuple[str, str]:
    ctx = error.get("ctx") or {}
    loc = [str(part) for part in error["loc"]]
    cause = ctx.get("error")
    if isinstance(cause, FieldProblem):
        loc.append(cause.field)
    field = ".".join(loc)
    kind = error["type"]
    if kind == "extra_forbidden":
        return field, f"unknown key '{error['loc'][-1]}'; check its spelling against the format"
    if kind == "missing":
        return field, "is required but missing"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == QUESTIONNAIRE_ID:
        return field, (
            f"{error['input']!r} is not a questionnaire id "
            "(lower-case letters, digits, _ and - only, for example 'my_scale')"
        )
    if kind == "string_pattern_mismatch":
        return field, (
            f"{error['input']!r} is not a plain identifier "
            "(letters, digits and _, not starting with a digit)"
        )
    message = error["msg"].removeprefix("Value error, ")
    if "input" in error and kind != "value_error":
        message = f"{message} (got {error['input']!r})"
    return field, message


def parse_questionnaire(data: object, *, source: str = "<questionnaire>") -> Questionnaire:
    """Validate already-parsed YAML/JSON data as a questionnaire.

    Raises
    ------
    QuestionnaireError
        With the source, the first offending field and what is wrong.
    """
    if not isinstance(data, dict):
        raise QuestionnaireError(source, "", "the file must hold a mapping of keys (id, version…)")
    try:
        return Questionnaire.model_validate(data)
    except ValidationError as err:
        field, problem = _describe(err.errors()[0])
        raise QuestionnaireError(source, field, problem) from err


def load_questionnaire(path: str | Path) -> Questionnaire:
    """Read and validate one questionnaire file.

    Raises
    ------
    QuestionnaireError
        If the file cannot be read, is not YAML, or does not follow the format.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise QuestionnaireError(path.name, "", f"cannot be read ({err.strerror})") from err
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise QuestionnaireError(path.name, "", f"is not valid YAML: {err}") from err
    return parse_questionnaire(data, source=path.name)


@cache
def load_bank(questionnaire_id: str) -> Questionnaire:
    """Load one of our own instruments by id (cached: the files do not change while running)."""
    questionnaire = load_questionnaire(BANK_DIR / f"{questionnaire_id}.yaml")
    if questionnaire.id != questionnaire_id:
        raise QuestionnaireError(
            f"{questionnaire_id}.yaml",
            "id",
            f"is '{questionnaire.id}'; it must match the file name",
        )
    return questionnaire


def load_instruments() -> dict[str, Questionnaire]:
    """All instruments of the self-check, keyed by id, in the order a runner meets them."""
    return {qid: load_bank(qid) for qid in INSTRUMENT_IDS}
