"""Use cases of the self-check: start, save a step, read progress back, finish.

Every function opens and closes its own unit of work, so a page can call it and forget it.
Saving is idempotent: the client-chosen attempt id is the key, and a step is replaced as a whole,
so a double submit, a retry after a dropped connection or a reload stores one copy.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from questionnaires import ResponseDataError, load_bank
from questionnaires.errors import CheckClosedError, InputError
from services.codes import hash_code, new_result_code
from services.steps import (
    MAX_ROLE_MODELS,
    OPTIONAL_QUESTIONNAIRES,
    ROLE_MODEL_ID,
    Step,
    check_steps,
)
from services.text import clean_text
from services.vocabulary import KNOWN, ROLE_MODEL_KINDS
from store.db import unit_of_work
from store.models import (
    LABEL_MAX,
    NOTE_MAX,
    QUALITY_MAX,
    Answer,
    Respondent,
    RoleModel,
    RoleModelAnswer,
    Submission,
    utcnow,
)
from store.queries import answers_by_questionnaire, role_model_answers

Answers = Mapping[str, int | None]


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleModelInput:
    """A role model as named on the role-models step."""

    label: str
    kind: str
    known: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleModelProgress:
    """A named role model with what has been answered about them so far."""

    position: int
    label: str
    kind: str
    known: str
    quality: str | None
    practice: str | None
    answers: dict[str, int]


@dataclass(frozen=True, slots=True, kw_only=True)
class Progress:
    """Everything saved for one attempt: enough to resume on any device."""

    attempt_id: str
    answers: dict[str, dict[str, int]]
    role_models: list[RoleModelProgress]
    steps_done: list[str]
    submitted_at: datetime | None
    is_retake: bool
    steps: list[Step] = field(default_factory=list)

    @property
    def next_step(self) -> int:
        """Index of the first step not yet completed (``len(steps)`` when all are done)."""
        for index, step in enumerate(self.steps):
            if step.key not in self.steps_done:
                return index
        return len(self.steps)

    @property
    def complete(self) -> bool:
        """True when every step has been completed."""
        return self.next_step == len(self.steps)


@dataclass(frozen=True, slots=True, kw_only=True)
class FinishResult:
    """What finishing gives back: a new result code, only for a first-time runner."""

    attempt_id: str
    code: str | None
    already_finished: bool


def new_attempt_id() -> str:
    """A fresh, unguessable attempt id for the client to keep in the URL."""
    return str(uuid.uuid4())


def _valid_attempt_id(attempt_id: str) -> str:
    try:
        return str(uuid.UUID(attempt_id))
    except (ValueError, TypeError, AttributeError) as err:
        raise CheckClosedError("That link does not point to a check. Start a new one.") from err


def _open_submission(session: Session, attempt_id: str) -> Submission:
    submission = session.get(Submission, attempt_id)
    if submission is None:
        raise CheckClosedError("We could not find this check. Start a new one.")
    if submission.submitted_at is not None:
        raise CheckClosedError("This check is finished, so it takes no more answers.")
    return submission


def start_check(engine: Engine, attempt_id: str, *, respondent_id: str | None = None) -> str:
    """Create the attempt if it does not exist yet (safe to call twice); return its id."""
    attempt_id = _valid_attempt_id(attempt_id)
    try:
        with unit_of_work(engine) as session:
            if session.get(Submission, attempt_id) is None:
                session.add(Submission(id=attempt_id, respondent_id=respondent_id))
    except IntegrityError:
        # A concurrent double submit created it first: that is the same attempt.
        pass
    return attempt_id


def _mark(submission: Submission, key: str, done: bool) -> None:
    steps = [s for s in submission.steps_done if s != key]
    if done:
        steps.append(key)
    submission.steps_done = steps  # a new list, so the JSON column is seen as changed
    submission.updated_at = utcnow()


def _check_values(questionnaire_id: str, answers: Answers) -> dict[str, int]:
    questionnaire = load_bank(questionnaire_id)
    known = set(questionnaire.item_ids)
    given: dict[str, int] = {}
    for item_id, value in answers.items():
        if item_id not in known:
            raise ResponseDataError(f"{questionnaire_id}: there is no item '{item_id}'.")
        if value is None:
            continue
        span = questionnaire.response_for(item_id)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ResponseDataError(f"{questionnaire_id}: item '{item_id}' needs a whole number.")
        if not span.min <= value <= span.max:
            raise ResponseDataError(
                f"{questionnaire_id}: item '{item_id}' has {value}; answers run "
                f"{span.min}-{span.max}."
            )
        given[item_id] = value
    return given


def missing_items(questionnaire_id: str, answers: Answers) -> list[str]:
    """Item ids still unanswered, in question order (none for optional steps)."""
    if questionnaire_id in OPTIONAL_QUESTIONNAIRES:
        return []
    return [i for i in load_bank(questionnaire_id).item_ids if answers.get(i) is None]


def save_answers(
    engine: Engine, attempt_id: str, questionnaire_id: str, answers: Answers
) -> list[str]:
    """Store one questionnaire step (answered items only) and return the unanswered item ids.

    The step counts as done only when nothing required is missing, but what *was* answered is
    kept either way, so nothing typed is lost.
    """
    if questionnaire_id == ROLE_MODEL_ID:
        raise InputError("Role-model answers are saved per role model.")
    given = _check_values(questionnaire_id, answers)
    missing = missing_items(questionnaire_id, answers)
    version = load_bank(questionnaire_id).version
    start_check(engine, attempt_id)
    with unit_of_work(engine) as session:
        submission = _open_submission(session, _valid_attempt_id(attempt_id))
        session.execute(
            delete(Answer).where(
                Answer.submission_id == submission.id, Answer.questionnaire == questionnaire_id
            )
        )
        session.add_all(
            Answer(
                submission_id=submission.id,
                questionnaire=questionnaire_id,
                version=version,
                item=item,
                value=value,
            )
            for item, value in given.items()
        )
        submission.versions = {**submission.versions, questionnaire_id: version}
        _mark(submission, questionnaire_id, done=not missing)
    return missing


def clean_role_models(models: Sequence[RoleModelInput]) -> list[RoleModelInput]:
    """Validate the named role models; raise :class:`InputError` naming the first problem."""
    if not 1 <= len(models) <= MAX_ROLE_MODELS:
        raise InputError(f"Name between 1 and {MAX_ROLE_MODELS} people you admire.")
    cleaned = []
    for n, model in enumerate(models, start=1):
        label = clean_text(model.label, field=f"Name {n}", max_length=LABEL_MAX, required=True)
        if model.kind not in ROLE_MODEL_KINDS:
            raise InputError(f"Choose what kind of role model person {n} is.")
        if model.known not in KNOWN:
            raise InputError(f"Choose how you know person {n}.")
        cleaned.append(RoleModelInput(label=label or "", kind=model.kind, known=model.known))
    return cleaned


def save_role_models(engine: Engine, attempt_id: str, models: Sequence[RoleModelInput]) -> None:
    """Store the 1–3 named role models.

    The same name (ignoring case) keeps the answers given about that person; a new name in a
    slot is a new person, so the old person's answers are deleted, never reused.
    """
    cleaned = clean_role_models(models)
    start_check(engine, attempt_id)
    with unit_of_work(engine) as session:
        submission = _open_submission(session, _valid_attempt_id(attempt_id))
        existing = {rm.position: rm for rm in submission.role_models}
        for position, model in enumerate(cleaned, start=1):
            row = existing.pop(position, None)
            if row is not None and row.label.casefold() != model.label.casefold():
                # Another name is another person: answers about the old one must not carry over.
                session.delete(row)
                session.flush()
                _mark(submission, f"role_model_{position}", done=False)
                row = None
            if row is None:
                row = RoleModel(submission_id=submission.id, position=position)
                session.add(row)
            row.label, row.kind, row.known = model.label, model.kind, model.known
        for position, row in existing.items():
            session.delete(row)
            _mark(submission, f"role_model_{position}", done=False)
        _mark(submission, "role_models", done=True)


def save_role_model_answers(
    engine: Engine,
    attempt_id: str,
    position: int,
    answers: Answers,
    *,
    quality: str | None,
    practice: str | None,
) -> list[str]:
    """Store the role-model block for one person; return unanswered item ids (and keep the rest)."""
    given = _check_values(ROLE_MODEL_ID, answers)
    missing = missing_items(ROLE_MODEL_ID, answers)
    quality = clean_text(quality, field="The quality", max_length=QUALITY_MAX, required=False)
    practice = clean_text(practice, field="Your practice note", max_length=NOTE_MAX, required=False)
    version = load_bank(ROLE_MODEL_ID).version
    with unit_of_work(engine) as session:
        submission = _open_submission(session, _valid_attempt_id(attempt_id))
        row = session.scalar(
            select(RoleModel).where(
                RoleModel.submission_id == submission.id, RoleModel.position == position
            )
        )
        if row is None:
            raise InputError("Name this role model on the previous step first.")
        session.execute(delete(RoleModelAnswer).where(RoleModelAnswer.role_model_id == row.id))
        session.add_all(
            RoleModelAnswer(role_model_id=row.id, version=version, item=item, value=value)
            for item, value in given.items()
        )
        row.quality, row.practice = quality, practice
        submission.versions = {**submission.versions, ROLE_MODEL_ID: version}
        _mark(submission, f"role_model_{position}", done=not missing)
    return missing


def _progress(submission: Submission) -> Progress:
    models = [
        RoleModelProgress(
            position=rm.position,
            label=rm.label,
            kind=rm.kind,
            known=rm.known,
            quality=rm.quality,
            practice=rm.practice,
            answers=role_model_answers(rm),
        )
        for rm in submission.role_models
    ]
    return Progress(
        attempt_id=submission.id,
        answers=answers_by_questionnaire(submission),
        role_models=models,
        steps_done=list(submission.steps_done),
        submitted_at=submission.submitted_at,
        is_retake=submission.respondent_id is not None,
        steps=check_steps(len(models)),
    )


def load_progress(engine: Engine, attempt_id: str) -> Progress | None:
    """What has been saved for this attempt, or ``None`` if there is no such attempt."""
    try:
        attempt_id = _valid_attempt_id(attempt_id)
    except CheckClosedError:
        return None
    with unit_of_work(engine) as session:
        submission = session.get(Submission, attempt_id)
        return None if submission is None else _progress(submission)


def finish_check(engine: Engine, attempt_id: str) -> FinishResult:
    """Close the attempt; a first-time runner gets a result code, shown once and stored hashed.

    Calling it again (a double click) changes nothing and returns ``already_finished``.
    """
    attempt_id = _valid_attempt_id(attempt_id)
    with unit_of_work(engine) as session:
        submission = session.get(Submission, attempt_id)
        if submission is None:
            raise CheckClosedError("We could not find this check. Start a new one.")
        if submission.submitted_at is not None:
            return FinishResult(attempt_id=attempt_id, code=None, already_finished=True)
        progress = _progress(submission)
        if not progress.complete:
            step = progress.steps[progress.next_step]
            raise InputError(f"'{step.title}' still has unanswered questions.")
        code = None
        if submission.respondent_id is None:
            code = new_result_code()
            respondent = Respondent(id=str(uuid.uuid4()), code_hash=hash_code(code))
            session.add(respondent)
            session.flush()
            submission.respondent_id = respondent.id
        submission.submitted_at = utcnow()
    return FinishResult(attempt_id=attempt_id, code=code, already_finished=False)
