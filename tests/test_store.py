"""The store and the check use cases on real SQLite and real PostgreSQL.

Behaviours:
- migrations build exactly the tables the models describe;
- saving a step twice stores one copy (idempotent), and a double finish issues one code;
- unanswered items are named and the answered ones kept;
- a crash in the middle of saving a step leaves the previous state intact;
- a result code finds its runner; a wrong or malformed code finds nothing;
- deleting everything for a code removes every row;
- values outside an item's range and over-long labels are refused with a message.
"""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import event, func, select

from questionnaires import ResponseDataError, load_bank
from questionnaires.errors import CheckClosedError, InputError
from services.check import (
    RoleModelInput,
    finish_check,
    load_progress,
    new_attempt_id,
    save_answers,
    save_role_model_answers,
    save_role_models,
    start_check,
)
from services.returning import delete_everything, find_respondent, may_view, start_retake
from services.steps import SELF_QUESTIONNAIRES
from store.db import unit_of_work
from store.models import Answer, Base, Respondent, RoleModel, RoleModelAnswer, Submission


def full_answers(questionnaire_id: str, value: int | None = None) -> dict[str, int]:
    questionnaire = load_bank(questionnaire_id)
    answers = {}
    for item in questionnaire.items:
        span = questionnaire.response_for(item.id)
        answers[item.id] = value if value is not None else (span.min + span.max) // 2
    return answers


def complete_check(engine, n_models: int = 1, attempt_id: str | None = None) -> str:
    attempt = attempt_id or new_attempt_id()
    start_check(engine, attempt)
    for qid in SELF_QUESTIONNAIRES:
        assert save_answers(engine, attempt, qid, full_answers(qid)) == []
    models = [
        RoleModelInput(label=f"Model {n}", kind="mate", known="personally") for n in range(n_models)
    ]
    save_role_models(engine, attempt, models)
    for position in range(1, n_models + 1):
        missing = save_role_model_answers(
            engine, attempt, position, full_answers("role_model"), quality="Patience", practice="x"
        )
        assert missing == []
    return attempt


def count(engine, model) -> int:
    with unit_of_work(engine) as session:
        return session.scalar(select(func.count()).select_from(model))


def test_migrations_match_the_models(engine):
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_saving_the_same_step_twice_stores_one_copy(engine):
    attempt = new_attempt_id()
    answers = full_answers("impostor", 2)
    save_answers(engine, attempt, "impostor", answers)
    save_answers(engine, attempt, "impostor", answers)
    assert count(engine, Submission) == 1
    assert count(engine, Answer) == len(answers)


def test_a_step_with_gaps_names_them_and_keeps_the_rest(engine):
    attempt = new_attempt_id()
    answers = full_answers("comparison", 3)
    first, second = list(answers)[:2]
    answers[first] = None
    answers[second] = None
    missing = save_answers(engine, attempt, "comparison", answers)
    assert missing == [first, second]
    progress = load_progress(engine, attempt)
    assert len(progress.answers["comparison"]) == len(answers) - 2
    assert "comparison" not in progress.steps_done


def test_optional_context_step_is_done_even_when_skipped(engine):
    attempt = new_attempt_id()
    assert save_answers(engine, attempt, "context", {}) == []
    assert "context" in load_progress(engine, attempt).steps_done


def test_a_crash_mid_save_keeps_the_answers_saved_before(engine):
    attempt = new_attempt_id()
    save_answers(engine, attempt, "flow", full_answers("flow", 5))

    def crash(session, flush_context, instances):
        raise RuntimeError("power cut")

    from sqlalchemy.orm import Session

    event.listen(Session, "before_flush", crash)
    try:
        with pytest.raises(RuntimeError, match="power cut"):
            save_answers(engine, attempt, "flow", full_answers("flow", 2))
    finally:
        event.remove(Session, "before_flush", crash)
    saved = load_progress(engine, attempt).answers["flow"]
    assert set(saved.values()) == {5}
    assert len(saved) == len(load_bank("flow").items)


def test_out_of_range_answers_are_refused_with_the_item_and_range(engine):
    answers = full_answers("reappraisal")
    first = next(iter(answers))
    answers[first] = 99
    with pytest.raises(ResponseDataError, match=rf"'{first}' has 99; answers run 1-7"):
        save_answers(engine, new_attempt_id(), "reappraisal", answers)


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("\u200b\u202e", "empty"),  # zero-width space and a bidi override look empty
        ("x" * 61, "61 characters long"),
        ("y" * 500, "500 characters"),
    ],
)
def test_role_model_labels_that_cannot_be_stored_are_refused(engine, label, message):
    with pytest.raises(InputError, match=message):
        save_role_models(
            engine, new_attempt_id(), [RoleModelInput(label=label, kind="coach", known="afar")]
        )


