"""Result codes: shown once, stored only as a hash, forgiving to type back."""

from __future__ import annotations

import hashlib
import secrets

# Crockford's base32: no I, L, O or U, so codes survive being read aloud or handwritten.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
#: 20 symbols x 5 bits = 100 bits: far beyond guessing, even without a rate limit.
CODE_LENGTH = 20
_TYPO = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def new_result_code() -> str:
    """A fresh random code grouped in fours, e.g. ``7K2M-...``."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_code(text: str) -> str | None:
    """Upper-case, drop spaces and dashes, fix look-alikes; ``None`` if it cannot be a code."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -\t\n").translate(_TYPO)
    if len(cleaned) != CODE_LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned


def hash_code(code: str) -> str:
    """SHA-256 of the normalised code.

    A fast hash is enough here: with 100 random bits there is nothing to brute-force, unlike a
    password, and lookups must be by hash.
    """
    normalised = normalise_code(code)
    if normalised is None:
        raise ValueError("not a result code")
    return hashlib.sha256(normalised.encode("ascii")).hexdigest()
