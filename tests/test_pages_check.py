"""The self-check pages, driven with Streamlit's AppTest on a real SQLite file.

Behaviours:
- every page renders without an exception (smoke);
- the whole journey with one role model ends on the results with a code and a verdict;
- the whole journey with three role models shows three verdicts on the role-model map;
- submitting a step with gaps names each unanswered item and keeps the answered ones;
- Back keeps the answers of the step left;
- a double submit of a step stores one copy;
- a new session with the attempt id in the URL resumes at the first unfinished step;
- come back with the code lists the attempt; a wrong code says so without more;
- delete removes every row for the code;
- odd labels (HTML, Markdown image, emoji, RTL) are shown literally, never as markup;
- results are refused to a new session with a stale link and no code.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from questionnaires import load_bank
from services.check import load_progress
from services.steps import SELF_QUESTIONNAIRES
from store.db import get_engine, unit_of_work
from store.models import Answer, Respondent, RoleModel, Submission
from tests.apptest import (
    answer_role_model,
    answer_step,
    attempt_of,
    complete_self_steps,
    name_role_models,
    open_app,
    radio_for,
    submit,
)

PAGES = [
    "pages/start.py",
    "pages/check.py",
    "pages/results.py",
    "pages/come_back.py",
    "pages/about.py",
    "pages/privacy.py",
]


@pytest.fixture(autouse=True)
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


@pytest.fixture
def engine(database):
    return get_engine(database)


def rows(engine, model) -> int:
    with unit_of_work(engine) as session:
        return session.scalar(select(func.count()).select_from(model))


def finish(at):
    for button in at.button:
        if button.label == "See my results":
            return button.click().run()
    raise LookupError("no finish button")


def journey(labels: list[str], value: int | None = None):
    at = open_app("pages/check.py")
    complete_self_steps(at, value)
    name_role_models(at, labels)
    for position in range(1, len(labels) + 1):
        answer_role_model(at, position, value)
        assert not at.exception, at.exception
    return finish(at)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_an_exception(page):
    at = open_app(page)
    assert not at.exception, at.exception
    assert at.title or at.header


def test_the_journey_with_one_role_model_ends_with_a_code_and_a_verdict(engine):
    at = journey(["Mara from the club"], value=None)
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Your results"]
    code = at.code[0].value
    assert len(code.replace("-", "")) == 20
    assert rows(engine, Respondent) == 1
    markdown = " ".join(m.value for m in at.markdown)
    assert "Reads as" in markdown
    figures = at.get("plotly_chart")
    assert len(figures) >= 3  # map, one pairs chart, scale bands


def test_the_journey_with_three_role_models_maps_all_three(engine):
    at = journey(["Ana", "Coach Ben", "Kip"])
    assert not at.exception, at.exception
    spec = at.get("plotly_chart")[0].proto.spec
    for label in ("Ana", "Coach Ben", "Kip"):
        assert label in spec
    assert rows(engine, RoleModel) == 3
    assert sum("Reads as" in m.value for m in at.markdown) == 3


def test_a_step_with_gaps_names_each_unanswered_item_and_keeps_the_rest(engine):
    at = open_app("pages/check.py")
    submit(at)  # optional context step
    answer_step(at, "self_efficacy", skip=("se2", "se5"))
    submit(at)
    assert not at.exception
    assert any("questions 2, 5" in e.value for e in at.error)
    assert [w.value for w in at.warning][:2] == [
        "Question 2 still needs an answer.",
        "Question 5 still needs an answer.",
    ]
    assert radio_for(at, "se1").value == 10  # kept on screen
    saved = load_progress(engine, attempt_of(at)).answers["self_efficacy"]
    assert len(saved) == 8  # and in the database
    assert at.header[0].value == load_bank("self_efficacy").title  # still on the same step


def test_back_keeps_the_answers_of_the_step_left(engine):
    at = open_app("pages/check.py")
    submit(at)
    answer_step(at, "self_efficacy", value=7)
    submit(at)  # now on comparison
    submit(at, "Back")
    assert radio_for(at, "se3").value == 7


def test_a_double_submit_stores_one_copy(engine):
    at = open_app("pages/check.py")
    submit(at)
    answer_step(at, "self_efficacy", value=6)
    submit(at)
    attempt = attempt_of(at)
    submit(at, "Back")
    submit(at)  # the same step again, unchanged
    assert not at.exception, at.exception
    assert rows(engine, Submission) == 1
    with unit_of_work(engine) as session:
        n = session.scalar(
            select(func.count()).where(
                Answer.submission_id == attempt, Answer.questionnaire == "self_efficacy"
            )
        )
    assert n == 10


def test_a_new_session_with_the_attempt_in_the_url_resumes(engine):
    at = open_app("pages/check.py")
    submit(at)
    answer_step(at, "self_efficacy", value=4)
    submit(at)
    attempt = attempt_of(at)
    fresh = open_app()
    fresh.query_params["attempt"] = attempt
    fresh.switch_page("pages/check.py").run()
    # switch_page drops query params under AppTest; set them and rerun
    fresh.query_params["attempt"] = attempt
    fresh.run()
    assert not fresh.exception
    assert fresh.header[0].value == "Comparing yourself with other runners"
    assert "Step 3 of" in fresh.get("progress")[0].proto.text


def test_coming_back_with_the_code_lists_the_attempt_and_a_wrong_code_says_so(engine):
    code = journey(["Mara"]).code[0].value
    at = open_app("pages/come_back.py")
    at.text_input[0].input("0000-0000-0000-0000-0000")
    at.button[0].click().run()
    assert at.error[0].value.startswith("That code doesn't open any results")
    at.text_input[0].input(code.lower())
    at.button[0].click().run()
    assert at.success[0].value == "Welcome back."
    links = at.get("page_link")
    assert any("latest" in link.proto.label for link in links)


def test_deleting_removes_every_row_for_the_code(engine):
    code = journey(["Mara", "Ben"]).code[0].value
    at = open_app("pages/come_back.py")
    at.text_input[0].input(code)
    at.button[0].click().run()
    at.switch_page("pages/privacy.py").run()
    delete = next(b for b in at.button if b.label == "Delete everything")
    assert delete.disabled
    at.checkbox(key="delete-sure").check().run()
    next(b for b in at.button if b.label == "Delete everything").click().run()
    assert "Everything is deleted" in at.success[0].value
    for model in (Respondent, Submission, Answer, RoleModel):
        assert rows(engine, model) == 0


def test_odd_labels_are_shown_literally(engine):
    odd = ["<img src=x onerror=alert(1)>", "![x](http://e.x/i.png)", "Kip 🏃‍♂️ מאמן"]
    at = journey(odd)
    assert not at.exception, at.exception
    subheaders = [s.value for s in at.subheader]
    assert r"\<img src\=x onerror\=alert\(1\)\>" in subheaders
    assert r"\!\[x\]\(http\://e\.x/i\.png\)" in subheaders
    assert "Kip 🏃‍♂️ מאמן" in subheaders
    body = " ".join(m.value for m in at.markdown)
    assert "](http" not in body.replace(r"\]\(http", "")


def test_a_stale_link_without_a_code_shows_no_results(engine):
    at = journey(["Mara"])
    attempt = attempt_of(at)
    with unit_of_work(engine) as session:
        row = session.get(Submission, attempt)
        row.submitted_at = row.submitted_at - timedelta(hours=3)
    stranger = open_app()
    stranger.switch_page("pages/results.py")
    stranger.query_params["attempt"] = attempt
    stranger.run()
    assert not stranger.exception
    assert "open them with your result code" in stranger.info[0].value
    assert not stranger.get("plotly_chart")


def test_the_steps_follow_the_instruments_in_order():
    at = open_app("pages/check.py")
    seen = []
    for questionnaire_id in SELF_QUESTIONNAIRES:
        seen.append(at.header[0].value)
        answer_step(at, questionnaire_id)
        submit(at)
    seen.append(at.header[0].value)
    expected = [load_bank(q).title for q in SELF_QUESTIONNAIRES] + ["The people you admire"]
    assert seen == expected


def test_coming_back_after_a_retake_shows_reliable_change(engine):
    code = journey(["Mara"], value=1).code[0].value
    at = open_app("pages/come_back.py")
    at.text_input[0].input(code)
    at.button[0].click().run()
    next(b for b in at.button if b.label == "Retake the check").click().run()
    assert not at.exception, at.exception
    retake = attempt_of(at)
    # AppTest returns to its own page on the next run; follow the switch explicitly.
    at.switch_page("pages/check.py")
    at.query_params["attempt"] = retake
    at.run()
    complete_self_steps(at)  # the retake answers at the top of every scale
    name_role_models(at, ["Mara"])
    answer_role_model(at, 1, value=7)
    finish(at)
    assert not at.code  # a retake keeps the old code: no new one is shown
    at.switch_page("pages/come_back.py").run()
    assert not at.exception, at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "What changed since last time" in [s.value for s in at.subheader]
    assert "**Reliable change:**" in text
    assert len(at.get("plotly_chart")) == 1


def test_an_over_long_name_never_reaches_the_database_and_the_rest_is_kept(engine):
    # The field itself caps names at 60 characters (AppTest, like the browser, refuses the
    # 500-character input); the service's own length message is tested in test_store.
    at = open_app("pages/check.py")
    complete_self_steps(at)
    attempt = attempt_of(at)
    at.text_input(key=f"{attempt}:rm1:label").input("x" * 500)
    at.selectbox(key=f"{attempt}:rm1:kind").set_value("coach")
    at.radio(key=f"{attempt}:rm1:known").set_value("afar")
    submit(at)
    assert at.text_input(key=f"{attempt}:rm1:label").value == ""
    assert any("Name 1 is empty" in e.value for e in at.error)
    assert at.header[0].value == "The people you admire"
    assert at.selectbox(key=f"{attempt}:rm1:kind").value == "coach"
    assert rows(engine, RoleModel) == 0


def test_results_offer_every_download_built_only_on_click(engine):
    at = journey(["Mara"])
    buttons = at.get("download_button")
    labels = sorted(b.proto.label for b in buttons)
    assert labels == sorted(
        [
            "Report (PDF)",
            "Report (HTML, works offline)",
            "Answers (CSV)",
            "Scores (CSV)",
            "Everything (JSON)",
            "Data dictionary (CSV)",
            "All data files (ZIP)",
        ]
    )
    # deferred: nothing is built until a click asks for it, and a click does not rerun
    assert all(b.proto.deferred_file_id and not b.proto.url for b in buttons)
    assert all(b.proto.ignore_rerun for b in buttons)


def test_a_failing_download_answers_with_a_readable_note_not_a_broken_file():
    from pages.ui import _safe

    def broken() -> bytes:
        raise RuntimeError("renderer gone")

    note = _safe(broken, "report (pdf)")().decode()
    assert "could not build the report (pdf)" in note
    assert "renderer gone" in note
    assert _safe(lambda: b"%PDF-1.7", "report (pdf)")() == b"%PDF-1.7"


@pytest.mark.postgres
def test_the_journey_runs_on_postgresql_when_database_url_says_so(monkeypatch, postgres_url):
    from tests.conftest import _fresh_postgres

    url = _fresh_postgres(postgres_url)
    monkeypatch.setenv("DATABASE_URL", url)
    at = journey(["Mara", "Kip"])
    assert not at.exception, at.exception
    assert len(at.code[0].value.replace("-", "")) == 20
    engine = get_engine(url)
    assert engine.dialect.name == "postgresql"
    assert rows(engine, RoleModel) == 2
    assert rows(engine, Respondent) == 1


def test_results_are_gone_in_the_same_session_once_deleted(engine):
    at = journey(["Mara"])
    attempt = attempt_of(at)
    at.switch_page("pages/results.py")
    at.query_params["attempt"] = attempt
    at.run()
    assert [t.value for t in at.title] == ["Your results"]
    code = at.code[0].value
    at.switch_page("pages/come_back.py").run()
    at.text_input[0].input(code)
    at.button[0].click().run()
    at.switch_page("pages/privacy.py").run()
    at.checkbox(key="delete-sure").check().run()
    next(b for b in at.button if b.label == "Delete everything").click().run()
    at.switch_page("pages/results.py")
    at.query_params["attempt"] = attempt
    at.run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Results"]
    assert not at.code  # the code is no longer shown either
    assert not at.get("plotly_chart")


def test_an_odd_spelling_of_the_attempt_id_still_shows_the_new_code(engine):
    at = open_app("pages/check.py")
    attempt = attempt_of(at)
    at.query_params["attempt"] = attempt.upper().replace("-", "")
    at.run()
    assert attempt_of(at) == attempt  # written back in its standard form
    complete_self_steps(at)
    name_role_models(at, ["Mara"])
    answer_role_model(at, 1)
    at = finish(at)
    assert [t.value for t in at.title] == ["Your results"]
    assert len(at.code[0].value.replace("-", "")) == 20


def test_naming_fewer_people_warns_whose_answers_go(engine):
    at = open_app("pages/check.py")
    complete_self_steps(at)
    name_role_models(at, ["Ana", "Ben <b>", "Kip"])
    submit(at, "Back")
    at.radio(key=f"{attempt_of(at)}:n_models").set_value(1).run()
    assert any(r"Ben \<b\>, Kip" in w.value for w in at.warning)
