"""Helpers to drive the app with Streamlit's AppTest like a runner would."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from questionnaires import load_bank
from services.steps import SELF_QUESTIONNAIRES

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def open_app(page: str | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def attempt_of(at: AppTest) -> str:
    value = at.query_params["attempt"]
    return value[0] if isinstance(value, list) else value


def radio_for(at: AppTest, item_id: str):
    """The radio group of one item on the current step, found by its key suffix."""
    for radio in at.radio:
        if radio.key and radio.key.endswith(f":{item_id}"):
            return radio
    raise LookupError(f"no radio for item {item_id}")


def answer_step(at: AppTest, questionnaire_id: str, *, skip: tuple[str, ...] = (), value=None):
    questionnaire = load_bank(questionnaire_id)
    for item in questionnaire.items:
        if item.id in skip:
            continue
        span = questionnaire.response_for(item.id)
        wanted = span.max if value is None else min(max(value, span.min), span.max)
        radio_for(at, item.id).set_value(wanted)
    return at


def submit(at: AppTest, label: str = "Save and continue") -> AppTest:
    for button in at.button:
        if button.label == label:
            return button.click().run()
    raise LookupError(f"no button {label!r}")


def name_role_models(at: AppTest, labels: list[str], kind: str = "mate") -> AppTest:
    at.radio(key=f"{attempt_of(at)}:n_models").set_value(len(labels)).run()
    attempt = attempt_of(at)
    for n, label in enumerate(labels, start=1):
        at.text_input(key=f"{attempt}:rm{n}:label").input(label)
        at.selectbox(key=f"{attempt}:rm{n}:kind").set_value(kind)
        at.radio(key=f"{attempt}:rm{n}:known").set_value("personally")
    return submit(at)


def answer_role_model(at: AppTest, position: int, value: int | None = None) -> AppTest:
    answer_step(at, "role_model", value=value)
    attempt = attempt_of(at)
    at.selectbox(key=f"{attempt}:rm{position}:quality").set_value("Patience")
    at.text_area(key=f"{attempt}:rm{position}:practice").input("Ask for help on hard weeks")
    return submit(at)


def complete_self_steps(at: AppTest, value: int | None = None) -> AppTest:
    for questionnaire_id in SELF_QUESTIONNAIRES:
        answer_step(at, questionnaire_id, value=value)
        submit(at)
        assert not at.exception, at.exception
    return at
