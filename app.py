"""Pedestal: router only. Pages live in pages/, logic in plain modules."""

import streamlit as st

st.set_page_config(page_title="Pedestal", page_icon="🏃", layout="centered")
st.title("Pedestal")
st.write("Does admiring this runner lift you up or wear you down? The self-check is on its way.")
