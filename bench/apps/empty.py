"""An empty Streamlit page: its boot is the floor every page pays (bench.browser)."""

import streamlit as st

st.write("bench-empty-ready")
