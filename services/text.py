"""Cleaning free text typed by runners before it is stored."""

from __future__ import annotations

import unicodedata

from questionnaires.errors import InputError

#: Format characters worth keeping: emoji joiners and variation selectors, new lines, tabs.
# Other format characters (zero-width spaces, bidi overrides) could make a name look empty or
# reversed, so they are dropped.
KEEP = frozenset({"\u200d", "\u200c", "\ufe0e", "\ufe0f", "\n", "\t"})


def clean_text(text: str | None, *, field: str, max_length: int, required: bool) -> str | None:
    """Trim, drop control characters and enforce a length, counting characters not bytes.

    Markup is *kept*: text is stored as typed and escaped wherever it is shown.

    Raises
    ------
    InputError
        When a required text is empty or any text is longer than ``max_length``.
    """
    cleaned = "".join(
        ch
        for ch in (text or "")
        if ch in KEEP or unicodedata.category(ch) not in {"Cc", "Cf", "Cs"}
    ).strip()
    if not cleaned:
        if required:
            raise InputError(f"{field} is empty: please write a few words.")
        return None
    if len(cleaned) > max_length:
        raise InputError(
            f"{field} is {len(cleaned)} characters long; please keep it to {max_length} or fewer."
        )
    return cleaned
