"""Words the check offers as choices: role-model kinds, how known, qualities worth copying."""

from __future__ import annotations

#: Kinds of role model; ``elite`` and ``online`` count as distant for team statistics.
ROLE_MODEL_KINDS: dict[str, str] = {
    "elite": "Elite or pro runner",
    "coach": "Coach",
    "mate": "Club or training mate",
    "friend": "Friend or family",
    "online": "Online creator",
    "other": "Someone else",
}
DISTANT_KINDS = frozenset({"elite", "online"})

KNOWN: dict[str, str] = {
    "personally": "I know them personally",
    "afar": "I know them from afar",
}

#: Qualities a runner can name as the thing they admire (or write their own).
QUALITIES: tuple[str, ...] = (
    "Discipline",
    "Patience",
    "Consistency",
    "Comeback after failure",
    "Joy in running",
    "Honesty about struggle",
    "Balance with the rest of life",
    "Courage",
)
