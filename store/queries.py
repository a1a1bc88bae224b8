"""Reading stored answers back in the shapes the use cases need."""

from __future__ import annotations

from store.models import RoleModel, Submission


def answers_by_questionnaire(submission: Submission) -> dict[str, dict[str, int]]:
    """The runner's own answers: questionnaire id → item id → value."""
    answers: dict[str, dict[str, int]] = {}
    for answer in submission.answers:
        answers.setdefault(answer.questionnaire, {})[answer.item] = answer.value
    return answers


def role_model_answers(role_model: RoleModel) -> dict[str, int]:
    """Answers about one role model: item id → value."""
    return {answer.item: answer.value for answer in role_model.answers}