def test_odd_labels_are_stored_exactly_as_typed(engine):
    attempt = new_attempt_id()
    odd = ["<b>Bold</b> ![x](http://e.x/i.png)", "Eliud 🏃‍♂️🔥", "מאמן ריצה"]
    save_role_models(
        engine, attempt, [RoleModelInput(label=t, kind="elite", known="afar") for t in odd]
    )
    assert [m.label for m in load_progress(engine, attempt).role_models] == odd


def test_same_name_keeps_answers_and_dropping_a_person_deletes_theirs(engine):
    attempt = complete_check(engine, n_models=2)
    save_role_models(engine, attempt, [RoleModelInput(label="MODEL 0", kind="coach", known="afar")])
    progress = load_progress(engine, attempt)
    assert [(m.label, m.kind) for m in progress.role_models] == [("MODEL 0", "coach")]
    assert len(progress.role_models[0].answers) == len(load_bank("role_model").items)
    assert count(engine, RoleModel) == 1
    assert count(engine, RoleModelAnswer) == len(load_bank("role_model").items)


def test_a_new_name_in_a_slot_is_a_new_person_with_no_borrowed_answers(engine):
    attempt = complete_check(engine, n_models=1)
    save_role_models(
        engine, attempt, [RoleModelInput(label="Someone new", kind="mate", known="afar")]
    )
    progress = load_progress(engine, attempt)
    model = progress.role_models[0]
    assert model.answers == {}
    assert model.quality is None
    assert "role_model_1" not in progress.steps_done
    with pytest.raises(InputError, match="still has unanswered questions"):
        finish_check(engine, attempt)


def test_finishing_twice_issues_one_code(engine):
    attempt = complete_check(engine)
    first = finish_check(engine, attempt)
    second = finish_check(engine, attempt)
    assert first.code is not None
    assert second.code is None
    assert second.already_finished
    assert count(engine, Respondent) == 1


def test_finishing_an_incomplete_check_says_which_step(engine):
    attempt = new_attempt_id()
    save_answers(engine, attempt, "context", {})
    with pytest.raises(InputError, match="still has unanswered questions"):
        finish_check(engine, attempt)


def test_a_finished_check_takes_no_more_answers(engine):
    attempt = complete_check(engine)
    finish_check(engine, attempt)
    with pytest.raises(CheckClosedError):
        save_answers(engine, attempt, "flow", full_answers("flow"))


def test_the_code_finds_the_runner_and_a_wrong_code_finds_nothing(engine):
    attempt = complete_check(engine)
    code = finish_check(engine, attempt).code
    runner = find_respondent(engine, code.lower().replace("-", " "))
    assert runner is not None
    assert [a.attempt_id for a in runner.attempts] == [attempt]
    assert find_respondent(engine, "0000-0000-0000-0000-0000") is None
    assert find_respondent(engine, "not a code") is None


def test_a_retake_joins_the_same_runner_and_gets_no_new_code(engine):
    attempt = complete_check(engine)
    code = finish_check(engine, attempt).code
    runner = find_respondent(engine, code)
    retake = start_retake(engine, runner.respondent_id)
    assert start_retake(engine, runner.respondent_id) == retake
    complete_check(engine, attempt_id=retake)
    assert finish_check(engine, retake).code is None
    assert len(find_respondent(engine, code).attempts) == 2


def test_deleting_everything_for_a_code_removes_every_row(engine):
    attempt = complete_check(engine, n_models=3)
    code = finish_check(engine, attempt).code
    keep = complete_check(engine)  # another runner's unfinished check stays
    runner = find_respondent(engine, code)
    assert delete_everything(engine, runner.respondent_id) == 1
    assert find_respondent(engine, code) is None
    assert count(engine, Respondent) == 0
    # only the other runner's one role model and its answers are left
    assert count(engine, RoleModel) == 1
    assert count(engine, RoleModelAnswer) == len(load_bank("role_model").items)
    assert count(engine, Submission) == 1
    assert load_progress(engine, keep) is not None


def test_results_open_by_link_only_when_finished_and_by_code_always(engine):
    attempt = complete_check(engine)
    assert not may_view(engine, attempt, respondent_id=None)
    code = finish_check(engine, attempt).code
    assert may_view(engine, attempt, respondent_id=None)
    other = find_respondent(engine, finish_check(engine, complete_check(engine)).code)
    assert may_view(engine, attempt, respondent_id=find_respondent(engine, code).respondent_id)
    with unit_of_work(engine) as session:
        from datetime import timedelta

        row = session.get(Submission, attempt)
        row.submitted_at = row.submitted_at - timedelta(hours=3)
    assert not may_view(engine, attempt, respondent_id=None)
    assert not may_view(engine, attempt, respondent_id=other.respondent_id)
    assert may_view(engine, attempt, respondent_id=find_respondent(engine, code).respondent_id)
