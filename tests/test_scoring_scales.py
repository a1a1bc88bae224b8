"""Scale scores: keyed means, the min_answered rule, POMP, and invariants."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from questionnaires import parse_questionnaire
from scoring import score_questionnaire, score_scale
from tests.test_scoring_fixtures import comparison_questionnaire

Q = comparison_questionnaire()
ABILITY = Q.scale("ability")  # c1..c5, c4 reversed, 4 of 5 needed
OPINION = Q.scale("opinion")  # c6, c7: both needed


@pytest.mark.parametrize(
    ("answers", "expected_n", "scored"),
    [
        pytest.param({"c1": 3, "c2": 3, "c3": 3, "c4": 3, "c5": 3}, 5, True, id="5 of 5"),
        pytest.param({"c1": 3, "c2": 3, "c3": 3, "c4": 3}, 4, True, id="4 of 5 is enough"),
        pytest.param({"c1": 3, "c2": 3, "c3": 3}, 3, False, id="3 of 5 is not"),
        pytest.param({}, 0, False, id="nothing answered"),
    ],
)
def test_a_score_needs_min_answered_of_the_items(
    answers: dict[str, int], expected_n: int, scored: bool
) -> None:
    frame = pd.DataFrame([answers], columns=["c1", "c2", "c3", "c4", "c5"], dtype=float)
    result = score_scale(frame, ABILITY, Q).iloc[0]
    assert result["n_answered"] == expected_n
    assert math.isnan(result["score"]) != scored
    assert math.isnan(result["pomp"]) != scored
    if scored:
        assert result["reason"] == ""
    else:
        assert result["reason"] == f"{expected_n} of 5 items answered; 4 needed"


@pytest.mark.parametrize(
    ("c6", "c7", "scored"),
    [(2, 4, True), (2, None, False), (None, 4, False)],
)
def test_two_item_scales_need_both_items(c6: float | None, c7: float | None, scored: bool) -> None:
    result = score_scale(pd.DataFrame({"c6": [c6], "c7": [c7]}, dtype=float), OPINION, Q).iloc[0]
    assert math.isnan(result["score"]) != scored
    if not scored:
        assert result["reason"] == "1 of 2 items answered; 2 needed"


def test_score_is_the_keyed_mean_of_answered_items() -> None:
    frame = pd.DataFrame({"c1": [5], "c2": [4], "c3": [np.nan], "c4": [1], "c5": [3]})
    result = score_scale(frame, ABILITY, Q).iloc[0]
    keyed = [5, 4, 1 + 5 - 1, 3]
    assert result["score"] == pytest.approx(np.mean(keyed))
    assert result["pomp"] == pytest.approx(100 * (np.mean(keyed) - 1) / (5 - 1))


def test_pomp_with_items_on_different_ranges_averages_each_items_own_pomp() -> None:
    # c1 on 1-5 answered 5 (POMP 100); conf on 0-10, reversed, answered 10 -> keyed 0 (POMP 0).
    result = score_scale(pd.DataFrame({"c1": [5], "conf": [10]}), Q.scale("mixed"), Q).iloc[0]
    assert result["pomp"] == pytest.approx((100 + 0) / 2)
    assert result["score"] == pytest.approx((5 + 0) / 2)


def test_wide_scores_have_score_n_and_pomp_per_scale_in_file_order() -> None:
    scores = score_questionnaire(pd.DataFrame({"c1": [1]}), Q)
    expected = [c for s in Q.scales for c in (s.id, f"{s.id}_n", f"{s.id}_pomp")]
    assert list(scores.columns) == expected
    assert scores["ability_n"].dtype == np.int64


def test_wide_scores_match_score_scale_for_every_scale() -> None:
    rng = np.random.default_rng(7)
    frame = pd.DataFrame(rng.integers(1, 6, size=(50, 7)), columns=[f"c{i}" for i in range(1, 8)])
    frame = frame.astype(float).mask(rng.random(frame.shape) < 0.2)
    frame["conf"] = rng.integers(0, 11, size=50)
    wide = score_questionnaire(frame, Q, reasons=True)
    for scale in Q.scales:
        one = score_scale(frame, scale, Q)
        np.testing.assert_array_equal(wide[scale.id], one["score"])
        np.testing.assert_array_equal(wide[f"{scale.id}_pomp"], one["pomp"])
        np.testing.assert_array_equal(wide[f"{scale.id}_n"], one["n_answered"])
        assert wide[f"{scale.id}_reason"].tolist() == one["reason"].tolist()


def test_scores_keep_the_index_of_the_responses() -> None:
    frame = pd.DataFrame({"c6": [1, 2], "c7": [3, 4]}, index=["r9", "r3"])
    assert score_scale(frame, OPINION, Q).index.tolist() == ["r9", "r3"]


# Invariants -------------------------------------------------------------------------------

ANSWERS = st.one_of(st.integers(1, 5).map(float), st.just(np.nan))


def _ability_frame(values: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame(values, columns=["c1", "c2", "c3", "c4", "c5"])


@given(arrays(np.float64, st.tuples(st.integers(1, 20), st.just(5)), elements=ANSWERS))
def test_pomp_stays_between_0_and_100(values: np.ndarray) -> None:
    pomp = score_scale(_ability_frame(values), ABILITY, Q)["pomp"].dropna()
    assert ((pomp >= 0) & (pomp <= 100)).all()


@given(
    arrays(np.float64, st.tuples(st.integers(1, 20), st.just(5)), elements=ANSWERS),
    st.permutations(["c1", "c2", "c3", "c4", "c5"]),
)
def test_item_order_does_not_change_scores(values: np.ndarray, order: list[str]) -> None:
    frame = _ability_frame(values)
    pd.testing.assert_frame_equal(
        score_scale(frame, ABILITY, Q), score_scale(frame[order], ABILITY, Q)
    )


@settings(max_examples=50)
@given(arrays(np.float64, st.tuples(st.integers(1, 12), st.just(5)), elements=ANSWERS))
def test_a_respondents_score_does_not_depend_on_other_rows(values: np.ndarray) -> None:
    frame = _ability_frame(values)
    together = score_scale(frame, ABILITY, Q)
    for position in range(len(frame)):
        alone = score_scale(frame.iloc[[position]], ABILITY, Q)
        pd.testing.assert_frame_equal(alone, together.iloc[[position]])


@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 20), st.just(4)),
        elements=st.one_of(st.integers(1, 3).map(float), st.just(np.nan)),
    ),
    st.integers(0, 2),
)
def test_adding_a_constant_to_every_answer_shifts_the_score_by_it(
    values: np.ndarray, constant: int
) -> None:
    q = parse_questionnaire(
        {
            "id": "plain",
            "version": 1,
            "title": "Plain",
            "instructions": "Rate",
            "response": {"min": 1, "max": 5},
            "scales": [{"id": "s", "title": "S", "items": ["a", "b", "c", "d"]}],
            "items": [{"id": i, "text": i} for i in "abcd"],
        }
    )
    frame = pd.DataFrame(values, columns=list("abcd"))
    before = score_scale(frame, q.scale("s"), q)
    after = score_scale(frame + constant, q.scale("s"), q)
    np.testing.assert_allclose(after["score"], before["score"] + constant)
    np.testing.assert_allclose(after["pomp"], before["pomp"] + 100 * constant / 4)
    np.testing.assert_array_equal(after["n_answered"], before["n_answered"])
