"""The questionnaire format: pydantic models that validate one YAML item bank.

The core keys (``id``, ``version``, ``title``, ``instructions``, ``response``, ``scales``,
``items``) are a public contract documented in ``docs/questionnaire-format.md``: extend it, never
break it. Everything optional has a default, so a minimal file stays valid.
"""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    model_validator,
)

#: An instrument id: lower case letters, digits, ``_`` and ``-``.
QUESTIONNAIRE_ID = r"^[a-z0-9_-]+$"
#: Item and scale ids are plain identifiers; case is kept (``A1`` and ``a1`` differ).
PLAIN_ID = r"^[A-Za-z_][A-Za-z0-9_]*$"

ItemId = Annotated[StrictStr, Field(pattern=PLAIN_ID, max_length=64)]


def _refuse_bool(value: object) -> object:
    """Keep pydantic's lax mode from reading YAML ``true``/``false`` (or yes/no, on/off) as 1/0."""
    if isinstance(value, bool):
        raise ValueError(
            f"{str(value).lower()} is a yes/no value, not a number; write a number such as 0.8 "
            "(YAML reads true, false, yes, no, on and off as yes/no)"
        )
    return value


#: A float field that refuses booleans (numbers and numeric text still pass as usual).
Number = Annotated[float, BeforeValidator(_refuse_bool)]

#: Default share of a scale's items that must be answered for a score.
DEFAULT_MIN_ANSWERED = 0.8


class FieldProblem(ValueError):
    """A check across fields failed at a known place inside the model being validated.

    Pydantic reports errors from a ``model_validator`` at the model itself, not at the field;
    ``field`` (dotted, relative to that model) lets the loader name the exact field.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ResponseRange(_Frozen):
    """The answers an item accepts: whole numbers from ``min`` to ``max``, with optional labels."""

    min: StrictInt
    max: StrictInt
    labels: dict[int, StrictStr] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check_range(self) -> ResponseRange:
        if self.min >= self.max:
            raise FieldProblem("max", f"min ({self.min}) must be below max ({self.max})")
        outside = [k for k in self.labels if not self.min <= k <= self.max]
        if outside:
            raise FieldProblem(
                "labels",
                f"label keys {outside} lie outside {self.min}-{self.max}; "
                "label only values answers can take",
            )
        return self

    @property
    def span(self) -> int:
        """``max - min``: the width used for reversing and POMP."""
        return self.max - self.min

    @property
    def values(self) -> list[int]:
        """Every allowed answer, lowest first."""
        return list(range(self.min, self.max + 1))


class Uncertainty(_Frozen):
    """Design values for one person's score band until our own data can give them.

    ``sd`` is the standard deviation of the scale score (item-mean units) and ``reliability``
    the reliability to assume. Pick them conservatively: a lower reliability gives a wider band.
    """

    sd: Number = Field(gt=0)
    reliability: Number = Field(gt=0, lt=1)


class Scale(_Frozen):
    """A set of items scored together as a keyed mean."""

    id: ItemId
    title: StrictStr
    items: list[ItemId] = Field(min_length=1)
    reverse: list[ItemId] = Field(default_factory=list)
    min_answered: Number = Field(default=DEFAULT_MIN_ANSWERED, gt=0, le=1)
    description: StrictStr = ""
    uncertainty: Uncertainty | None = None

    @model_validator(mode="after")
    def _check_keys(self) -> Scale:
        seen: set[str] = set()
        for item in self.items:
            if item in seen:
                raise FieldProblem("items", f"item '{item}' is listed twice in scale '{self.id}'")
            seen.add(item)
        for item in self.reverse:
            if item not in seen:
                raise FieldProblem(
                    "reverse",
                    f"reverse item '{item}' is not in scale '{self.id}'; "
                    f"add it to items or remove it from reverse",
                )
        return self

    @property
    def min_items(self) -> int:
        """How many items must be answered for a score: ``ceil(min_answered * k)``.

        A tiny epsilon keeps ``0.8 * 5`` from rounding up to 5 through floating-point error.
        """
        return max(1, math.ceil(self.min_answered * len(self.items) - 1e-9))


class Item(_Frozen):
    """One question. ``response`` overrides the questionnaire's default range."""

    id: ItemId
    text: StrictStr = Field(min_length=1)
    response: ResponseRange | None = None


class Questionnaire(_Frozen):
    """One instrument: versioned, validated item bank with its scoring keys."""

    id: Annotated[StrictStr, Field(pattern=QUESTIONNAIRE_ID, max_length=64)]
    version: StrictInt = Field(ge=1)
    title: StrictStr
    instructions: StrictStr
    response: ResponseRange
    scales: list[Scale] = Field(default_factory=list)
    items: list[Item] = Field(min_length=1)
    description: StrictStr = ""
    modelled_on: list[StrictStr] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check_references(self) -> Questionnaire:
        item_ids: set[str] = set()
        for index, item in enumerate(self.items):
            if item.id in item_ids:
                raise FieldProblem(
                    f"items.{index}.id",
                    f"item id '{item.id}' is used twice; item ids must be unique",
                )
            item_ids.add(item.id)
        scale_ids: set[str] = set()
        for index, scale in enumerate(self.scales):
            if scale.id in scale_ids:
                raise FieldProblem(
                    f"scales.{index}.id",
                    f"scale id '{scale.id}' is used twice; scale ids must be unique",
                )
            scale_ids.add(scale.id)
            missing = [i for i in scale.items if i not in item_ids]
            if missing:
                raise FieldProblem(
                    f"scales.{index}.items",
                    f"scale '{scale.id}' lists {missing} but no such item is defined under items",
                )
        return self

    # Lookups -------------------------------------------------------------------------------

    @property
    def item_ids(self) -> list[str]:
        """Item ids in file order."""
        return [item.id for item in self.items]

    def item(self, item_id: str) -> Item:
        """Return the item with this id (``KeyError`` if there is none)."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def scale(self, scale_id: str) -> Scale:
        """Return the scale with this id (``KeyError`` if there is none)."""
        for scale in self.scales:
            if scale.id == scale_id:
                return scale
        raise KeyError(scale_id)

    def response_for(self, item_id: str) -> ResponseRange:
        """Return the answer range of one item: its own, else the questionnaire's default."""
        return self.item(item_id).response or self.response
