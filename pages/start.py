import streamlit as st

from questionnaires import load_instruments

st.title("Pedestal")
st.subheader("Does admiring this runner lift you up or wear you down?")
st.write(
    "Most of us have a runner we look up to: an Olympian, a club mate, a coach, a friend. "
    "Sometimes that admiration makes us want to lace up; sometimes it leaves us feeling we're "
    "not a *real* runner. This self-check helps you see which, for each person you name."
)
st.markdown(
    "- **About 8 minutes**, on your phone is fine.\n"
    "- **No account.** At the end you get a result code to come back, retake or delete.\n"
    "- **Not a diagnosis.** These are short questionnaires modelled on published research and "
    "written in our own words. They reflect how things feel for you right now."
)
with st.expander("What you'll be asked"):
    for questionnaire in load_instruments().values():
        st.markdown(f"**{questionnaire.title}**: {questionnaire.description}")
with st.expander("What we store"):
    st.write(
        "Your answers, the short names you give your role models, and the time. No name, email, "
        "IP address or trackers. Only a scrambled form of your result code is kept, so nobody, "
        "us included, can look you up. You can delete everything at any time with your code."
    )
if st.button("Start the self-check", type="primary", use_container_width=True):
    st.switch_page("pages/check.py")
st.page_link("pages/come_back.py", label="I have a result code", icon=":material/key:")
