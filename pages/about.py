from pathlib import Path

import streamlit as st

# One place for the science: the page shows docs/science.md, minus its own top heading.
SCIENCE = Path(__file__).resolve().parent.parent / "docs" / "science.md"
text = SCIENCE.read_text(encoding="utf-8")
st.title("About the science")
st.markdown(text.split("\n", 1)[1] if text.startswith("# ") else text)
