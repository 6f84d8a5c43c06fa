"""Admins: accounts (list, add, disable, new password), the audit log, and undoing an import.

Thin wiring: accounts live in registry.auth, the log in registry.audit, undo in
loaders.importer. Every change made here is audited under the admin's name.
"""

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

import settings
from loaders import importer
from registry import audit, auth
from registry.db import RegistryUnavailable, describe, session_scope
from registry.models import USER_ROLES
from ui.auth import require_role
from ui.data import engine as registry_engine
from ui.data import registry_changed
from ui.entry import run_through_dashboard
from ui.lang import current_language
from ui.logos import logo_section
from views.audit import audit_csv, audit_table, utc_range
from views.programme import md
from views.text import t, term

NAVIGATION = {"title": "page_admin", "icon": ":material/admin_panel_settings:", "order": 80,
              "role": "admin"}
run_through_dashboard()

LOG_PAGE_SIZE = 100

def refused(error: Exception) -> None:
    st.error(md(error), icon="🛑")


def change_account(change: Callable[[Session], Any], flash: Callable[[Any], str]) -> None:
    """One account change in its own transaction: done, the page reruns and says
    `flash(result)`; refused (auth.AuthError), it says why and nothing is stored."""
    try:
        with session_scope(engine) as session:
            result = change(session)
        st.session_state["admin_flash"] = flash(result)
        st.rerun()
    except auth.AuthError as error:
        refused(error)


lang = current_language()
admin = require_role("admin")
st.title(t("page_admin", lang))
if flash := st.session_state.pop("admin_flash", None):
    st.success(flash)
try:
    engine = registry_engine()
except RegistryUnavailable as error:
    st.warning(t("admin_unavailable", lang, error=md(error)), icon="🛑")
    st.stop()

st.caption(md(t("admin_database", lang, where=describe(settings.database_url()))))
users_tab, log_tab, imports_tab = st.tabs([t("admin_users", lang), t("admin_log", lang),
                                           term("audit_kind", "imports", lang)])

with users_tab:
    with session_scope(engine) as session:
        accounts = pd.DataFrame(auth.users(session))
    if accounts.empty:
        st.caption(t("admin_no_users", lang))
    else:
        st.dataframe(accounts, hide_index=True, key="users_table")

    with st.form("add_user", clear_on_submit=True):
        st.markdown(f"**{t('admin_add', lang)}**")
        name = st.text_input(t("username", lang), max_chars=50, key="add_name")
        role = st.selectbox(t("prog_role", lang), USER_ROLES, key="add_role")
        password = st.text_input(t("password", lang), type="password", key="add_password")
        again = st.text_input(t("admin_again", lang), type="password", key="add_again")
        if st.form_submit_button(t("admin_add", lang)):
            if password != again:
                st.error(t("admin_differ", lang))
            else:
                change_account(lambda session: auth.create_user(session, name, password, role,
                                                                by=admin.username),
                               lambda made: t("admin_added", lang, name=made.username))

    if not accounts.empty:
        left, right = st.columns(2)
        chosen = left.selectbox(t("admin_account", lang), accounts["username"].tolist(),
                                key="account")
        is_disabled = bool(accounts.loc[accounts["username"] == chosen, "disabled"].iloc[0])
        if left.button(t("admin_enable" if is_disabled else "admin_disable", lang),
                       key="toggle_account"):
            change_account(lambda session: auth.set_disabled(session, chosen, not is_disabled,
                                                             by=admin.username),
                           lambda _: t("admin_changed", lang))
        with right.form("reset_password", clear_on_submit=True):
            st.markdown(f"**{t('admin_new_password', lang)}**")
            new = st.text_input(t("password", lang), type="password", key="reset_password_1")
            new_again = st.text_input(t("admin_again", lang), type="password",
                                      key="reset_password_2")
            if st.form_submit_button(t("admin_set_password", lang)):
                if new != new_again:
                    st.error(t("admin_differ", lang))
                else:
                    change_account(lambda session: auth.change_password(
                                       session, chosen, new, by=admin.username),
                                   lambda _: t("admin_changed", lang))

with log_tab:
    with session_scope(engine) as session:
        known_actions = audit.actions(session)
        known_users = audit.usernames(session)
    columns = st.columns(5)
    who = columns[0].selectbox(t("user", lang), [None, *known_users], key="log_user",
                               format_func=lambda u: t("admin_everyone", lang) if u is None else u)
    kinds = columns[1].multiselect(t("admin_filter_kinds", lang), audit.KIND_NAMES, key="log_kinds",
                                   format_func=lambda kind: term("audit_kind", kind, lang))
    actions = columns[2].multiselect(t("admin_filter_actions", lang), known_actions,
                                     key="log_actions")
    start = columns[3].date_input(t("admin_from", lang), value=None, key="log_from")
    end = columns[4].date_input(t("admin_to", lang), value=None, key="log_to")
    since, until = utc_range(start, end)
    filters = {"username": who, "kinds": kinds or None, "actions": actions or None,
               "since": since, "until": until}
    with session_scope(engine) as session:
        total = audit.count(session, **filters)
    if not total:
        st.caption(t("admin_empty_log", lang))
    else:
        pages = -(-total // LOG_PAGE_SIZE)
        # The key names the page count, so narrower filters start again on page 1.
        number = int(st.number_input(t("admin_log_page", lang), 1, pages, 1,
                                     key=f"log_page_{pages}"))
        with session_scope(engine) as session:
            entries = audit.entries(session, limit=LOG_PAGE_SIZE,
                                    offset=(number - 1) * LOG_PAGE_SIZE, **filters)
        first = (number - 1) * LOG_PAGE_SIZE + 1
        st.caption(t("admin_log_shown", lang, first=first, last=first + len(entries) - 1,
                     total=total))
        st.dataframe(audit_table(entries, lang), hide_index=True, key="audit_table")

        def whole_log() -> bytes:
            with session_scope(engine) as session:
                return audit_csv(audit.entries(session, limit=None, **filters), lang)

        st.download_button(t("admin_download", lang), whole_log, "audit-log.csv", mime="text/csv",
                           on_click="ignore")

with imports_tab:
    past = importer.history(engine)
    if past.empty:
        st.caption(t("no_imports", lang))
    else:
        st.dataframe(past.drop(columns="sha256"), hide_index=True, key="imports_table")
        active = past.loc[past["undone_at"].isna(), "import_id"].tolist()
        if active:
            chosen_import = st.selectbox(t("undo_which", lang), active, key="admin_undo_choice")
            confirmed = st.checkbox(t("admin_confirm_undo", lang), key="admin_undo_confirm")
            if st.button(t("undo_import", lang), key="admin_undo_button", disabled=not confirmed):
                try:
                    result = importer.undo(engine, int(chosen_import),
                                           undone_by=admin.username)
                except (importer.ImportFailed, SQLAlchemyError) as error:
                    refused(error)
                else:
                    registry_changed()
                    st.session_state["admin_flash"] = t(
                        "admin_undone", lang, id=result.import_id, rows=result.removed_coverage,
                        claims=result.removed_claims)
                    st.rerun()

# --- organisations' logos (shown on presenter slides and one-pagers) ----------------------
st.divider()
logo_section(engine, admin, lang)
