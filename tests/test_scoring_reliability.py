"""Reliability: agreement with pingouin and R psych on real data, ω, item statistics, edge cases."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.decomposition import FactorAnalysis

from questionnaires import INSTRUMENT_IDS, Questionnaire, load_instruments, parse_questionnaire
from questionnaires.loader import BANK_DIR
from scoring import (
    analyse_items,
    covariance_matrix,
    cronbach_alpha,
    mcdonald_omega,
    one_factor_loadings,
    reliability_frame,
    reliability_report,
    scale_reliability,
)
from tests.test_scoring_fixtures import comparison_questionnaire

# Published reference values. Source: the pingouin 0.7.0 documentation of
# ``pingouin.cronbach_alpha``, whose examples were checked against R psych::alpha:
#   cronbach_wide_missing (real binary questionnaire data from real-statistics.com, 12 people,
#   11 items, 7 missing answers): psych::alpha(data, use="pairwise") -> 0.732660835214447,
#   psych::alpha(data, use="complete.obs") -> 0.8016949152542373.
#   cronbach_alpha (real 1-7 Likert ratings from real-statistics.com, 15 people, 10 items,
#   complete) -> 0.5917188485995826.
PUBLISHED = {
    ("cronbach_wide_missing", "pairwise"): 0.732661,
    ("cronbach_wide_missing", "listwise"): 0.801695,
    ("cronbach_alpha", "pairwise"): 0.591719,
    ("cronbach_alpha", "listwise"): 0.591719,  # complete data: both rules agree
}
TOLERANCE = 0.005


def _dataset(name: str) -> pd.DataFrame:
    data = pg.read_dataset(name)
    if name == "cronbach_alpha":  # long format -> wide, items in natural order
        data = data.pivot(index="Subj", columns="Items", values="Scores")
        data = data[[f"Q{i}" for i in range(1, 11)]]
    return data.astype(float)


def _questionnaire_for(data: pd.DataFrame, low: int, high: int) -> Questionnaire:
    items = [str(c) for c in data.columns]
    return parse_questionnaire(
        {
            "id": "public",
            "version": 1,
            "title": "Public data",
            "instructions": "As published",
            "response": {"min": low, "max": high},
            "scales": [{"id": "all", "title": "All items", "items": items}],
            "items": [{"id": i, "text": i} for i in items],
        }
    )


REAL = [
    pytest.param("cronbach_wide_missing", 0, 1, id="binary with missing answers"),
    pytest.param("cronbach_alpha", 1, 7, id="1-7 Likert"),
]


@pytest.mark.parametrize(("name", "low", "high"), REAL)
@pytest.mark.parametrize("missing", ["pairwise", "listwise"])
def test_alpha_agrees_with_published_values_and_with_pingouin_on_real_data(
    name: str, low: int, high: int, missing: str
) -> None:
    data = _dataset(name)
    q = _questionnaire_for(data, low, high)
    result = reliability_report(data, q, missing=missing)[0]
    live = pg.cronbach_alpha(data=data, nan_policy=missing)[0]
    assert result.alpha == pytest.approx(PUBLISHED[name, missing], abs=TOLERANCE)
    assert result.alpha == pytest.approx(live, abs=TOLERANCE)
    assert cronbach_alpha(data, missing=missing) == pytest.approx(live, abs=1e-12)


def test_real_data_with_gaps_really_differ_between_pairwise_and_listwise() -> None:
    data = _dataset("cronbach_wide_missing")
    assert data.isna().sum().sum() > 0
    pairwise = cronbach_alpha(data, missing="pairwise")
    listwise = cronbach_alpha(data, missing="listwise")
    assert abs(pairwise - listwise) > 0.05


@pytest.mark.parametrize("missing", ["pairwise", "listwise"])
def test_pairwise_covariances_match_pandas(missing: str) -> None:
    data = _dataset("cronbach_wide_missing")
    cov, pair_n = covariance_matrix(data.to_numpy(), missing=missing)
    expected = (data.dropna() if missing == "listwise" else data).cov()
    np.testing.assert_allclose(cov, expected.to_numpy(), atol=1e-12)
    mask = data.notna().to_numpy().astype(int)
    if missing == "pairwise":
        np.testing.assert_array_equal(pair_n, mask.T @ mask)


@pytest.mark.parametrize(("name", "low", "high"), REAL)
def test_alpha_if_item_deleted_is_alpha_of_the_other_items(name: str, low: int, high: int) -> None:
    data = _dataset(name)
    result = reliability_report(data, _questionnaire_for(data, low, high))[0]
    for stats in result.items:
        others = data.drop(columns=stats.item)
        assert stats.alpha_if_deleted == pytest.approx(pg.cronbach_alpha(others)[0], abs=1e-9)


def test_corrected_item_total_r_correlates_each_item_with_the_rest_on_complete_data() -> None:
    data = _dataset("cronbach_alpha")
    result = reliability_report(data, _questionnaire_for(data, 1, 7))[0]
    for stats in result.items:
        rest = data.drop(columns=stats.item).sum(axis=1)
        assert stats.item_total_r == pytest.approx(data[stats.item].corr(rest), abs=1e-9)


def test_standardised_alpha_and_mean_r_follow_the_correlation_matrix() -> None:
    data = _dataset("cronbach_alpha")
    result = reliability_report(data, _questionnaire_for(data, 1, 7))[0]
    corr = data.corr().to_numpy()
    k = corr.shape[0]
    mean_r = corr[~np.eye(k, dtype=bool)].mean()
    assert result.mean_r == pytest.approx(mean_r, abs=1e-12)
    assert result.alpha_std == pytest.approx(k * mean_r / (1 + (k - 1) * mean_r), abs=1e-12)


def test_item_means_floor_and_ceiling_use_each_items_answers() -> None:
    data = _dataset("cronbach_wide_missing")
    result = reliability_report(data, _questionnaire_for(data, 0, 1))[0]
    for stats in result.items:
        answers = data[stats.item].dropna()
        assert stats.n == len(answers)
        assert stats.mean == pytest.approx(answers.mean())
        assert stats.floor_pct == pytest.approx(100 * (answers == 0).mean())
        assert stats.ceiling_pct == pytest.approx(100 * (answers == 1).mean())
    assert result.n == len(data)
    assert result.n_complete == len(data.dropna())


def test_reversed_items_are_analysed_keyed() -> None:
    q = comparison_questionnaire()
    rng = np.random.default_rng(3)
    trait = rng.normal(size=400)
    frame = pd.DataFrame(
        {f"c{i}": np.clip(np.round(3 + trait + rng.normal(size=400)), 1, 5) for i in range(1, 6)}
    )
    frame["c4"] = 6 - frame["c4"]  # c4 is worded the other way round
    result = scale_reliability(frame, q.scale("ability"), q)
    c4 = next(s for s in result.items if s.item == "c4")
    assert c4.item_total_r > 0.3
    assert result.alpha > 0.7
    assert c4.mean == pytest.approx((6 - frame["c4"]).mean())


# McDonald's omega -------------------------------------------------------------------------

LOADINGS = np.array([0.8, 0.7, 0.65, 0.55, 0.45, 0.75])


def _congeneric(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    factor = rng.normal(size=(n, 1))
    noise = rng.normal(size=(n, LOADINGS.size)) * np.sqrt(1 - LOADINGS**2)
    return pd.DataFrame(factor * LOADINGS + noise, columns=[f"x{i}" for i in range(LOADINGS.size)])


def _omega(loadings: np.ndarray) -> float:
    loadings = np.abs(loadings)
    return loadings.sum() ** 2 / (loadings.sum() ** 2 + (1 - loadings**2).sum())


def _sklearn_omega(data: pd.DataFrame) -> float:
    standardised = (data - data.mean()) / data.std(ddof=0)
    fit = FactorAnalysis(n_components=1, random_state=0).fit(standardised.to_numpy())
    return _omega(fit.components_[0])


def test_omega_recovers_the_population_value_of_a_congeneric_model() -> None:
    # Population omega from the known loadings; with n = 20,000 the sampling SD of omega is
    # about 0.002, so 0.01 is a generous but meaningful tolerance.
    data = _congeneric(20_000, seed=11)
    omega, loadings = mcdonald_omega(data.corr().to_numpy())
    assert omega == pytest.approx(_omega(LOADINGS), abs=0.01)
    np.testing.assert_allclose(loadings, LOADINGS, atol=0.03)


def test_omega_agrees_with_an_independent_maximum_likelihood_fit_on_likert_items() -> None:
    # Same model cut into 1-5 answers; sklearn's FactorAnalysis (maximum likelihood) and our
    # minres fit are different estimators of the same one-factor model: they agree within 0.01.
    latent = _congeneric(5_000, seed=5)
    likert = latent.apply(lambda col: np.digitize(col, [-1.5, -0.5, 0.5, 1.5]) + 1).astype(float)
    keyed = analyse_items(likert, mins=np.ones(6), maxs=np.full(6, 5.0))
    assert keyed.omega == pytest.approx(_sklearn_omega(likert), abs=0.01)
    assert keyed.omega >= keyed.alpha_std - 0.01  # loadings differ, so omega >= alpha


def test_a_heywood_case_keeps_loadings_within_minus_one_and_one() -> None:
    # An exact one-factor fit would need λ₁² = r12·r13/r23 = 1.62 > 1 (a Heywood case).
    corr = np.array([[1.0, 0.9, 0.9], [0.9, 1.0, 0.5], [0.9, 0.5, 1.0]])
    loadings = one_factor_loadings(corr)
    assert np.all(np.abs(loadings) <= 1 + 1e-9)
    assert loadings[0] == pytest.approx(1.0, abs=1e-6)
    omega, _ = mcdonald_omega(corr)
    assert 0 < omega <= 1


def test_two_item_omega_equals_standardised_alpha() -> None:
    data = _congeneric(2_000, seed=2)[["x0", "x1"]]
    result = analyse_items(data, mins=np.full(2, -9.0), maxs=np.full(2, 9.0))
    assert result.omega == pytest.approx(result.alpha_std, abs=1e-12)
    assert math.isnan(result.items[0].alpha_if_deleted)


# Degenerate input -------------------------------------------------------------------------


def test_fewer_than_three_respondents_give_nan_and_a_reason() -> None:
    data = pd.DataFrame({"a": [1.0, 2.0], "b": [2.0, 3.0], "c": [1.0, 3.0]})
    result = analyse_items(data, mins=np.ones(3), maxs=np.full(3, 5.0))
    assert math.isnan(result.alpha)
    assert math.isnan(result.omega)
    assert "at least 3 needed" in result.reason
    assert result.items[0].mean == pytest.approx(1.5)


def test_an_item_everyone_answers_the_same_way_gives_nan_correlations_not_a_crash() -> None:
    data = pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [2.0, 2, 4, 5], "flat": [3.0, 3, 3, 3]})
    result = analyse_items(data, mins=np.ones(3), maxs=np.full(3, 5.0))
    assert math.isfinite(result.alpha)  # covariances are still defined
    assert result.alpha == pytest.approx(pg.cronbach_alpha(data)[0])
    assert math.isnan(result.alpha_std)
    assert math.isnan(result.omega)
    assert "'flat' has the same answer from everyone" in result.reason


def test_all_answers_identical_gives_nan_alpha_with_a_reason() -> None:
    data = pd.DataFrame({"a": [3.0] * 5, "b": [3.0] * 5})
    result = analyse_items(data, mins=np.ones(2), maxs=np.full(2, 5.0))
    assert math.isnan(result.alpha)
    assert result.reason


def test_items_never_answered_together_give_nan_with_a_reason() -> None:
    data = pd.DataFrame({"a": [1.0, 2, 3, np.nan, np.nan], "b": [np.nan, np.nan, np.nan, 2, 4]})
    result = analyse_items(data, mins=np.ones(2), maxs=np.full(2, 5.0))
    assert math.isnan(result.alpha)
    assert "answered together by 0 respondents" in result.reason


def test_listwise_with_too_few_complete_rows_gives_nan_with_a_reason() -> None:
    data = _dataset("cronbach_wide_missing").iloc[:3]
    result = analyse_items(data, mins=np.zeros(11), maxs=np.ones(11), missing="listwise")
    assert math.isnan(result.alpha)
    assert "complete answers" in result.reason


def test_unknown_missing_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="'pairwise' or 'listwise'"):
        cronbach_alpha(np.ones((3, 2)), missing="mean")  # type: ignore[arg-type]


def test_report_skips_one_item_scales_and_returns_a_tidy_frame() -> None:
    q = parse_questionnaire(
        {
            "id": "mini",
            "version": 1,
            "title": "Mini",
            "instructions": "Rate",
            "response": {"min": 1, "max": 5},
            "scales": [
                {"id": "single", "title": "One", "items": ["a"]},
                {"id": "pair", "title": "Two", "items": ["a", "b"]},
            ],
            "items": [{"id": "a", "text": "a"}, {"id": "b", "text": "b"}],
        }
    )
    data = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [2, 2, 3, 5, 4]})
    report = reliability_report(data, q)
    assert [r.scale for r in report] == ["pair"]
    frame = reliability_frame(report)
    assert frame.loc[0, "alpha"] == pytest.approx(pg.cronbach_alpha(data)[0])
    assert report[0].to_dict()["items"][0]["item"] == "a"


# Invariants -------------------------------------------------------------------------------


@settings(max_examples=60)
@given(
    arrays(
        np.float64,
        st.tuples(st.integers(4, 25), st.integers(2, 5)),
        elements=st.one_of(st.integers(1, 3).map(float), st.just(np.nan)),
    ),
    st.integers(1, 2),
)
def test_adding_a_constant_to_every_answer_leaves_alpha_unchanged(
    values: np.ndarray, constant: int
) -> None:
    before = cronbach_alpha(values)
    after = cronbach_alpha(values + constant)
    if math.isnan(before):
        assert math.isnan(after)
    else:
        assert after == pytest.approx(before, abs=1e-9)


@settings(max_examples=60)
@given(
    arrays(
        np.float64,
        st.tuples(st.integers(3, 25), st.integers(2, 6)),
        elements=st.one_of(st.integers(1, 5).map(float), st.just(np.nan)),
    ),
    st.randoms(use_true_random=False),
)
def test_item_order_does_not_change_alpha(values: np.ndarray, random) -> None:
    order = list(range(values.shape[1]))
    random.shuffle(order)
    before = cronbach_alpha(values)
    after = cronbach_alpha(values[:, order])
    assert (math.isnan(before) and math.isnan(after)) or after == pytest.approx(before, abs=1e-9)


# Our own instruments ----------------------------------------------------------------------

BANKS_PRESENT = all((BANK_DIR / f"{qid}.yaml").exists() for qid in INSTRUMENT_IDS)


@pytest.mark.skipif(not BANKS_PRESENT, reason="item bank YAML files not written yet")
def test_every_instrument_gets_a_report_for_each_multi_item_scale() -> None:
    rng = np.random.default_rng(1)
    for questionnaire in load_instruments().values():
        trait = rng.normal(size=(300, 1))
        columns = {}
        for item in questionnaire.items:
            response = questionnaire.response_for(item.id)
            middle = (response.min + response.max) / 2
            spread = (response.max - response.min) / 4
            raw = middle + spread * (trait[:, 0] + rng.normal(size=300))
            columns[item.id] = np.clip(np.round(raw), response.min, response.max)
        frame = pd.DataFrame(columns)
        reversed_items = {item for scale in questionnaire.scales for item in scale.reverse}
        for item in reversed_items:  # write reversed items the way people answer them
            response = questionnaire.response_for(item)
            frame[item] = response.min + response.max - frame[item]
        report = reliability_report(frame, questionnaire)
        expected = [s.id for s in questionnaire.scales if len(s.items) >= 2]
        assert [r.scale for r in report] == expected
        for result in report:
            assert result.alpha > 0.5, (questionnaire.id, result.scale)
            assert math.isfinite(result.omega), (questionnaire.id, result.scale)
