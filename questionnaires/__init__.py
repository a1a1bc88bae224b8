"""Item banks as validated data: the YAML files, their schema and the loader."""

from questionnaires.errors import PedestalError, QuestionnaireError, ResponseDataError
from questionnaires.loader import (
    INSTRUMENT_IDS,
    load_bank,
    load_instruments,
    load_questionnaire,
    parse_questionnaire,
)
from questionnaires.schema import Item, Questionnaire, ResponseRange, Scale, Uncertainty

__all__ = [
    "INSTRUMENT_IDS",
    "Item",
    "PedestalError",
    "Questionnaire",
    "QuestionnaireError",
    "ResponseDataError",
    "ResponseRange",
    "Scale",
    "Uncertainty",
    "load_bank",
    "load_instruments",
    "load_questionnaire",
    "parse_questionnaire",
]
