"""The questionnaire format: a broken file fails loudly, naming the file, the field and the fix."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from questionnaires import QuestionnaireError, load_questionnaire, parse_questionnaire

Data = dict[str, Any]


def _valid() -> Data:
    return {
        "id": "demo",
        "version": 1,
        "title": "Demo",
        "instructions": "How much do you agree?",
        "response": {"min": 1, "max": 5, "labels": {1: "Strongly disagree", 5: "Strongly agree"}},
        "scales": [
            {"id": "s", "title": "S", "items": ["a1", "a2", "a3"], "reverse": ["a3"]},
        ],
        "items": [
            {"id": "a1", "text": "One"},
            {"id": "a2", "text": "Two"},
            {"id": "a3", "text": "Three"},
        ],
    }


def _broken(change: Callable[[Data], object]) -> Data:
    data = copy.deepcopy(_valid())
    change(data)
    return data


def test_the_valid_example_used_below_loads() -> None:
    questionnaire = parse_questionnaire(_valid(), source="demo.yaml")
    assert questionnaire.scale("s").reverse == ["a3"]


@pytest.mark.parametrize(
    ("change", "field", "fragments"),
    [
        pytest.param(
            lambda d: d.update(colour="red"),
            "colour",
            ["unknown key 'colour'"],
            id="unknown key at the top",
        ),
        pytest.param(
            lambda d: d["scales"][0].update(reverese=["a3"]),
            "scales.0.reverese",
            ["unknown key 'reverese'"],
            id="unknown key in a scale",
        ),
        pytest.param(
            lambda d: d["scales"][0]["items"].append("a9"),
            "scales.0.items",
            ["'s'", "'a9'", "no such item"],
            id="scale lists an undefined item",
        ),
        pytest.param(
            lambda d: d["scales"][0].update(reverse=["a9"]),
            "scales.0.reverse",
            ["reverse item 'a9'", "not in scale 's'"],
            id="reverse item not in the scale",
        ),
        pytest.param(
            lambda d: d["scales"][0]["items"].append("a1"),
            "scales.0.items",
            ["'a1'", "listed twice"],
            id="item listed twice in a scale",
        ),
        pytest.param(
            lambda d: d["response"].update(min=5, max=1),
            "response.max",
            ["min (5) must be below max (1)"],
            id="min above max",
        ),
        pytest.param(
            lambda d: d["response"].update(min=3, max=3, labels={}),
            "response.max",
            ["min (3) must be below max (3)"],
            id="min equal to max",
        ),
        pytest.param(
            lambda d: d["items"].append({"id": "a1", "text": "Again"}),
            "items.3.id",
            ["item id 'a1'", "used twice"],
            id="duplicate item ids",
        ),
        pytest.param(
            lambda d: d["scales"].append({"id": "s", "title": "Again", "items": ["a1"]}),
            "scales.1.id",
            ["scale id 's'", "used twice"],
            id="duplicate scale ids",
        ),
        pytest.param(
            lambda d: d["items"][0].update(id="c 1"),
            "items.0.id",
            ["'c 1'", "not a plain identifier"],
            id="item id with a space",
        ),
        pytest.param(
            lambda d: d["items"][0].update(id="1c"),
            "items.0.id",
            ["'1c'", "not a plain identifier", "not starting with a digit"],
            id="item id starting with a digit",
        ),
        pytest.param(
            lambda d: d["scales"][0].update(id="my-scale"),
            "scales.0.id",
            ["'my-scale'", "not a plain identifier"],
            id="scale id with a dash",
        ),
        pytest.param(
            lambda d: d.update(id="Demo Q"),
            "id",
            ["'Demo Q'", "not a questionnaire id", "lower-case"],
            id="bad questionnaire id",
        ),
        pytest.param(
            lambda d: d["response"]["labels"].update({9: "Way too high"}),
            "response.labels",
            ["[9]", "outside 1-5"],
            id="label outside the default range",
        ),
        pytest.param(
            lambda d: d["items"][1].update(response={"min": 0, "max": 3, "labels": {-1: "Low"}}),
            "items.1.response.labels",
            ["[-1]", "outside 0-3"],
            id="label outside an item's own range",
        ),
        pytest.param(
            lambda d: d.pop("title"),
            "title",
            ["required but missing"],
            id="missing title",
        ),
        pytest.param(
            lambda d: d["items"][2].pop("text"),
            "items.2.text",
            ["required but missing"],
            id="missing item text",
        ),
        pytest.param(
            lambda d: d["scales"][0].update(min_answered=1.5),
            "scales.0.min_answered",
            ["1.5"],
            id="min_answered above one",
        ),
        pytest.param(
            lambda d: d["scales"][0].update(min_answered=True),
            "scales.0.min_answered",
            ["true is a yes/no value, not a number"],
            id="min_answered true is not read as 1",
        ),
        pytest.param(
            lambda d: d["scales"][0].update(uncertainty={"sd": True, "reliability": 0.8}),
            "scales.0.uncertainty.sd",
            ["true is a yes/no value, not a number"],
            id="uncertainty sd true is not read as 1",
        ),
        pytest.param(
            lambda d: d["scales"][0].update(uncertainty={"sd": 1.0, "reliability": False}),
            "scales.0.uncertainty.reliability",
            ["false is a yes/no value, not a number"],
            id="uncertainty reliability false is not read as 0",
        ),
        pytest.param(
            lambda d: d.update(version="one"),
            "version",
            ["integer", "'one'"],
            id="version not a whole number",
        ),
        pytest.param(
            lambda d: d["response"]["labels"].update({3: True}),
            "response.labels.3",
            ["string", "True"],
            id="unquoted yes or no read as a boolean label",
        ),
    ],
)
def test_a_broken_file_names_the_file_the_field_and_the_problem(
    change: Callable[[Data], object], field: str, fragments: list[str]
) -> None:
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(_broken(change), source="demo.yaml")
    error = caught.value
    assert error.source == "demo.yaml"
    assert error.field == field
    message = str(error)
    assert message.startswith(f"demo.yaml: {field}: ")
    for fragment in fragments:
        assert fragment in message


@pytest.mark.parametrize("data", [["a", "b"], "just text", None, 3], ids=repr)
def test_data_that_is_not_a_mapping_is_refused(data: object) -> None:
    with pytest.raises(QuestionnaireError, match=r"^demo\.yaml: the file must hold a mapping"):
        parse_questionnaire(data, source="demo.yaml")


def test_a_file_that_is_not_yaml_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: demo\nitems: [a1\n", encoding="utf-8")
    with pytest.raises(QuestionnaireError, match=r"^broken\.yaml: is not valid YAML") as caught:
        load_questionnaire(path)
    assert "line" in str(caught.value)


def test_an_empty_file_is_refused_as_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("", encoding="utf-8")
    with pytest.raises(QuestionnaireError, match=r"^empty\.yaml: the file must hold a mapping"):
        load_questionnaire(path)


def test_a_missing_file_is_refused_with_its_name(tmp_path: Path) -> None:
    with pytest.raises(QuestionnaireError, match=r"^absent\.yaml: cannot be read"):
        load_questionnaire(tmp_path / "absent.yaml")


def test_a_broken_file_on_disk_names_the_file_and_field(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(_broken(lambda d: d.update(colour="red"))), encoding="utf-8")
    with pytest.raises(QuestionnaireError, match=r"^mine\.yaml: colour: unknown key 'colour'"):
        load_questionnaire(path)


def test_a_valid_file_on_disk_loads(tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(yaml.safe_dump(_valid()), encoding="utf-8")
    assert load_questionnaire(path).item_ids == ["a1", "a2", "a3"]


def test_item_ids_keep_their_case_so_a1_and_capital_a1_are_two_items() -> None:
    data = _valid()
    data["items"].append({"id": "A1", "text": "Capital"})
    data["scales"][0]["items"].append("A1")
    questionnaire = parse_questionnaire(data, source="demo.yaml")
    assert questionnaire.item_ids == ["a1", "a2", "a3", "A1"]
    assert questionnaire.item("A1").text == "Capital"
    assert questionnaire.item("a1").text == "One"


def test_a_scale_cannot_reach_an_item_by_the_wrong_case() -> None:
    data = _valid()
    data["scales"][0]["items"] = ["A1", "a2", "a3"]
    with pytest.raises(QuestionnaireError, match=r"scales\.0\.items: .*\['A1'\]"):
        parse_questionnaire(data, source="demo.yaml")


def test_questionnaire_ids_may_use_dashes_and_digits() -> None:
    data = _valid()
    data["id"] = "club-check_2"
    assert parse_questionnaire(data).id == "club-check_2"


def _scale_of(k: int, min_answered: float | None) -> Data:
    data = _valid()
    data["items"] = [{"id": f"q{i}", "text": f"Question {i}"} for i in range(1, k + 1)]
    scale: Data = {"id": "s", "title": "S", "items": [f"q{i}" for i in range(1, k + 1)]}
    if min_answered is not None:
        scale["min_answered"] = min_answered
    data["scales"] = [scale]
    return data


@pytest.mark.parametrize(
    ("k", "min_answered", "needed"),
    [
        (5, None, 4),
        (5, 0.8, 4),
        (4, 0.8, 4),
        (10, 0.8, 8),
        (2, 0.8, 2),
        (3, 0.8, 3),
        (8, 0.8, 7),
        (4, 0.75, 3),
        (6, 0.5, 3),
        (1, 0.8, 1),
        (10, 0.01, 1),
        (7, 1.0, 7),
    ],
)
def test_min_items_is_the_ceiling_of_min_answered_times_the_items(
    k: int, min_answered: float | None, needed: int
) -> None:
    questionnaire = parse_questionnaire(_scale_of(k, min_answered))
    assert questionnaire.scale("s").min_items == needed


def test_a_yaml_yes_for_min_answered_is_refused_through_the_loader(tmp_path: Path) -> None:
    path = tmp_path / "yes.yaml"
    text = yaml.safe_dump(_valid()).replace("reverse:", "min_answered: yes\n  reverse:")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QuestionnaireError, match=r"^yes\.yaml: scales\.0\.min_answered: true is"):
        load_questionnaire(path)


def test_whole_numbers_still_count_as_numbers_for_min_answered_and_sd() -> None:
    scale = {"min_answered": 1, "uncertainty": {"sd": 2, "reliability": 0.7}}
    questionnaire = parse_questionnaire(_broken(lambda d: d["scales"][0].update(scale)))
    assert questionnaire.scale("s").min_answered == 1.0
    assert questionnaire.scale("s").uncertainty.sd == 2.0


def test_min_answered_defaults_to_four_fifths() -> None:
    assert parse_questionnaire(_scale_of(5, None)).scale("s").min_answered == 0.8


def test_an_item_may_override_the_default_answer_range() -> None:
    data = _valid()
    data["items"].append(
        {"id": "k1", "text": "Confidence", "response": {"min": 0, "max": 10, "labels": {0: "None"}}}
    )
    questionnaire = parse_questionnaire(data)
    own = questionnaire.response_for("k1")
    assert (own.min, own.max, own.labels) == (0, 10, {0: "None"})
    default = questionnaire.response_for("a1")
    assert (default.min, default.max) == (1, 5)
    assert default is questionnaire.response


def test_response_for_an_unknown_item_raises_key_error() -> None:
    with pytest.raises(KeyError):
        parse_questionnaire(_valid()).response_for("zz")


def test_items_outside_every_scale_are_allowed_as_context_questions() -> None:
    data = _valid()
    data["items"].append({"id": "years", "text": "Years running?"})
    assert "years" in parse_questionnaire(data).item_ids


def test_a_file_without_scales_is_valid() -> None:
    data = _valid()
    del data["scales"]
    assert parse_questionnaire(data).scales == []


def test_negative_ranges_and_labels_are_allowed_for_bipolar_items() -> None:
    data = _valid()
    data["items"].append(
        {
            "id": "bp",
            "text": "I feel more…",
            "response": {"min": -3, "max": 3, "labels": {-3: "Envy", 0: "Neither", 3: "Curiosity"}},
        }
    )
    response = parse_questionnaire(data).response_for("bp")
    assert response.values == [-3, -2, -1, 0, 1, 2, 3]
    assert response.span == 6


def test_a_parsed_questionnaire_is_frozen() -> None:
    questionnaire = parse_questionnaire(_valid())
    with pytest.raises(Exception, match="frozen"):
        questionnaire.title = "Changed"  # type: ignore[misc]
