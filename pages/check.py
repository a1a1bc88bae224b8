import contextlib

import streamlit as st

from pages import ui
from questionnaires import load_bank
from questionnaires.errors import CheckClosedError, InputError
from services import check as svc
from services.steps import MAX_ROLE_MODELS
from services.vocabulary import KNOWN, QUALITIES, ROLE_MODEL_KINDS
from store.models import LABEL_MAX, NOTE_MAX, QUALITY_MAX

OTHER_QUALITY = "Something else…"
# A fixed script (no user text in it): a new step starts at its top, not where the last ended.
SCROLL_TO_TOP = (
    "<script>document.querySelector('[data-testid=\"stMain\"]')?.scrollTo(0, 0);"
    "window.scrollTo(0, 0);</script>"
)
engine = ui.engine()

# The attempt id lives in the URL, so a reload or a new tab resumes the same check.
attempt = st.query_params.get("attempt")
progress = svc.load_progress(engine, attempt) if attempt else None
if attempt and progress is None:
    st.error("We couldn't find that check. It may have been deleted. You can start a new one.")
    if st.button("Start a new check", type="primary"):
        st.query_params.clear()
        st.rerun()
    st.stop()
if progress is None:
    attempt = svc.start_check(engine, svc.new_attempt_id())
    st.query_params["attempt"] = attempt
    progress = svc.load_progress(engine, attempt)
if attempt != progress.attempt_id:  # one spelling of the id everywhere (URL, session, codes)
    attempt = progress.attempt_id
    st.query_params["attempt"] = attempt
if progress.submitted_at is not None:
    st.success("This check is finished.")
    st.page_link("pages/results.py", label="See the results", query_params={"attempt": attempt})
    st.stop()

steps = progress.steps
step_key = f"step:{attempt}"
index = min(st.session_state.setdefault(step_key, progress.next_step), len(steps))


def go(to: int) -> None:
    st.session_state[step_key] = max(0, min(to, len(steps)))
    st.session_state["scroll_to_top"] = True
    st.rerun()


if st.session_state.pop("scroll_to_top", False):
    st.html(SCROLL_TO_TOP, unsafe_allow_javascript=True)


st.progress(
    min(index, len(steps)) / len(steps),
    text=f"Step {index + 1} of {len(steps)}: {steps[index].title}"
    if index < len(steps)
    else "All steps done",
)

flash = st.session_state.pop(f"flash:{attempt}", None)
if flash:
    st.error(flash)


def nav_buttons(first: bool) -> tuple[bool, bool]:
    back_col, next_col = st.columns(2)
    back = back_col.form_submit_button("Back", disabled=first, use_container_width=True)
    forward = next_col.form_submit_button(
        "Save and continue", type="primary", use_container_width=True
    )
    return back, forward


def missing_message(questionnaire_id: str, missing: list[str]) -> str:
    questionnaire = load_bank(questionnaire_id)
    numbers = [str(questionnaire.item_ids.index(i) + 1) for i in missing]
    return (
        f"Please answer question{'s' if len(numbers) > 1 else ''} {', '.join(numbers)} "
        "(marked below). Your other answers are saved."
    )


def item_inputs(step, questionnaire, saved: dict[str, int], prefix: str) -> dict:
    """Every item of the step, with a note above each one left unanswered last time."""
    flagged = set(st.session_state.get(f"missing:{attempt}:{step.key}", []))
    values = {}
    for number, item in enumerate(questionnaire.items, start=1):
        if item.id in flagged:
            st.warning(f"Question {number} still needs an answer.", icon=":material/error:")
        values[item.id] = ui.item_input(
            questionnaire, item, number, saved.get(item.id), key=f"{prefix}:{item.id}"
        )
    return values


def after_save(step_index: int, missing: list[str], *, back: bool) -> None:
    """Go on, or stay and name the gaps (Back always goes back: what was given is saved)."""
    step = steps[step_index]
    if not back and missing:
        st.session_state[f"missing:{attempt}:{step.key}"] = missing
        st.session_state[f"flash:{attempt}"] = missing_message(step.questionnaire_id, missing)
        st.rerun()
    st.session_state.pop(f"missing:{attempt}:{step.key}", None)
    go(step_index - 1 if back else step_index + 1)


def questionnaire_step(step_index: int) -> None:
    step = steps[step_index]
    questionnaire = load_bank(step.questionnaire_id)
    st.header(questionnaire.title)
    with st.form(f"form-{step.key}"):
        st.write(questionnaire.instructions)
        if questionnaire.response.labels and questionnaire.id != "context":
            st.caption(ui.anchors(questionnaire))
        saved = progress.answers.get(questionnaire.id, {})
        values = item_inputs(step, questionnaire, saved, prefix=attempt)
        back, forward = nav_buttons(step_index == 0)
    if back or forward:
        missing = svc.save_answers(engine, attempt, questionnaire.id, values)
        after_save(step_index, missing, back=back)


