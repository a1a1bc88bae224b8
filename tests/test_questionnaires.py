"""Our item banks: every instrument loads, follows the house rules, and is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from questionnaires import (
    INSTRUMENT_IDS,
    Questionnaire,
    load_bank,
    load_questionnaire,
    parse_questionnaire,
)
from questionnaires.loader import BANK_DIR

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
BANK_FILES = sorted(BANK_DIR.glob("*.yaml"))

ROLE_MODEL_SCALES = {
    "similarity",
    "attainability",
    "proximity",
    "process",
    "inspiration",
    "discouragement",
    "orientation",
}
BIPOLAR_IDS = {
    "bp_envy_curiosity",
    "bp_shame_energy",
    "bp_erasure_possibility",
    "bp_obsession_respect",
}
ITEM_PREFIXES = {
    "self_efficacy": ("se",),
    "comparison": ("c",),
    "impostor": ("ip",),
    "reappraisal": ("ra",),
    "flow": ("fl",),
    "role_model": ("sim", "att", "proc", "insp", "disc", "bp_"),
}


def _normalise(text: str) -> str:
    return " ".join(text.casefold().split())


@pytest.fixture(params=INSTRUMENT_IDS)
def instrument(request: pytest.FixtureRequest) -> Questionnaire:
    return load_bank(request.param)


@pytest.mark.parametrize("qid", INSTRUMENT_IDS)
def test_every_instrument_of_the_self_check_has_its_file_in_the_bank(qid: str) -> None:
    assert (BANK_DIR / f"{qid}.yaml").is_file()
    assert load_bank(qid).id == qid


@pytest.mark.parametrize("path", BANK_FILES, ids=lambda p: p.name)
def test_every_bank_file_loads_and_its_id_matches_its_file_name(path: Path) -> None:
    questionnaire = load_questionnaire(path)
    assert questionnaire.id == path.stem
    assert questionnaire.version >= 1


def test_every_instrument_has_a_description_and_sources(instrument: Questionnaire) -> None:
    assert instrument.description.strip()
    assert instrument.modelled_on
    assert all(source.strip() for source in instrument.modelled_on)


def test_every_instrument_has_at_least_one_scale(instrument: Questionnaire) -> None:
    assert instrument.scales


def test_every_scale_has_at_least_three_items_or_needs_both_of_two(
    instrument: Questionnaire,
) -> None:
    for scale in instrument.scales:
        if len(scale.items) == 2:
            assert scale.min_items == 2, f"{instrument.id}.{scale.id}: a 2-item scale needs both"
        else:
            assert len(scale.items) >= 3, f"{instrument.id}.{scale.id} has {len(scale.items)} items"


def test_every_scale_carries_conservative_uncertainty_design_values(
    instrument: Questionnaire,
) -> None:
    for scale in instrument.scales:
        assert scale.uncertainty is not None, f"{instrument.id}.{scale.id}"
        assert 0.6 <= scale.uncertainty.reliability <= 0.9
        response = instrument.response_for(scale.items[0])
        assert 0 < scale.uncertainty.sd < response.span / 2


def test_every_item_is_in_a_scale_and_carries_its_file_prefix(instrument: Questionnaire) -> None:
    in_scales = {item for scale in instrument.scales for item in scale.items}
    for item_id in instrument.item_ids:
        assert item_id in in_scales, f"{instrument.id}: '{item_id}' is in no scale"
        assert item_id.startswith(ITEM_PREFIXES[instrument.id])


def test_items_within_a_scale_share_one_answer_range(instrument: Questionnaire) -> None:
    for scale in instrument.scales:
        ranges = {
            (instrument.response_for(i).min, instrument.response_for(i).max) for i in scale.items
        }
        assert len(ranges) == 1, f"{instrument.id}.{scale.id} mixes ranges {ranges}"


def test_every_answer_range_labels_both_ends(instrument: Questionnaire) -> None:
    for item_id in instrument.item_ids:
        response = instrument.response_for(item_id)
        assert {response.min, response.max} <= set(response.labels)


def test_no_item_text_is_shared_between_or_within_bank_files() -> None:
    seen: dict[str, str] = {}
    for path in BANK_FILES:
        for item in load_questionnaire(path).items:
            key = _normalise(item.text)
            assert key not in seen, f"{path.name}: {item.id} repeats {seen[key]}"
            seen[key] = f"{path.name}: {item.id}"


def test_no_item_is_longer_than_a_phone_screen_line_or_two(instrument: Questionnaire) -> None:
    for item in instrument.items:
        assert len(item.text) <= 110, f"{instrument.id}.{item.id} has {len(item.text)} characters"


@pytest.mark.parametrize(
    ("qid", "scales"),
    [
        ("self_efficacy", {"confidence"}),
        ("comparison", {"ability", "opinion"}),
        ("impostor", {"impostor"}),
        ("reappraisal", {"reappraisal"}),
        ("flow", {"flow"}),
        ("role_model", ROLE_MODEL_SCALES),
    ],
)
def test_each_instrument_has_its_agreed_scale_ids(qid: str, scales: set[str]) -> None:
    assert {scale.id for scale in load_bank(qid).scales} == scales


@pytest.mark.parametrize(
    ("qid", "low", "high"),
    [
        ("self_efficacy", 0, 10),
        ("comparison", 1, 5),
        ("impostor", 1, 5),
        ("reappraisal", 1, 7),
        ("flow", 1, 7),
        ("role_model", 1, 7),
    ],
)
def test_each_instrument_has_its_agreed_default_answer_range(qid: str, low: int, high: int) -> None:
    response = load_bank(qid).response
    assert (response.min, response.max) == (low, high)


def test_self_efficacy_labels_none_some_and_complete_confidence() -> None:
    labels = load_bank("self_efficacy").response.labels
    assert labels == {
        0: "Not at all confident",
        5: "Moderately confident",
        10: "Completely confident",
    }


@pytest.mark.parametrize("qid", ["comparison", "impostor"])
def test_five_point_instruments_label_every_answer(qid: str) -> None:
    response = load_bank(qid).response
    assert sorted(response.labels) == response.values


def test_comparison_has_exactly_two_reversed_items_one_per_subscale() -> None:
    comparison = load_bank("comparison")
    reversed_items = [item for scale in comparison.scales for item in scale.reverse]
    assert len(reversed_items) == 2
    assert all(len(scale.reverse) == 1 for scale in comparison.scales)


@pytest.mark.parametrize("qid", ["self_efficacy", "impostor", "reappraisal", "flow"])
def test_single_scale_instruments_reverse_nothing(qid: str) -> None:
    assert all(not scale.reverse for scale in load_bank(qid).scales)


def test_role_model_proximity_is_similarity_and_attainability_together() -> None:
    role_model = load_bank("role_model")
    proximity = role_model.scale("proximity")
    similarity = role_model.scale("similarity")
    attainability = role_model.scale("attainability")
    assert set(proximity.items) == set(similarity.items) | set(attainability.items)
    assert len(proximity.items) == len(similarity.items) + len(attainability.items)
    assert proximity.reverse == attainability.reverse


def test_role_model_attainability_has_exactly_one_reversed_item() -> None:
    role_model = load_bank("role_model")
    (reversed_item,) = role_model.scale("attainability").reverse
    assert "out of reach" in role_model.item(reversed_item).text
    other_scales = ROLE_MODEL_SCALES - {"attainability", "proximity"}
    assert all(not role_model.scale(s).reverse for s in other_scales)


def test_role_model_orientation_is_the_four_bipolar_pairs_from_minus_three_to_three() -> None:
    role_model = load_bank("role_model")
    orientation = role_model.scale("orientation")
    assert set(orientation.items) == BIPOLAR_IDS
    for item_id in orientation.items:
        response = role_model.response_for(item_id)
        assert (response.min, response.max) == (-3, 3)
        assert set(response.labels) == {-3, 0, 3}


@pytest.mark.parametrize(
    ("item_id", "negative", "positive"),
    [
        ("bp_envy_curiosity", "Envy", "Curiosity"),
        ("bp_shame_energy", "Shame", "Energy"),
        ("bp_erasure_possibility", "Self-erasure", "Possibility"),
        ("bp_obsession_respect", "Obsession", "Respect"),
    ],
)
def test_each_bipolar_pair_puts_the_healthy_pole_at_plus_three(
    item_id: str, negative: str, positive: str
) -> None:
    labels = load_bank("role_model").response_for(item_id).labels
    assert labels[-3] == negative
    assert labels[3] == positive


def test_role_model_items_outside_the_pairs_use_the_default_agreement_range() -> None:
    role_model = load_bank("role_model")
    for item in role_model.items:
        if item.id not in BIPOLAR_IDS:
            assert item.response is None, item.id


def test_role_model_items_speak_of_this_person_not_a_name() -> None:
    role_model = load_bank("role_model")
    for item in role_model.items:
        assert "this person" in item.text.casefold(), item.id


@pytest.mark.parametrize("qid", INSTRUMENT_IDS)
def test_every_instrument_is_named_in_the_science_page(qid: str) -> None:
    assert f"`{qid}`" in (DOCS / "science.md").read_text(encoding="utf-8")


def test_the_format_page_example_is_a_valid_questionnaire() -> None:
    text = (DOCS / "questionnaire-format.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL)
    assert blocks, "docs/questionnaire-format.md needs a ```yaml example"
    example = parse_questionnaire(yaml.safe_load(blocks[0]), source="questionnaire-format.md")
    assert example.scales
    assert any(item.response is not None for item in example.items)
    scored = {item for scale in example.scales for item in scale.items}
    assert set(example.item_ids) - scored, "the example shows a context item outside scales"
