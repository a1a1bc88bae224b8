"""Coming back with a result code: find past attempts, retake, delete everything."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, select

from questionnaires.errors import NotAllowedError
from services.check import new_attempt_id, start_check
from services.codes import hash_code, normalise_code
from store.db import unit_of_work
from store.models import Respondent, Submission, utcnow

#: How long after finishing the results stay open by the attempt link alone (a reload, a
#: dropped connection); after that the result code is needed.
RESULTS_GRACE = timedelta(hours=2)


@dataclass(frozen=True, slots=True, kw_only=True)
class AttemptSummary:
    """One finished attempt, newest last."""

    attempt_id: str
    submitted_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class ReturningRunner:
    """What a valid code opens: the runner's finished attempts and any unfinished retake."""

    respondent_id: str
    attempts: list[AttemptSummary]
    open_attempt_id: str | None


def find_respondent(engine: Engine, code: str) -> ReturningRunner | None:
    """The runner behind ``code``, or ``None``: a wrong code and a malformed one look the same."""
    if normalise_code(code) is None:
        return None
    with unit_of_work(engine) as session:
        respondent = session.scalar(
            select(Respondent).where(Respondent.code_hash == hash_code(code))
        )
        if respondent is None:
            return None
        return _summary(respondent)


def load_returning(engine: Engine, respondent_id: str) -> ReturningRunner | None:
    """Reload a runner already identified by code in this session."""
    with unit_of_work(engine) as session:
        respondent = session.get(Respondent, respondent_id)
        return None if respondent is None else _summary(respondent)


def _summary(respondent: Respondent) -> ReturningRunner:
    finished = sorted(
        (s for s in respondent.submissions if s.submitted_at is not None),
        key=lambda s: s.submitted_at,
    )
    unfinished = [s for s in respondent.submissions if s.submitted_at is None]
    return ReturningRunner(
        respondent_id=respondent.id,
        attempts=[AttemptSummary(attempt_id=s.id, submitted_at=s.submitted_at) for s in finished],
        open_attempt_id=unfinished[0].id if unfinished else None,
    )


def start_retake(engine: Engine, respondent_id: str) -> str:
    """A new attempt for a returning runner (or the unfinished one they already have)."""
    runner = load_returning(engine, respondent_id)
    if runner is None:
        raise NotAllowedError("These results no longer exist.")
    if runner.open_attempt_id:
        return runner.open_attempt_id
    return start_check(engine, new_attempt_id(), respondent_id=respondent_id)


def delete_everything(engine: Engine, respondent_id: str) -> int:
    """Delete the runner and every attempt, answer and role model; return attempts deleted."""
    with unit_of_work(engine) as session:
        ids = session.scalars(
            select(Submission.id).where(Submission.respondent_id == respondent_id)
        ).all()
        # ON DELETE CASCADE removes answers and role models with their submissions.
        session.execute(delete(Submission).where(Submission.respondent_id == respondent_id))
        session.execute(delete(Respondent).where(Respondent.id == respondent_id))
    return len(ids)


def canonical_attempt_id(text: str | None) -> str | None:
    """The standard spelling of an attempt id (lower case, hyphens), or ``None`` if not one."""
    try:
        return str(uuid.UUID(text or ""))
    except (ValueError, TypeError, AttributeError):
        return None


def may_view(
    engine: Engine, attempt_id: str, *, respondent_id: str | None, owner: bool = False
) -> bool:
    """Whether the asker may see this attempt's results.

    The attempt must exist and be finished. Then allowed: the session that finished it
    (``owner``), the runner identified by code in this session, or anyone holding the attempt
    link within :data:`RESULTS_GRACE` of finishing (the link is as unguessable as a code).
    """
    attempt_id = canonical_attempt_id(attempt_id)
    if attempt_id is None:
        return False
    with unit_of_work(engine) as session:
        submission = session.get(Submission, attempt_id)
        if submission is None or submission.submitted_at is None:
            return False
        if owner:
            return True
        if respondent_id is not None and submission.respondent_id == respondent_id:
            return True
        submitted = submission.submitted_at
        if submitted.tzinfo is None:  # SQLite hands back naive datetimes
            submitted = submitted.replace(tzinfo=utcnow().tzinfo)
        return utcnow() - submitted <= RESULTS_GRACE
