"""Sign-in for editors and admins (viewers need none); once signed in: who, until when, sign-out."""

import streamlit as st

from ui.auth import sign_in_form
from ui.entry import run_through_dashboard
from ui.lang import current_language
from views.text import t

NAVIGATION = {"title": "page_sign_in", "icon": ":material/login:", "order": 90,
              "signed_in_title": "page_account", "signed_in_icon": ":material/account_circle:"}
run_through_dashboard()
lang = current_language()
st.title(t("auth_sign_in", lang))
st.caption(t("auth_intro", lang))
sign_in_form()
