"""Standard error of measurement, score bands, POMP units and reliable change."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring import (
    DEFAULT_RELIABILITY,
    DEFAULT_SD_SHARE,
    RCI_THRESHOLD,
    ConfidenceInterval,
    design_values,
    reliable_change,
    reliable_change_frame,
    scale_band,
    scale_sem,
    score_band,
    standard_error_of_measurement,
    to_pomp,
    to_pomp_units,
    z_value,
)
from tests.test_scoring_fixtures import comparison_questionnaire, role_model_questionnaire

Z95 = 1.959963984540054  # two-sided 95 % normal quantile


@pytest.mark.parametrize(("sd", "r"), [(1.0, 0.75), (0.8, 0.9), (2.5, 0.0), (1.2, 0.99)])
def test_sem_is_sd_times_root_one_minus_reliability(sd: float, r: float) -> None:
    assert standard_error_of_measurement(sd, r) == pytest.approx(sd * math.sqrt(1 - r))


@pytest.mark.parametrize(("sd", "r"), [(-1.0, 0.8), (1.0, 1.2), (1.0, -0.1)])
def test_sem_refuses_impossible_inputs(sd: float, r: float) -> None:
    with pytest.raises(ValueError, match=r"sd|reliability"):
        standard_error_of_measurement(sd, r)


def test_band_is_score_plus_minus_z_sem() -> None:
    band = score_band(3.2, 0.4)
    assert band == ConfidenceInterval(
        low=pytest.approx(3.2 - Z95 * 0.4), high=pytest.approx(3.2 + Z95 * 0.4)
    )
    assert band.contains(3.2)
    assert band.width == pytest.approx(2 * Z95 * 0.4)


def test_wider_level_gives_a_wider_band() -> None:
    assert score_band(0, 1, level=0.99).width > score_band(0, 1, level=0.95).width
    assert z_value(0.95) == pytest.approx(Z95)
    with pytest.raises(ValueError, match="level"):
        z_value(95)


def test_design_values_come_from_the_file_when_given() -> None:
    rm = role_model_questionnaire()
    inspiration = rm.scale("inspiration")
    assert design_values(inspiration, rm) == inspiration.uncertainty
    expected = inspiration.uncertainty.sd * math.sqrt(1 - inspiration.uncertainty.reliability)
    assert scale_sem(inspiration, rm) == pytest.approx(expected)
    assert scale_sem(inspiration, rm, pomp=True) == pytest.approx(100 * expected / (7 - 1))


def test_scales_without_design_values_get_the_conservative_defaults() -> None:
    q = comparison_questionnaire()
    values = design_values(q.scale("ability"), q)
    assert values.sd == pytest.approx(DEFAULT_SD_SHARE * (5 - 1))
    assert values.reliability == DEFAULT_RELIABILITY


def test_pomp_band_is_the_item_band_in_pomp_units() -> None:
    q = comparison_questionnaire()
    scale = q.scale("ability")
    item_band = scale_band(3.0, scale, q)
    pomp_band = scale_band(to_pomp(3.0, 1, 5), scale, q, pomp=True)
    assert pomp_band.low == pytest.approx(to_pomp(item_band.low, 1, 5))
    assert pomp_band.high == pytest.approx(to_pomp(item_band.high, 1, 5))


@given(st.floats(0, 10), st.floats(0.1, 20))
def test_pomp_units_scale_spreads_without_shifting_them(amount: float, span: float) -> None:
    assert to_pomp_units(amount, span) == pytest.approx(100 * amount / span)
    assert to_pomp(amount, 0, span) == pytest.approx(to_pomp_units(amount, span))


# Reliable change --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "sd", "r", "direction"),
    [
        (3.0, 4.2, 0.8, 0.8, "higher"),
        (4.2, 3.0, 0.8, 0.8, "lower"),
        (3.0, 3.5, 0.8, 0.8, "no reliable change"),
        (3.0, 3.0, 1.0, 0.5, "no reliable change"),
    ],
)
def test_rci_follows_jacobson_and_truax(
    before: float, after: float, sd: float, r: float, direction: str
) -> None:
    s_diff = sd * math.sqrt(2) * math.sqrt(1 - r)  # hand computation of S_diff
    rci = (after - before) / s_diff
    result = reliable_change(before, after, sd=sd, reliability=r)
    assert result.s_diff == pytest.approx(s_diff)
    assert result.rci == pytest.approx(rci)
    assert result.reliable == (abs(rci) > 1.96)
    assert result.direction == direction
    assert f"{abs(after - before):.2f}" in result.words


def test_reliable_means_strictly_beyond_1_96() -> None:
    assert RCI_THRESHOLD == 1.96
    s_diff = 1.0 * math.sqrt(2) * math.sqrt(1 - 0.5)  # = 1
    assert not reliable_change(0.0, 1.96 * s_diff, sd=1.0, reliability=0.5).reliable
    assert reliable_change(0.0, 1.961 * s_diff, sd=1.0, reliability=0.5).reliable


def test_vectorised_change_matches_one_at_a_time() -> None:
    before = pd.Series([3.0, 4.2, 3.0, np.nan], index=list("abcd"))
    after = pd.Series([4.2, 3.0, 3.5, 4.0], index=list("abcd"))
    frame = reliable_change_frame(before, after, sd=0.8, reliability=0.8)
    for key in "abc":
        one = reliable_change(before[key], after[key], sd=0.8, reliability=0.8)
        assert frame.loc[key, "rci"] == pytest.approx(one.rci)
        assert frame.loc[key, "direction"] == one.direction
    assert not frame.loc["d", "reliable"]
    assert math.isnan(frame.loc["d", "rci"])


@pytest.mark.parametrize(("sd", "r"), [(0.0, 0.8), (1.0, 1.0)])
def test_change_refuses_impossible_design_values(sd: float, r: float) -> None:
    with pytest.raises(ValueError, match=r"sd|reliability"):
        reliable_change(1, 2, sd=sd, reliability=r)
