"""Entry point: `streamlit run dashboard.py`. Navigation and language only."""

import streamlit as st

from registry.auth import allows
from ui.auth import ended_notice, status
from ui.lang import language_switch
from ui.navigation import entries
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
# Editors and admins sign in on their own page (no map there to rerun the form); only then
# do their pages appear. The sidebar says who is signed in.
user = status()
ended_notice()
pages = []
for entry in entries():
    if entry.role is None or (user is not None and allows(user.role, entry.role)):
        title, icon = entry.shown_as(signed_in=user is not None)
        pages.append(st.Page(entry.path, title=t(title, lang), icon=icon, default=entry.default))
st.navigation(pages).run()
