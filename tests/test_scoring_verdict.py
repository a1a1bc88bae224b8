"""Role-model verdict: labels from the band of net inspiration, drivers, and missing answers."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from questionnaires import QuestionnaireError, Uncertainty, parse_questionnaire
from questionnaires.loader import BANK_DIR, load_bank
from scoring import (
    BIPOLAR_ITEMS,
    ROLE_MODEL_SCALES,
    InsufficientAnswersError,
    classify_admiration,
    net_sem,
    verdicts_frame,
    z_value,
)
from tests.test_scoring_fixtures import (
    BIPOLAR_POLES,
    role_model_answers,
    role_model_data,
    role_model_questionnaire,
)

RM = role_model_questionnaire()


def _pomp(raw: float) -> float:
    return 100 * (raw - 1) / 6


def _hand_band(inspiration: int, discouragement: int) -> tuple[float, float, float]:
    """Net and its 95 % band computed by hand from the fixture's design values."""
    sem = 1.2 * math.sqrt(1 - 0.85) * 100 / 6  # SEM in POMP units, same for both scales
    half = 1.959963984540054 * math.sqrt(sem**2 + sem**2)
    net = _pomp(inspiration) - _pomp(discouragement)
    return net, net - half, net + half


@pytest.mark.parametrize(
    ("inspiration", "discouragement", "label"),
    [
        pytest.param(7, 1, "inspiring", id="band wholly above 0"),
        pytest.param(6, 2, "inspiring", id="clearly above"),
        pytest.param(1, 7, "discouraging", id="band wholly below 0"),
        pytest.param(2, 6, "discouraging", id="clearly below"),
        pytest.param(4, 4, "mixed", id="band around 0"),
        pytest.param(5, 4, "mixed", id="positive net but band straddles 0"),
    ],
)
def test_label_follows_where_the_band_of_net_lies(
    inspiration: int, discouragement: int, label: str
) -> None:
    verdict = classify_admiration(
        role_model_answers(inspiration=inspiration, discouragement=discouragement), RM
    )
    net, low, high = _hand_band(inspiration, discouragement)
    assert verdict.net == pytest.approx(net)
    assert verdict.band.low == pytest.approx(low)
    assert verdict.band.high == pytest.approx(high)
    assert verdict.label == label
    if label == "mixed":
        assert verdict.band.low < 0 < verdict.band.high
    assert verdict.limits  # always says what it cannot tell


def test_band_uses_the_sem_of_a_difference() -> None:
    inspiration = RM.scale("inspiration").uncertainty
    sem = inspiration.sd * math.sqrt(1 - inspiration.reliability) * 100 / 6
    assert net_sem(RM) == pytest.approx(math.sqrt(2) * sem)


def test_data_based_uncertainty_overrides_the_design_values() -> None:
    answers = role_model_answers(inspiration=5, discouragement=4)
    precise = {
        "inspiration": Uncertainty(sd=0.5, reliability=0.95),
        "discouragement": Uncertainty(sd=0.5, reliability=0.95),
    }
    default = classify_admiration(answers, RM)
    tighter = classify_admiration(answers, RM, uncertainty=precise)
    assert tighter.band.width < default.band.width
    assert tighter.label == "inspiring"
    assert default.label == "mixed"


def test_scales_without_design_values_use_the_wider_defaults() -> None:
    plain = role_model_questionnaire(uncertainty=False)
    assert net_sem(plain) > net_sem(RM)


@pytest.mark.parametrize(
    ("level", "answer", "direction"),
    [
        (7, 3, "towards inspiring"),
        (1, -3, "towards discouraging"),
        (4, 0, "neutral"),
        (5, 1, "towards inspiring"),
        (3, -1, "towards discouraging"),
    ],
)
def test_each_driver_points_the_way_its_answers_lean(
    level: int, answer: int, direction: str
) -> None:
    answers = role_model_answers(
        inspiration=5, discouragement=3, proximity=level, process=level, pairs=answer
    )
    drivers = {d.input: d for d in classify_admiration(answers, RM).drivers}
    assert set(drivers) == {"similarity", "attainability", "process", *BIPOLAR_ITEMS}
    for driver in drivers.values():
        assert driver.direction == direction
        assert 0 <= driver.strength <= 1
        assert driver.sentence


def test_drivers_are_sorted_strongest_first_with_strength_from_the_midpoint() -> None:
    answers = role_model_answers(inspiration=5, discouragement=3, proximity=6, process=2)
    answers["bp_envy_curiosity"] = 3
    answers["bp_shame_energy"] = -1
    drivers = classify_admiration(answers, RM).drivers
    strengths = [d.strength for d in drivers]
    assert strengths == sorted(strengths, reverse=True)
    by_input = {d.input: d for d in drivers}
    assert by_input["bp_envy_curiosity"].strength == pytest.approx(1.0)
    assert by_input["bp_shame_energy"].strength == pytest.approx(1 / 3)
    assert by_input["similarity"].strength == pytest.approx(abs(_pomp(6) - 50) / 50)
    assert by_input["process"].direction == "towards discouraging"


