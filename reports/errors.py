"""Errors raised while building reports and downloads; each message says what to do."""

from __future__ import annotations

from questionnaires.errors import PedestalError


class ReportError(PedestalError):
    """A report or export could not be built (missing font, unknown paper size …)."""


class NoSuchAttemptError(ReportError):
    """The attempt asked for does not exist (any more)."""
