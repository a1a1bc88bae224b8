"""Pedestal: the router. Every screen is a file in pages/; logic lives in services/."""

import streamlit as st

st.set_page_config(page_title="Pedestal", page_icon="🏃", layout="centered")

# Tighter gaps let a 1-7 answer row fit on one line of a 360 px phone.
st.html(
    "<style>[data-testid='stRadioGroup'][aria-orientation='horizontal']"
    "{gap: 0.25rem 0.55rem;}</style>"
)

pages = {
    "Self-check": [
        st.Page("pages/start.py", title="Start", icon=":material/home:", default=True),
        st.Page("pages/check.py", title="Check", icon=":material/checklist:", url_path="check"),
        st.Page(
            "pages/results.py", title="Results", icon=":material/insights:", url_path="results"
        ),
        st.Page(
            "pages/come_back.py", title="Come back", icon=":material/key:", url_path="come-back"
        ),
    ],
    "About": [
        st.Page(
            "pages/about.py",
            title="About the science",
            icon=":material/menu_book:",
            url_path="about",
        ),
        st.Page(
            "pages/privacy.py",
            title="Privacy & my data",
            icon=":material/lock:",
            url_path="privacy",
        ),
    ],
}
st.navigation(pages, position="top").run()
