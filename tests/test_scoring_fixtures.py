"""Small questionnaires built in code for the scoring tests (no test functions here)."""

from __future__ import annotations

from typing import Any

from questionnaires import Questionnaire, parse_questionnaire
from scoring import BIPOLAR_ITEMS

BIPOLAR_POLES = {
    "bp_envy_curiosity": ("Envy", "Curiosity"),
    "bp_shame_energy": ("Shame", "Energy"),
    "bp_erasure_possibility": ("Self-erasure", "Possibility"),
    "bp_obsession_respect": ("Obsession", "Respect"),
}
assert tuple(BIPOLAR_POLES) == BIPOLAR_ITEMS


def comparison_data() -> dict[str, Any]:
    """Three scales on 1-5 items, a reversed item, a 0-10 item with its own range, a context item.

    ``ability``: c1-c5, c4 reversed (5 items, 4 needed at the default 0.8).
    ``opinion``: c6, c7 (2 items: both needed).
    ``mixed``: c1 (1-5) and conf (0-10, reversed): items with different ranges.
    """
    return {
        "id": "comparison",
        "version": 1,
        "title": "Comparing yourself",
        "instructions": "How much do you agree?",
        "response": {"min": 1, "max": 5},
        "scales": [
            {
                "id": "ability",
                "title": "Ability",
                "items": ["c1", "c2", "c3", "c4", "c5"],
                "reverse": ["c4"],
            },
            {"id": "opinion", "title": "Opinion", "items": ["c6", "c7"]},
            {"id": "mixed", "title": "Mixed ranges", "items": ["c1", "conf"], "reverse": ["conf"]},
        ],
        "items": [
            *({"id": f"c{i}", "text": f"Item {i}"} for i in range(1, 8)),
            {"id": "conf", "text": "Confidence", "response": {"min": 0, "max": 10}},
            {"id": "years", "text": "Years running", "response": {"min": 0, "max": 80}},
        ],
    }


def comparison_questionnaire() -> Questionnaire:
    return parse_questionnaire(comparison_data(), source="comparison.yaml")


def role_model_data(*, uncertainty: bool = True) -> dict[str, Any]:
    """The role-model scales and pair ids the verdict relies on, with 1-7 and -3..+3 items."""
    design = {"uncertainty": {"sd": 1.2, "reliability": 0.85}} if uncertainty else {}
    bipolar = [
        {
            "id": item,
            "text": f"{neg} or {pos}",
            "response": {"min": -3, "max": 3, "labels": {-3: neg, 0: "Neither", 3: pos}},
        }
        for item, (neg, pos) in BIPOLAR_POLES.items()
    ]
    return {
        "id": "role_model",
        "version": 1,
        "title": "Your role model",
        "instructions": "Think of this person.",
        "response": {"min": 1, "max": 7},
        "scales": [
            {"id": "similarity", "title": "Similar", "items": ["sim1", "sim2"]},
            {
                "id": "attainability",
                "title": "Within reach",
                "items": ["att1", "att2", "att3"],
                "reverse": ["att3"],
            },
            {
                "id": "proximity",
                "title": "Proximity",
                "items": ["sim1", "sim2", "att1", "att2", "att3"],
                "reverse": ["att3"],
            },
            {"id": "process", "title": "Process", "items": ["pro1", "pro2", "pro3"]},
            {
                "id": "inspiration",
                "title": "Inspiration",
                "items": ["ins1", "ins2", "ins3", "ins4"],
                **design,
            },
            {
                "id": "discouragement",
                "title": "Discouragement",
                "items": ["dis1", "dis2", "dis3", "dis4"],
                **design,
            },
            {"id": "orientation", "title": "Orientation", "items": list(BIPOLAR_ITEMS)},
        ],
        "items": [
            *({"id": f"sim{i}", "text": "s"} for i in (1, 2)),
            *({"id": f"att{i}", "text": "a"} for i in (1, 2, 3)),
            *({"id": f"pro{i}", "text": "p"} for i in (1, 2, 3)),
            *({"id": f"ins{i}", "text": "i"} for i in (1, 2, 3, 4)),
            *({"id": f"dis{i}", "text": "d"} for i in (1, 2, 3, 4)),
            *bipolar,
        ],
    }


def role_model_questionnaire(*, uncertainty: bool = True) -> Questionnaire:
    return parse_questionnaire(role_model_data(uncertainty=uncertainty), source="role_model.yaml")


def role_model_answers(
    *,
    inspiration: int,
    discouragement: int,
    proximity: int = 4,
    process: int = 4,
    pairs: int = 0,
) -> dict[str, float]:
    """One model's answers: every item of a scale gets the same raw value (att3 keyed too)."""
    answers: dict[str, float] = {f"ins{i}": inspiration for i in (1, 2, 3, 4)}
    answers |= {f"dis{i}": discouragement for i in (1, 2, 3, 4)}
    answers |= {"sim1": proximity, "sim2": proximity, "att1": proximity, "att2": proximity}
    answers["att3"] = 8 - proximity  # reversed item: keyed value equals ``proximity``
    answers |= {f"pro{i}": process for i in (1, 2, 3)}
    answers |= dict.fromkeys(BIPOLAR_ITEMS, pairs)
    return answers
