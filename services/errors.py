"""Errors the use cases raise for the pages to show kindly."""

from __future__ import annotations

from questionnaires.errors import PedestalError


class InputError(PedestalError):
    """Something typed or picked cannot be stored as it is; the message says how to fix it."""


class CheckClosedError(PedestalError):
    """The attempt is already finished (or gone), so it takes no more answers."""


class NotAllowedError(PedestalError):
    """The person asking may not see this."""
