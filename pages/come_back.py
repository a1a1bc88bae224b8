import streamlit as st

from pages import ui
from services import returning
from services.history import load_history

engine = ui.engine()
st.title("Come back with your code")

runner = None
if rid := st.session_state.get("respondent_id"):
    runner = returning.load_returning(engine, rid)
    if runner is None:  # deleted meanwhile
        st.session_state.pop("respondent_id", None)

if runner is None:
    st.write("Type the result code you were given at the end of your check.")
    with st.form("code-form"):
        code = st.text_input("Result code", max_chars=40, placeholder="XXXX-XXXX-XXXX-XXXX-XXXX")
        submitted = st.form_submit_button("Open my results", type="primary")
    if submitted:
        runner = returning.find_respondent(engine, code)
        if runner is None:
            st.error(
                "That code doesn't open any results. Check for typos (letters O and I are read "
                "as 0 and 1) and try again."
            )
            st.stop()
        st.session_state["respondent_id"] = runner.respondent_id
        st.rerun()
    st.stop()

st.success("Welcome back.")
if not runner.attempts:
    st.write("You have no finished checks yet.")
for number, attempt in enumerate(reversed(runner.attempts), start=1):
    when = attempt.submitted_at.strftime("%d %b %Y, %H:%M")
    label = f"Check of {when}" + (" (latest)" if number == 1 else "")
    st.page_link(
        "pages/results.py",
        label=label,
        icon=":material/insights:",
        query_params={"attempt": attempt.attempt_id},
    )

history = load_history(engine, runner)
if history.changes:
    st.subheader("What changed since last time")
    st.write(
        "A change counts as *reliable* only when it is bigger than the questionnaires' own "
        "wobble (reliable change index beyond ±1.96). Smaller changes may just be noise."
    )
    for item in history.changes:
        marker = "**Reliable change:**" if item.change.reliable else "No reliable change:"
        st.markdown(f"- {item.title}. {marker} {item.change.words}")
    ui.chart(history.chart, key="history")

if runner.attempts:
    with st.expander("Download your latest results"):
        ui.downloads(engine, runner.attempts[-1].attempt_id)

st.subheader("Take it again")
st.write(
    "Retaking the check later in the season shows what changed, and whether the change is bigger "
    "than the questionnaires' own wobble."
)
if st.button(
    "Continue my unfinished check" if runner.open_attempt_id else "Retake the check",
    type="primary",
):
    attempt_id = returning.start_retake(engine, runner.respondent_id)
    st.switch_page("pages/check.py", query_params={"attempt": attempt_id})

st.page_link("pages/privacy.py", label="Delete my data", icon=":material/delete:")
if st.button("Forget my code on this device"):
    ui.forget_session()
    st.rerun()