def test_bipolar_sentences_name_the_poles_in_plain_words() -> None:
    answers = role_model_answers(inspiration=5, discouragement=3, pairs=2)
    answers["bp_shame_energy"] = -2
    drivers = {d.input: d for d in classify_admiration(answers, RM).drivers}
    negative, positive = BIPOLAR_POLES["bp_envy_curiosity"]
    assert f"towards {positive.lower()} rather than {negative.lower()}" in (
        drivers["bp_envy_curiosity"].sentence
    )
    assert "towards shame rather than energy" in drivers["bp_shame_energy"].sentence


def test_proximity_is_not_a_driver_because_it_repeats_attainability() -> None:
    answers = role_model_answers(inspiration=5, discouragement=3, proximity=6)
    inputs = [d.input for d in classify_admiration(answers, RM).drivers]
    assert "proximity" not in inputs
    assert inputs.count("attainability") == 1


def test_unanswered_driver_inputs_are_left_out() -> None:
    answers = role_model_answers(inspiration=6, discouragement=2)
    for item in ("pro1", "pro2", "pro3", "bp_shame_energy"):
        answers.pop(item)
    inputs = {d.input for d in classify_admiration(answers, RM).drivers}
    assert "process" not in inputs
    assert "bp_shame_energy" not in inputs
    assert "similarity" in inputs


def test_too_few_answers_for_inspiration_raise_insufficient_answers() -> None:
    answers = role_model_answers(inspiration=6, discouragement=2)
    for item in ("ins1", "ins2"):
        answers[item] = np.nan
    with pytest.raises(InsufficientAnswersError) as info:
        classify_admiration(answers, RM)
    assert info.value.reasons == {"inspiration": "2 of 4 items answered; 4 needed"}
    assert "not enough answers" in str(info.value)


def test_many_models_at_once_match_one_at_a_time() -> None:
    rows = [
        role_model_answers(inspiration=7, discouragement=1, proximity=6),
        role_model_answers(inspiration=1, discouragement=7, proximity=2, pairs=-2),
        role_model_answers(inspiration=4, discouragement=4),
        {**role_model_answers(inspiration=4, discouragement=4), "dis1": None, "dis2": None},
    ]
    frame = pd.DataFrame(rows, index=["coach", "elite", "friend", "partial"])
    verdicts = verdicts_frame(frame, RM)
    assert verdicts.index.tolist() == frame.index.tolist()
    for key in ["coach", "elite", "friend"]:
        one = classify_admiration(frame.loc[key], RM)
        assert verdicts.loc[key, "label"] == one.label
        assert verdicts.loc[key, "net"] == pytest.approx(one.net)
        assert verdicts.loc[key, "net_low"] == pytest.approx(one.band.low)
    assert pd.isna(verdicts.loc["partial", "label"])
    assert verdicts.loc["partial", "reason"].startswith("discouragement: 2 of 4")
    assert verdicts.loc["coach", "reason"] == ""


def test_one_row_frame_and_series_give_the_same_verdict() -> None:
    answers = role_model_answers(inspiration=6, discouragement=3)
    frame = pd.DataFrame([answers])
    assert classify_admiration(frame, RM) == classify_admiration(frame.iloc[0], RM)
    assert classify_admiration(answers, RM) == classify_admiration(frame, RM)


def test_questionnaire_without_inspiration_and_discouragement_is_refused() -> None:
    data = role_model_data()
    data["scales"] = [s for s in data["scales"] if s["id"] != "discouragement"]
    with pytest.raises(QuestionnaireError, match="discouragement"):
        classify_admiration({}, parse_questionnaire(data))


@pytest.mark.skipif(not (BANK_DIR / "role_model.yaml").exists(), reason="bank not written yet")
def test_our_role_model_file_has_the_scale_and_pair_ids_the_verdict_relies_on() -> None:
    bank = load_bank("role_model")
    assert {s.id for s in bank.scales} >= set(ROLE_MODEL_SCALES)
    for item in BIPOLAR_ITEMS:
        response = bank.response_for(item)
        assert (response.min, response.max) == (-3, 3)
        assert response.min in response.labels
        assert response.max in response.labels
    assert set(bank.scale("orientation").items) == set(BIPOLAR_ITEMS)
    assert bank.scale("attainability").reverse
    verdict = classify_admiration(
        {i: 7 for i in bank.scale("inspiration").items}
        | {i: 1 for i in bank.scale("discouragement").items},
        bank,
    )
    assert verdict.label == "inspiring"
    assert verdict.band.width == pytest.approx(2 * z_value() * net_sem(bank))