def role_models_step(step_index: int) -> None:
    saved = progress.role_models
    st.header("The people you admire")
    st.write(
        "Think of up to three runners you look up to: someone famous, a club or training mate, "
        "a coach, a friend. Use a short name or nickname; it stays on your results only."
    )
    count = st.radio(
        "How many people would you like to reflect on?",
        options=list(range(1, MAX_ROLE_MODELS + 1)),
        index=max(len(saved), 1) - 1,
        horizontal=True,
        key=f"{attempt}:n_models",
    )
    if count < len(saved):
        dropped = ", ".join(ui.escape_md(m.label) for m in saved[count:])
        st.warning(f"Saving with fewer people removes your answers about {dropped}.")
    st.caption("Changing a name counts as a new person: their questions start afresh.")
    kinds, known = list(ROLE_MODEL_KINDS), list(KNOWN)
    with st.form("form-role-models"):
        entries = []
        for n in range(1, count + 1):
            before = saved[n - 1] if n <= len(saved) else None
            st.subheader(f"Person {n}")
            label = st.text_input(
                f"Person {n}: short name or nickname",
                value=before.label if before else "",
                max_chars=LABEL_MAX,
                key=f"{attempt}:rm{n}:label",
            )
            kind = st.selectbox(
                f"Person {n}: who are they to you?",
                options=kinds,
                index=kinds.index(before.kind) if before else None,
                format_func=ROLE_MODEL_KINDS.get,
                placeholder="Choose one",
                key=f"{attempt}:rm{n}:kind",
            )
            how = st.radio(
                f"Person {n}: how do you know them?",
                options=known,
                index=known.index(before.known) if before else None,
                format_func=KNOWN.get,
                key=f"{attempt}:rm{n}:known",
            )
            entries.append(svc.RoleModelInput(label=label, kind=kind or "", known=how or ""))
        back, forward = nav_buttons(False)
    if back:
        # keep what is complete; an unfinished entry cannot be stored and is not an error here
        with contextlib.suppress(InputError):
            svc.save_role_models(engine, attempt, entries)
        go(step_index - 1)
    if forward:
        try:
            svc.save_role_models(engine, attempt, entries)
        except InputError as err:
            st.error(str(err))
            return
        go(step_index + 1)


def role_model_step(step_index: int) -> None:
    step = steps[step_index]
    model = progress.role_models[step.position - 1]
    questionnaire = load_bank(step.questionnaire_id)
    st.header(f"About {ui.escape_md(model.label)}")
    prefix = f"{attempt}:rm{step.position}"
    with st.form(f"form-{step.key}"):
        st.write(questionnaire.instructions)
        st.caption(ui.anchors(questionnaire))
        values = item_inputs(step, questionnaire, model.answers, prefix=prefix)
        st.subheader("What you admire")
        options = [*QUALITIES, OTHER_QUALITY]
        custom = model.quality if model.quality and model.quality not in QUALITIES else ""
        picked = st.selectbox(
            "Which quality of theirs do you admire most?",
            options=options,
            index=options.index(OTHER_QUALITY if custom else model.quality)
            if model.quality
            else None,
            placeholder="Choose one (optional)",
            key=f"{prefix}:quality",
        )
        own = st.text_input(
            "If something else, name it",
            value=custom,
            max_chars=QUALITY_MAX,
            key=f"{prefix}:quality_other",
        )
        practice = st.text_area(
            "One small way to practise it as yourself this week (optional)",
            value=model.practice or "",
            max_chars=NOTE_MAX,
            key=f"{prefix}:practice",
            placeholder="e.g. tell my training partner when a session felt hard",
        )
        back, forward = nav_buttons(False)
    if back or forward:
        quality = own if picked == OTHER_QUALITY else picked
        try:
            missing = svc.save_role_model_answers(
                engine, attempt, step.position, values, quality=quality, practice=practice
            )
        except InputError as err:
            st.error(str(err))
            return
        after_save(step_index, missing, back=back)


def finish_step() -> None:
    st.header("All done. Thank you!")
    if not progress.complete:
        step = progress.steps[progress.next_step]
        st.warning(f"'{step.title}' still has unanswered questions.")
        if st.button("Go there"):
            go(progress.next_step)
        return
    st.write("Your answers are saved. Your results are one tap away.")
    if st.button("Back", key="finish-back"):
        go(len(steps) - 1)
    if st.button("See my results", type="primary", use_container_width=True):
        try:
            result = svc.finish_check(engine, attempt)
        except (InputError, CheckClosedError) as err:
            st.error(str(err))
            return
        if result.code:
            st.session_state.setdefault("new_codes", {})[attempt] = result.code
        ui.own_attempts().add(attempt)
        st.switch_page("pages/results.py", query_params={"attempt": attempt})


if index >= len(steps):
    finish_step()
elif steps[index].kind == "questionnaire":
    questionnaire_step(index)
elif steps[index].kind == "role_models":
    role_models_step(index)
else:
    role_model_step(index)
