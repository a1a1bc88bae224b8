"""The words results are explained in: kind, plain, non-clinical, and honest about limits.

One place for every sentence a runner reads about a score, used by the Results page and the
reports alike. Levels are read from POMP (0–100) with the band in mind, never as diagnoses.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring.verdict import TOWARDS_DISCOURAGING, TOWARDS_INSPIRING

#: POMP cut points for the words "lower", "middling" and "higher" (thirds of the range).
LOW_BELOW = 100 / 3
HIGH_ABOVE = 200 / 3


@dataclass(frozen=True, slots=True)
class Meaning:
    """What a lower, middling and higher score suggests, and what the scale cannot tell."""

    low: str
    middle: str
    high: str
    cannot_tell: str


MEANINGS: dict[tuple[str, str], Meaning] = {
    ("self_efficacy", "confidence"): Meaning(
        low="Right now, many running situations feel hard to trust yourself with. That is "
        "common after a break, an injury or a rough patch, and confidence grows with small wins.",
        middle="You trust yourself in some running situations more than others: a good base to "
        "build on, one manageable challenge at a time.",
        high="You feel fairly sure you can handle most running situations, including hard ones.",
        cannot_tell="It reflects how confident you feel today, not what you are able to do.",
    ),
    ("comparison", "ability"): Meaning(
        low="You don't often measure your running against other runners' performances.",
        middle="You compare your running with others' now and then, like most people.",
        high="You often measure your running against how others are doing. Comparison can "
        "motivate or sting; the role-model results below show which way it tends to go for you.",
        cannot_tell="How often you compare says nothing about whether that is good or bad for you.",
    ),
    ("comparison", "opinion"): Meaning(
        low="You rarely look to other runners to shape what you think or how you train.",
        middle="You sometimes check what other runners think, and sometimes go your own way.",
        high="You often look to other runners' views and choices to shape your own: "
        "a way of learning, as long as your own judgement stays in the mix.",
        cannot_tell="It does not tell whether the views you seek out are good ones for you.",
    ),
    ("impostor", "impostor"): Meaning(
        low="Feeling like a fraud as a runner doesn't come up much for you.",
        middle="Now and then you feel you don't quite count as a 'real' runner. Many runners "
        "do, at every level.",
        high="You often feel like you're only pretending to be a runner, or that your results "
        "were luck. That feeling is very common and doesn't mean it's true: you run, so you are "
        "a runner.",
        cannot_tell="These are feelings, not a condition. The score is not a diagnosis and "
        "can't say why they come up.",
    ),
    ("reappraisal", "reappraisal"): Meaning(
        low="Setbacks tend to feel like verdicts rather than information right now. Reading a "
        "bad run as data is a skill, and it can be practised.",
        middle="Sometimes you can step back and read a setback as information, sometimes less so.",
        high="You often treat a bad run or race as information, not a judgement of you.",
        cannot_tell="It describes a habit of thinking, not how well you cope overall.",
    ),
    ("flow", "flow"): Meaning(
        low="Lately, good runs don't often feel absorbed and effortless. Busy or tired phases "
        "can do that.",
        middle="Some runs lately have had that absorbed, flowing feel.",
        high="Your good runs often feel absorbed and fluent, with effort feeling easier.",
        cannot_tell="It covers recent good runs only, not your running as a whole.",
    ),
}

#: Per-model scales of the role-model block, explained on each role-model card.
ROLE_MODEL_MEANINGS: dict[str, Meaning] = {
    "proximity": Meaning(
        low="This person feels far from you: different life, different level, hard to reach.",
        middle="This person feels neither very close nor very far.",
        high="This person feels close: a life and a level that seem within reach with time.",
        cannot_tell="It is how close they *feel*, which can change as you learn more about them.",
    ),
    "process": Meaning(
        low="You see little of how this person gets there: mostly outcomes.",
        middle="You see some of this person's process, not all of it.",
        high="This person lets you see the process: the work, the struggle and the setbacks.",
        cannot_tell="It depends on what they share, not on what their running is really like.",
    ),
}

GENERAL_LIMITS = (
    "These questionnaires are modelled on published research but written in our own words, and "
    "they have not been validated yet. Each score comes with a band: the range the score could "
    "easily fall in if you took the check again tomorrow. The results describe how things feel "
    "for you now. They are not a diagnosis, and they are not a judgement of you as a runner. "
    "If running or comparison is weighing on you a lot, talking it through with someone you "
    "trust, or a professional, can help."
)


def level(pomp: float) -> str:
    """``"low"``, ``"middle"`` or ``"high"`` for a POMP score (NaN counts as middle)."""
    if pomp < LOW_BELOW:
        return "low"
    if pomp > HIGH_ABOVE:
        return "high"
    return "middle"


def describe(meaning: Meaning, pomp: float) -> str:
    """The sentence that fits a score."""
    return getattr(meaning, level(pomp))


def reflection_prompts(label: str, verdict: str, quality: str | None) -> list[str]:
    """Reflection prompts for one role model that follow the verdict.

    ``label`` is user text: callers must escape it for wherever they show the prompts.
    """
    prompts: list[str] = []
    if verdict == "discouraging":
        prompts += [
            f"Admiring {label} seems to leave you smaller right now. What is the edited slice "
            "you see of them, and what is the part you don't see (the bad weeks, the help, "
            "the years)?",
            "How would you talk to a running friend who felt this way? Try saying the same "
            "words to yourself.",
            "Self-doubt and flat spells are part of running for everyone, including the people "
            "you look up to. They are not proof that you don't belong.",
            "Is there someone nearer to where you are, a club mate or a friend a step ahead, who "
            "shows the same quality on a path you can see?",
        ]
    elif verdict == "mixed":
        prompts += [
            f"Admiring {label} pulls both ways. Notice which moments leave you energised and "
            "which leave you comparing, and what is different about them.",
        ]
    else:
        prompts += [
            f"Admiring {label} seems to lift you. What exactly about them makes you want to "
            "train, and how can you keep that close?",
        ]
    if quality:
        prompts.append(
            f"You admire their {quality.lower()}. Treat that as information about what you "
            "value: how would it look practised as *you*, not as a copy of them?"
        )
    else:
        prompts.append(
            "Name one quality you admire in them. Often the thing worth copying is a mindset, "
            "like how they meet a bad day, rather than a routine."
        )
    return prompts


CLOSING_PROMPT = (
    "You are probably someone's role model too. What could you show a newer runner: talking "
    "about nerves, coming back after a bad patch, or that bad weeks don't disqualify anyone?"
)


# Numbers and verdicts in words: the Results page and both report formats use these, so a
# runner reads the same sentence everywhere.

#: Verdict words with a symbol, so meaning never rests on colour alone.
VERDICT_WORDS: dict[str, str] = {
    "inspiring": "▲ Reads as inspiring",
    "mixed": "◆ Reads as mixed",
    "discouraging": "▼ Reads as discouraging",
}
#: Arrows for drivers pushing towards inspiring (↑) or discouraging (↓).
DRIVER_ARROWS: dict[str, str] = {TOWARDS_INSPIRING: "↑", TOWARDS_DISCOURAGING: "↓"}
#: How far net inspiration must lean (POMP points) before a mixed verdict says which way.
LEAN_AT = 10.0
NET_LIMIT = 100.0


def signed(value: float) -> str:
    """A whole number with its sign and a real minus: ``+35``, ``0``, ``−12``."""
    rounded = round(value)
    return "0" if rounded == 0 else f"{rounded:+d}".replace("-", "−")


def format_score(score: float, minimum: float, maximum: float) -> str:
    """A scale score on its own range: ``"3.4 on 1–5"``."""
    return f"{score:.1f} on {minimum:g}–{maximum:g}"


def format_pomp(pomp: float) -> str:
    """A POMP score: ``"60 of 100"``."""
    return f"{pomp:.0f} of 100"


def format_band(low: float, high: float) -> str:
    """A 95 % band in POMP, clipped to the possible 0–100: ``"95 % band 48–72"``."""
    return f"95 % band {max(0.0, low):.0f}–{min(100.0, high):.0f}"


def net_band_text(low: float, high: float) -> str:
    """The band of net inspiration, clipped to the possible −100 … +100."""
    return f"{signed(max(-NET_LIMIT, low))} to {signed(min(NET_LIMIT, high))}"


def verdict_headline(label: str, net: float) -> str:
    """The verdict in a few words; a mixed one says which way it leans, if it clearly does."""
    words = VERDICT_WORDS[label]
    if label == "mixed" and net >= LEAN_AT:
        return f"{words}, leaning towards inspiring"
    if label == "mixed" and net <= -LEAN_AT:
        return f"{words}, leaning towards discouraging"
    return words


def verdict_sentence(
    net: float, low: float, high: float, inspiration: float, discouragement: float
) -> str:
    """Net inspiration with its parts and band, in one sentence."""
    return (
        f"Net inspiration {signed(net)} on a scale from −100 to +100 (inspiration "
        f"{inspiration:.0f} minus discouragement {discouragement:.0f}); 95 % band "
        f"{net_band_text(low, high)}."
    )
