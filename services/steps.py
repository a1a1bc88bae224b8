"""The steps of the self-check, in order: one form each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from questionnaires import INSTRUMENT_IDS, load_bank

#: Role models a runner can name in one check.
MAX_ROLE_MODELS = 3
CONTEXT_ID = "context"
ROLE_MODEL_ID = "role_model"
#: Questionnaires answered once per check, before the role models.
SELF_QUESTIONNAIRES: tuple[str, ...] = (
    CONTEXT_ID,
    *(qid for qid in INSTRUMENT_IDS if qid != ROLE_MODEL_ID),
)
#: Steps whose items may be skipped.
OPTIONAL_QUESTIONNAIRES = frozenset({CONTEXT_ID})

StepKind = Literal["questionnaire", "role_models", "role_model"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    """One form of the check."""

    key: str
    title: str
    kind: StepKind
    questionnaire_id: str | None = None
    position: int | None = None


def check_steps(n_role_models: int) -> list[Step]:
    """Every step for a check with ``n_role_models`` named (0 before they are named)."""
    steps = [
        Step(key=qid, title=load_bank(qid).title, kind="questionnaire", questionnaire_id=qid)
        for qid in SELF_QUESTIONNAIRES
    ]
    steps.append(Step(key="role_models", title="The people you admire", kind="role_models"))
    steps.extend(
        Step(
            key=f"role_model_{n}",
            title=f"Role model {n}",
            kind="role_model",
            questionnaire_id=ROLE_MODEL_ID,
            position=n,
        )
        for n in range(1, max(n_role_models, 1) + 1)
    )
    return steps
