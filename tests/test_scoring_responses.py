"""Checking response data against a questionnaire, and reverse keying."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from questionnaires import ResponseDataError, ResponseRange
from scoring import keyed_responses, prepare_responses, reverse_score
from tests.test_scoring_fixtures import comparison_questionnaire

Q = comparison_questionnaire()


def test_prepared_responses_hold_every_item_in_file_order_as_floats() -> None:
    prepared = prepare_responses(pd.DataFrame({"c2": [3], "c1": [4]}), Q)
    assert list(prepared.columns) == Q.item_ids
    assert prepared.dtypes.eq("float64").all()
    assert prepared.loc[0, "c1"] == 4
    assert prepared.loc[0, "c2"] == 3


def test_missing_item_columns_count_as_unanswered() -> None:
    prepared = prepare_responses(pd.DataFrame({"c1": [1, 2]}), Q)
    assert prepared.drop(columns="c1").isna().all().all()


def test_columns_that_are_clearly_not_items_are_ignored() -> None:
    data = pd.DataFrame(
        {"respondent": ["a", "b"], "age": [30, 99], "team": ["x", "y"], "c1": [1, 2]}
    )
    prepared = prepare_responses(data, Q)
    assert "age" not in prepared.columns
    assert "respondent" not in prepared.columns
    assert prepared["c1"].tolist() == [1.0, 2.0]


def test_input_frame_is_left_unchanged() -> None:
    data = pd.DataFrame({"c1": ["1", " ", None], "c4": [5, 4, 3]})
    before = data.copy()
    prepare_responses(data, Q)
    pd.testing.assert_frame_equal(data, before)


def test_blank_text_cells_count_as_unanswered() -> None:
    prepared = prepare_responses(pd.DataFrame({"c1": ["1", " ", "", None]}), Q)
    assert prepared["c1"].isna().tolist() == [False, True, True, True]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            pd.DataFrame({"c3": [1, 2, 7]}, index=["r1", "r5", "r7"]),
            "row 3 (respondent 'r7'), column 'c3': 7 is outside 1-5. Check the column order",
            id="out of range, respondent from the index",
        ),
        pytest.param(
            pd.DataFrame({"respondent": ["a", "b"], "c2": [1, 0]}),
            "row 2 (respondent 'b'), column 'c2': 0 is outside 1-5",
            id="out of range, respondent column",
        ),
        pytest.param(
            pd.DataFrame({"c1": [1, 2, 3.5]}),
            "row 3, column 'c1': 3.5 is not a whole number; answers are whole numbers 1-5",
            id="not whole",
        ),
        pytest.param(
            pd.DataFrame({"c5": ["1", "four"]}),
            "row 2, column 'c5': 'four' is not a number; answers are whole numbers 1-5",
            id="not numeric",
        ),
        pytest.param(
            pd.DataFrame({"conf": [10, 11]}),
            "row 2, column 'conf': 11 is outside 0-10",
            id="item's own range is used",
        ),
        pytest.param(
            pd.DataFrame({"c1": [1, np.inf]}),
            "row 2, column 'c1': inf is not a whole number",
            id="infinite",
        ),
    ],
)
def test_bad_cells_raise_an_error_naming_row_column_value_and_range(
    data: pd.DataFrame, expected: str
) -> None:
    with pytest.raises(ResponseDataError) as info:
        prepare_responses(data, Q)
    assert expected in str(info.value)
    assert "\n" not in str(info.value)


def test_first_bad_cell_in_row_order_is_reported_with_a_count_of_the_rest() -> None:
    data = pd.DataFrame({"c1": [1, 9, 9, 9]})
    with pytest.raises(ResponseDataError, match=r"row 2, .*\(2 more cells in this column"):
        prepare_responses(data, Q)


@pytest.mark.parametrize(
    ("column", "hint"),
    [
        pytest.param("C1", "did you mean 'c1'? Item ids are case-sensitive", id="case variant"),
        pytest.param(" c2", "did you mean 'c2'?", id="stray space"),
        pytest.param("c12", "looks like an item of this questionnaire", id="numbered like items"),
        pytest.param("C9", "looks like an item of this questionnaire", id="prefix in other case"),
    ],
)
def test_columns_that_look_like_mistyped_items_raise(column: str, hint: str) -> None:
    with pytest.raises(ResponseDataError) as info:
        prepare_responses(pd.DataFrame({column: [1]}), Q)
    assert f"column '{column}'" in str(info.value)
    assert hint in str(info.value)


def test_stem_shared_by_item_ids_marks_a_column_as_item_like() -> None:
    from tests.test_scoring_fixtures import role_model_questionnaire

    rm = role_model_questionnaire()
    with pytest.raises(ResponseDataError, match="bp_pride_joy"):
        prepare_responses(pd.DataFrame({"bp_pride_joy": [1]}), rm)
    # A column with an unrelated stem is not an item.
    assert "body_mass" not in prepare_responses(pd.DataFrame({"body_mass": [70]}), rm)


def test_item_ids_are_case_sensitive() -> None:
    from questionnaires import parse_questionnaire

    q = parse_questionnaire(
        {
            "id": "cases",
            "version": 1,
            "title": "Cases",
            "instructions": "Rate",
            "response": {"min": 1, "max": 5},
            "items": [{"id": "a1", "text": "lower"}, {"id": "A1", "text": "upper"}],
        }
    )
    prepared = prepare_responses(pd.DataFrame({"a1": [1], "A1": [5]}), q)
    assert prepared.loc[0, "a1"] == 1
    assert prepared.loc[0, "A1"] == 5


def test_duplicate_columns_raise() -> None:
    data = pd.DataFrame([[1, 2]], columns=["c1", "c1"])
    with pytest.raises(ResponseDataError, match="'c1' appears more than once"):
        prepare_responses(data, Q)


def test_reverse_keyed_item_counts_the_other_way_on_its_own_range() -> None:
    data = pd.DataFrame({"c1": [1, 5], "c4": [1, 5], "conf": [0, 7]})
    ability = keyed_responses(prepare_responses(data, Q), Q.scale("ability"), Q)
    mixed = keyed_responses(prepare_responses(data, Q), Q.scale("mixed"), Q)
    assert ability["c4"].tolist() == [5.0, 1.0]  # 1 + 5 - x
    assert ability["c1"].tolist() == [1.0, 5.0]  # not reversed
    assert mixed["conf"].tolist() == [10.0, 3.0]  # 0 + 10 - x


@given(
    low=st.integers(-10, 10),
    width=st.integers(1, 20),
    offsets=st.lists(st.integers(0, 20), min_size=1, max_size=30),
)
def test_reversing_twice_changes_nothing(low: int, width: int, offsets: list[int]) -> None:
    response = ResponseRange(min=low, max=low + width)
    values = np.array([low + (o % (width + 1)) for o in offsets], dtype=float)
    once = reverse_score(values, response)
    assert ((once >= response.min) & (once <= response.max)).all()
    np.testing.assert_array_equal(reverse_score(once, response), values)


def test_the_earliest_bad_row_is_reported_whichever_column_it_is_in() -> None:
    data = pd.DataFrame({"c1": [1, 1, 1, 9], "c3": [1, 0, 1, 1]})
    with pytest.raises(ResponseDataError, match=r"^row 2, column 'c3': 0 is outside 1-5"):
        prepare_responses(data, Q)


def test_integer_and_float_columns_give_the_same_answers() -> None:
    ints = pd.DataFrame({"c1": [1, 2, 3], "conf": [0, 5, 10]})
    floats = ints.astype(float)
    pd.testing.assert_frame_equal(prepare_responses(ints, Q), prepare_responses(floats, Q))


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        pytest.param(
            pd.Series([1, True, 3], dtype=object),
            "row 2, column 'c1': True is not a number",
            id="True in a mixed column is not read as 1",
        ),
        pytest.param(
            pd.Series([2, np.False_], dtype=object),
            "row 2, column 'c1': False is not a number",
            id="numpy False in a mixed column",
        ),
        pytest.param(
            pd.Series([True, False]),
            "row 1, column 'c1': True is not a number; answers are whole numbers 1-5",
            id="pure bool column",
        ),
        pytest.param(
            pd.Series([pd.NA, None, False], dtype="boolean"),
            "row 3, column 'c1': False is not a number",
            id="nullable boolean column names its first answered cell",
        ),
    ],
)
def test_true_and_false_are_never_answers(column: pd.Series, expected: str) -> None:
    with pytest.raises(ResponseDataError) as info:
        prepare_responses(pd.DataFrame({"c1": column}), Q)
    message = str(info.value)
    assert message.startswith(expected)
    assert "np." not in message


def test_a_bool_column_reports_the_respondent_of_the_bad_row() -> None:
    data = pd.DataFrame({"c1": pd.Series([pd.NA, True], index=["r1", "r2"], dtype="boolean")})
    with pytest.raises(ResponseDataError, match=r"^row 2 \(respondent 'r2'\), column 'c1': True"):
        prepare_responses(data, Q)


def test_a_nullable_boolean_column_with_no_answers_counts_as_unanswered() -> None:
    data = pd.DataFrame({"c1": pd.Series([pd.NA, pd.NA], dtype="boolean")})
    assert prepare_responses(data, Q)["c1"].isna().all()
