"""The project's exceptions for questionnaire files and response data.

Every message names the file or the cell, the value, what was expected and how to fix it.
"""

from __future__ import annotations


class PedestalError(Exception):
    """Base class for errors a user can fix by changing their input."""


class QuestionnaireError(PedestalError):
    """A questionnaire file is missing, unreadable or does not follow the format.

    Parameters
    ----------
    source : str
        The file name (or another label) of the questionnaire.
    field : str
        Dotted path to the offending field, for example ``scales.0.reverse``; empty for the
        whole file.
    problem : str
        What is wrong and how to fix it.
    """

    def __init__(self, source: str, field: str, problem: str) -> None:
        self.source = source
        self.field = field
        self.problem = problem
        where = f"{source}: {field}: " if field else f"{source}: "
        super().__init__(where + problem)


class ResponseDataError(PedestalError):
    """Response data do not fit the questionnaire (out of range, not a number, unknown item)."""
