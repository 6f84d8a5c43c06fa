"""Entry point: `streamlit run dashboard.py`. Navigation and language only."""

import streamlit as st

from ui.lang import language_switch
from views.text import t

st.set_page_config(page_title="Thai community programmes", page_icon="🗺️", layout="wide")
lang = language_switch()
pages = [
    st.Page("pages/overview.py", title=t("page_overview", lang), icon=":material/public:", default=True),
    st.Page("pages/explorer.py", title=t("page_explorer", lang), icon=":material/travel_explore:"),
    st.Page("pages/partners.py", title=t("page_partners", lang), icon=":material/handshake:"),
    st.Page("pages/programme.py", title=t("page_programmes", lang), icon=":material/description:"),
    st.Page("pages/presenter.py", title=t("page_presenter", lang), icon=":material/slideshow:"),
]
st.navigation(pages).run()
