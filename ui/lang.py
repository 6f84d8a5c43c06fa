"""The interface language, kept in the URL (`?lang=en`) so a shared link keeps it."""

from __future__ import annotations

import streamlit as st

from views.text import LANGUAGE_NAMES, LANGUAGES


def language_switch() -> str:
    current = st.query_params.get("lang", "th")
    if current not in LANGUAGES:
        current = "th"
    chosen = st.sidebar.segmented_control(
        "ภาษา / Language", LANGUAGES, default=current, key="lang_choice",
        format_func=LANGUAGE_NAMES.get,
    ) or current
    if chosen != "th":
        st.query_params["lang"] = chosen
    elif "lang" in st.query_params:
        del st.query_params["lang"]
    return chosen


def current_language() -> str:
    return st.session_state.get("lang_choice") or st.query_params.get("lang", "th")
