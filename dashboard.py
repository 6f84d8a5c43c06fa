"""Entry point: `streamlit run dashboard.py`. Navigation and language only."""

import streamlit as st

from ui.lang import language_switch
from views.text import t

st.set_page_config(page_title="Thai community programmes", page_icon="🗺️", layout="wide")
lang = language_switch()
pages = [
    st.Page("pages/overview.py", title=t("page_overview", lang), icon="🗺️", default=True),
    st.Page("pages/explorer.py", title=t("page_explorer", lang), icon="🔎"),
    st.Page("pages/partners.py", title=t("page_partners", lang), icon="🤝"),
    st.Page("pages/programme.py", title=t("page_programmes", lang), icon="📋"),
    st.Page("pages/presenter.py", title=t("page_presenter", lang), icon="📽️"),
]
st.navigation(pages).run()
