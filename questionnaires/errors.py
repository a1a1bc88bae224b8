"""Every exception Pedestal raises, in one module (the lowest layer, so all may import it).

Every message names the file or the cell, the value, what was expected and how to fix it, so a
page, a report or the command line can show it as it is.
"""

from __future__ import annotations

from collections.abc import Mapping


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


class InsufficientAnswersError(ResponseDataError):
    """Too few answers to weigh inspiration against discouragement.

    Attributes
    ----------
    reasons : dict of str to str
        Scale id → why it has no score, e.g. ``{"inspiration": "2 of 4 items answered; 3 needed"}``.
    """

    def __init__(self, reasons: Mapping[str, str]) -> None:
        self.reasons = dict(reasons)
        detail = "; ".join(f"{scale}: {why}" for scale, why in self.reasons.items())
        super().__init__(
            f"not enough answers to weigh inspiration against discouragement ({detail}). "
            "Answer the remaining questions about this person to see a verdict."
        )


class InputError(PedestalError):
    """Something typed or picked cannot be stored as it is; the message says how to fix it."""


class CommandLineInputError(PedestalError):
    """A file given to the command line cannot be used: unreadable, not UTF-8 or a broken CSV."""


class CheckClosedError(PedestalError):
    """The attempt is already finished (or gone), so it takes no more answers."""


class NotAllowedError(PedestalError):
    """The person asking may not see this."""


class ReportError(PedestalError):
    """A report or export could not be built (missing font, unknown paper size …)."""


class NoSuchAttemptError(ReportError):
    """The attempt asked for does not exist (any more)."""


class ChartDataError(PedestalError, ValueError):
    """A chart was given a table without the columns it documents."""


class ChartRenderError(PedestalError, RuntimeError):
    """A figure could not be turned into an image (no Chromium, Chromium failed, timeout)."""
