"""Entry point: `streamlit run dashboard.py`. Navigation and language only."""

import streamlit as st

from registry.auth import allows
from ui.auth import ended_notice, status
from ui.lang import language_switch
from ui.uploads import refuse_uploads_without_editor
from views.text import t

st.set_page_config(page_title="Thai community programmes", page_icon="🗺️", layout="wide")
refuse_uploads_without_editor()
# Constant CSS for every page: text at WCAG 2.1 AA contrast. Streamlit draws captions,
# widget help and a disabled button (the breadcrumb's current step) at 60 % or 40 % of the
# text colour, about 3.9:1 and 2.3:1 on white; these come out at 7:1 or more.
st.html("""<style>
[data-testid="stCaptionContainer"] {opacity: 1;}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {color: #4a4c55;}
[data-testid="stSliderTickBarMin"], [data-testid="stSliderTickBarMax"] {color: #4a4c55;}
[data-testid="stWidgetLabel"] p, [data-testid="stMetricLabel"] p {color: #31333f;}
[class*="st-key-ex_crumb_"] button:disabled {color: #31333f; opacity: 1; font-weight: 600;}
[class*="st-key-ex_crumb_"] button:disabled * {color: #31333f;}
</style>""")
lang = language_switch()
pages = [
    st.Page("pages/overview.py", title=t("page_overview", lang), icon=":material/public:",
            default=True),
    st.Page("pages/explorer.py", title=t("page_explorer", lang), icon=":material/travel_explore:"),
    st.Page("pages/partners.py", title=t("page_partners", lang), icon=":material/handshake:"),
    st.Page("pages/programme.py", title=t("plural.programmes", lang),
            icon=":material/description:"),
    st.Page("pages/presenter.py", title=t("page_presenter", lang), icon=":material/slideshow:"),
]
# Editors and admins sign in on their own page (no map there to rerun the form); only then
# do their pages appear. The sidebar says who is signed in.
user = status()
ended_notice()
if user is not None and allows(user.role, "editor"):
    pages.append(st.Page("pages/edit.py", title=t("page_edit", lang),
                         icon=":material/edit_note:"))
    pages.append(st.Page("pages/import_data.py", title=t("page_import", lang),
                         icon=":material/upload_file:"))
if user is not None and allows(user.role, "admin"):
    pages.append(st.Page("pages/admin.py", title=t("page_admin", lang),
                         icon=":material/admin_panel_settings:"))
pages.append(st.Page("pages/sign_in.py",
                     title=t("page_sign_in" if user is None else "page_account", lang),
                     icon=":material/login:" if user is None else ":material/account_circle:"))
st.navigation(pages).run()
