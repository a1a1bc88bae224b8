"""Attempts with varied answers for the report and export tests and the benchmark.

Built through the real check services (no mocks), so the reports read exactly what the app stores.
"""

from __future__ import annotations

from datetime import UTC, datetime

from questionnaires import load_bank
from scoring.verdict import BIPOLAR_ITEMS
from services.check import (
    RoleModelInput,
    finish_check,
    new_attempt_id,
    save_answers,
    save_role_model_answers,
    save_role_models,
    start_check,
)
from services.results import AttemptResults, RoleModelResult, score_submission
from services.steps import SELF_QUESTIONNAIRES
from store.models import Answer, RoleModel, RoleModelAnswer, Submission

#: Three role models whose answers lead to three different verdicts.
PROFILES = ("lifting", "wearing", "mixed")
LABELS = ("<b>Bold</b> club mate", "Elite 🏃‍♀️ runner 🇰🇪", "שרה & 山田 <script>alert(1)</script>")


def varied_answers(questionnaire_id: str, shift: int = 0) -> dict[str, int]:
    """Every item answered, values spread over the range (not all the midpoint)."""
    bank = load_bank(questionnaire_id)
    answers = {}
    for n, item in enumerate(bank.items):
        span = bank.response_for(item.id)
        width = span.max - span.min + 1
        answers[item.id] = span.min + (n * 3 + shift) % width
    return answers


def role_model_answers(profile: str) -> dict[str, int]:
    """Role-model block answers that read as lifting, wearing down or mixed."""
    bank = load_bank("role_model")
    high = {"lifting": 7, "wearing": 2, "mixed": 4}[profile]
    low = {"lifting": 1, "wearing": 6, "mixed": 4}[profile]
    pair = {"lifting": 2, "wearing": -3, "mixed": 0}[profile]
    disc_items = set(bank.scale("discouragement").items)
    reverse = {i for s in bank.scales for i in s.reverse}
    answers = {}
    for n, item in enumerate(bank.items):
        if item.id in BIPOLAR_ITEMS:
            answers[item.id] = max(-3, min(3, pair + (n % 2)))
        elif item.id in disc_items:
            answers[item.id] = low
        elif item.id in reverse:
            answers[item.id] = 8 - high
        else:
            answers[item.id] = high
    return answers


def make_attempt(
    engine,
    n_models: int = 3,
    *,
    labels: tuple[str, ...] = LABELS,
    finish: bool = True,
) -> str:
    """A complete attempt with ``n_models`` role models (lifting, wearing, mixed …)."""
    attempt = new_attempt_id()
    start_check(engine, attempt)
    for shift, qid in enumerate(SELF_QUESTIONNAIRES):
        assert save_answers(engine, attempt, qid, varied_answers(qid, shift)) == []
    models = [
        RoleModelInput(label=labels[n % len(labels)], kind=kind, known=known)
        for n, (kind, known) in zip(
            range(n_models),
            [("mate", "personally"), ("elite", "afar"), ("online", "afar")],
            strict=False,
        )
    ]
    save_role_models(engine, attempt, models)
    qualities = ("Consistency", "Comeback after failure", '=HYPERLINK("http://x")')
    notes = ("Run with the slow group on Tuesday 🙂", "-2 km of walking breaks", "@me: rest")
    for position in range(1, n_models + 1):
        missing = save_role_model_answers(
            engine,
            attempt,
            position,
            role_model_answers(PROFILES[(position - 1) % 3]),
            quality=qualities[(position - 1) % 3],
            practice=notes[(position - 1) % 3],
        )
        assert missing == []
    if finish:
        finish_check(engine, attempt)
    return attempt


def results_with_labels(labels: list[str], n_models: int = 3) -> AttemptResults:
    """Scored results built in memory (no database), so labels may exceed the stored 60 chars."""
    submission = Submission(
        id=new_attempt_id(),
        versions={},
        steps_done=[],
        started_at=datetime(2025, 11, 25, 9, 30, tzinfo=UTC),
        submitted_at=datetime(2025, 11, 25, 9, 41, tzinfo=UTC),
    )
    versions = {}
    for shift, qid in enumerate(SELF_QUESTIONNAIRES):
        version = load_bank(qid).version
        versions[qid] = version
        submission.answers.extend(
            Answer(questionnaire=qid, version=version, item=item, value=value)
            for item, value in varied_answers(qid, shift).items()
        )
    versions["role_model"] = load_bank("role_model").version
    for position in range(1, n_models + 1):
        row = RoleModel(
            position=position,
            label=labels[(position - 1) % len(labels)],
            kind="elite",
            known="afar",
            quality="Patience",
            practice="Ten easy minutes",
        )
        row.answers.extend(
            RoleModelAnswer(version=versions["role_model"], item=item, value=value)
            for item, value in role_model_answers(PROFILES[(position - 1) % 3]).items()
        )
        submission.role_models.append(row)
    submission.versions = versions
    return score_submission(submission)


def verdict_words(model: RoleModelResult) -> str:
    """The verdict as the report writes it."""
    from reports.wording import verdict_headline

    if model.verdict is None:
        return "Not enough answers"
    return verdict_headline(model.verdict.label, model.verdict.net)
