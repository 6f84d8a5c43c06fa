"""Entry point: `streamlit run dashboard.py`. Navigation and language only."""

import streamlit as st

from registry.auth import allows
from ui.auth import say as auth_text
from ui.auth import sign_in_form
from ui.lang import language_switch
from views.text import t

st.set_page_config(page_title="Thai community programmes", page_icon="🗺️", layout="wide")
lang = language_switch()
pages = [
    st.Page("pages/overview.py", title=t("page_overview", lang), icon=":material/public:",
            default=True),
    st.Page("pages/explorer.py", title=t("page_explorer", lang), icon=":material/travel_explore:"),
    st.Page("pages/partners.py", title=t("page_partners", lang), icon=":material/handshake:"),
    st.Page("pages/programme.py", title=t("page_programmes", lang), icon=":material/description:"),
    st.Page("pages/presenter.py", title=t("page_presenter", lang), icon=":material/slideshow:"),
]
# Editors and admins sign in in the sidebar; only then do their pages appear (issue 6).
user = sign_in_form()
if user is not None and allows(user.role, "editor"):
    pages.append(st.Page("pages/import_data.py", title=t("page_import", lang),
                         icon=":material/upload_file:"))
if user is not None and allows(user.role, "admin"):
    pages.append(st.Page("pages/admin.py", title=auth_text("page_admin", lang),
                         icon=":material/admin_panel_settings:"))
st.navigation(pages).run()
