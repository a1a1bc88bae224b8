import streamlit as st

from pages import ui
from services import returning

engine = ui.engine()
st.title("Privacy & my data")
st.markdown(
    "**What we store:** your answers, the short names and notes you give about your role models, "
    "and when you took the check. **What we don't:** your name, email, IP address, location, "
    "or any tracker. Your result code is stored only in scrambled (hashed) form, so it cannot be "
    "read back, by us or anyone.\n\n"
    "**How long:** until you delete it. Unfinished checks without a code are anonymous and hold "
    "nothing that identifies you.\n\n"
    "**Who sees it:** only someone holding your result code."
)

st.subheader("Delete everything")
if st.session_state.pop("deleted", False):
    st.success("Everything is deleted. Your code no longer opens anything.")
rid = st.session_state.get("respondent_id")
runner = returning.load_returning(engine, rid) if rid else None
if runner is None:
    st.write("To delete your data, first open it with your result code.")
    st.page_link("pages/come_back.py", label="Enter my result code", icon=":material/key:")
    st.stop()

n = len(runner.attempts)
st.write(
    f"This deletes your {n} finished check{'s' if n != 1 else ''}, any unfinished one, "
    "every answer and every role-model note, and makes your code stop working. It cannot be undone."
)
sure = st.checkbox("I understand this cannot be undone", key="delete-sure")
if st.button("Delete everything", type="primary", disabled=not sure):
    returning.delete_everything(engine, runner.respondent_id)
    ui.forget_session()
    st.session_state["deleted"] = True
    st.rerun()
